import type { AchievementStatus, IpType, TransferMode } from '../../gql/graphql';

/**
 * The listing quality checklist the TTO reads before an achievement goes on the market (and while it is there):
 * is the benefit stated, is there a commercial route, is the IP clear, is the maturity given. Each item is met
 * or not, with no score: the officer decides.
 */
export interface ListingForChecklist {
  summary: string;
  trl?: number | null;
  conversionPlan?: string | null;
  transferModes: readonly TransferMode[];
  ipType?: IpType | null;
  ipRegistrationNumbers: readonly string[];
  askingPriceWan?: number | null;
}

export type ChecklistItem = 'benefit' | 'commercialRoute' | 'ip' | 'maturity' | 'price';

/** A summary shorter than this says too little to an enterprise about what it gains. */
export const MIN_BENEFIT_CHARACTERS = 30;

export function listingChecklist(listing: ListingForChecklist): Record<ChecklistItem, boolean> {
  return {
    benefit: [...listing.summary.trim()].length >= MIN_BENEFIT_CHARACTERS,
    commercialRoute: listing.transferModes.length > 0 && !!listing.conversionPlan?.trim(),
    // A trade secret has no registration number; every other kind of IP should name one.
    ip:
      !!listing.ipType &&
      (listing.ipType === 'TRADE_SECRET' || listing.ipRegistrationNumbers.some((number) => number.trim() !== '')),
    maturity: typeof listing.trl === 'number',
    price: typeof listing.askingPriceWan === 'number',
  };
}

/** The TTO's next step for an achievement after the notice, and the mutation that takes it. */
export type OfficeAction = 'signAgreement' | 'confirmRights' | 'list';

export function nextOfficeAction(status: AchievementStatus): OfficeAction | null {
  switch (status) {
    case 'APPROVED':
      return 'signAgreement';
    case 'AGREEMENT_SIGNED':
      return 'confirmRights';
    case 'RIGHTS_CONFIRMED':
      return 'list';
    default:
      return null;
  }
}

const UNITS = { days: 86_400, hours: 3_600, minutes: 60, seconds: 1 } as const;
export type PeriodUnit = keyof typeof UNITS;

/** A notice period in seconds as the largest whole unit (15 days, not 1296000 seconds). */
export function periodInUnits(seconds: number): { amount: number; unit: PeriodUnit } {
  for (const unit of ['days', 'hours', 'minutes'] as const) {
    if (seconds >= UNITS[unit] && seconds % UNITS[unit] === 0) return { amount: seconds / UNITS[unit], unit };
  }
  return { amount: seconds, unit: 'seconds' };
}

export function periodSeconds(amount: number, unit: PeriodUnit): number {
  return Math.round(amount * UNITS[unit]);
}
