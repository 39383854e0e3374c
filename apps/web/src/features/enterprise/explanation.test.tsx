import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../app/i18n';
import { MatchExplanation } from './components/MatchExplanation';
import { readableExplanation, type ExplainedDemand, type ExplainedMatch } from './explanation';

const demand: ExplainedDemand = {
  industry: { nameZh: '节能环保', nameEn: 'Energy saving & environment' },
  cooperationModes: ['LICENSE', 'TRANSFER'],
  budgetMinWan: 30,
  budgetMaxWan: 100,
};

const match: ExplainedMatch = {
  computedAt: '2026-12-07T00:00:00Z',
  explanation: {
    coverage: 0.666,
    missingTerms: ['余氯'],
    matchedTerms: [
      { term: '水质监测', via: null, fields: ['title', 'summary'] },
      { term: '传感器', via: 'sensor', fields: ['keywords', 'internal_vector'] },
    ],
    factors: [
      { factor: 'industry', effect: 0.05 },
      { factor: 'trl', effect: -0.03 },
      { factor: 'transferMode', effect: 0.04 },
      { factor: 'budget', effect: 0.03 },
      { factor: 'freshness', effect: -0.01 },
      { factor: 'someFutureFactor', effect: 0.02 },
      { factor: 'indicator', effect: 0.06, reason: '浊度检测下限 0.05 NTU ≤ 0.1 NTU' },
    ],
  },
  achievement: {
    trl: 3,
    askingPriceWan: 80,
    transferModes: ['LICENSE', 'EQUITY_INVESTMENT', 'ASSIGNMENT'],
    updatedAt: '2026-06-10T00:00:00Z',
  },
};

describe('readableExplanation', () => {
  it('turns the stored explanation into sentences built from the demand and the listing', () => {
    const readable = readableExplanation(match, demand, 'zh-CN');
    expect(readable.coveragePercent).toBe(67);
    expect(readable.terms).toEqual([
      { term: '水质监测', via: null, fields: ['title', 'summary'] },
      // A field the screen cannot name is left out rather than shown as a code.
      { term: '传感器', via: 'sensor', fields: ['keywords'] },
    ]);
    expect(readable.factors).toEqual([
      { key: 'industry', values: { industry: '节能环保' }, raises: true },
      { key: 'trlEarly', values: { trl: 3 }, raises: false },
      { key: 'modesOffered', values: {}, modes: ['LICENSE', 'ASSIGNMENT'], raises: true },
      { key: 'withinBudget', values: { price: 80, budget: 100 }, raises: true },
      { key: 'stale', values: { days: 180 }, raises: false },
      { key: 'otherUp', values: {}, raises: true },
      { key: 'indicatorMet', values: { figures: '浊度检测下限 0.05 NTU ≤ 0.1 NTU' }, raises: true },
    ]);
    expect(readable.missing).toEqual(['余氯']);
  });

  it('names the industry in the reader’s language', () => {
    expect(readableExplanation(match, demand, 'en').factors[0].values).toEqual({
      industry: 'Energy saving & environment',
    });
  });
});

describe('MatchExplanation', () => {
  afterEach(() => void i18n.changeLanguage('zh-CN'));

  const renderIt = () =>
    render(
      <I18nextProvider i18n={i18n}>
        <MatchExplanation match={match} demand={demand} />
      </I18nextProvider>,
    );

  it('reads as sentences in Chinese, with no engine codes', async () => {
    await i18n.changeLanguage('zh-CN');
    const { container } = renderIt();
    expect(screen.getByText('覆盖了需求中 67% 的关键词。')).toBeTruthy();
    // Words found in the same fields read as one line, with the synonym or translation that matched.
    expect(container.textContent).toContain('在名称、简介中：水质监测');
    expect(container.textContent).toContain('在关键词中：传感器（通过“sensor”匹配）');
    expect(screen.getByText('同属节能环保行业')).toBeTruthy();
    expect(screen.getByText('技术成熟度 3 级，尚处早期研究')).toBeTruthy();
    expect(screen.getByText('可以按你选的方式合作：许可、转让')).toBeTruthy();
    expect(screen.getByText('意向价格 80 万元，在预算 100 万元以内')).toBeTruthy();
    expect(screen.getByText('已 180 天未更新')).toBeTruthy();
    expect(screen.getByText('其他因素提高了排序')).toBeTruthy();
    expect(screen.getByText('未覆盖的词：余氯')).toBeTruthy();
    expect(screen.getByText('技术指标达标：浊度检测下限 0.05 NTU ≤ 0.1 NTU')).toBeTruthy();
    expect(screen.getAllByLabelText('提高排序')).toHaveLength(5);
    expect(screen.getAllByLabelText('降低排序')).toHaveLength(2);
    for (const code of ['transferMode', 'freshness', 'someFutureFactor', 'internal_vector', 'ASSIGNMENT', 'LICENSE'])
      expect(container.textContent).not.toContain(code);
  });

  it('reads in English too', async () => {
    await i18n.changeLanguage('en');
    const { container } = renderIt();
    expect(screen.getByText('Same industry: Energy saving & environment')).toBeTruthy();
    expect(screen.getByText('TRL 3: early research')).toBeTruthy();
    expect(container.textContent).toContain('In the keywords:传感器 (matched as “sensor”)');
  });
});
