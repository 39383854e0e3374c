import { DataSource } from 'typeorm';
import { DemandConfidentialReadEntity, DemandEntity } from '@app/demands';
import { OrganisationKind, Role } from '@app/identity';
import { ControllableClock, startTestApi, TestApi, testAccounts } from '@app/testing';
import { BrokerConfidentialReadEntity } from '@app/brokerage';
import { buildWorld, BrokerageWorld, CLAIM, ok, PROPOSE } from './brokerage-world';
import { TestActor } from '../../../apps/api/test/support/marketplace-actors';

const QUEUE = `{ brokerWorkQueue(first: 5) { matches { totalCount } } }`;
const SUBMIT = `mutation($input: BrokerCredentialInput!) { submitBrokerCredential(input: $input) {
  userId credentialStatus credentialLevel certificateNumber issuingBody credentialExpiresAt } }`;
const QUEUE_OF_CREDENTIALS = `{ brokerCredentialQueue { userId credentialStatus certificateNumber } }`;
const VERIFY = `mutation($userId: ID!) { verifyBrokerCredential(userId: $userId) { credentialStatus credentialDecidedAt } }`;
const REJECT = `mutation($userId: ID!, $reason: String!) { rejectBrokerCredential(userId: $userId, reason: $reason) {
  credentialStatus credentialRejectionReason } }`;
const ACKNOWLEDGE = `mutation { acknowledgeBrokerConfidentiality { confidentialityAcknowledgedAt } }`;
const DEMAND = `query($id: ID!) { demand(id: $id) { id confidentialDetails organisation { id } } }`;
const ACHIEVEMENT = `query($id: ID!) { achievement(id: $id) { id description } }`;
const DISMISS = `mutation($id: ID!) { dismissMatch(matchId: $id) { id status } }`;
const INTERESTED = `mutation($id: ID!) { markMatchInterested(matchId: $id) { id status } }`;
const RELEASE = `mutation($id: ID!) { releaseClaim(claimId: $id) { id releasedAt } }`;
const ENTRUST = `mutation($input: EntrustInput!) { entrust(input: $input) { id } }`;

function credentialInput(expiresAt: Date, certificateNumber = 'JSJJR-2026-0001') {
  return { level: 'SENIOR', certificateNumber, issuingBody: '浙江省科学技术厅', expiresAt: expiresAt.toISOString() };
}

