import { describe, expect, it } from 'vitest';
import {
  apiRange,
  bureauToday,
  contractTypeChart,
  contractTypeRows,
  defaultDays,
  formatRatio,
  funnelChart,
  funnelRows,
  industryChart,
  industryRows,
  kpis,
  LEADERBOARD_TOP,
  leaderboardChart,
  monthsOf,
  periodChange,
  previousRange,
  tableCsv,
  trendChart,
  trendRows,
  type Column,
} from './dashboard-data';

describe('the range in the bureau’s calendar', () => {
  it('turns whole Shanghai days into a half-open range, and finds the previous period of equal length', () => {
    const range = apiRange('2026-01-01', '2026-01-31');
    expect(range).toEqual({ from: '2026-01-01T00:00:00+08:00', to: '2026-02-01T00:00:00+08:00' });
    expect(previousRange(range)).toEqual({ from: '2025-12-01T00:00:00+08:00', to: '2026-01-01T00:00:00+08:00' });
    expect(Date.parse(range.from) - Date.parse(previousRange(range).from)).toBe(31 * 86_400_000);
  });

  it('knows the Shanghai date near midnight UTC and defaults to the last twelve months', () => {
    expect(bureauToday(new Date('2026-03-31T16:30:00Z'))).toBe('2026-04-01');
    expect(defaultDays(new Date('2026-03-31T16:30:00Z'))).toEqual(['2025-05-01', '2026-04-01']);
  });

  it('lists every month the range touches', () => {
    expect(monthsOf(apiRange('2025-11-15', '2026-02-01'))).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});

describe('KPI cards', () => {
  it('computes the change over the previous period', () => {
    expect(periodChange(120, 100)).toEqual({ delta: 20, ratio: 0.2, direction: 'up' });
    expect(periodChange(75, 100)).toEqual({ delta: -25, ratio: -0.25, direction: 'down' });
    expect(periodChange(5, 0)).toEqual({ delta: 5, ratio: null, direction: 'up' });
    expect(formatRatio(periodChange(120, 100))).toBe('+20.0%');
    expect(formatRatio(periodChange(75, 100))).toBe('−25.0%');
    expect(formatRatio(periodChange(3, 3))).toBe('0%');
    expect(formatRatio(periodChange(5, 0))).toBeNull();
  });

  it('gives the seven figures in order, amounts marked, missing figures as zero', () => {
    const cards = kpis(
      { achievementsListed: 10, matches: 4, registeredContracts: 2, contractValueWan: 300.5 },
      { achievementsListed: 8, contractValueWan: 100 },
    );
    expect(cards.map((card) => card.key)).toEqual([
      'achievementsListed',
      'matches',
      'introductions',
      'contractsSigned',
      'registeredContracts',
      'contractValueWan',
      'technicalIncomeWan',
    ]);
    expect(cards[0]).toMatchObject({ value: 10, previous: 8, change: { ratio: 0.25 }, amount: false });
    expect(cards[5]).toMatchObject({
      value: 300.5,
      previous: 100,
      change: { delta: 200.5, ratio: 2.005 },
      amount: true,
    });
    expect(cards[2]).toMatchObject({ value: 0, previous: 0, change: { direction: 'flat' } });
  });
});

describe('charts: API rows → the SVG charts’ data and table rows', () => {
  const labels = {
    achievementsListed: '挂牌成果',
    matches: '匹配',
    introductions: '引荐',
    contractsSigned: '签约',
    registeredContracts: '登记合同',
    contractValueWan: '合同成交额',
    technicalIncomeWan: '技术交易额',
    count: '数量',
    wan: '万元',
    LISTED: '成果',
    MATCHED: '匹配',
    INTRODUCED: '引荐',
    SIGNED: '签约',
    REGISTERED_CONTRACT: '登记',
    LICENSE: '技术许可',
    TRANSFER: '技术转让',
  };

  it('fills the months without activity and draws counts as lines, the contract value as bars', () => {
    const rows = trendRows(
      [{ key: '2026-02', achievementsListed: 3, registeredContracts: 1, contractValueWan: 180.123 }],
      apiRange('2026-01-01', '2026-03-31'),
    );
    expect(rows.map((row) => [row.month, row.achievementsListed, row.contractValueWan])).toEqual([
      ['2026-01', 0, 0],
      ['2026-02', 3, 180.12],
      ['2026-03', 0, 0],
    ]);
    const chart = trendChart(rows, labels);
    expect(chart.categories).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(chart.lines.map((line) => line.name)).toEqual(['挂牌成果', '匹配', '引荐', '签约', '登记合同']);
    expect(chart.lines[0].data).toEqual([0, 3, 0]);
    expect(chart.lines[4].data).toEqual([0, 1, 0]);
    expect(chart.bars).toEqual({ name: '合同成交额', data: [0, 180.12, 0] });
    expect([chart.leftAxis, chart.rightAxis]).toEqual(['数量', '万元']);
  });

  it('shows the funnel 成果 → 匹配 → 引荐 → 签约 → 登记 with the conversion between shown steps', () => {
    const rows = funnelRows(
      [
        { step: 'LISTED', count: 100 },
        { step: 'MATCHED', count: 40 },
        { step: 'INTRODUCED', count: 10 },
        { step: 'DEAL', count: 8 },
        { step: 'SIGNED', count: 4 },
        { step: 'REGISTERED_CONTRACT', count: 3 },
      ],
      labels,
    );
    expect(rows.map((row) => [row.label, row.count, row.conversion])).toEqual([
      ['成果', 100, null],
      ['匹配', 40, 0.4],
      ['引荐', 10, 0.25],
      ['签约', 4, 0.4],
      ['登记', 3, 0.75],
    ]);
    expect(funnelChart(rows)).toEqual([
      { name: '成果', value: 100, conversion: null },
      { name: '匹配', value: 40, conversion: 0.4 },
      { name: '引荐', value: 10, conversion: 0.25 },
      { name: '签约', value: 4, conversion: 0.4 },
      { name: '登记', value: 3, conversion: 0.75 },
    ]);
    expect(
      funnelRows([], labels).every((row) => row.count === 0 && (row.conversion === null || row.conversion === 0)),
    ).toBe(true);
  });

  it('names industries in the page’s language and ranks them by contract value', () => {
    const industries = [
      { code: 'ai', nameZh: '人工智能', nameEn: 'Artificial intelligence' },
      { code: 'low_altitude', nameZh: '低空经济', nameEn: 'Low-altitude economy' },
    ];
    const api = [
      { key: 'ai', label: '人工智能', achievementsListed: 9, contractValueWan: 10 },
      { key: 'low_altitude', label: '低空经济', achievementsListed: 2, contractValueWan: 200 },
      { key: '∅', label: '∅', achievementsListed: 1, contractValueWan: 0 },
    ];
    const en = industryRows(api, industries, 'en', 'Unclassified');
    expect(en.map((row) => row.name)).toEqual(['Low-altitude economy', 'Artificial intelligence', 'Unclassified']);
    // The first category is drawn at the top.
    expect(industryChart(en, labels)).toEqual({
      categories: ['Low-altitude economy', 'Artificial intelligence', 'Unclassified'],
      series: [
        { name: '挂牌成果', data: [2, 9, 1] },
        { name: '合同成交额', data: [200, 10, 0] },
      ],
    });
    expect(industryRows(api, industries, 'zh-CN', '未分类')[0].name).toBe('低空经济');
  });

  it('labels contract types with their share of the value', () => {
    const rows = contractTypeRows(
      [
        { contractType: 'LICENSE', registeredContracts: 1, contractValueWan: 150, technicalIncomeWan: 100 },
        { contractType: 'TRANSFER', registeredContracts: 2, contractValueWan: 50, technicalIncomeWan: 50 },
      ],
      labels,
    );
    expect(rows.map((row) => [row.label, row.share])).toEqual([
      ['技术许可', 0.75],
      ['技术转让', 0.25],
    ]);
    expect(contractTypeChart(rows)).toEqual([
      { name: '技术许可', value: 150 },
      { name: '技术转让', value: 50 },
    ]);
  });

  it('draws the top ten of a leaderboard, the first at the top', () => {
    const rows = Array.from({ length: 12 }, (_, index) => ({
      rank: index + 1,
      key: `k${index}`,
      label: `机构${index + 1}`,
      contractValueWan: 100 - index,
    }));
    const chart = leaderboardChart(rows, '合同成交额');
    expect(LEADERBOARD_TOP).toBe(10);
    expect(chart.categories).toHaveLength(10);
    expect(chart.categories[0]).toBe('机构1');
    expect(chart.categories.at(-1)).toBe('机构10');
    expect(chart.series).toHaveLength(1);
    expect(chart.series[0].name).toBe('合同成交额');
    expect(chart.series[0].data.slice(0, 2)).toEqual([100, 99]);
    expect(leaderboardChart([{ rank: 1, key: 'x', label: '甲', contractValueWan: null }], '合同成交额')).toEqual({
      categories: ['甲'],
      series: [{ name: '合同成交额', data: [0] }],
    });
    expect(leaderboardChart([], '合同成交额').categories).toEqual([]);
  });
});

describe('CSV of a table view', () => {
  it('writes the columns as shown, with the BOM for Excel and formula cells neutralised', () => {
    const columns: Array<Column<{ name: string; value: number }>> = [
      { key: 'name', title: '机构', value: (row) => row.name },
      { key: 'value', title: '合同成交额', value: (row) => row.value, numeric: true },
    ];
    const csv = tableCsv(columns, [
      { name: '甲大学', value: 200 },
      { name: '=cmd|x', value: 1.5 },
    ]);
    expect(csv).toBe("\uFEFF机构,合同成交额\r\n甲大学,200\r\n'=cmd|x,1.5\r\n");
    expect([...new TextEncoder().encode(csv).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});
