import {
  DealMoveContext,
  DealMoveViolation,
  DealRole,
  DealStage as S,
  nextStages,
  planDealMove,
  priceNoticeProblem,
  TechContractType,
} from './deal-workflow';

const broker = new Set([DealRole.BROKER]);
const party = new Set([DealRole.PARTY]);
const other = new Set([DealRole.OTHER]);
const ctx: DealMoveContext = { priceNoticeOpen: false, priceNoticeObjected: false, contractValueWan: 100 };
const registration = {
  registrationNumber: '2026330106000123',
  contractType: TechContractType.LICENSE,
  contractValueWan: 100,
  technicalIncomeWan: 80,
};

function violation(fn: () => unknown): DealMoveViolation {
  try {
    fn();
  } catch (error) {
    if (error instanceof DealMoveViolation) return error;
    throw error;
  }
  throw new Error('expected a violation');
}

describe('deal workflow', () => {
  it('walks the forward path one stage at a time, CLOSED_LOST from any open stage', () => {
    expect(nextStages(S.INTRODUCED)).toEqual([S.NDA_SIGNED, S.CLOSED_LOST]);
    expect(nextStages(S.NDA_SIGNED)).toEqual([S.NEGOTIATING, S.CLOSED_LOST]);
    expect(nextStages(S.NEGOTIATING)).toEqual([S.CONTRACT_SIGNED, S.CLOSED_LOST]);
    expect(nextStages(S.CONTRACT_SIGNED)).toEqual([S.REGISTERED, S.CLOSED_LOST]);
    expect(nextStages(S.REGISTERED)).toEqual([S.CLOSED_WON, S.CLOSED_LOST]);
    expect(nextStages(S.CLOSED_WON)).toEqual([]);
    expect(nextStages(S.CLOSED_LOST)).toEqual([]);
  });

  it('refuses skipping and leaving a closed stage, naming what is allowed', () => {
    const skip = violation(() => planDealMove(S.INTRODUCED, S.NEGOTIATING, broker, ctx));
    expect(skip.kind).toBe('INVALID');
    expect(skip.details).toEqual({
      field: 'stage',
      currentStage: S.INTRODUCED,
      allowedStages: [S.NDA_SIGNED, S.CLOSED_LOST],
    });
    expect(violation(() => planDealMove(S.CLOSED_WON, S.CLOSED_LOST, broker, { ...ctx, lostReason: 'x' })).kind).toBe(
      'INVALID',
    );
    expect(violation(() => planDealMove(S.CLOSED_LOST, S.INTRODUCED, broker, ctx)).kind).toBe('INVALID');
  });

  it('lets the broker move forward, parties only walk away, others nothing', () => {
    expect(planDealMove(S.INTRODUCED, S.NDA_SIGNED, broker, ctx).to).toBe(S.NDA_SIGNED);
    expect(violation(() => planDealMove(S.INTRODUCED, S.NDA_SIGNED, party, ctx)).kind).toBe('FORBIDDEN');
    expect(planDealMove(S.NEGOTIATING, S.CLOSED_LOST, party, { ...ctx, lostReason: ' 价格谈不拢 ' }).lostReason).toBe(
      '价格谈不拢',
    );
    expect(violation(() => planDealMove(S.NEGOTIATING, S.CLOSED_LOST, other, { ...ctx, lostReason: 'x' })).kind).toBe(
      'FORBIDDEN',
    );
  });

  it('needs a reason to close as lost', () => {
    const missing = violation(() => planDealMove(S.NDA_SIGNED, S.CLOSED_LOST, broker, { ...ctx, lostReason: '  ' }));
    expect(missing.details.field).toBe('lostReason');
  });

  it('signs no contract while the price notice runs or after an objection, nor without a contract value', () => {
    expect(
      violation(() => planDealMove(S.NEGOTIATING, S.CONTRACT_SIGNED, broker, { ...ctx, priceNoticeOpen: true }))
        .message,
    ).toMatch(/still running/);
    expect(
      violation(() => planDealMove(S.NEGOTIATING, S.CONTRACT_SIGNED, broker, { ...ctx, priceNoticeObjected: true }))
        .message,
    ).toMatch(/objection/);
    expect(
      violation(() => planDealMove(S.NEGOTIATING, S.CONTRACT_SIGNED, broker, { ...ctx, contractValueWan: null }))
        .details.field,
    ).toBe('contractValueWan');
    expect(planDealMove(S.NEGOTIATING, S.CONTRACT_SIGNED, broker, ctx).to).toBe(S.CONTRACT_SIGNED);
  });

  it('registers only with the full 认定登记 details, technical income within the contract value', () => {
    expect(planDealMove(S.CONTRACT_SIGNED, S.REGISTERED, broker, { ...ctx, registration }).registration).toEqual({
      ...registration,
      registrationAuthority: undefined,
      valueDifferenceReason: null,
    });
    for (const [field, patch] of [
      ['registrationNumber', { registrationNumber: ' ' }],
      ['contractType', { contractType: undefined }],
      ['contractValueWan', { contractValueWan: undefined }],
      ['technicalIncomeWan', { technicalIncomeWan: -1 }],
      ['technicalIncomeWan', { technicalIncomeWan: 101 }],
    ] as const) {
      const problem = violation(() =>
        planDealMove(S.CONTRACT_SIGNED, S.REGISTERED, broker, { ...ctx, registration: { ...registration, ...patch } }),
      );
      expect(problem.details.field).toBe(field);
    }
  });

  it('checks the registered value against the agreed price: never below it, and a noticed price needs a reason to differ', () => {
    const register = (agreedPrice: { agreedPriceWan: number | null; noticed: boolean }, patch = {}) =>
      planDealMove(S.CONTRACT_SIGNED, S.REGISTERED, broker, {
        ...ctx,
        agreedPrice,
        registration: { ...registration, ...patch },
      }).registration;
    expect(violation(() => register({ agreedPriceWan: 120, noticed: false })).reason).toBe(
      'AGREED_PRICE_EXCEEDS_CONTRACT_VALUE',
    );
    expect(violation(() => register({ agreedPriceWan: 90, noticed: true })).reason).toBe(
      'VALUE_DIFFERENCE_REASON_REQUIRED',
    );
    expect(register({ agreedPriceWan: 90, noticed: false })?.valueDifferenceReason).toBeNull();
    expect(register({ agreedPriceWan: 90, noticed: true }, { valueDifferenceReason: ' 含培训费 ' })).toMatchObject({
      contractValueWan: 100,
      valueDifferenceReason: '含培训费',
    });
    // Agreeing to the stored precision needs no reason, and a reason given anyway is not kept.
    expect(register({ agreedPriceWan: 100.00001, noticed: true }, { valueDifferenceReason: 'x' })).toMatchObject({
      valueDifferenceReason: null,
    });
  });

  it('allows a price notice only for negotiated, priced deals of institution-owned or rights-confirmed achievements', () => {
    const base = {
      stage: S.NEGOTIATING,
      isAchievement: true,
      institutionOwned: false,
      rightsConfirmed: true,
      agreedPriceWan: 50,
      noticeOpen: false,
    };
    expect(priceNoticeProblem(base)).toBeNull();
    expect(priceNoticeProblem({ ...base, rightsConfirmed: false, institutionOwned: true })).toBeNull();
    expect(priceNoticeProblem({ ...base, rightsConfirmed: false })).toMatch(/institution-owned or rights-confirmed/);
    expect(priceNoticeProblem({ ...base, isAchievement: false })).toMatch(/achievement/);
    expect(priceNoticeProblem({ ...base, stage: S.NDA_SIGNED })).toMatch(/NEGOTIATING/);
    expect(priceNoticeProblem({ ...base, agreedPriceWan: null })).toMatch(/agreed price/);
    expect(priceNoticeProblem({ ...base, noticeOpen: true })).toMatch(/already running/);
  });
});
