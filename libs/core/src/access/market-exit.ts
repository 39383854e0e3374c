import type { EntityManager } from 'typeorm';

/** A listing that can leave the market: a demand, an achievement or an expert profile. */
export type MarketSubject = 'DEMAND' | 'ACHIEVEMENT' | 'EXPERT';

/**
 * What happens to the brokers' work on a listing that left the market (an achievement withdrawn, a demand closed
 * or expired, an expert profile unlisted). Demands, achievements and experts call it in the transaction that made
 * the change, without depending on brokerage; brokerage implements it.
 */
export interface MarketExit {
  /**
   * Closes the subjects' open matches at once (claimed ones too): their claims end (except one backing a deal
   * under way), their PROPOSED introductions are withdrawn, and the broker holding a claim and the parties of a
   * withdrawn introduction are notified. Deals keep their own rules. `actorId` (who withdrew it) is not notified.
   */
  closeOpenMatches(
    manager: EntityManager,
    subject: MarketSubject,
    subjectIds: readonly string[],
    actorId: string | null,
  ): Promise<void>;
}

/** Injection token of the MarketExit provider (optional: absent, nothing is closed). */
export const MARKET_EXIT = Symbol('MARKET_EXIT');
