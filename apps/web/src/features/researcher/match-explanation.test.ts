import { beforeAll, describe, expect, it } from 'vitest';
import { i18n, loadLanguage } from '../../app/i18n';
import { explainMatch, uiLanguageOf } from './match-explanation';

const explanation = {
  coverage: 0.666,
  missingTerms: ['防爆'],
  matchedTerms: [
    { term: '水质', fields: ['title'] },
    { term: '传感器', via: 'sensor', fields: ['summary'] },
  ],
  factors: [
    { factor: 'industry', effect: 0.05, reason: 'same industry (water)' },
    { factor: 'trl', effect: -0.05, reason: 'TRL 2: early research' },
    { factor: 'unknownFactor', effect: 0.1, reason: 'not shown' },
  ],
};

describe('explainMatch', () => {
  beforeAll(() => loadLanguage('en'));
  it('reads in Chinese for a Chinese achievement, never showing the operators’ English notes', () => {
    const { raised, lowered } = explainMatch(explanation, i18n.getFixedT(uiLanguageOf('zh')));
    expect(raised).toEqual(['命中需求关键词：水质、传感器（经由 sensor），覆盖 67%', '与需求属于同一行业']);
    expect(lowered).toEqual(['技术成熟度较低，尚处早期研究', '未覆盖的需求关键词：防爆']);
    expect([...raised, ...lowered].join()).not.toContain('same industry');
  });

  it('reads in English for an English achievement', () => {
    const { raised, lowered } = explainMatch(explanation, i18n.getFixedT(uiLanguageOf('en')));
    expect(raised[0]).toBe("Matches the demand's key terms: 水质, 传感器 (via sensor) — 67% covered");
    expect(raised[1]).toBe('Same industry as the demand');
    expect(lowered).toEqual([
      'Early-stage research (low readiness level)',
      'Key terms of the demand not covered: 防爆',
    ]);
  });

  it('says once that the achievement’s figures meet the demand’s indicators, however many it meets', () => {
    const indicators = {
      ...explanation,
      factors: [
        { factor: 'indicator', effect: 0.06, reason: '能量密度 520 Wh/kg ≥ 500 Wh/kg' },
        { factor: 'indicator', effect: 0.06, reason: '循环寿命 3200次 ≥ 3000次' },
        { factor: 'indicator', effect: -0.04, reason: '内阻 8 mΩ，未达到 ≤ 5 mΩ' },
      ],
    };
    const { raised, lowered } = explainMatch(indicators, i18n.getFixedT(uiLanguageOf('zh')));
    expect(raised.filter((line) => line === '成果的技术参数达到需求的指标')).toHaveLength(1);
    expect(lowered).toContain('成果的技术参数未达到需求的指标');
  });

  it('says nothing for an empty explanation', () => {
    expect(
      explainMatch({ coverage: 0, missingTerms: [], matchedTerms: [], factors: [] }, i18n.getFixedT('en')),
    ).toEqual({ raised: [], lowered: [] });
  });
});
