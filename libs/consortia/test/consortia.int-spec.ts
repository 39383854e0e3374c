import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AchievementEntity, AchievementStatus } from '@app/achievements';
import { DealEntity, DealStage } from '@app/brokerage';
import { MembershipEntity, OrganisationEntity, OrganisationKind, Role } from '@app/identity';
import { MatchTargetType } from '@app/matching';
import { NotificationEntity, NotificationKind } from '@app/notifications';
import { startTestApi, TestApi } from '@app/testing';
import { MarketplaceActors, TestActor } from '../../../apps/api/test/support/marketplace-actors';
import { BrokerageWorld, buildWorld, ok } from '../../brokerage/test/brokerage-world';
import { ConsortiumSpaceReadEntity } from '../src';

const CONSORTIUM_FIELDS = `id name goal industryCode industry { nameZh } status recognisedAt closedAt leadOrganisation { id name }
  members { id organisationId role status organisation { id name } } links { id kind targetId title state }
  viewerLeads viewerInSpace`;
const CREATE = `mutation($input: CreateConsortiumInput!) { createConsortium(input: $input) { ${CONSORTIUM_FIELDS} } }`;
const CONSORTIUM = `query($id: ID!) { consortium(id: $id) { ${CONSORTIUM_FIELDS} } }`;
const MINE = `{ myConsortia { id status } }`;
const ALL = `query($status: ConsortiumStatus) { consortia(status: $status) { id status } }`;
const INVITE = `mutation($input: InviteConsortiumMembersInput!) { inviteConsortiumMembers(input: $input) {
  id organisationId role status } }`;
const INVITATIONS = `{ consortiumInvitations { id role status organisation { id } consortium { id name } } }`;
const ANSWER = `mutation($input: AnswerConsortiumInvitationInput!) { answerConsortiumInvitation(input: $input) {
  id status answeredAt } }`;
const LINK = `mutation($input: LinkConsortiumItemInput!) { linkConsortiumItem(input: $input) { id kind targetId title state } }`;
const UNLINK = `mutation($id: ID!) { unlinkConsortiumItem(linkId: $id) { id links { id } } }`;
const ATTACH = `mutation($input: AttachConsortiumDocumentsInput!) { attachConsortiumDocuments(input: $input) { fileId name url } }`;
const DOCUMENTS = `query($id: ID!) { consortiumDocuments(consortiumId: $id) { fileId name url sizeBytes } }`;
const ADD_MILESTONE = `mutation($input: AddConsortiumMilestoneInput!) { addConsortiumMilestone(input: $input) {
  id title dueDate doneAt } }`;
const DONE = `mutation($input: SetConsortiumMilestoneDoneInput!) { setConsortiumMilestoneDone(input: $input) { id doneAt } }`;
const MILESTONES = `query($id: ID!) { consortiumMilestones(consortiumId: $id) { id title dueDate doneAt } }`;
const READS = `query($id: ID!) { consortiumSpaceReads(consortiumId: $id) { userId subject readAt reader { id displayName } } }`;
const RECOGNISE = `mutation($id: ID!) { recogniseConsortium(id: $id) { id status recognisedAt } }`;
const CLOSE = `mutation($id: ID!) { closeConsortium(id: $id) { id status closedAt } }`;
const OUTPUTS = `query($id: ID!) { consortiumOutputs(consortiumId: $id) { contractValueWan
  contracts { dealId stage reason contractValueWan registrationNumber }
  listings { targetId title state } demands { targetId title } } }`;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

