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