describe('brokers: credentials, confidential access by work, claim-holder actions', () => {
  let api: TestApi;
  let dataSource: DataSource;
  const clock = new ControllableClock();

  beforeAll(async () => {
    clock.install();
    api = await startTestApi();
    dataSource = api.app.get(DataSource);
  });
  afterAll(async () => {
    await api.close();
    clock.uninstall();
  });

  async function reason(query: string, variables: Record<string, unknown>, actor: { token: string }) {
    const res = await api.gql(query, variables, actor.token);
    if (!res.errors) throw new Error(`expected an error, got ${JSON.stringify(res.data)}`);
    return { code: res.errors[0].extensions?.code, reason: res.errors[0].extensions?.reason };
  }

  describe('confidential details only through work on the subject', () => {
    let world: BrokerageWorld;
    let anonymousDemand: DemandEntity;
    beforeAll(async () => {
      world = await buildWorld(api, 'conf', 3);
      anonymousDemand = await dataSource.getRepository(DemandEntity).save({
        ...world.demand,
        id: undefined,
        title: 'conf 匿名需求',
        anonymous: true,
        confidentialDetails: 'conf 匿名机密',
      } as Partial<DemandEntity>);
      // Every broker has acknowledged confidentiality except brokers[2], who claims but never acknowledges.
      await testAccounts(api).acknowledgeBrokerConfidentiality(world.brokers[0]);
      await testAccounts(api).acknowledgeBrokerConfidentiality(world.brokers[1]);
    });

    it('hides a demand, an anonymous demand and an achievement from a broker not working on them', async () => {
      const broker = world.brokers[1];
      const demand = await ok(api, DEMAND, { id: world.demand.id }, broker);
      expect(demand.demand.confidentialDetails).toBeNull();
      const anonymous = await ok(api, DEMAND, { id: anonymousDemand.id }, broker);
      expect(anonymous.demand).toMatchObject({ confidentialDetails: null, organisation: null });
      const achievement = await ok(api, ACHIEVEMENT, { id: world.achievement.id }, broker);
      expect(achievement.achievement.description).toBeNull();
    });

    it('shows them to the broker holding a claim on one of its matches, after acknowledging, and logs each read', async () => {
      const holder = world.brokers[0];
      await ok(api, CLAIM, { id: world.achievementMatch.id }, holder);
      const demand = await ok(api, DEMAND, { id: world.demand.id }, holder);
      expect(demand.demand.confidentialDetails).toContain('CONFIDENTIAL');
      const achievement = await ok(api, ACHIEVEMENT, { id: world.achievement.id }, holder);
      expect(achievement.achievement.description).toBe('机密：算法细节');
      const brokerReads = await dataSource
        .getRepository(BrokerConfidentialReadEntity)
        .findBy({ userId: holder.userId });
      expect(brokerReads.map((row) => `${row.subjectType}:${row.basis}`).sort()).toEqual([
        'ACHIEVEMENT:CLAIM',
        'DEMAND:CLAIM',
      ]);
      expect(
        await dataSource
          .getRepository(DemandConfidentialReadEntity)
          .countBy({ demandId: world.demand.id, userId: holder.userId }),
      ).toBe(1);
      // Another broker's claim gives the others nothing.
      expect((await ok(api, DEMAND, { id: world.demand.id }, world.brokers[1])).demand.confidentialDetails).toBeNull();
    });

    it('needs the confidentiality acknowledgement even with a claim', async () => {
      const unacknowledged = world.brokers[2];
      await ok(api, CLAIM, { id: world.expertMatch.id }, unacknowledged);
      expect((await ok(api, DEMAND, { id: world.demand.id }, unacknowledged)).demand.confidentialDetails).toBeNull();
      await ok(api, ACKNOWLEDGE, {}, unacknowledged);
      expect((await ok(api, DEMAND, { id: world.demand.id }, unacknowledged)).demand.confidentialDetails).toContain(
        'CONFIDENTIAL',
      );
    });

    it("shows an anonymous demand's company to a broker its enterprise entrusted it to, and stops at release", async () => {
      const broker = world.brokers[1];
      await ok(
        api,
        ENTRUST,
        { input: { subjectType: 'DEMAND', subjectId: anonymousDemand.id, brokerIds: [broker.userId] } },
        world.member,
      );
      const seen = await ok(api, DEMAND, { id: anonymousDemand.id }, broker);
      expect(seen.demand).toEqual({
        id: anonymousDemand.id,
        confidentialDetails: 'conf 匿名机密',
        organisation: { id: world.enterprise.id },
      });
      const reads = await dataSource
        .getRepository(BrokerConfidentialReadEntity)
        .findBy({ userId: broker.userId, subjectId: anonymousDemand.id });
      expect(reads.every((row) => row.basis === 'ENTRUSTMENT')).toBe(true);
      expect(reads.length).toBeGreaterThan(0);

      // A released claim ends the holder's access.
      const holder = world.brokers[0];
      const claimId = (
        await dataSource.query<Array<{ id: string }>>(
          `SELECT id FROM match_claims WHERE broker_id = $1 AND released_at IS NULL`,
          [holder.userId],
        )
      )[0].id;
      await ok(api, RELEASE, { id: claimId }, holder);
      expect((await ok(api, DEMAND, { id: world.demand.id }, holder)).demand.confidentialDetails).toBeNull();
    });
  });

  describe('match actions', () => {
    let world: BrokerageWorld;
    beforeAll(async () => {
      world = await buildWorld(api, 'acts', 2);
    });

    it('lets only the broker holding the claim act on a match', async () => {
      const [holder, other] = world.brokers;
      // No claim: no broker may dismiss a match it merely sees in the queue.
      expect(await reason(DISMISS, { id: world.expertMatch.id }, other)).toEqual({
        code: 'FORBIDDEN',
        reason: 'MATCH_CLAIM_REQUIRED',
      });
      await ok(api, CLAIM, { id: world.achievementMatch.id }, holder);
      expect(await reason(INTERESTED, { id: world.achievementMatch.id }, other)).toMatchObject({
        reason: 'MATCH_CLAIM_REQUIRED',
      });
      expect(await reason(PROPOSE, { input: { matchId: world.achievementMatch.id } }, other)).toMatchObject({
        code: 'FORBIDDEN',
      });
      const claimId = (
        await dataSource.query<Array<{ id: string }>>(
          `SELECT id FROM match_claims WHERE broker_id = $1 AND released_at IS NULL`,
          [holder.userId],
        )
      )[0].id;
      expect(await reason(RELEASE, { id: claimId }, other)).toMatchObject({ code: 'FORBIDDEN' });
      const { markMatchInterested } = await ok(api, INTERESTED, { id: world.achievementMatch.id }, holder);
      expect(markMatchInterested.status).toBe('INTERESTED');
      // The demand side still gives its own feedback.
      expect((await ok(api, DISMISS, { id: world.expertMatch.id }, world.member)).dismissMatch.status).toBe(
        'DISMISSED',
      );
    });
  });

  it('an agency made by registering gives its creator no broker capability before the credential', async () => {
    const { creator } = await testAccounts(api).selfServiceOrganisation(
      OrganisationKind.BROKER_AGENCY,
      'trust 自建机构',
      {
        verified: false,
      },
    );
    expect(await reason(QUEUE, {}, creator)).toMatchObject({ reason: 'BROKER_CREDENTIAL_NOT_VERIFIED' });
  });

  // Last: it moves the clock past the certificate's expiry (and every session made before).
  describe('credentials', () => {
    let world: BrokerageWorld;
    let newcomer: TestActor;
    beforeAll(async () => {
      world = await buildWorld(api, 'cred', 1);
      const session = await testAccounts(api).member(Role.BROKER, world.agencyA.id, 'cred-newcomer', {
        brokerCredential: 'none',
      });
      newcomer = { label: 'newcomer', userId: session.userId, token: session.token };
    });

    it('gives an unverified broker no broker capability until an ADMIN verifies the credential', async () => {
      expect(await reason(QUEUE, {}, newcomer)).toEqual({
        code: 'FORBIDDEN',
        reason: 'BROKER_CREDENTIAL_NOT_VERIFIED',
      });
      expect(await reason(CLAIM, { id: world.achievementMatch.id }, newcomer)).toMatchObject({
        reason: 'BROKER_CREDENTIAL_NOT_VERIFIED',
      });
      expect(await reason(PROPOSE, { input: { matchId: world.achievementMatch.id } }, newcomer)).toMatchObject({
        reason: 'BROKER_CREDENTIAL_NOT_VERIFIED',
      });

      // Bad input is refused, trimmed input kept.
      expect(
        await reason(SUBMIT, { input: credentialInput(new Date(clock.now().getTime() - 1000)) }, newcomer),
      ).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'BROKER_CREDENTIAL_ALREADY_EXPIRED' });
      expect(
        await reason(
          SUBMIT,
          { input: { ...credentialInput(new Date(clock.now().getTime() + 1e10)), issuingBody: '  ' } },
          newcomer,
        ),
      ).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'BROKER_CREDENTIAL_FIELD_REQUIRED' });
      const expiresAt = new Date(clock.now().getTime() + 30 * 86_400_000);
      const { submitBrokerCredential } = await ok(
        api,
        SUBMIT,
        { input: { ...credentialInput(expiresAt), certificateNumber: '  JSJJR-2026-0001 ' } },
        newcomer,
      );
      expect(submitBrokerCredential).toMatchObject({
        credentialStatus: 'PENDING',
        credentialLevel: 'SENIOR',
        certificateNumber: 'JSJJR-2026-0001',
      });
      // Submitted is not verified.
      expect(await reason(CLAIM, { id: world.achievementMatch.id }, newcomer)).toMatchObject({
        reason: 'BROKER_CREDENTIAL_NOT_VERIFIED',
      });

      // Only platform administrators see the queue and decide.
      expect(await reason(QUEUE_OF_CREDENTIALS, {}, world.brokers[0])).toMatchObject({
        reason: 'PLATFORM_ADMIN_REQUIRED',
      });
      expect(await reason(VERIFY, { userId: newcomer.userId }, newcomer)).toMatchObject({
        reason: 'PLATFORM_ADMIN_REQUIRED',
      });
      const queue = await ok(api, QUEUE_OF_CREDENTIALS, {}, world.admin);
      expect(queue.brokerCredentialQueue.map((row: { userId: string }) => row.userId)).toContain(newcomer.userId);
      expect((await ok(api, VERIFY, { userId: newcomer.userId }, world.admin)).verifyBrokerCredential).toMatchObject({
        credentialStatus: 'VERIFIED',
      });
      expect(await reason(VERIFY, { userId: newcomer.userId }, world.admin)).toMatchObject({
        code: 'CONFLICT',
        reason: 'BROKER_CREDENTIAL_NOT_PENDING',
      });
      await ok(api, QUEUE, {}, newcomer);
    });

    it('rejects a credential with a reason, and suspends an expired one by the clock', async () => {
      const session = await testAccounts(api).member(Role.BROKER, world.agencyB.id, 'cred-rejected', {
        brokerCredential: 'pending',
      });
      expect(await reason(REJECT, { userId: session.userId, reason: '  ' }, world.admin)).toMatchObject({
        reason: 'REJECTION_REASON_REQUIRED',
      });
      const { rejectBrokerCredential } = await ok(
        api,
        REJECT,
        { userId: session.userId, reason: '证书编号无法核实' },
        world.admin,
      );
      expect(rejectBrokerCredential).toEqual({
        credentialStatus: 'REJECTED',
        credentialRejectionReason: '证书编号无法核实',
      });
      expect(await reason(QUEUE, {}, session)).toMatchObject({ reason: 'BROKER_CREDENTIAL_NOT_VERIFIED' });

      // The newcomer's certificate runs 30 days: past it, the work queue and claims are suspended.
      await ok(api, QUEUE, {}, newcomer);
      clock.advance(31 * 86_400_000);
      const freshSession = await testAccounts(api).login(
        (
          await dataSource.query<Array<{ email: string }>>('SELECT email FROM users WHERE id = $1', [newcomer.userId])
        )[0].email,
      );
      const fresh: TestActor = { label: 'newcomer again', ...freshSession };
      expect(await reason(QUEUE, {}, fresh)).toEqual({ code: 'FORBIDDEN', reason: 'BROKER_CREDENTIAL_EXPIRED' });
      expect(await reason(CLAIM, { id: world.expertMatch.id }, fresh)).toMatchObject({
        reason: 'BROKER_CREDENTIAL_EXPIRED',
      });
      // A renewal waits for review, then works again.
      await ok(
        api,
        SUBMIT,
        { input: credentialInput(new Date(clock.now().getTime() + 365 * 86_400_000), 'R2') },
        fresh,
      );
      expect(await reason(QUEUE, {}, fresh)).toMatchObject({ reason: 'BROKER_CREDENTIAL_NOT_VERIFIED' });
      const accounts = testAccounts(api);
      const admin = await accounts.login((await accounts.admin()).email);
      await ok(api, VERIFY, { userId: newcomer.userId }, { label: 'admin', userId: admin.userId, token: admin.token });
      await ok(api, QUEUE, {}, fresh);
    });
  });
});
