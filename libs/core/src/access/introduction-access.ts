/**
 * What a brokered introduction reveals. Experts and demands ask this port (when a provider is bound) from their
 * single decision points; brokerage implements it. Defined here so those libs need not depend on brokerage.
 * A `true` answer is a reveal: the implementation logs it.
 */
export interface IntroductionAccess {
  /** Whether an introduction revealed this demand's confidential details to the user (a party of the other side). */
  revealsDemandConfidential(userId: string, demandId: string): Promise<boolean>;
  /** Whether an introduction revealed this expert's contact details to the user (a party of the demand side). */
  revealsExpertContact(userId: string, expertId: string): Promise<boolean>;
  /**
   * Which of these achievements' confidential fields an introduction revealed to the user (a party of the demand
   * side of a revealed introduction of the achievement). Batched: one query for a page.
   */
  revealsAchievementConfidential(userId: string, achievementIds: readonly string[]): Promise<Set<string>>;
}

/** Injection token of the IntroductionAccess provider (optional: absent, nothing is revealed by introductions). */
export const INTRODUCTION_ACCESS = Symbol('INTRODUCTION_ACCESS');

/** A subject whose confidential details a broker may read while they work on it. */
export type BrokeredSubject = 'DEMAND' | 'ACHIEVEMENT';

/**
 * What a broker may read or do because of their work, not their role: there is no blanket broker rule. Brokerage
 * implements it (entrustments, claims, the broker's verified credential and confidentiality acknowledgement);
 * demands, achievements and matching ask it from their decision points without depending on brokerage.
 */
export interface BrokerAccess {
  /**
   * Whether the broker may read the subject's confidential details now: a verified, unexpired credential, the
   * confidentiality terms acknowledged, and the subject entrusted to them or their agency or an active claim of
   * theirs on one of its matches. Answers the ids (of `subjectIds`) the broker may read; each is a read and is
   * logged with its basis. Batched: a page of subjects costs a constant number of queries.
   */
  brokerReadsConfidential(
    userId: string,
    subject: BrokeredSubject,
    subjectIds: readonly string[],
  ): Promise<Set<string>>;
  /** Whether the user holds the active claim on the match (the only broker who may act on it). */
  holdsMatchClaim(userId: string, matchId: string): Promise<boolean>;
  /**
   * Of these matches, those a broker is working on: an unreleased claim that still holds, or an introduction made
   * from it. Re-ranking a demand keeps them even when they fall out of the engine's list.
   */
  matchesInBrokersHands(matchIds: readonly string[]): Promise<Set<string>>;
}

/** Injection token of the BrokerAccess provider (optional: absent, no broker reads anything confidential). */
export const BROKER_ACCESS = Symbol('BROKER_ACCESS');
