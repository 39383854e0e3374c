import {
  approvalProblem,
  assessEligibility,
  checkRewardTerms,
  planNewVersionPeriod,
  RewardFacts,
  RewardQualification,
  RewardRuleProblem,
  rewardAmount,
  RewardTerms,
  ruleVersionInForce,
} from './reward-rules';

const TERMS: RewardTerms = {
  qualifications: [
    RewardQualification.RIGHTS_CONFIRMED_CONTRACT_IN_DISTRICT,
    RewardQualification.INVENTOR_FOUNDED_COMPANY,
  ],
  districtRegions: ['杭州'],
  contractTypes: ['TRANSFER', 'LICENSE'],
  sharePercent: 10,
  minTechnicalIncomeWan: 10,
  capPerItemWan: 50,
  capPerYearWan: 120,
  requiredEvidence: ['技术合同', '赋权协议'],
};

const FACTS: RewardFacts = {
  rightsConfirmed: true,
  enterpriseRegion: '杭州',
  contractType: 'TRANSFER',
  technicalIncomeWan: 150,
  companyFoundedByInventors: false,
};

describe('rewardAmount', () => {
  it.each([
    // income, approved this year, amount, capped by, year remaining
    [150, 0, 15, null, 105],
    [100.12345, 0, 10.0123, null, 109.9877],
    [600, 0, 50, 'ITEM', 70], // the share (60) is over the item cap
    [500, 0, 50, null, 70], // exactly the item cap is not "over" it
    [300, 100, 20, 'YEAR', 0], // only 20 left of the year's 120
    [300, 120, 0, 'YEAR', 0], // the year's cap is reached
    [300, 130, 0, 'YEAR', 0], // over the cap already (a rule changed): never negative
    [0, 0, 0, null, 120],
  ])('%p 万元 of income with %p approved → %p (%p)', (income, approved, amount, cappedBy, remaining) => {
    const result = rewardAmount(TERMS, income, approved);
    expect(result.amountWan).toBe(amount);
    expect(result.cappedBy).toBe(cappedBy);
    expect(result.yearRemainingWan).toBe(remaining);
  });

  it('has no caps when the terms set none', () => {
    expect(rewardAmount({ ...TERMS, capPerItemWan: null, capPerYearWan: null }, 10_000, 5_000)).toEqual({
      uncappedWan: 1000,
      amountWan: 1000,
      cappedBy: null,
      yearRemainingWan: null,
    });
  });

  it('refuses a negative income', () => {
    expect(() => rewardAmount(TERMS, -1, 0)).toThrow(RangeError);
  });

  it('lets the bureau approve up to what the caps leave, not more, and nothing once the year is used up', () => {
    expect(approvalProblem(TERMS, 150, 0, 15)).toBeNull();
    expect(approvalProblem(TERMS, 150, 0, 10)).toBeNull();
    expect(approvalProblem(TERMS, 150, 0, 15.0001)).toEqual({ maxWan: 15 });
    expect(approvalProblem(TERMS, 150, 0, 0)).toEqual({ maxWan: 15 });
    expect(approvalProblem(TERMS, 150, 120, 1)).toEqual({ maxWan: 0 });
  });
});

describe('assessEligibility', () => {
  it.each<[string, Partial<RewardFacts>, boolean, RewardQualification | null, string[]]>([
    [
      'a district contract on a rights-confirmed achievement',
      {},
      true,
      RewardQualification.RIGHTS_CONFIRMED_CONTRACT_IN_DISTRICT,
      [],
    ],
    [
      'an enterprise outside the district',
      { enterpriseRegion: '西安' },
      false,
      null,
      ['ENTERPRISE_OUTSIDE_DISTRICT', 'NO_COMPANY_FOUNDED'],
    ],
    [
      'outside the district, but the inventors founded a company',
      { enterpriseRegion: '西安', companyFoundedByInventors: true },
      true,
      RewardQualification.INVENTOR_FOUNDED_COMPANY,
      [],
    ],
    [
      'an enterprise without a region',
      { enterpriseRegion: null },
      false,
      null,
      ['ENTERPRISE_OUTSIDE_DISTRICT', 'NO_COMPANY_FOUNDED'],
    ],
    ['rights not confirmed', { rightsConfirmed: false }, false, null, ['NOT_RIGHTS_CONFIRMED', 'NO_COMPANY_FOUNDED']],
    [
      'a service contract',
      { contractType: 'SERVICE' },
      false,
      null,
      ['CONTRACT_TYPE_NOT_COVERED', 'NO_COMPANY_FOUNDED'],
    ],
    [
      'income below the minimum',
      { technicalIncomeWan: 9.99 },
      false,
      null,
      ['TECHNICAL_INCOME_TOO_LOW', 'NO_COMPANY_FOUNDED'],
    ],
    [
      'income exactly the minimum',
      { technicalIncomeWan: 10 },
      true,
      RewardQualification.RIGHTS_CONFIRMED_CONTRACT_IN_DISTRICT,
      [],
    ],
    [
      'no income registered',
      { technicalIncomeWan: null },
      false,
      null,
      ['TECHNICAL_INCOME_TOO_LOW', 'NO_COMPANY_FOUNDED'],
    ],
  ])('%s', (_, facts, eligible, qualification, problems) => {
    expect(assessEligibility(TERMS, { ...FACTS, ...facts })).toEqual({ eligible, qualification, problems });
  });

  it('takes any contract type when the terms list none', () => {
    expect(assessEligibility({ ...TERMS, contractTypes: [] }, { ...FACTS, contractType: 'SERVICE' }).eligible).toBe(
      true,
    );
  });
});

