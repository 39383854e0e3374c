import { DataSource } from 'typeorm';
import { DemandEntity, DemandStatus } from '@app/demands';
import { IntroductionEntity } from '@app/brokerage';
import { BrokerAgencySettingsChangeEntity } from '@app/brokerage';
import { AccountLinks, LinkPurpose, MembershipInvitationEntity, OrganisationKind, Role } from '@app/identity';
import { startTestApi, TEST_PASSWORD, TestAccounts, testAccounts, TestApi, uniqueEmail } from '@app/testing';
import {
  ACK,
  ANSWER,
  buildWorld,
  BrokerageWorld,
  CLAIM,
  errorCode,
  ok,
  PROPOSE,
} from '../../../libs/brokerage/test/brokerage-world';
import { TestActor } from './support/marketplace-actors';

const ME = `{ me { emailVerified memberships { id role status orgAdmin rejectionReason organisationId } } }`;
const MEMBERSHIPS = `query($organisationId: ID!, $status: MembershipStatus) {
  organisationMemberships(organisationId: $organisationId, status: $status, first: 50) {
    totalCount nodes { id role status orgAdmin rejectionReason member { id email displayName emailVerified } } } }`;
const APPROVE = `mutation($id: ID!) { approveMembership(membershipId: $id) { id status decidedAt } }`;
const REJECT = `mutation($input: RejectMembershipInput!) { rejectMembership(input: $input) { id status rejectionReason } }`;
const REMOVE = `mutation($id: ID!) { removeMembership(membershipId: $id) { id status orgAdmin } }`;
const SET_ADMIN = `mutation($input: SetOrganisationAdminInput!) { setOrganisationAdmin(input: $input) { id orgAdmin } }`;
const REQUEST = `mutation($input: RequestMembershipInput!) { requestMembership(input: $input) { id status } }`;
const INVITE = `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { id email role expiresAt } }`;
const INVITATIONS = `query($organisationId: ID!) { organisationInvitations(organisationId: $organisationId) {
  totalCount nodes { id email role acceptedAt revokedAt } } }`;
