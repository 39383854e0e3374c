import { OrganisationEntity, OrganisationKind, Role } from '@app/identity';
import { TestAccounts, testAccounts, TestApi } from '@app/testing';

export interface TestActor {
  label: string;
  userId: string;
  token: string;
}

/**
 * Organisations and signed-in users holding one role each, for role-by-role tests of the marketplace. Made
 * through the API (TestAccounts): the platform administrator creates the organisations (verified) and invites
 * each person, who registers with the invitation — an ACTIVE member with a verified address.
 */
export class MarketplaceActors {
  readonly accounts: TestAccounts;

  constructor(api: TestApi) {
    this.accounts = testAccounts(api);
  }

  organisation(name: string, kind: OrganisationKind): Promise<OrganisationEntity> {
    return this.accounts.organisation(name, kind);
  }

  /** An ACTIVE member holding `role` in `organisationId` (and nothing else), email verified, signed in. */
  async user(label: string, role: Role, organisationId: string): Promise<TestActor> {
    const session = await this.accounts.member(role, organisationId, label);
    return { label, userId: session.userId, token: session.token };
  }
}

/** Polls until `probe` returns a truthy value (short interval, bounded wait). */
export async function eventually<T>(
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
