import {
  AwardTier,
  checkScheme,
  EvaluationScheme,
  IndicatorSource,
  PlatformMetric,
  SchemeProblem,
  scoreInstitutions,
  ScoringMethod,
  tierOf,
} from './evaluation-scoring';

const SCHEME: EvaluationScheme = {
  indicators: [
    {
      key: 'contracts',
      label: '技术合同登记数',
      weight: 40,
      source: IndicatorSource.PLATFORM,
      platformMetric: PlatformMetric.REGISTERED_CONTRACTS,
      method: ScoringMethod.THRESHOLDS,
      thresholds: [
        { min: 1, points: 60 },
        { min: 5, points: 80 },
        { min: 10, points: 100 },
      ],
    },
    {
      key: 'revenue',
      label: '营业收入（万元）',
      weight: 60,
      source: IndicatorSource.SELF_REPORTED,
      platformMetric: null,
      method: ScoringMethod.MIN_MAX,
      thresholds: [],
    },
  ],
  tiers: { excellent: 90, good: 75, pass: 60 },
};

const byId = (results: ReturnType<typeof scoreInstitutions>) =>
  Object.fromEntries(results.map((r) => [r.institutionId, r]));

describe('scoreInstitutions', () => {
  it('scores thresholds and min–max, weights them and ranks the totals', () => {
    const results = scoreInstitutions(SCHEME, [
      { institutionId: 'a', values: { contracts: 12, revenue: 5000 } },
      { institutionId: 'b', values: { contracts: 5, revenue: 3000 } },
      { institutionId: 'c', values: { contracts: 0, revenue: 1000 } },
    ]);
    expect(results.map((r) => [r.institutionId, r.totalScore, r.rank, r.tier])).toEqual([
      ['a', 100, 1, AwardTier.EXCELLENT], // 100×0.4 + 100×0.6
      ['b', 62, 2, AwardTier.PASS], // 80×0.4 + 50×0.6
      ['c', 0, 3, AwardTier.FAIL], // below every threshold, the minimum of min–max
    ]);
    expect(results[1].indicators).toEqual([
      { key: 'contracts', value: 5, score: 80, weighted: 32 },
      { key: 'revenue', value: 3000, score: 50, weighted: 30 },
    ]);
  });

  it('scores a missing indicator 0, names it, and leaves it out of the min–max range', () => {
    const results = byId(
      scoreInstitutions(SCHEME, [
        { institutionId: 'a', values: { contracts: 10, revenue: null } },
        { institutionId: 'b', values: { contracts: 1, revenue: 2000 } },
        { institutionId: 'c', values: { contracts: 1 } },
        { institutionId: 'd', values: { revenue: 1000 } },
      ]),
    );
    expect(results.a.missingIndicators).toEqual(['revenue']);
    expect(results.a.totalScore).toBe(40);
    expect(results.b.indicators[1].score).toBe(100); // the maximum of the values present
    expect(results.d.indicators[1].score).toBe(0);
    expect(results.d.missingIndicators).toEqual(['contracts']);
    expect(results.c.missingIndicators).toEqual(['revenue']);
  });

  it('gives equal totals the same rank and skips the next (1, 2, 2, 4)', () => {
    const results = scoreInstitutions(SCHEME, [
      { institutionId: 'd', values: { contracts: 0, revenue: 0 } },
      { institutionId: 'c', values: { contracts: 5, revenue: 50 } },
      { institutionId: 'b', values: { contracts: 5, revenue: 50 } },
      { institutionId: 'a', values: { contracts: 10, revenue: 100 } },
    ]);
    expect(results.map((r) => [r.institutionId, r.rank])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 2],
      ['d', 4],
    ]);
  });

  it('gives every present value 100 when min–max has nothing to spread (one institution, or all equal)', () => {
    expect(
      scoreInstitutions(SCHEME, [{ institutionId: 'a', values: { contracts: 1, revenue: 7 } }])[0].totalScore,
    ).toBe(84);
    const equal = scoreInstitutions(SCHEME, [
      { institutionId: 'a', values: { contracts: 1, revenue: 7 } },
      { institutionId: 'b', values: { contracts: 1, revenue: 7 } },
    ]);
    expect(equal.map((r) => [r.totalScore, r.rank])).toEqual([
      [84, 1],
      [84, 1],
    ]);
  });

  it('weights need not sum to 100', () => {
    const scheme = { ...SCHEME, indicators: SCHEME.indicators.map((i) => ({ ...i, weight: i.weight / 10 })) };
    expect(
      scoreInstitutions(scheme, [{ institutionId: 'a', values: { contracts: 5, revenue: 1 } }])[0].totalScore,
    ).toBe(92);
  });

  it('scores nobody when nobody reported', () => {
    expect(scoreInstitutions(SCHEME, [])).toEqual([]);
  });
});

describe('tiers and schemes', () => {
  it.each([
    [100, AwardTier.EXCELLENT],
    [90, AwardTier.EXCELLENT],
    [89.99, AwardTier.GOOD],
    [75, AwardTier.GOOD],
    [74.99, AwardTier.PASS],
    [60, AwardTier.PASS],
    [59.99, AwardTier.FAIL],
    [0, AwardTier.FAIL],
  ])('%p is %p', (score, tier) => expect(tierOf(score, SCHEME.tiers)).toBe(tier));

  it('refuses schemes that cannot be scored, naming the field', () => {
    const field = (scheme: EvaluationScheme) => {
      try {
        checkScheme(scheme);
        return null;
      } catch (error) {
        return (error as SchemeProblem).field;
      }
    };
    const indicator = SCHEME.indicators[0];
    expect(field(SCHEME)).toBeNull();
    expect(field({ ...SCHEME, indicators: [] })).toBe('indicators');
    expect(field({ ...SCHEME, indicators: [indicator, indicator] })).toBe('indicators.1.key');
    expect(field({ ...SCHEME, indicators: [{ ...indicator, key: 'Bad Key' }] })).toBe('indicators.0.key');
    expect(field({ ...SCHEME, indicators: [{ ...indicator, weight: 0 }] })).toBe('indicators.0.weight');
    expect(field({ ...SCHEME, indicators: [{ ...indicator, platformMetric: null }] })).toBe(
      'indicators.0.platformMetric',
    );
    expect(field({ ...SCHEME, indicators: [{ ...indicator, thresholds: [] }] })).toBe('indicators.0.thresholds');
    expect(field({ ...SCHEME, indicators: [{ ...indicator, thresholds: [{ min: 1, points: 120 }] }] })).toBe(
      'indicators.0.thresholds',
    );
    expect(field({ ...SCHEME, tiers: { excellent: 90, good: 95, pass: 60 } })).toBe('tiers');
  });
});
