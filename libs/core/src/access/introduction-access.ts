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
}

/** Injection token of the IntroductionAccess provider (optional: absent, nothing is revealed by introductions). */
export const INTRODUCTION_ACCESS = Symbol('INTRODUCTION_ACCESS');
