import { DataSource } from 'typeorm';
import { AchievementEntity, AchievementStatus } from '@app/achievements';
import { DemandEntity } from '@app/demands';
import { OrganisationKind, Role } from '@app/identity';
import { randomCreditCode, startTestApi, TestAccounts, testAccounts, TestApi } from '@app/testing';
import {
  buildWorld,
  BrokerageWorld,
  CLAIM,
  errorCode,
  introducedDeal,
  MOVE,
  ok,
} from '../../../libs/brokerage/test/brokerage-world';
import { seedAchievement } from './achievements.fixtures';
import { TestActor } from './support/marketplace-actors';

const ORGANISATION = `query($id: ID!) { organisation(id: $id) { id verificationStatus verifiedAt
  latestVerificationRequest { id status creditCode rejectionReason } } }`;
const TWO_ORGANISATIONS = `query($a: ID!, $b: ID!) {
  a: organisation(id: $a) { latestVerificationRequest { id status } }
  b: organisation(id: $b) { latestVerificationRequest { id status } } }`;
const SUBMIT = `mutation($input: SubmitOrganisationVerificationInput!) { submitOrganisationVerification(input: $input) {
  id status creditCode registeredName organisation { verificationStatus } } }`;
const QUEUE = `query($first: Int) { organisationVerificationQueue(first: $first) { totalCount
  nodes { id creditCode registeredName evidence organisation { id name } } } }`;
const VERIFY = `mutation($id: ID!) { verifyOrganisation(requestId: $id) { id status organisation { verificationStatus } } }`;
const REJECT = `mutation($input: RejectOrganisationVerificationInput!) { rejectOrganisationVerification(input: $input) {
  id status rejectionReason organisation { verificationStatus } } }`;
const CREATE_DEMAND = `mutation($input: CreateDemandInput!) { createDemand(input: $input) { id status } }`;
const PUBLISH_DEMAND = `mutation($id: ID!) { publishDemand(id: $id) { id status } }`;
const SUBMIT_ACHIEVEMENT = `mutation($id: ID!) { submitAchievement(id: $id) { id status } }`;
const OBJECT_ACHIEVEMENT = `mutation($id: ID!) { fileAchievementObjection(id: $id, reason: "发明人署名有误") { achievementId } }`;
const PUBLISH_NOTICE = `mutation($id: ID!) { publishDealPriceNotice(dealId: $id, agreedPriceWan: 60) { id } }`;
const OBJECT_NOTICE = `mutation($id: ID!) { objectToPriceNotice(dealId: $id, reason: "低于评估价") }`;

const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString();

