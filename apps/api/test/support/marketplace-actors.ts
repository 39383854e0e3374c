import { DataSource } from 'typeorm';
import { MembershipEntity, OrganisationEntity, OrganisationKind, Role } from '@app/identity';
import { TestApi, uniqueEmail } from '@app/testing';

const PASSWORD = 'a long enough passphrase';

const REGISTER = `mutation Register($input: RegisterInput!) { register(input: $input) { accessToken user { id } } }`;

export interface TestActor {
  label: string;
  userId: string;
  token: string;
}

/** Organisations and signed-in users holding one role each, for role-by-role tests of the marketplace. */
export class MarketplaceActors {
  constructor(
    private readonly api: TestApi,
    private readonly dataSource: DataSource,
  ) {}

  async organisation(name: string, kind: OrganisationKind): Promise<OrganisationEntity> {
    const repo = this.dataSource.getRepository(OrganisationEntity);
    return repo.save(repo.create({ name, kind, externalKey: null, region: null }));
  }

  /**
   * Registers a user and makes `role` in `organisationId` their only membership. Roles an administrator grants
   * (TTO_OFFICER, ADMIN) are written directly: granting them is identity's concern and tested there.
   */
  async user(label: string, role: Role, organisationId: string): Promise<TestActor> {
    const selfService = [Role.RESEARCHER, Role.ENTERPRISE_MEMBER, Role.BROKER].includes(role);
    let registerInput: Record<string, unknown>;
    if (selfService) {
      registerInput = { role, organisationId };
    } else {
      // Register into a throwaway enterprise, then replace the membership.
      registerInput = {
        role: Role.ENTERPRISE_MEMBER,
        newOrganisation: { name: `${label} scratch`, kind: 'ENTERPRISE' },
      };
    }
    const res = await this.api.gql(REGISTER, {
      input: { email: uniqueEmail(label), password: PASSWORD, displayName: label, ...registerInput },
    });
    if (res.errors) throw new Error(`register ${label}: ${JSON.stringify(res.errors)}`);
    const { accessToken, user } = res.data!.register as { accessToken: string; user: { id: string } };
    if (!selfService) {
      const memberships = this.dataSource.getRepository(MembershipEntity);
      await memberships.delete({ userId: user.id });
      await memberships.insert({ userId: user.id, organisationId, role });
    }
    return { label, userId: user.id, token: accessToken };
  }

  async addRole(actor: TestActor, role: Role, organisationId: string): Promise<void> {
    await this.dataSource.getRepository(MembershipEntity).insert({ userId: actor.userId, organisationId, role });
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
