import { DealStage, TechContractType } from './deal-workflow';

/**
 * What a deal's move does to the listing and the demand it is about ("deals move what they are about"), as a pure
 * decision: the service holds the rows' locks, asks `marketEffects` and applies the answer.
 *
 * - Entering NEGOTIATING holds both: the listing becomes IN_NEGOTIATION, the demand IN_PROGRESS (only when they
 *   were LISTED / OPEN: what someone else already moved is not this deal's to hold).
 * - REGISTERED settles them: a transfer (技术转让) or an exclusive licence uses the listing up (TRANSFERRED); a
 *   non-exclusive licence, development, service or consulting contract leaves it on the market (back to LISTED if
 *   this deal held it and no other deal does). The demand is SOLVED.
 * - CLOSED_LOST releases what this deal held, when no other open deal holds it.
 */
export type ListingEffect = 'HOLD' | 'RELEASE' | 'TRANSFER' | null;
export type DemandEffect = 'HOLD' | 'RELEASE' | 'SOLVE' | null;

export interface MarketEffects {
  listing: ListingEffect;
  demand: DemandEffect;
}

export interface MarketEffectsInput {
  from: DealStage;
  to: DealStage;
  /** For REGISTERED: the registered contract's type and, for a licence, whether it is exclusive. */
  contractType?: TechContractType | null;
  exclusiveLicence?: boolean | null;
}

/** A registered contract that uses the listing up: a transfer, or an exclusive licence. */
export function usesListingUp(contractType: TechContractType | null | undefined, exclusive?: boolean | null): boolean {
  if (contractType === TechContractType.TRANSFER) return true;
  return contractType === TechContractType.LICENSE && exclusive === true;
}

export function marketEffects(input: MarketEffectsInput): MarketEffects {
  switch (input.to) {
    case DealStage.NEGOTIATING:
      return { listing: 'HOLD', demand: 'HOLD' };
    case DealStage.REGISTERED:
      return {
        listing: usesListingUp(input.contractType, input.exclusiveLicence) ? 'TRANSFER' : 'RELEASE',
        demand: 'SOLVE',
      };
    case DealStage.CLOSED_LOST:
      // Lost after its registration, the contract stands: nothing to undo.
      if (input.from === DealStage.REGISTERED) return { listing: null, demand: null };
      return { listing: 'RELEASE', demand: 'RELEASE' };
    case DealStage.INTRODUCED:
    case DealStage.NDA_SIGNED:
    case DealStage.CONTRACT_SIGNED:
    case DealStage.CLOSED_WON:
      return { listing: null, demand: null };
  }
}

/** Open stages in which a deal holds what it moved (a later deal's release must not undo it). */
export const HOLDING_STAGES: readonly DealStage[] = [DealStage.NEGOTIATING, DealStage.CONTRACT_SIGNED];
