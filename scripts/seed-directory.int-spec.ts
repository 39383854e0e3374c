import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource, IsNull, Like } from 'typeorm';
import {
  AuthService,
  MembershipEntity,
  MembershipInvitationEntity,
  MembershipStatus,
  OrganisationEntity,
  OrganisationVerificationStatus,
  UserEntity,
} from '@app/identity';
import { BrokerProfileEntity, credentialProblem } from '@app/brokerage';
import { CliModule } from './cli/cli.module';
import { DEMO_INVITED_EMAIL, DEMO_LOGINS, DEMO_PASSWORD, seedDirectory } from './seed';

describe('seedDirectory', () => {
  let app: INestApplicationContext;
  let dataSource: DataSource;

  beforeAll(async () => {
    app = await (await Test.createTestingModule({ imports: [CliModule] }).compile()).init();
    dataSource = app.get(DataSource);
  }, 60_000);
  afterAll(() => app?.close());

  it('seeds verified organisations, working verified demo logins, a pending request and an open invitation, idempotently', async () => {
    const quiet = jest.spyOn(console, 'log').mockImplementation(() => undefined); // the printed invitation link
    await seedDirectory(app);
    await seedDirectory(app);
    quiet.mockRestore();

    const organisations = await dataSource.getRepository(OrganisationEntity).findBy({ externalKey: Like('seed:%') });
    expect(organisations.length).toBeGreaterThanOrEqual(9);
    expect(organisations.every((o) => o.verificationStatus === OrganisationVerificationStatus.VERIFIED)).toBe(true);

    const auth = app.get(AuthService);
    for (const login of DEMO_LOGINS) {
      const tokens = await auth.login(login.email, DEMO_PASSWORD);
      const actor = await auth.loadActor(tokens.userId);
      expect(actor.emailVerified).toBe(true);
      const memberships = await dataSource.getRepository(MembershipEntity).findBy({ userId: tokens.userId });
      expect(memberships).toEqual([
        expect.objectContaining({
          role: login.role,
          status: login.status ?? MembershipStatus.ACTIVE,
          orgAdmin: login.orgAdmin ?? false,
        }),
      ]);
    }
    const applicant = await dataSource.getRepository(UserEntity).findOneByOrFail({ email: 'applicant@demo.local' });
    expect((await auth.loadActor(applicant.id)).memberships).toEqual([]); // pending: no rights yet
    const tto = await dataSource.getRepository(UserEntity).findOneByOrFail({ email: 'tto@demo.local' });
    const university = organisations.find((o) => o.externalKey === 'seed:minghu-university')!;
    expect((await auth.loadActor(tto.id)).isOrgAdmin(university.id)).toBe(true);
    // The demo broker works at once: a verified, unexpired credential and confidentiality acknowledged.
    const broker = await dataSource.getRepository(UserEntity).findOneByOrFail({ email: 'broker@demo.local' });
    const profile = await dataSource.getRepository(BrokerProfileEntity).findOneByOrFail({ userId: broker.id });
    expect(credentialProblem(profile, new Date())).toBeNull();
    expect(profile.confidentialityAcknowledgedAt).not.toBeNull();

    const open = await dataSource.getRepository(MembershipInvitationEntity).findBy({
      email: DEMO_INVITED_EMAIL,
      organisationId: university.id,
      acceptedAt: IsNull(),
      revokedAt: IsNull(),
    });
    expect(open).toHaveLength(1);
    expect(open[0].invitedById).toBe(tto.id);
    expect(open[0].expiresAt.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
  }, 60_000);
});