describe('organisation verification and what verification gates', () => {
  let api: TestApi;
  let dataSource: DataSource;
  let accounts: TestAccounts;
  let admin: TestActor;

  beforeAll(async () => {
    api = await startTestApi();
    dataSource = api.app.get(DataSource);
    accounts = testAccounts(api);
    admin = { label: 'admin', ...(await accounts.admin()) };
  });
  afterAll(() => api.close());

  const actorOf = (label: string, session: { userId: string; token: string }): TestActor => ({
    label,
    userId: session.userId,
    token: session.token,
  });
  const demandInput = (extra: Record<string, unknown> = {}) => ({
    title: '需要一套产线视觉检测方案',
    summary: '公开摘要',
    industryCode: 'low_altitude',
    deadline: inAMonth(),
    ...extra,
  });

  describe('an enterprise', () => {
    it('starts UNVERIFIED (public badge), drafts demands but cannot publish them until the bureau verifies it', async () => {
      const { organisationId, creator } = await accounts.selfServiceOrganisation(
        OrganisationKind.ENTERPRISE,
        '待认证科技有限公司',
        { verified: false },
      );
      const founder = actorOf('founder', creator);
      const anonymous = await api.gql(ORGANISATION, { id: organisationId });
      expect(anonymous.data!.organisation).toEqual({
        id: organisationId,
        verificationStatus: 'UNVERIFIED',
        verifiedAt: null,
        latestVerificationRequest: null,
      });

      const published = await api.gql(CREATE_DEMAND, { input: demandInput({ publish: true }) }, founder.token);
      expect(published.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ORGANISATION_NOT_VERIFIED' });
      const draft = (await ok(api, CREATE_DEMAND, { input: demandInput() }, founder)).createDemand;
      expect(draft.status).toBe('DRAFT');
      const publish = await api.gql(PUBLISH_DEMAND, { id: draft.id }, founder.token);
      expect(publish.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ORGANISATION_NOT_VERIFIED' });

      // The request: a 统一社会信用代码 is required and checked before it can be submitted.
      const submit = (creditCode?: string) =>
        api.gql(
          SUBMIT,
          {
            input: {
              organisationId,
              registeredName: ' 待认证科技有限公司 ',
              creditCode,
              evidence: '营业执照扫描件已邮寄',
            },
          },
          founder.token,
        );
      const cases: Array<[string | undefined, string]> = [
        [undefined, 'CREDIT_CODE_REQUIRED'],
        ['91440300708461136U', 'CREDIT_CODE_CHECK_CHARACTER'],
        ['9144030070846113', 'CREDIT_CODE_LENGTH'],
        ['91440300708461136I', 'CREDIT_CODE_CHARACTERS'],
      ];
      for (const [creditCode, reason] of cases) {
        const res = await submit(creditCode);
        expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'creditCode', reason });
      }
      const colleague = actorOf('colleague', await accounts.member(Role.ENTERPRISE_MEMBER, organisationId));
      const byMember = await api.gql(
        SUBMIT,
        { input: { organisationId, registeredName: '待认证科技有限公司', creditCode: randomCreditCode() } },
        colleague.token,
      );
      expect(byMember.errors![0].extensions!.code).toBe('FORBIDDEN');

      const code = randomCreditCode();
      const pasted = `${code.slice(0, 6)} ${code.slice(6, 12)}-${code.slice(12).toLowerCase()}`;
      const request = (await submit(pasted)).data!.submitOrganisationVerification;
      expect(request).toMatchObject({
        status: 'PENDING',
        creditCode: code,
        registeredName: '待认证科技有限公司',
        organisation: { verificationStatus: 'PENDING' },
      });
      expect((await submit(randomCreditCode())).errors![0].extensions!.code).toBe('CONFLICT');

      // The bureau's queue: administrators only.
      const queue = (await ok(api, QUEUE, { first: 100 }, admin)).organisationVerificationQueue;
      expect(queue.nodes).toContainEqual({
        id: request.id,
        creditCode: code,
        registeredName: '待认证科技有限公司',
        evidence: '营业执照扫描件已邮寄',
        organisation: { id: organisationId, name: '待认证科技有限公司' },
      });
      expect(queue.totalCount).toBeGreaterThanOrEqual(1);
      expect(await errorCode(api, QUEUE, {}, founder)).toBe('FORBIDDEN');
      expect(await errorCode(api, VERIFY, { id: request.id }, founder)).toBe('FORBIDDEN');
      // A plain member does not see the request (only its organisation's administrators and the bureau do).
      expect(await errorCode(api, VERIFY, { id: request.id }, colleague)).toBe('NOT_FOUND');
      const stranger = actorOf(
        'stranger',
        await accounts.member(
          Role.ENTERPRISE_MEMBER,
          (await accounts.organisation('别家', OrganisationKind.ENTERPRISE)).id,
        ),
      );
      expect(await errorCode(api, VERIFY, { id: request.id }, stranger)).toBe('NOT_FOUND');

      // Rejected with a reason (shown to the organisation's administrators, not to the public); submitted again.
      const blank = await api.gql(REJECT, { input: { requestId: request.id, reason: ' ' } }, admin.token);
      expect(blank.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      const rejected = (await ok(api, REJECT, { input: { requestId: request.id, reason: '名称与执照不符' } }, admin))
        .rejectOrganisationVerification;
      expect(rejected).toMatchObject({ status: 'REJECTED', organisation: { verificationStatus: 'REJECTED' } });
      expect(
        (await ok(api, ORGANISATION, { id: organisationId }, founder)).organisation.latestVerificationRequest,
      ).toMatchObject({
        status: 'REJECTED',
        rejectionReason: '名称与执照不符',
      });
      expect(
        (await api.gql(ORGANISATION, { id: organisationId })).data!.organisation.latestVerificationRequest,
      ).toBeNull();
      expect(await errorCode(api, VERIFY, { id: request.id }, admin)).toBe('CONFLICT');

      const again = (await submit(code)).data!.submitOrganisationVerification;
      const verified = (await ok(api, VERIFY, { id: again.id }, admin)).verifyOrganisation;
      expect(verified).toMatchObject({ status: 'APPROVED', organisation: { verificationStatus: 'VERIFIED' } });
      const badge = (await api.gql(ORGANISATION, { id: organisationId })).data!.organisation;
      expect(badge.verificationStatus).toBe('VERIFIED');
      expect(badge.verifiedAt).not.toBeNull();

      // Verified: publishing works.
      expect((await ok(api, PUBLISH_DEMAND, { id: draft.id }, founder)).publishDemand.status).toBe('OPEN');
      expect(
        (await ok(api, CREATE_DEMAND, { input: demandInput({ publish: true }) }, founder)).createDemand.status,
      ).toBe('OPEN');

      // One verified organisation per code.
      const copycat = await accounts.selfServiceOrganisation(OrganisationKind.ENTERPRISE, '冒用代码公司', {
        verified: false,
      });
      const taken = await api.gql(
        SUBMIT,
        { input: { organisationId: copycat.organisationId, registeredName: '冒用代码公司', creditCode: code } },
        copycat.creator.token,
      );
      expect(taken.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'CREDIT_CODE_TAKEN' });

      // Several organisations in one request (one batch): the latest request of each, for whom administers it.
      const pair = { a: organisationId, b: copycat.organisationId };
      expect(await ok(api, TWO_ORGANISATIONS, pair, admin)).toEqual({
        a: { latestVerificationRequest: { id: again.id, status: 'APPROVED' } },
        b: { latestVerificationRequest: null },
      });
      expect(await ok(api, TWO_ORGANISATIONS, pair, founder)).toEqual({
        a: { latestVerificationRequest: { id: again.id, status: 'APPROVED' } },
        b: { latestVerificationRequest: null },
      });
      await accounts.verifyOrganisation(copycat.organisationId, copycat.creator);
      const copycatRequest = (await ok(api, TWO_ORGANISATIONS, pair, admin)).b.latestVerificationRequest;
      expect(copycatRequest).toMatchObject({ status: 'APPROVED' });
      expect(copycatRequest.id).not.toBe(again.id);
      expect((await ok(api, TWO_ORGANISATIONS, pair, founder)).b.latestVerificationRequest).toBeNull();
    });
  });

  describe('an unverified email address', () => {
    let world: BrokerageWorld;
    let unverifiedMember: TestActor;
    let unverifiedResearcher: TestActor;
    let unverifiedBroker: TestActor;
    let unverifiedOnlooker: TestActor;

    /** Registered to join, approved by the platform administrator, address never verified. */
    async function approvedButUnverified(label: string, role: Role, organisationId: string): Promise<TestActor> {
      const session = await accounts.register({ role, organisationId, displayName: label });
      await ok(
        api,
        `mutation($id: ID!) { approveMembership(membershipId: $id) { id } }`,
        { id: await accounts.membershipIn(session, organisationId) },
        admin,
      );
      return actorOf(label, session);
    }

    beforeAll(async () => {
      world = await buildWorld(api, 'unverified', 1);
      unverifiedMember = await approvedButUnverified('member', Role.ENTERPRISE_MEMBER, world.enterprise.id);
      unverifiedResearcher = await approvedButUnverified('researcher', Role.RESEARCHER, world.university.id);
      unverifiedBroker = await approvedButUnverified('broker', Role.BROKER, world.agencyA.id);
      unverifiedOnlooker = actorOf(
        'onlooker',
        await accounts.register({
          role: Role.ENTERPRISE_MEMBER,
          newOrganisation: { name: '围观公司', kind: OrganisationKind.ENTERPRISE },
        }),
      );
    });

    const expectEmailNotVerified = async (query: string, variables: Record<string, unknown>, actor: TestActor) => {
      const res = await api.gql(query, variables, actor.token);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'EMAIL_NOT_VERIFIED' });
    };

    it('may sign in and draft, but not publish a demand', async () => {
      await expectEmailNotVerified(CREATE_DEMAND, { input: demandInput({ publish: true }) }, unverifiedMember);
      const draft = (await ok(api, CREATE_DEMAND, { input: demandInput() }, unverifiedMember)).createDemand;
      await expectEmailNotVerified(PUBLISH_DEMAND, { id: draft.id }, unverifiedMember);
      expect((await dataSource.getRepository(DemandEntity).findOneByOrFail({ id: draft.id })).status).toBe('DRAFT');
      // The same person, once verified, publishes.
      await accounts.verifyEmail(unverifiedMember.userId);
      expect((await ok(api, PUBLISH_DEMAND, { id: draft.id }, unverifiedMember)).publishDemand.status).toBe('OPEN');
    });

    it('may not submit an achievement', async () => {
      const draft = await seedAchievement(api, {
        institutionId: world.university.id,
        ownerId: unverifiedResearcher.userId,
        status: AchievementStatus.DRAFT,
      });
      await expectEmailNotVerified(SUBMIT_ACHIEVEMENT, { id: draft.id }, unverifiedResearcher);
      expect((await dataSource.getRepository(AchievementEntity).findOneByOrFail({ id: draft.id })).status).toBe(
        'DRAFT',
      );
    });

    it('may not object to a public notice (公示) or a price notice (协议定价公示)', async () => {
      const noticed = await seedAchievement(api, {
        institutionId: world.university.id,
        ownerId: world.researcher.userId,
        status: AchievementStatus.PUBLIC_NOTICE,
      });
      await expectEmailNotVerified(OBJECT_ACHIEVEMENT, { id: noticed.id }, unverifiedOnlooker);
      expect(
        (await ok(api, OBJECT_ACHIEVEMENT, { id: noticed.id }, world.outsider)).fileAchievementObjection.achievementId,
      ).toBe(noticed.id);

      await dataSource
        .getRepository(AchievementEntity)
        .update({ id: world.achievement.id }, { institutionOwned: true });
      const { dealId } = await introducedDeal(api, world);
      await ok(api, MOVE, { input: { dealId, stage: 'NDA_SIGNED' } }, world.brokers[0]);
      await ok(api, MOVE, { input: { dealId, stage: 'NEGOTIATING' } }, world.brokers[0]);
      await ok(api, PUBLISH_NOTICE, { id: dealId }, world.brokers[0]);
      await expectEmailNotVerified(OBJECT_NOTICE, { id: dealId }, unverifiedOnlooker);
      expect((await ok(api, OBJECT_NOTICE, { id: dealId }, world.outsider)).objectToPriceNotice).toBe(true);
    });

    it('may not claim a match', async () => {
      await expectEmailNotVerified(CLAIM, { id: world.expertMatch.id }, unverifiedBroker);
      expect(await errorCode(api, CLAIM, { id: world.expertMatch.id }, unverifiedOnlooker)).toBe('FORBIDDEN');
    });
  });
});
