import { CorpusStatsBuilder } from './corpus-stats';
import { createLexicon } from './lexicon';
import { MatchDocument, MatchTargetType } from './match-document';
import { buildMatchQuery } from './match-query';
import { DEFAULT_MATCHING_CONFIG, MatchingConfig } from './matching-config';
import { analyzeDocument, scoreCandidates } from './scoring';
import { cosineFromRankingScore, semanticRelevance } from './semantic-relevance';

const { ACHIEVEMENT, EXPERT } = MatchTargetType;

describe('semantic relevance (optional semantic layer)', () => {
  it('scales cosine similarity min–max per target type', () => {
    const relevance = semanticRelevance([
      { type: ACHIEVEMENT, id: 'a', similarity: 0.8 },
      { type: ACHIEVEMENT, id: 'b', similarity: 0.5 },
      { type: ACHIEVEMENT, id: 'c', similarity: 0.2 },
      { type: EXPERT, id: 'e', similarity: 0.3 },
    ]);
    expect(relevance.get('ACHIEVEMENT:a')).toBe(1);
    expect(relevance.get('ACHIEVEMENT:b')).toBeCloseTo(0.5, 12);
    expect(relevance.get('ACHIEVEMENT:c')).toBe(0);
    expect(relevance.get('EXPERT:e')).toBe(1); // alone of its type
    expect(semanticRelevance([]).size).toBe(0);
  });

  it("reads cosine similarity from a vector search's ranking score, none for a document without a vector", () => {
    expect(cosineFromRankingScore(0.9969418)).toBeCloseTo(0.9938836, 6);
    expect(cosineFromRankingScore(0.5)).toBe(0);
    expect(cosineFromRankingScore(0)).toBeUndefined();
    expect(cosineFromRankingScore(undefined)).toBeUndefined();
  });

  describe('in the scoring', () => {
    const achievement = (id: string, title: string, summary: string): MatchDocument => ({
      type: ACHIEVEMENT,
      id,
      fields: { title, keywords: '', summary },
    });
    const docs = [
      achievement('battery', '低温锂离子电池电解液添加剂', '提升锂电池在零下30度的放电容量。'),
      achievement('heater', 'Self-heating traction pack', 'Keeps forklift cells warm in freezer warehouses.'),
      achievement('paint', '水性防腐涂料', '用于钢结构桥梁的防腐蚀涂层。'),
    ];
    const stats = docs.reduce((b, d) => b.add(d), new CorpusStatsBuilder()).build();
    const demand = { id: 'd', title: '锂电池冬天掉电快', description: '低温下电池容量衰减严重。' };
    const query = buildMatchQuery(demand, stats, createLexicon([]), DEFAULT_MATCHING_CONFIG);
    const now = new Date('2026-01-01T00:00:00Z');
    // The blend is the m5 score's (uncalibrated); the calibrated score is checked at the end.
    const m5: MatchingConfig = { ...DEFAULT_MATCHING_CONFIG, calibration: null };
    const score = (semantic?: Map<string, number>, config = m5) =>
      scoreCandidates(demand, query, docs.map(analyzeDocument), stats, config, now, semantic);

    it('changes nothing when the layer is off', () => {
      const lexical = score();
      expect(lexical.map((m) => m.id)).toEqual(['battery']);
      expect(lexical[0].explanation).not.toHaveProperty('semantic');
      expect(score(undefined)).toEqual(lexical);
    });

    it('ranks a target that shares no word with the demand by its semantic relevance alone', () => {
      const ranked = score(new Map([['ACHIEVEMENT:heater', 1]]));
      expect(ranked.map((m) => m.id)).toEqual(['battery', 'heater']);
      const heater = ranked[1];
      expect(heater.explanation).toMatchObject({ matchedTerms: [], textScore: 0, semantic: 1 });
      expect(heater.score).toBeCloseTo(DEFAULT_MATCHING_CONFIG.semantic.weight, 4);
      // The lexical match keeps (1 − weight) of its relevance and gets nothing semantic: it was not found so.
      const lexical = score()[0].score;
      expect(ranked[0].score).toBeCloseTo(lexical * (1 - DEFAULT_MATCHING_CONFIG.semantic.weight), 3);
      expect(ranked[0].explanation.semantic).toBe(0);
    });

    it('with the calibrated score, keeps a lexical match above a target found only semantically', () => {
      const ranked = score(new Map([['ACHIEVEMENT:heater', 1]]), DEFAULT_MATCHING_CONFIG);
      expect(ranked.map((m) => m.id)).toEqual(['battery', 'heater']);
      expect(ranked[1].score).toBeGreaterThan(0);
    });
  });
});
