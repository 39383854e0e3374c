import { CorpusStatsBuilder } from './corpus-stats';
import { createLexicon } from './lexicon';
import { MatchDocument, MatchTargetType } from './match-document';
import { buildMatchQuery } from './match-query';
import { DEFAULT_MATCHING_CONFIG } from './matching-config';
import { analyzeDocument, scoreCandidates } from './scoring';
import { analyze } from './text-analysis';

const achievement = (
  id: string,
  title: string,
  summary: string,
  extra: Partial<MatchDocument> = {},
): MatchDocument => ({
  type: MatchTargetType.ACHIEVEMENT,
  id,
  fields: { title, keywords: '', summary },
  ...extra,
});

const docs = [
  achievement('battery', '低温锂离子电池电解液添加剂', '提升锂电池在零下30度的放电容量，冬季续航衰减减少。'),
  achievement('paint', '水性防腐涂料', '用于钢结构桥梁的防腐蚀涂层，耐盐雾。'),
  achievement('rfid', 'Anti-metal RFID tag', 'A thin UHF RFID tag that reads on metal surfaces at 3 m.'),
  achievement('drone', '无人机巡检系统', '电力线路无人机自动巡检与缺陷识别。'),
];
const stats = docs.reduce((b, d) => b.add(d), new CorpusStatsBuilder()).build();
const lexicon = createLexicon([
  ['抗金属', 'anti-metal'],
  ['电子标签', 'RFID tag', '射频识别标签'],
]);
const now = new Date('2026-01-01T00:00:00Z');

describe('matching scoring', () => {
  it('analyzes Chinese into bigrams and English into stemmed words', () => {
    expect(analyze('电池掉电')).toEqual(['电池', '池掉', '掉电']);
    expect(analyze('The batteries are draining')).toEqual(['batteri', 'drain']);
  });

  it('ranks the listing that solves the demand first and explains the matched terms', () => {
    const demand = { id: 'd', title: '锂电池冬天掉电快', description: '低温下电池容量衰减严重，希望找到电解液方案。' };
    const query = buildMatchQuery(demand, stats, lexicon, DEFAULT_MATCHING_CONFIG);
    const ranked = scoreCandidates(demand, query, docs.map(analyzeDocument), stats, DEFAULT_MATCHING_CONFIG, now);
    expect(ranked[0].id).toBe('battery');
    expect(ranked[0].explanation.matchedTerms.map((t) => t.term)).toEqual(expect.arrayContaining(['电解液']));
    expect(ranked.find((m) => m.id === 'paint')).toBeUndefined();
  });

  it('finds an English listing for a Chinese demand through the glossary', () => {
    const demand = { id: 'd', title: '服务器机柜里的抗金属电子标签', description: '' };
    const query = buildMatchQuery(demand, stats, lexicon, DEFAULT_MATCHING_CONFIG);
    expect(query.searchQueries).toEqual(expect.arrayContaining(['rfid tag']));
    const ranked = scoreCandidates(demand, query, docs.map(analyzeDocument), stats, DEFAULT_MATCHING_CONFIG, now);
    expect(ranked[0].id).toBe('rfid');
    expect(ranked[0].explanation.matchedTerms.some((t) => t.via !== undefined)).toBe(true);
  });

  it('lets structured factors adjust but never overturn text relevance', () => {
    const strong = achievement('strong', '锂电池电解液低温添加剂', '锂电池电解液低温添加剂，低温放电。', {
      askingPriceWan: 900,
      trl: 2,
    });
    const weak = achievement('weak', '锂电池回收', '废旧电池拆解。', {
      askingPriceWan: 10,
      trl: 9,
      industries: ['新能源'],
      rightsStatus: '赋权确认',
    });
    const demand = { id: 'd', title: '锂电池电解液低温添加剂', budgetWan: 50, industry: '新能源' };
    const query = buildMatchQuery(demand, stats, lexicon, DEFAULT_MATCHING_CONFIG);
    const ranked = scoreCandidates(
      demand,
      query,
      [strong, weak].map(analyzeDocument),
      stats,
      DEFAULT_MATCHING_CONFIG,
      now,
    );
    expect(ranked.map((m) => m.id)).toEqual(['strong', 'weak']);
    const factors = ranked[0].explanation.factors.map((f) => f.factor);
    expect(factors).toEqual(expect.arrayContaining(['budget', 'trl']));
    expect(ranked[0].explanation.factors.every((f) => f.effect < 0)).toBe(true);
  });
});