const REVOKE_INVITATION = `mutation($id: ID!) { revokeInvitation(invitationId: $id) { id revokedAt } }`;
const ACCEPT = `mutation($token: String!) { acceptInvitation(token: $token) { id role status organisationId } }`;
const PREVIEW = `query($token: String!) { invitation(token: $token) { email role organisation { name } } }`;
const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { email message } }`;
const DEMAND = `query($id: ID!) { demand(id: $id) { id status confidentialDetails organisation { id } allowedActions } }`;
const UPDATE_DEMAND = `mutation($id: ID!, $input: UpdateDemandInput!) { updateDemand(id: $id, input: $input) { id } }`;
const CLOSE_DEMAND = `mutation($id: ID!) { closeDemand(id: $id) { id status } }`;
const PUBLISH_DEMAND = `mutation($id: ID!) { publishDemand(id: $id) { id status } }`;
const CREATE_DEMAND = `mutation($input: CreateDemandInput!) { createDemand(input: $input) { id } }`;
const ENTRUST = `mutation($input: EntrustInput!) { entrust(input: $input) { id } }`;
const INTRO = `query($id: ID!) { introduction(id: $id) { id demandConfidentialDetails counterpartContacts { email } } }`;
const MY_BROKERAGE = `{ introductionsList(first: 50) { nodes { id } } deals(first: 50) { nodes { introductionId } } }`;
const PARTIES = `query($id: ID!) { introduction(id: $id) {
  demandAnsweredBy { id organisations { id } } targetAnsweredBy { id organisations { id } } } }`;
const EXPERT_CONTACT = `query($id: ID!) { expert(id: $id) { id contactEmail } }`;
const SETTINGS = `mutation($input: AgencySettingsInput!) { updateBrokerAgencySettings(input: $input) { commissionPercent } }`;
const SETTINGS_HISTORY = `query($agencyId: ID!) { brokerAgencySettingsHistory(agencyId: $agencyId) {
  changedById changedAt changes { setting before after } } }`;

describe('memberships: requests, decisions, ORG_ADMIN, invitations', () => {
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

  /** Someone who registered to join `organisationId` in `role` and verified their address: PENDING. */
  async function applicant(label: string, role: Role, organisationId: string): Promise<TestActor> {
    return actorOf(label, await accounts.register({ role, organisationId, displayName: label }, { verifyEmail: true }));
  }

  describe('attack 1: registering into an existing organisation gives no rights before approval', () => {
    let world: BrokerageWorld;
    let stranger: TestActor;
    let draft: DemandEntity;
    let introductionId: string;

    beforeAll(async () => {
      world = await buildWorld(api, 'attack1', 1);
      draft = await dataSource.getRepository(DemandEntity).save(
        dataSource.getRepository(DemandEntity).create({
          organisationId: world.enterprise.id,
          postedById: world.member.userId,
          title: 'attack1 草稿需求',
          summary: '草稿',
          confidentialDetails: 'attack1 DRAFT SECRET',
          industryCode: 'low_altitude',
          status: DemandStatus.DRAFT,
        }),
      );
      await dataSource.getRepository(DemandEntity).update({ id: world.demand.id }, { anonymous: true });
      await ok(api, CLAIM, { id: world.expertMatch.id }, world.brokers[0]);
      introductionId = (await ok(api, PROPOSE, { input: { matchId: world.expertMatch.id } }, world.brokers[0]))
        .proposeIntroduction.id;
      stranger = await applicant('stranger', Role.ENTERPRISE_MEMBER, world.enterprise.id);
    });

    it('shows the request as PENDING to the person', async () => {
      const me = (await ok(api, ME, {}, stranger)).me;
      expect(me.memberships).toEqual([
        {
          id: expect.any(String),
          role: 'ENTERPRISE_MEMBER',
          status: 'PENDING',
          orgAdmin: false,
          rejectionReason: null,
          organisationId: world.enterprise.id,
        },
      ]);
    });

    it("cannot read the organisation's confidential details, drafts or the company behind an anonymous demand", async () => {
      const open = (await ok(api, DEMAND, { id: world.demand.id }, stranger)).demand;
      expect(open).toMatchObject({ confidentialDetails: null, organisation: null, allowedActions: [] });
      expect(await errorCode(api, DEMAND, { id: draft.id }, stranger)).toBe('NOT_FOUND');
      // The same member, once approved, does see them: the refusal above is the membership's status, nothing else.
      const membershipId = await accounts.membershipIn(stranger, world.enterprise.id);
      const probe = await applicant('probe', Role.ENTERPRISE_MEMBER, world.enterprise.id);
      await ok(api, APPROVE, { id: await accounts.membershipIn(probe, world.enterprise.id) }, admin);
      const approved = (await ok(api, DEMAND, { id: world.demand.id }, probe)).demand;
      expect(approved.confidentialDetails).toBe(world.demand.confidentialDetails);
      expect(approved.organisation).toEqual({ id: world.enterprise.id });
      expect(membershipId).not.toBe(await accounts.membershipIn(probe, world.enterprise.id));
    });

    it("cannot edit, publish, close, post or entrust the organisation's demands", async () => {
      expect(await errorCode(api, UPDATE_DEMAND, { id: world.demand.id, input: { title: '改掉' } }, stranger)).toBe(
        'FORBIDDEN',
      );
      expect(await errorCode(api, CLOSE_DEMAND, { id: world.demand.id }, stranger)).toMatch(/^(FORBIDDEN|NOT_FOUND)$/);
      expect(await errorCode(api, PUBLISH_DEMAND, { id: draft.id }, stranger)).toMatch(/^(FORBIDDEN|NOT_FOUND)$/);
      const created = await errorCode(
        api,
        CREATE_DEMAND,
        {
          input: {
            title: '冒名需求',
            summary: '冒名',
            industryCode: 'low_altitude',
            organisationId: world.enterprise.id,
          },
        },
        stranger,
      );
      expect(created).toBe('FORBIDDEN');
      const entrusted = await errorCode(
        api,
        ENTRUST,
        { input: { subjectType: 'DEMAND', subjectId: world.demand.id, brokerIds: [world.brokers[0].userId] } },
        stranger,
      );
      expect(entrusted).toMatch(/^(FORBIDDEN|NOT_FOUND)$/);
      const rows = await dataSource.getRepository(DemandEntity).findBy({ organisationId: world.enterprise.id });
      expect(rows.find((d) => d.id === world.demand.id)).toMatchObject({ title: world.demand.title, status: 'OPEN' });
      expect(rows.find((d) => d.id === draft.id)!.status).toBe('DRAFT');
      expect(rows).toHaveLength(2);
    });

    it("cannot see or answer the organisation's introductions, nor receive the counterpart's contacts", async () => {
      expect(await errorCode(api, INTRO, { id: introductionId }, stranger)).toBe('NOT_FOUND');
      const answer = await errorCode(api, ANSWER, { input: { introductionId, accept: true } }, stranger);
      expect(answer).toMatch(/^(FORBIDDEN|NOT_FOUND)$/);
      expect(await errorCode(api, ACK, { id: introductionId }, stranger)).toMatch(/^(FORBIDDEN|NOT_FOUND)$/);
      const introduction = await dataSource.getRepository(IntroductionEntity).findOneByOrFail({ id: introductionId });
      expect(introduction).toMatchObject({ demandAnswer: null, status: 'PROPOSED' });
      expect((await ok(api, EXPERT_CONTACT, { id: world.expert.id }, stranger)).expert.contactEmail).toBeNull();
    });
  });

  describe('decisions by the organisation administrators', () => {
    it('lets an ORG_ADMIN list, approve and reject with a reason; others may not; rejected people may ask again', async () => {
      const { organisationId, creator } = await accounts.selfServiceOrganisation(
        OrganisationKind.ENTERPRISE,
        '审批测试公司',
      );
      const orgAdmin = actorOf('orgAdmin', creator);
      const alice = await applicant('alice', Role.ENTERPRISE_MEMBER, organisationId);
      const bob = await applicant('bob', Role.ENTERPRISE_MEMBER, organisationId);
      const outsiderOrg = await accounts.organisation('旁观公司', OrganisationKind.ENTERPRISE);
      const outsider = actorOf('outsider', await accounts.member(Role.ENTERPRISE_MEMBER, outsiderOrg.id));

      const pending = (await ok(api, MEMBERSHIPS, { organisationId, status: 'PENDING' }, orgAdmin))
        .organisationMemberships;
      expect(pending.totalCount).toBe(2);
      expect(pending.nodes.map((n: { member: { displayName: string } }) => n.member.displayName).sort()).toEqual([
        'alice',
        'bob',
      ]);
      expect(pending.nodes[0].member.emailVerified).toBe(true);
      for (const who of [alice, outsider]) {
        expect(await errorCode(api, MEMBERSHIPS, { organisationId }, who)).toBe('FORBIDDEN');
      }
      expect((await ok(api, MEMBERSHIPS, { organisationId }, admin)).organisationMemberships.totalCount).toBe(3);

      const aliceId = await accounts.membershipIn(alice, organisationId);
      const bobId = await accounts.membershipIn(bob, organisationId);
      expect(await errorCode(api, APPROVE, { id: aliceId }, outsider)).toBe('NOT_FOUND');
      expect(await errorCode(api, APPROVE, { id: aliceId }, alice)).toBe('FORBIDDEN');
      expect(await errorCode(api, APPROVE, { id: aliceId }, bob)).toBe('NOT_FOUND');

      expect((await ok(api, APPROVE, { id: aliceId }, orgAdmin)).approveMembership.status).toBe('ACTIVE');
      expect(await errorCode(api, APPROVE, { id: aliceId }, orgAdmin)).toBe('CONFLICT');
      // Approved: the member's next request carries the role (and an approved member is no administrator).
      expect((await ok(api, ME, {}, alice)).me.memberships[0].status).toBe('ACTIVE');
      expect(await errorCode(api, MEMBERSHIPS, { organisationId }, alice)).toBe('FORBIDDEN');

      const blank = await api.gql(REJECT, { input: { membershipId: bobId, reason: '   ' } }, orgAdmin.token);
      expect(blank.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      const rejected = await ok(api, REJECT, { input: { membershipId: bobId, reason: ' 不是本公司员工 ' } }, orgAdmin);
      expect(rejected.rejectMembership).toMatchObject({ status: 'REJECTED', rejectionReason: '不是本公司员工' });
      expect((await ok(api, ME, {}, bob)).me.memberships[0]).toMatchObject({
        status: 'REJECTED',
        rejectionReason: '不是本公司员工',
      });
      expect(await errorCode(api, APPROVE, { id: bobId }, orgAdmin)).toBe('CONFLICT');
      const again = await ok(api, REQUEST, { input: { organisationId, role: 'ENTERPRISE_MEMBER' } }, bob);
      expect(again.requestMembership).toEqual({ id: bobId, status: 'PENDING' });
      expect(await errorCode(api, REQUEST, { input: { organisationId, role: 'ENTERPRISE_MEMBER' } }, bob)).toBe(
        'CONFLICT',
      );
      expect(await errorCode(api, REQUEST, { input: { organisationId, role: 'ADMIN' } }, bob)).toBe('FORBIDDEN');
    });

    it("lets an institution's TTO officers decide on its researchers (and nowhere else)", async () => {
      const university = await accounts.organisation('审批大学', OrganisationKind.UNIVERSITY);
      const other = await accounts.organisation('另一所大学', OrganisationKind.UNIVERSITY);
      const tto = actorOf('tto', await accounts.member(Role.TTO_OFFICER, university.id));
      const otherTto = actorOf('otherTto', await accounts.member(Role.TTO_OFFICER, other.id));
      const researcher = await applicant('researcher', Role.RESEARCHER, university.id);
      const id = await accounts.membershipIn(researcher, university.id);
      expect(await errorCode(api, APPROVE, { id }, otherTto)).toBe('NOT_FOUND');
      expect((await ok(api, APPROVE, { id }, tto)).approveMembership.status).toBe('ACTIVE');
      // A TTO officer may invite TTO officers; a self-service enterprise's ORG_ADMIN may not invite an ADMIN.
      const invited = await ok(
        api,
        INVITE,
        { input: { organisationId: university.id, email: uniqueEmail('tto2'), role: 'TTO_OFFICER' } },
        tto,
      );
      expect(invited.inviteMember.role).toBe('TTO_OFFICER');
      expect(
        await errorCode(
          api,
          INVITE,
          { input: { organisationId: university.id, email: uniqueEmail('x'), role: 'ENTERPRISE_MEMBER' } },
          tto,
        ),
      ).toBe('BAD_USER_INPUT');
    });

    it('gives and takes the ORG_ADMIN capability, keeping at least one administrator', async () => {
      const { organisationId, creator } = await accounts.selfServiceOrganisation(
        OrganisationKind.BROKER_AGENCY,
        '能力测试经纪',
      );
      const founder = actorOf('founder', creator);
      const colleague = await applicant('colleague', Role.BROKER, organisationId);
      const founderId = await accounts.membershipIn(founder, organisationId);
      const colleagueId = await accounts.membershipIn(colleague, organisationId);
      expect(await errorCode(api, SET_ADMIN, { input: { membershipId: colleagueId, orgAdmin: true } }, founder)).toBe(
        'CONFLICT', // PENDING members hold no capability
      );
      await ok(api, APPROVE, { id: colleagueId }, founder);
      expect(await errorCode(api, SET_ADMIN, { input: { membershipId: founderId, orgAdmin: false } }, founder)).toBe(
        'CONFLICT', // the last administrator
      );
      expect(await errorCode(api, REMOVE, { id: founderId }, founder)).toBe('CONFLICT');
      expect(await errorCode(api, SET_ADMIN, { input: { membershipId: colleagueId, orgAdmin: true } }, colleague)).toBe(
        'FORBIDDEN',
      );
      await ok(api, SET_ADMIN, { input: { membershipId: colleagueId, orgAdmin: true } }, founder);
      expect((await ok(api, MEMBERSHIPS, { organisationId }, colleague)).organisationMemberships.totalCount).toBe(2);

      // Agency settings: only its ORG_ADMINs and platform ADMINs, with an audit trail.
      const plainBroker = actorOf('plainBroker', await accounts.member(Role.BROKER, organisationId));
      const settings = { input: { agencyId: organisationId, commissionPercent: 4 } };
      expect(await errorCode(api, SETTINGS, settings, plainBroker)).toBe('FORBIDDEN');
      expect((await ok(api, SETTINGS, settings, colleague)).updateBrokerAgencySettings.commissionPercent).toBe(4);
      await ok(
        api,
        SETTINGS,
        { input: { agencyId: organisationId, commissionPercent: 6, idleReminderDays: 5 } },
        admin,
      );
      await ok(api, SETTINGS, { input: { agencyId: organisationId, commissionPercent: 6 } }, admin); // no change
      const history = (await ok(api, SETTINGS_HISTORY, { agencyId: organisationId }, founder))
        .brokerAgencySettingsHistory;
      expect(history).toEqual([
        {
          changedById: admin.userId,
          changedAt: expect.any(String),
          changes: [
            { setting: 'commissionPercent', before: 4, after: 6 },
            { setting: 'idleReminderDays', before: 7, after: 5 },
          ],
        },
        {
          changedById: colleague.userId,
          changedAt: expect.any(String),
          changes: [{ setting: 'commissionPercent', before: 5, after: 4 }],
        },
      ]);
      expect(await errorCode(api, SETTINGS_HISTORY, { agencyId: organisationId }, plainBroker)).toBe('FORBIDDEN');
      expect(
        await dataSource.getRepository(BrokerAgencySettingsChangeEntity).countBy({ agencyId: organisationId }),
      ).toBe(2);

      // Now the founder may step down, and the colleague may remove them.
      await ok(api, SET_ADMIN, { input: { membershipId: founderId, orgAdmin: false } }, founder);
      expect(await errorCode(api, MEMBERSHIPS, { organisationId }, founder)).toBe('FORBIDDEN');
      expect((await ok(api, REMOVE, { id: founderId }, colleague)).removeMembership).toMatchObject({
        status: 'REMOVED',
        orgAdmin: false,
      });
      expect(await errorCode(api, SETTINGS, settings, founder)).toBe('FORBIDDEN');
    });
  });

  describe('removal', () => {
    it('takes effect at once, also for what an introduction revealed', async () => {
      const world = await buildWorld(api, 'removal', 1);
      const broker = world.brokers[0];
      await ok(api, CLAIM, { id: world.expertMatch.id }, broker);
      const id = (await ok(api, PROPOSE, { input: { matchId: world.expertMatch.id } }, broker)).proposeIntroduction.id;
      for (const party of [world.member, world.expertUser]) {
        await ok(api, ANSWER, { input: { introductionId: id, accept: true } }, party);
        await ok(api, ACK, { id }, party);
      }
      // Revealed to both sides.
      expect((await ok(api, INTRO, { id }, world.member)).introduction.counterpartContacts).not.toBeNull();
      expect((await ok(api, EXPERT_CONTACT, { id: world.expert.id }, world.member)).expert.contactEmail).toBe(
        world.expert.contactEmail,
      );
      expect((await ok(api, INTRO, { id }, world.expertUser)).introduction.demandConfidentialDetails).toBe(
        world.demand.confidentialDetails,
      );
      expect((await ok(api, DEMAND, { id: world.demand.id }, world.expertUser)).demand.confidentialDetails).toBe(
        world.demand.confidentialDetails,
      );
      // Both see it in their lists (the deal it started too), and the broker sees who answered, and where from.
      for (const party of [world.member, world.expertUser]) {
        const mine = await ok(api, MY_BROKERAGE, {}, party);
        expect(mine.introductionsList.nodes).toEqual([{ id }]);
        expect(mine.deals.nodes).toEqual([{ introductionId: id }]);
      }
      expect((await ok(api, PARTIES, { id }, broker)).introduction).toEqual({
        demandAnsweredBy: { id: world.member.userId, organisations: [{ id: world.enterprise.id }] },
        targetAnsweredBy: { id: world.expertUser.userId, organisations: [{ id: world.university.id }] },
      });

      // The enterprise's member and the expert (a researcher of the university) are removed.
      const memberships = (await ok(api, MEMBERSHIPS, { organisationId: world.enterprise.id }, admin))
        .organisationMemberships.nodes as Array<{ id: string; member: { id: string } }>;
      await ok(api, REMOVE, { id: memberships.find((m) => m.member.id === world.member.userId)!.id }, admin);
      const expertMembershipId = await accounts.membershipIn(world.expertUser, world.university.id);
      await ok(api, REMOVE, { id: expertMembershipId }, world.tto);

      // Their very next requests: nothing of what the introduction revealed.
      for (const removed of [world.member, world.expertUser]) {
        expect(await errorCode(api, INTRO, { id }, removed)).toBe('NOT_FOUND');
        expect((await ok(api, ME, {}, removed)).me.memberships[0].status).toBe('REMOVED');
      }
      expect((await ok(api, EXPERT_CONTACT, { id: world.expert.id }, world.member)).expert.contactEmail).toBeNull();
      expect((await ok(api, DEMAND, { id: world.demand.id }, world.expertUser)).demand.confidentialDetails).toBeNull();
      expect(
        await errorCode(api, UPDATE_DEMAND, { id: world.demand.id, input: { title: '移除后改标题' } }, world.member),
      ).toBe('FORBIDDEN');
      // Nor in their lists: the lists and the nested objects apply the same rule as the introduction itself.
      for (const removed of [world.member, world.expertUser]) {
        expect(await ok(api, MY_BROKERAGE, {}, removed)).toEqual({
          introductionsList: { nodes: [] },
          deals: { nodes: [] },
        });
      }
      // A person's organisations are those they are an ACTIVE member of: not the removed one, nor one they asked
      // to join again (PENDING).
      const again = await ok(
        api,
        REQUEST,
        { input: { organisationId: world.enterprise.id, role: 'ENTERPRISE_MEMBER' } },
        world.member,
      );
      expect(again.requestMembership.status).toBe('PENDING');
      expect((await ok(api, PARTIES, { id }, broker)).introduction).toEqual({
        demandAnsweredBy: { id: world.member.userId, organisations: [] },
        targetAnsweredBy: { id: world.expertUser.userId, organisations: [] },
      });
    });
  });

  describe('invitations', () => {
    it('admits by a signed, expiring, single-use link: on registration or signed in, for the invited address only', async () => {
      const { organisationId, creator } = await accounts.selfServiceOrganisation(
        OrganisationKind.ENTERPRISE,
        '邀请测试公司',
      );
      const orgAdmin = actorOf('orgAdmin', creator);
      const links = api.app.get(AccountLinks);

      // A newcomer registers with the invitation: ACTIVE at once, address verified.
      const newcomerEmail = uniqueEmail('newcomer');
      const invited = (
        await ok(
          api,
          INVITE,
          { input: { organisationId, email: ` ${newcomerEmail.toUpperCase()} `, role: 'ENTERPRISE_MEMBER' } },
          orgAdmin,
        )
      ).inviteMember;
      expect(invited.email).toBe(newcomerEmail);
      const expiresInDays = (Date.parse(invited.expiresAt) - Date.now()) / 86_400_000;
      expect(expiresInDays).toBeGreaterThan(6.99);
      expect(expiresInDays).toBeLessThanOrEqual(7);
      const token = links.token(LinkPurpose.INVITATION, invited.id);
      expect((await api.gql(PREVIEW, { token })).data!.invitation).toEqual({
        email: newcomerEmail,
        role: 'ENTERPRISE_MEMBER',
        organisation: { name: '邀请测试公司' },
      });
      const wrongAddress = await api.gql(REGISTER, {
        input: { email: uniqueEmail('other'), password: TEST_PASSWORD, displayName: 'x', invitationToken: token },
      });
      expect(wrongAddress.errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'REGISTER_WITH_INVITED_ADDRESS',
        field: 'email',
      });
      const registered = await api.gql(REGISTER, {
        input: { email: newcomerEmail, password: TEST_PASSWORD, displayName: '新同事', invitationToken: token },
      });
      expect(registered.errors).toBeUndefined();
      const newcomer = actorOf('newcomer', await accounts.login(newcomerEmail));
      expect((await ok(api, ME, {}, newcomer)).me).toMatchObject({
        emailVerified: true,
        memberships: [{ role: 'ENTERPRISE_MEMBER', status: 'ACTIVE', organisationId }],
      });
      // Single use.
      expect((await api.gql(PREVIEW, { token })).errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'INVALID_OR_EXPIRED_INVITATION',
      });

      // Someone with an account accepts signed in; the invitation must be for their address.
      const rejectedBefore = await applicant('returning', Role.ENTERPRISE_MEMBER, organisationId);
      const returningEmail = (
        await dataSource.query<Array<{ email: string }>>('SELECT email FROM users WHERE id = $1', [
          rejectedBefore.userId,
        ])
      )[0].email;
      await ok(
        api,
        REJECT,
        { input: { membershipId: await accounts.membershipIn(rejectedBefore, organisationId), reason: '先拒绝' } },
        orgAdmin,
      );
      const second = (
        await ok(api, INVITE, { input: { organisationId, email: returningEmail, role: 'ENTERPRISE_MEMBER' } }, orgAdmin)
      ).inviteMember;
      const secondToken = links.token(LinkPurpose.INVITATION, second.id);
      const notTheirs = await api.gql(ACCEPT, { token: secondToken }, newcomer.token);
      expect(notTheirs.errors![0].extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'INVITATION_FOR_ANOTHER_ADDRESS',
      });
      expect((await ok(api, ACCEPT, { token: secondToken }, rejectedBefore)).acceptInvitation).toMatchObject({
        status: 'ACTIVE',
        organisationId,
      });

      // Revoked and expired links are refused alike; only the organisation's administrators see or revoke them.
      const third = (
        await ok(
          api,
          INVITE,
          { input: { organisationId, email: uniqueEmail('third'), role: 'ENTERPRISE_MEMBER' } },
          orgAdmin,
        )
      ).inviteMember;
      expect(await errorCode(api, REVOKE_INVITATION, { id: third.id }, newcomer)).toBe('NOT_FOUND');
      await ok(api, REVOKE_INVITATION, { id: third.id }, orgAdmin);
      const fourth = (
        await ok(
          api,
          INVITE,
          { input: { organisationId, email: uniqueEmail('fourth'), role: 'ENTERPRISE_MEMBER' } },
          orgAdmin,
        )
      ).inviteMember;
      await dataSource
        .getRepository(MembershipInvitationEntity)
        .update({ id: fourth.id }, { expiresAt: new Date(Date.now() - 1000) });
      for (const dead of [third.id, fourth.id]) {
        const res = await api.gql(PREVIEW, { token: links.token(LinkPurpose.INVITATION, dead) });
        expect(res.errors![0].extensions).toMatchObject({ reason: 'INVALID_OR_EXPIRED_INVITATION' });
      }
      const forged = await api.gql(PREVIEW, { token: `in1.${fourth.id}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA` });
      expect(forged.errors![0].extensions).toMatchObject({ reason: 'INVALID_OR_EXPIRED_INVITATION' });
      const list = (await ok(api, INVITATIONS, { organisationId }, orgAdmin)).organisationInvitations;
      expect(list.totalCount).toBe(4);
      expect(await errorCode(api, INVITATIONS, { organisationId }, newcomer)).toBe('FORBIDDEN');
      // Roles an ORG_ADMIN may not give.
      const adminInvite = await errorCode(
        api,
        INVITE,
        { input: { organisationId, email: uniqueEmail('boss'), role: 'ADMIN' } },
        orgAdmin,
      );
      expect(adminInvite).toBe('BAD_USER_INPUT'); // ADMIN is not held in an enterprise
      expect(
        await errorCode(
          api,
          INVITE,
          { input: { organisationId, email: 'not-an-email', role: 'ENTERPRISE_MEMBER' } },
          orgAdmin,
        ),
      ).toBe('BAD_USER_INPUT');
    });
  });
});
