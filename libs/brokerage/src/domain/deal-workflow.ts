/**
 * The life of a brokered deal as a pure state machine: which stage follows which, who may move it, and what
 * must be known before it moves. No I/O: the service gathers the context, asks `planDealMove`, stores the result.
 */
export enum DealStage {
  INTRODUCED = 'INTRODUCED',
  NDA_SIGNED = 'NDA_SIGNED',
  NEGOTIATING = 'NEGOTIATING',
  CONTRACT_SIGNED = 'CONTRACT_SIGNED',
  /** 技术合同认定登记: the contract is registered with the technology-market authority. */
  REGISTERED = 'REGISTERED',
  CLOSED_WON = 'CLOSED_WON',
  CLOSED_LOST = 'CLOSED_LOST',
}

/** 技术合同 types as the registration (认定登记) knows them. */
export enum TechContractType {
  /** 技术转让 */
  TRANSFER = 'TRANSFER',
  /** 技术许可 */
  LICENSE = 'LICENSE',
  /** 技术开发 */
  DEVELOPMENT = 'DEVELOPMENT',
  /** 技术服务 */
  SERVICE = 'SERVICE',
  /** 技术咨询 */
  CONSULTING = 'CONSULTING',
}

export enum DealRole {
  /** The broker who made the introduction and runs the deal. */
  BROKER = 'BROKER',
  /** Someone of either side of the introduction (the enterprise; the achievement's team/TTO or the expert). */
  PARTY = 'PARTY',
  /** Anyone else (administrators read deals but do not move them). */
  OTHER = 'OTHER',
}

/** The forward path; CLOSED_LOST is reachable from every open stage. */
export const DEAL_PATH: readonly DealStage[] = [
  DealStage.INTRODUCED,
  DealStage.NDA_SIGNED,
  DealStage.NEGOTIATING,
  DealStage.CONTRACT_SIGNED,
  DealStage.REGISTERED,
  DealStage.CLOSED_WON,
];

export const CLOSED_STAGES: readonly DealStage[] = [DealStage.CLOSED_WON, DealStage.CLOSED_LOST];

export interface Registration {
  registrationNumber: string;
  /** 登记机构; optional (older registrations have none). */
  registrationAuthority?: string | null;
  contractType: TechContractType;
  contractValueWan: number;
  technicalIncomeWan: number;
  /** Why the registered value differs from the noticed agreed price (required when it does). */
  valueDifferenceReason?: string | null;
}

/** The price the deal agreed, and whether it was published in a price notice (协议定价公示). */
export interface AgreedPrice {
  agreedPriceWan: number | null;
  /** A price notice was published (whatever its outcome): the registered value must then agree with it. */
  noticed: boolean;
}

export interface DealMoveContext {
  /** A price notice (协议定价公示) is running: no contract may be signed until it ends. */
  priceNoticeOpen: boolean;
  /** A price notice ended with an objection that has not been answered by a new notice. */
  priceNoticeObjected: boolean;
  contractValueWan: number | null;
  registration?: Partial<Registration> | null;
  lostReason?: string | null;
  /** The agreed price the registration is checked against (absent: no check). */
  agreedPrice?: AgreedPrice;
}

export class DealMoveViolation extends Error {
  constructor(
    readonly kind: 'FORBIDDEN' | 'INVALID',
    message: string,
    readonly details: Record<string, unknown> = {},
    /** The error reason (libs/core's catalogue) when the violation has one of its own. */
    readonly reason?: string,
  ) {
    super(message);
    this.name = 'DealMoveViolation';
  }
}

export function isClosed(stage: DealStage): boolean {
  return CLOSED_STAGES.includes(stage);
}

/** The stages a deal may move to next (regardless of who asks). */
export function nextStages(from: DealStage): DealStage[] {
  if (isClosed(from)) return [];
  const next = DEAL_PATH[DEAL_PATH.indexOf(from) + 1];
  return [next, DealStage.CLOSED_LOST];
}

/** Forward moves are the broker's; either party may also walk away (CLOSED_LOST). */
function mayMove(roles: ReadonlySet<DealRole>, to: DealStage): boolean {
  if (roles.has(DealRole.BROKER)) return true;
  return to === DealStage.CLOSED_LOST && roles.has(DealRole.PARTY);
}

/**
 * Checks a move and returns the registration to store (for REGISTERED) — throws a DealMoveViolation naming the
 * current stage and what is allowed otherwise.
 */