describe('readable explanations', () => {
  const pack = achievement('pack', '动力电池包热失控预警系统', '电池包热失控的早期预警与热管理。', {
    trl: 8,
    askingPriceWan: 30,
  });
  const stats2 = [pack, ...docs].reduce((b, d) => b.add(d), new CorpusStatsBuilder()).build();

  it('shows whole words as matched terms, never a segmentation fragment such as 包热', () => {
    const demand = { id: 'd', title: '电池包热管理方案', description: '动力电池包热失控预警' };
    const query = buildMatchQuery(demand, stats2, lexicon, DEFAULT_MATCHING_CONFIG);
    // jieba cuts 电池包热管理 into 电池|包热|管理: the fragment is a key term (it counts for coverage) …
    expect(query.keyTerms.map((t) => t.term)).toContain('包热');
    const [top] = scoreCandidates(demand, query, [pack].map(analyzeDocument), stats2, DEFAULT_MATCHING_CONFIG, now);
    const shown = [...top.explanation.matchedTerms.map((t) => t.term), ...top.explanation.missingTerms];
    // … but is not shown.
    expect(shown).not.toContain('包热');
    expect(shown).toEqual(expect.arrayContaining(['失控', '预警']));
  });

  it('words the reasons in the demand’s language, without codes', () => {
    const zh = { id: 'd', title: '电池热失控预警', budgetWan: 50, industry: 'C38' };
    const en = { id: 'd', title: 'Battery thermal runaway warning', budgetWan: 50, industry: 'C38' };
    const target = {
      ...pack,
      industries: ['C38'],
      fields: { ...pack.fields, summary: `${pack.fields.summary} Thermal runaway warning for battery packs.` },
    };
    const reasons = (demand: typeof zh) =>
      scoreCandidates(
        demand,
        buildMatchQuery(demand, stats2, lexicon, DEFAULT_MATCHING_CONFIG),
        [analyzeDocument(target)],
        stats2,
        DEFAULT_MATCHING_CONFIG,
        now,
      )[0].explanation.factors.map((f) => f.reason);
    expect(reasons(zh)).toEqual(
      expect.arrayContaining(['与需求同属一个行业', '技术成熟度 8 级，可直接投产', '报价 30 万元，在预算 50 万元之内']),
    );
    const english = reasons(en);
    expect(english).toEqual(
      expect.arrayContaining(['same industry as the demand', 'asking CNY 300,000, within the budget of CNY 500,000']),
    );
    expect(english.join(' ')).not.toMatch(/C38|\p{Script=Han}/u);
  });
});

describe('technical indicators in scoring', () => {
  const meets = achievement(
    'meets',
    '高镍三元锂电池正极材料',
    '高镍三元正极材料，电芯能量密度达520 Wh/kg，循环寿命3000次，适用于动力电池。',
  );
  const fails = achievement(
    'fails',
    '高镍三元锂电池正极材料制备',
    '高镍三元正极材料制备工艺，电芯能量密度420 Wh/kg，循环寿命3000次，适用于动力电池。',
  );
  const silent = achievement('silent', '高镍三元锂电池正极材料包覆', '高镍三元正极材料包覆改性，适用于动力电池。');
  const stats3 = [meets, fails, silent, ...docs].reduce((b, d) => b.add(d), new CorpusStatsBuilder()).build();
  const rank = (demand: Parameters<typeof buildMatchQuery>[0], config = DEFAULT_MATCHING_CONFIG) =>
    scoreCandidates(
      demand,
      buildMatchQuery(demand, stats3, lexicon, config),
      [silent, fails, meets].map(analyzeDocument),
      stats3,
      config,
      now,
    );

  it('rewards the listing whose figure meets the threshold and names it in the demand’s language', () => {
    const ranked = rank({ id: 'd', title: '高镍三元正极材料', description: '要求电芯能量密度不低于500 Wh/kg。' });
    expect(ranked[0].id).toBe('meets');
    const indicator = (id: string) =>
      ranked.find((m) => m.id === id)!.explanation.factors.filter((f) => f.factor === 'indicator');
    expect(indicator('meets')).toEqual([
      {
        factor: 'indicator',
        effect: DEFAULT_MATCHING_CONFIG.factors.indicatorMet,
        reason: '电芯能量密度 520 Wh/kg ≥ 500 Wh/kg',
      },
    ]);
    expect(indicator('fails')).toEqual([
      {
        factor: 'indicator',
        effect: -DEFAULT_MATCHING_CONFIG.factors.indicatorFailed,
        reason: '电芯能量密度 420 Wh/kg，未达到 ≥ 500 Wh/kg',
      },
    ]);
    // A listing that states no figure gets neither bonus nor penalty.
    expect(indicator('silent')).toEqual([]);
  });

  it('reads the demand’s structured indicators; a failed must-have costs as much as a met one earns', () => {
    const ranked = rank({
      id: 'd',
      title: 'High-nickel cathode 高镍三元正极材料',
      description: '',
      indicators: [{ name: 'energy density', current: '350 Wh/kg', target: '500 Wh/kg', mustHave: true }],
    });
    const fails = ranked.find((m) => m.id === 'fails')!.explanation.factors.find((f) => f.factor === 'indicator')!;
    expect(fails.effect).toBe(-DEFAULT_MATCHING_CONFIG.factors.indicatorMet);
    expect(ranked[0].explanation.factors.find((f) => f.factor === 'indicator')?.reason).toBe(
      'energy density 520 Wh/kg ≥ 500 Wh/kg',
    );
  });

  it('changes nothing when the demand states no figure, or when the factor is off', () => {
    const plain = { id: 'd', title: '高镍三元正极材料', description: '希望提升电芯能量密度。' };
    expect(rank(plain).flatMap((m) => m.explanation.factors)).toEqual([]);
    const off = {
      ...DEFAULT_MATCHING_CONFIG,
      factors: { ...DEFAULT_MATCHING_CONFIG.factors, indicatorMet: 0, indicatorFailed: 0 },
    };
    const withFigure = { ...plain, description: '要求电芯能量密度不低于500 Wh/kg。' };
    const scores = (ranked: ReturnType<typeof rank>) => ranked.map((m) => [m.id, m.lexical]);
    expect(rank(withFigure, off).flatMap((m) => m.explanation.factors)).toEqual([]);
    expect(scores(rank(withFigure, off))).not.toEqual(scores(rank(withFigure)));
  });
});