describe('innovation consortia through GraphQL (lead, invitations, members-only space, the bureau)', () => {
  let api: TestApi;
  let dataSource: DataSource;
  let world: BrokerageWorld;
  let supplier: OrganisationEntity;
  let supplierAdmin: TestActor;
  let supplierMember: TestActor;
  let government: OrganisationEntity;
  let consortiumId: string;
  let universityMemberId: string;
  let supplierMemberId: string;
  let fileId: string;

  const failure = async (query: string, variables: Record<string, unknown>, actor?: TestActor) => {
    const res = await api.gql(query, variables, actor?.token);
    if (!res.errors) throw new Error(`expected an error, got ${JSON.stringify(res.data)}`);
    return { code: res.errors[0].extensions?.code as string, reason: res.errors[0].extensions?.reason as string };
  };
  const upload = async (actor: TestActor, name: string): Promise<string> => {
    const form = new FormData();
    form.append('file', new Blob([PDF], { type: 'application/pdf' }), name);
    const response = await fetch(`${api.url}/files`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${actor.token}` },
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };
  const download = async (actor: TestActor, id: string) =>
    (await fetch(`${api.url}/files/${id}`, { headers: { authorization: `Bearer ${actor.token}` } })).status;
  const readsOf = (userId: string) =>
    dataSource.getRepository(ConsortiumSpaceReadEntity).findBy({ consortiumId, userId });

  beforeAll(async () => {
    api = await startTestApi();
    dataSource = api.app.get(DataSource);
    world = await buildWorld(api, 'consortia', 1);
    const actors = new MarketplaceActors(api);
    supplier = await actors.organisation('consortia 精密零件', OrganisationKind.ENTERPRISE);
    government = await actors.organisation('consortia 政府', OrganisationKind.GOVERNMENT);
    supplierAdmin = await actors.user('consortia-supplier-admin', Role.ENTERPRISE_MEMBER, supplier.id);
    supplierMember = await actors.user('consortia-supplier-member', Role.ENTERPRISE_MEMBER, supplier.id);
    // The supplier's administrator holds the ORG_ADMIN capability (the university's TTO officer administers it).
    await dataSource
      .getRepository(MembershipEntity)
      .update({ userId: supplierAdmin.userId, organisationId: supplier.id }, { orgAdmin: true });
  }, 240_000);

  afterAll(async () => {
    await api?.close();
  });

  it('an enterprise’s member creates a consortium it leads; nobody else sees it', async () => {
    const input = { leadOrganisationId: world.enterprise.id, name: '低空物流创新联合体', goal: '攻关无人机室内导航' };
    expect((await failure(CREATE, { input })).code).toBe('UNAUTHENTICATED');
    // Only the enterprise's own people lead it; a university cannot lead one.
    expect((await failure(CREATE, { input }, world.outsider)).reason).toBe('CONSORTIUM_LEAD_NOT_ENTERPRISE');
    expect(
      (await failure(CREATE, { input: { ...input, leadOrganisationId: world.university.id } }, world.tto)).reason,
    ).toBe('CONSORTIUM_LEAD_NOT_ENTERPRISE');
    expect((await failure(CREATE, { input: { ...input, industryCode: 'nope' } }, world.member)).reason).toBe(
      'UNKNOWN_INDUSTRY',
    );
    const { createConsortium } = await ok(
      api,
      CREATE,
      { input: { ...input, industryCode: 'low_altitude' } },
      world.member,
    );
    expect(createConsortium).toMatchObject({
      status: 'DRAFT',
      industryCode: 'low_altitude',
      industry: { nameZh: expect.any(String) },
      leadOrganisation: { id: world.enterprise.id },
      members: [{ organisationId: world.enterprise.id, role: 'LEAD', status: 'ACCEPTED' }],
      viewerLeads: true,
      viewerInSpace: true,
    });
    consortiumId = createConsortium.id;
    for (const actor of [world.outsider, world.tto, world.researcher, supplierAdmin, world.brokers[0]]) {
      expect((await failure(CONSORTIUM, { id: consortiumId }, actor)).reason).toBe('CONSORTIUM_NOT_FOUND');
    }
    expect((await ok(api, MINE, {}, world.member)).myConsortia.map((c: any) => c.id)).toEqual([consortiumId]);
    expect((await ok(api, MINE, {}, world.outsider)).myConsortia).toEqual([]);
    // The bureau sees every consortium, drafts too.
    expect((await ok(api, CONSORTIUM, { id: consortiumId }, world.admin)).consortium.viewerInSpace).toBe(false);
  });

  it('only the lead invites; invited administrators are notified once and accept or decline', async () => {
    const invitees = [
      { organisationId: world.university.id, role: 'SUPPORT' },
      { organisationId: supplier.id, role: 'COLLABORATE' },
    ];
    expect((await failure(INVITE, { input: { consortiumId, invitees } }, world.tto)).reason).toBe(
      'CONSORTIUM_NOT_FOUND',
    );
    expect((await failure(INVITE, { input: { consortiumId, invitees } }, world.admin)).reason).toBe(
      'CONSORTIUM_NOT_FOUND',
    );
    expect(
      (
        await failure(
          INVITE,
          { input: { consortiumId, invitees: [{ organisationId: government.id, role: 'SUPPORT' }] } },
          world.member,
        )
      ).reason,
    ).toBe('CONSORTIUM_ORGANISATION_NOT_INVITABLE');
    expect(
      (
        await failure(
          INVITE,
          { input: { consortiumId, invitees: [{ organisationId: supplier.id, role: 'LEAD' }] } },
          world.member,
        )
      ).reason,
    ).toBe('CONSORTIUM_ORGANISATION_NOT_INVITABLE');
    const { inviteConsortiumMembers } = await ok(api, INVITE, { input: { consortiumId, invitees } }, world.member);
    expect(inviteConsortiumMembers.map((m: any) => [m.organisationId, m.role, m.status])).toEqual([
      [world.university.id, 'SUPPORT', 'INVITED'],
      [supplier.id, 'COLLABORATE', 'INVITED'],
    ]);
    universityMemberId = inviteConsortiumMembers[0].id;
    supplierMemberId = inviteConsortiumMembers[1].id;
    // Inviting again changes nothing and notifies nobody again.
    await ok(api, INVITE, { input: { consortiumId, invitees } }, world.member);
    const notified = async (userId: string) =>
      dataSource.getRepository(NotificationEntity).countBy({ userId, kind: NotificationKind.CONSORTIUM_INVITED });
    expect(await notified(world.tto.userId)).toBe(1);
    expect(await notified(supplierAdmin.userId)).toBe(1);
    // Plain members are not administrators: not notified, no invitations to answer.
    expect(await notified(supplierMember.userId)).toBe(0);
    expect(await notified(world.researcher.userId)).toBe(0);
    expect((await ok(api, INVITATIONS, {}, supplierMember)).consortiumInvitations).toEqual([]);
    const { consortiumInvitations } = await ok(api, INVITATIONS, {}, world.tto);
    expect(consortiumInvitations).toEqual([
      {
        id: universityMemberId,
        role: 'SUPPORT',
        status: 'INVITED',
        organisation: { id: world.university.id },
        consortium: { id: consortiumId, name: '低空物流创新联合体' },
      },
    ]);
    // Invited organisations' people see the consortium (what they are invited to), not its space.
    const seen = (await ok(api, CONSORTIUM, { id: consortiumId }, world.researcher)).consortium;
    expect(seen).toMatchObject({ viewerLeads: false, viewerInSpace: false });
    expect((await failure(MILESTONES, { id: consortiumId }, world.researcher)).reason).toBe('CONSORTIUM_NOT_FOUND');

    // Only the invited organisation's administrators answer.
    for (const actor of [supplierMember, world.member, world.admin, world.tto]) {
      expect((await failure(ANSWER, { input: { memberId: supplierMemberId, accept: true } }, actor)).reason).toBe(
        'CONSORTIUM_INVITATION_NOT_FOUND',
      );
    }
    const declined = await ok(api, ANSWER, { input: { memberId: supplierMemberId, accept: false } }, supplierAdmin);
    expect(declined.answerConsortiumInvitation.status).toBe('DECLINED');
    expect((await failure(ANSWER, { input: { memberId: supplierMemberId, accept: true } }, supplierAdmin)).reason).toBe(
      'CONSORTIUM_ALREADY_ANSWERED',
    );
    // A declined organisation no longer sees the consortium.
    expect((await failure(CONSORTIUM, { id: consortiumId }, supplierAdmin)).reason).toBe('CONSORTIUM_NOT_FOUND');

    const accepted = await ok(api, ANSWER, { input: { memberId: universityMemberId, accept: true } }, world.tto);
    expect(accepted.answerConsortiumInvitation.status).toBe('ACCEPTED');
    const active = (await ok(api, CONSORTIUM, { id: consortiumId }, world.researcher)).consortium;
    expect(active).toMatchObject({ status: 'ACTIVE', viewerInSpace: true });

    // Invited again after declining: a new round, notified again, then accepted.
    await ok(api, INVITE, { input: { consortiumId, invitees: [invitees[1]] } }, world.member);
    expect(await notified(supplierAdmin.userId)).toBe(2);
    await ok(api, ANSWER, { input: { memberId: supplierMemberId, accept: true } }, supplierAdmin);
    const { consortium } = await ok(api, CONSORTIUM, { id: consortiumId }, world.member);
    expect(consortium.members.map((m: any) => [m.role, m.status])).toEqual([
      ['LEAD', 'ACCEPTED'],
      ['SUPPORT', 'ACCEPTED'],
      ['COLLABORATE', 'ACCEPTED'],
    ]);
  });

  it('members-only space: documents and milestones for members only, every read logged', async () => {
    fileId = await upload(world.member, '联合体章程.pdf');
    const { attachConsortiumDocuments } = await ok(
      api,
      ATTACH,
      { input: { consortiumId, fileIds: [fileId] } },
      world.member,
    );
    expect(attachConsortiumDocuments).toMatchObject([{ fileId, name: '联合体章程.pdf' }]);
    const { addConsortiumMilestone } = await ok(
      api,
      ADD_MILESTONE,
      { input: { consortiumId, title: '样机联调', dueDate: '2027-03-31' } },
      world.researcher,
    );
    expect(addConsortiumMilestone).toMatchObject({ title: '样机联调', dueDate: '2027-03-31', doneAt: null });
    expect(
      (await failure(ADD_MILESTONE, { input: { consortiumId, title: 'x', dueDate: '2027-02-30' } }, world.member))
        .reason,
    ).toBe('CONSORTIUM_MILESTONE_DATE_INVALID');
    const { setConsortiumMilestoneDone } = await ok(
      api,
      DONE,
      { input: { milestoneId: addConsortiumMilestone.id, done: true } },
      supplierMember,
    );
    expect(setConsortiumMilestoneDone.doneAt).not.toBeNull();

    // Members read the space (each read logged); strangers, the bureau and a broker get NOT_FOUND.
    const before = (await readsOf(world.researcher.userId)).length;
    expect((await ok(api, DOCUMENTS, { id: consortiumId }, world.researcher)).consortiumDocuments).toHaveLength(1);
    expect((await ok(api, MILESTONES, { id: consortiumId }, world.researcher)).consortiumMilestones).toMatchObject([
      { title: '样机联调' },
    ]);
    expect(await download(world.researcher, fileId)).toBe(200);
    const reads = await readsOf(world.researcher.userId);
    expect(reads.length - before).toBe(3);
    expect(reads.map((r) => r.subject).sort()).toEqual(['DOCUMENTS', 'DOCUMENT_DOWNLOAD', 'MILESTONES']);
    for (const actor of [world.outsider, world.admin, world.brokers[0]]) {
      expect((await failure(DOCUMENTS, { id: consortiumId }, actor)).reason).toBe('CONSORTIUM_NOT_FOUND');
      expect((await failure(MILESTONES, { id: consortiumId }, actor)).reason).toBe('CONSORTIUM_NOT_FOUND');
      expect(
        (await failure(ADD_MILESTONE, { input: { consortiumId, title: 'x', dueDate: '2027-01-01' } }, actor)).reason,
      ).toBe('CONSORTIUM_NOT_FOUND');
      expect(await download(actor, fileId)).toBe(404);
      expect(await readsOf(actor.userId)).toEqual([]);
    }
    expect((await failure(DOCUMENTS, { id: consortiumId })).code).toBe('UNAUTHENTICATED');

    // The lead reads the log; other members do not.
    const { consortiumSpaceReads } = await ok(api, READS, { id: consortiumId }, world.member);
    const researcherReads = consortiumSpaceReads.filter((r: any) => r.userId === world.researcher.userId);
    expect(researcherReads).toHaveLength(3);
    expect(researcherReads[0].reader.id).toBe(world.researcher.userId);
    expect((await failure(READS, { id: consortiumId }, world.tto)).reason).toBe('CONSORTIUM_NOT_FOUND');
  });

  it('members link their own demands and listed achievements', async () => {
    const { linkConsortiumItem: demandLink } = await ok(
      api,
      LINK,
      { input: { consortiumId, kind: 'DEMAND', targetId: world.demand.id } },
      world.member,
    );
    expect(demandLink).toMatchObject({ kind: 'DEMAND', title: world.demand.title, state: 'OPEN' });
    // Not their organisation's achievement; the outsider is not in the space.
    expect(
      (
        await failure(
          LINK,
          { input: { consortiumId, kind: 'ACHIEVEMENT', targetId: world.achievement.id } },
          world.member,
        )
      ).reason,
    ).toBe('CONSORTIUM_LINK_NOT_ALLOWED');
    expect(
      (await failure(LINK, { input: { consortiumId, kind: 'DEMAND', targetId: world.demand.id } }, world.outsider))
        .reason,
    ).toBe('CONSORTIUM_NOT_FOUND');
    const { linkConsortiumItem: achievementLink } = await ok(
      api,
      LINK,
      { input: { consortiumId, kind: 'ACHIEVEMENT', targetId: world.achievement.id } },
      world.researcher,
    );
    expect(achievementLink).toMatchObject({ kind: 'ACHIEVEMENT', state: 'LISTED' });
    // A draft is not linked (its title is not public).
    const draft = await dataSource.getRepository(AchievementEntity).save(
      dataSource.getRepository(AchievementEntity).create({
        title: 'consortia 草稿成果',
        summary: 's',
        industryCode: 'low_altitude',
        institutionId: world.university.id,
        ownerId: world.researcher.userId,
        representativeId: world.researcher.userId,
        status: AchievementStatus.DRAFT,
      }),
    );
    expect(
      (await failure(LINK, { input: { consortiumId, kind: 'ACHIEVEMENT', targetId: draft.id } }, world.researcher))
        .reason,
    ).toBe('CONSORTIUM_LINK_NOT_ALLOWED');
    expect(
      (await failure(LINK, { input: { consortiumId, kind: 'ACHIEVEMENT', targetId: draft.id } }, world.member)).reason,
    ).toBe('CONSORTIUM_ITEM_NOT_FOUND');
    // Linking twice returns the same link; an extra link can be removed by whoever made it.
    const again = await ok(
      api,
      LINK,
      { input: { consortiumId, kind: 'DEMAND', targetId: world.demand.id } },
      world.member,
    );
    expect(again.linkConsortiumItem.id).toBe(demandLink.id);
    const { consortium } = await ok(api, CONSORTIUM, { id: consortiumId }, world.tto);
    expect(consortium.links.map((l: any) => l.kind)).toEqual(['DEMAND', 'ACHIEVEMENT']);
    expect((await failure(UNLINK, { id: demandLink.id }, world.researcher)).reason).toBe('CONSORTIUM_ITEM_NOT_FOUND');
  });

  it('the bureau lists consortia, recognises one and reads its outputs (contracts, listings)', async () => {
    expect((await failure(ALL, {}, world.member)).reason).toBe('CONSORTIUM_BUREAU_ONLY');
    expect((await ok(api, ALL, { status: 'ACTIVE' }, world.admin)).consortia.map((c: any) => c.id)).toContain(
      consortiumId,
    );
    for (const actor of [world.member, world.tto]) {
      expect((await failure(RECOGNISE, { id: consortiumId }, actor)).reason).toBe('CONSORTIUM_NOT_FOUND');
      expect((await failure(OUTPUTS, { id: consortiumId }, actor)).reason).toBe('CONSORTIUM_NOT_FOUND');
    }
    // Contracts: a registered deal on the linked demand, a signed one between two members, and one that is neither.
    const deals = dataSource.getRepository(DealEntity);
    const deal = (overrides: Partial<DealEntity>) =>
      deals.save(
        deals.create({
          introductionId: randomUUID(),
          demandId: world.demand.id,
          targetType: MatchTargetType.ACHIEVEMENT,
          targetId: world.achievement.id,
          brokerId: world.brokers[0].userId,
          agencyId: world.agencyA.id,
          demandOrganisationId: world.enterprise.id,
          targetOrganisationId: world.university.id,
          stage: DealStage.REGISTERED,
          stageEnteredAt: new Date(),
          lastActivityAt: new Date(),
          ...overrides,
        }),
      );
    const linked = await deal({
      contractValueWan: 150,
      registrationNumber: '2026110108000777',
      registeredAt: new Date(),
    });
    const betweenMembers = await deal({
      demandId: randomUUID(),
      targetId: randomUUID(),
      demandOrganisationId: supplier.id,
      stage: DealStage.CONTRACT_SIGNED,
      contractValueWan: 50,
    });
    await deal({ demandId: randomUUID(), targetId: randomUUID(), demandOrganisationId: world.agencyB.id });
    await deal({ stage: DealStage.NEGOTIATING, introductionId: randomUUID() });

    const { consortiumOutputs } = await ok(api, OUTPUTS, { id: consortiumId }, world.admin);
    expect(
      consortiumOutputs.contracts
        .map((c: any) => [c.dealId, c.reason])
        .sort((a: any, b: any) => (a[0] < b[0] ? -1 : 1)),
    ).toEqual(
      [
        [linked.id, 'LINKED'],
        [betweenMembers.id, 'MEMBERS'],
      ].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    );
    expect(consortiumOutputs.contractValueWan).toBe(200);
    expect(consortiumOutputs.listings).toEqual([
      { targetId: world.achievement.id, title: world.achievement.title, state: 'LISTED' },
    ]);
    expect(consortiumOutputs.demands).toEqual([{ targetId: world.demand.id, title: world.demand.title }]);

    const { recogniseConsortium } = await ok(api, RECOGNISE, { id: consortiumId }, world.admin);
    expect(recogniseConsortium.status).toBe('RECOGNISED');
    expect((await ok(api, ALL, { status: 'RECOGNISED' }, world.admin)).consortia.map((c: any) => c.id)).toContain(
      consortiumId,
    );
    // A draft (nobody accepted yet) cannot be recognised.
    const { createConsortium } = await ok(
      api,
      CREATE,
      { input: { leadOrganisationId: world.enterprise.id, name: '草稿联合体', goal: '尚未组建' } },
      world.member,
    );
    expect((await failure(RECOGNISE, { id: createConsortium.id }, world.admin)).reason).toBe(
      'CONSORTIUM_NOT_RECOGNISABLE',
    );
  });

  it('the lead closes the consortium: nothing changes in it afterwards', async () => {
    expect((await failure(CLOSE, { id: consortiumId }, world.tto)).reason).toBe('CONSORTIUM_NOT_FOUND');
    const { closeConsortium } = await ok(api, CLOSE, { id: consortiumId }, world.member);
    expect(closeConsortium.status).toBe('CLOSED');
    expect(
      (await failure(ADD_MILESTONE, { input: { consortiumId, title: '新节点', dueDate: '2027-06-01' } }, world.tto))
        .reason,
    ).toBe('CONSORTIUM_CLOSED');
    // The space stays readable for its members.
    expect((await ok(api, MILESTONES, { id: consortiumId }, world.tto)).consortiumMilestones).toHaveLength(1);
  });
});