export function planDealMove(
  from: DealStage,
  to: DealStage,
  roles: ReadonlySet<DealRole>,
  context: DealMoveContext,
): { to: DealStage; registration: Registration | null; lostReason: string | null } {
  const allowed = nextStages(from);
  if (!allowed.includes(to)) {
    throw new DealMoveViolation('INVALID', `A deal in stage ${from} cannot move to ${to}`, {
      field: 'stage',
      currentStage: from,
      allowedStages: allowed,
    });
  }
  if (!mayMove(roles, to)) {
    throw new DealMoveViolation('FORBIDDEN', `You may not move this deal to ${to}`, { currentStage: from });
  }
  switch (to) {
    case DealStage.CLOSED_LOST: {
      const reason = context.lostReason?.trim();
      if (!reason)
        throw new DealMoveViolation('INVALID', 'Closing a deal as lost needs a reason', { field: 'lostReason' });
      return { to, registration: null, lostReason: reason };
    }
    case DealStage.CONTRACT_SIGNED:
      if (context.priceNoticeOpen) {
        throw new DealMoveViolation('INVALID', 'The price notice (协议定价公示) is still running', {
          field: 'stage',
          currentStage: from,
        });
      }
      if (context.priceNoticeObjected) {
        throw new DealMoveViolation('INVALID', 'The price notice drew an objection: publish a new notice first', {
          field: 'stage',
          currentStage: from,
        });
      }
      if (context.contractValueWan === null || context.contractValueWan < 0) {
        throw new DealMoveViolation('INVALID', 'Set the contract value before signing', { field: 'contractValueWan' });
      }
      return { to, registration: null, lostReason: null };
    case DealStage.REGISTERED:
      return { to, registration: checkedRegistration(context.registration, context.agreedPrice), lostReason: null };
    case DealStage.INTRODUCED:
    case DealStage.NDA_SIGNED:
    case DealStage.NEGOTIATING:
    case DealStage.CLOSED_WON:
      return { to, registration: null, lostReason: null };
  }
}

/**
 * A registration (or the result of amending one) as it may be recorded: every field present, the technical income
 * within the value, the agreed price not above the registered value, and a value that differs from a noticed agreed
 * price only with a reason.
 */
export function checkedRegistration(
  input: Partial<Registration> | null | undefined,
  agreedPrice?: AgreedPrice,
): Registration {
  const number = input?.registrationNumber?.trim();
  if (!number)
    throw new DealMoveViolation('INVALID', 'Registering needs the registration number', {
      field: 'registrationNumber',
    });
  if (!input?.contractType)
    throw new DealMoveViolation('INVALID', 'Registering needs the contract type', { field: 'contractType' });
  const value = input.contractValueWan;
  if (value === undefined || value === null || !(value >= 0)) {
    throw new DealMoveViolation('INVALID', 'Registering needs the registered contract value', {
      field: 'contractValueWan',
    });
  }
  const income = input.technicalIncomeWan;
  if (income === undefined || income === null || !(income >= 0)) {
    throw new DealMoveViolation('INVALID', 'Registering needs the technical income', { field: 'technicalIncomeWan' });
  }
  if (income > value) {
    throw new DealMoveViolation('INVALID', 'The technical income cannot exceed the contract value', {
      field: 'technicalIncomeWan',
    });
  }
  const agreed = agreedPrice?.agreedPriceWan ?? null;
  // Compared in 万元 to the stored precision (4 decimals): 12.5 and 12.50001 agree.
  const tenThousandths = (wan: number) => Math.round(wan * 10_000);
  if (agreed !== null && tenThousandths(agreed) > tenThousandths(value)) {
    throw new DealMoveViolation(
      'INVALID',
      'The agreed price cannot exceed the contract value',
      { field: 'contractValueWan' },
      'AGREED_PRICE_EXCEEDS_CONTRACT_VALUE',
    );
  }
  const differenceReason = input.valueDifferenceReason?.trim() || null;
  const differs = agreed !== null && tenThousandths(agreed) !== tenThousandths(value);
  if (agreedPrice?.noticed && differs && !differenceReason) {
    throw new DealMoveViolation(
      'INVALID',
      `The registered value (${value}) differs from the noticed agreed price (${agreed}): give the reason`,
      { field: 'valueDifferenceReason', contractValueWan: value, agreedPriceWan: agreed },
      'VALUE_DIFFERENCE_REASON_REQUIRED',
    );
  }
  return {
    registrationNumber: number,
    registrationAuthority: input.registrationAuthority?.trim() || undefined,
    contractType: input.contractType,
    contractValueWan: value,
    technicalIncomeWan: income,
    // Kept only when it explains a difference.
    valueDifferenceReason: differs ? differenceReason : null,
  };
}

/** Deals whose achievement is institution-owned or rights-confirmed and whose price was agreed need 公示 to qualify. */
export function priceNoticeProblem(input: {
  stage: DealStage;
  isAchievement: boolean;
  institutionOwned: boolean;
  rightsConfirmed: boolean;
  agreedPriceWan: number | null | undefined;
  noticeOpen: boolean;
}): string | null {
  if (!input.isAchievement) return 'A price notice is for deals about an achievement';
  if (!input.institutionOwned && !input.rightsConfirmed) {
    return 'A price notice is for institution-owned or rights-confirmed achievements';
  }
  if (input.stage !== DealStage.NEGOTIATING)
    return `A price notice is published while NEGOTIATING (the deal is ${input.stage})`;
  if (input.agreedPriceWan === null || input.agreedPriceWan === undefined || !(input.agreedPriceWan > 0)) {
    return 'A price notice needs the agreed price';
  }
  if (input.noticeOpen) return 'A price notice is already running';
  return null;
}