describe('rule versions', () => {
  const v1 = { id: 'v1', version: 1, effectiveFrom: '2025-01-01', effectiveTo: '2025-12-31' };
  const v2 = { id: 'v2', version: 2, effectiveFrom: '2026-01-01', effectiveTo: '2026-06-30' };
  const v3 = { id: 'v3', version: 3, effectiveFrom: '2026-07-01', effectiveTo: null };
  const versions = [v1, v2, v3];
  const at = (iso: string) => new Date(iso);

  it.each([
    // Shanghai dates: 2026-06-30T16:00Z is already 1 July in Shanghai.
    ['2025-06-01T04:00:00Z', 'v1'],
    ['2025-12-31T15:59:59Z', 'v1'],
    ['2025-12-31T16:00:00Z', 'v2'],
    ['2026-06-30T15:59:59Z', 'v2'],
    ['2026-06-30T16:00:00Z', 'v3'], // v2 ends the day before this registration
    ['2030-01-01T00:00:00Z', 'v3'],
    ['2024-12-31T12:00:00Z', null], // before any version
  ])('a contract registered at %s uses %s', (registeredAt, expected) => {
    expect(ruleVersionInForce(versions, at(registeredAt))?.id ?? null).toBe(expected);
  });

  it('finds no version in a gap between two', () => {
    expect(ruleVersionInForce([v1, v3], at('2026-03-01T00:00:00Z'))).toBeNull();
  });

  it('closes the open version the day before a new one starts, and refuses overlaps and bad periods', () => {
    expect(planNewVersionPeriod(versions, { effectiveFrom: '2027-01-01', effectiveTo: null }).closes).toBe(v3);
    expect(planNewVersionPeriod([v1], { effectiveFrom: '2026-01-01', effectiveTo: null }).closes).toBeNull();
    const problem = (period: { effectiveFrom: string; effectiveTo: string | null }, list = versions) => {
      try {
        planNewVersionPeriod(list, period);
        return null;
      } catch (error) {
        return error instanceof RewardRuleProblem ? [error.reason, error.params] : error;
      }
    };
    expect(problem({ effectiveFrom: '2026-03-01', effectiveTo: '2026-04-01' })).toEqual([
      'REWARD_RULE_PERIOD_OVERLAPS',
      { version: 2 },
    ]);
    expect(problem({ effectiveFrom: '2024-06-01', effectiveTo: '2025-01-01' })).toEqual([
      'REWARD_RULE_PERIOD_OVERLAPS',
      { version: 1 },
    ]);
    expect(problem({ effectiveFrom: '2024-01-01', effectiveTo: '2024-12-31' })).toBeNull();
    expect(problem({ effectiveFrom: '2026-02-30', effectiveTo: null })).toEqual([
      'REWARD_RULE_PERIOD_INVALID',
      { field: 'effectiveFrom' },
    ]);
    expect(problem({ effectiveFrom: '2024-05-01', effectiveTo: '2024-04-30' })).toEqual([
      'REWARD_RULE_PERIOD_INVALID',
      { field: 'effectiveTo' },
    ]);
  });

  it('checks the terms', () => {
    expect(() => checkRewardTerms(TERMS)).not.toThrow();
    const field = (terms: Partial<RewardTerms>) => {
      try {
        checkRewardTerms({ ...TERMS, ...terms });
        return null;
      } catch (error) {
        return (error as RewardRuleProblem).params.field;
      }
    };
    expect(field({ qualifications: [] })).toBe('qualifications');
    expect(field({ sharePercent: 0 })).toBe('sharePercent');
    expect(field({ sharePercent: 101 })).toBe('sharePercent');
    expect(field({ capPerItemWan: 0 })).toBe('capPerItemWan');
    expect(field({ capPerYearWan: -5 })).toBe('capPerYearWan');
    expect(field({ districtRegions: [] })).toBe('districtRegions');
    expect(field({ minTechnicalIncomeWan: -1 })).toBe('minTechnicalIncomeWan');
  });
});
