import { DataSource } from 'typeorm';
import { OutboxEventEntity, OutboxSubject } from '@app/core';
import { ExpertEntity, ExpertService, ExpertsService } from '@app/experts';
import { Actor, AuthService, OrganisationEntity, OrganisationKind, Role } from '@app/identity';
import { startTestApi, TestApi } from '@app/testing';
import { MarketplaceActors, TestActor } from './support/marketplace-actors';

const FIELDS = `id name title researchFields keywords bio services availability languages region visibility listed hasAccount canEdit`;
const CREATE = `mutation Create($input: CreateExpertInput!) { createExpertProfile(input: $input) { ${FIELDS} contactEmail institution { id name } } }`;
const UPDATE = `mutation Update($id: ID!, $input: UpdateExpertInput!) { updateExpertProfile(id: $id, input: $input) { ${FIELDS} } }`;
const SET_LISTED = `mutation SetListed($id: ID!, $listed: Boolean!) { setExpertListed(id: $id, listed: $listed) { id listed } }`;
const GET = `query Get($id: ID!) { expert(id: $id) { id name contactEmail contactPhone institution { name } } }`;
const LIST = `query List($first: Int, $after: String, $filter: ExpertFilter) {
  experts(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } nodes { id name contactEmail }
  }
}`;

type Viewer = 'owner' | 'colleague' | 'tto' | 'ttoElsewhere' | 'enterprise' | 'broker' | 'admin';

describe('experts over GraphQL', () => {
  let api: TestApi;
  let dataSource: DataSource;
  let service: ExpertsService;
  let actors: MarketplaceActors;
  let university: OrganisationEntity;
  let otherUniversity: OrganisationEntity;
  const users = {} as Record<Viewer, TestActor>;
  let ttoActor: Actor;

  beforeAll(async () => {
    api = await startTestApi();
    dataSource = api.app.get(DataSource);
    service = api.app.get(ExpertsService);
    actors = new MarketplaceActors(api);
    university = await actors.organisation('示范理工大学', OrganisationKind.UNIVERSITY);
    otherUniversity = await actors.organisation('另一所研究院', OrganisationKind.RESEARCH_INSTITUTE);
    const enterprise = await actors.organisation('某科技公司', OrganisationKind.ENTERPRISE);
    const agency = await actors.organisation('经纪机构', OrganisationKind.BROKER_AGENCY);
    const bureau = await actors.organisation('区科技局', OrganisationKind.GOVERNMENT);
    users.owner = await actors.user('owner', Role.RESEARCHER, university.id);
    users.colleague = await actors.user('colleague', Role.RESEARCHER, university.id);
    users.tto = await actors.user('tto', Role.TTO_OFFICER, university.id);
    users.ttoElsewhere = await actors.user('ttoElsewhere', Role.TTO_OFFICER, otherUniversity.id);
    users.enterprise = await actors.user('enterprise', Role.ENTERPRISE_MEMBER, enterprise.id);
    users.broker = await actors.user('broker', Role.BROKER, agency.id);
    users.admin = await actors.user('admin', Role.ADMIN, bureau.id);
    ttoActor = await api.app.get(AuthService).loadActor(users.tto.userId);
  });
  afterAll(() => api.close());

  const outboxCount = (id: string) =>
    dataSource.getRepository(OutboxEventEntity).countBy({ subject: OutboxSubject.EXPERT, subjectId: id });

  /** A staff profile kept by the TTO, optionally owned by `users.owner` (made through the service). */
  async function staffProfile(overrides: Partial<Parameters<ExpertsService['create']>[1]> = {}) {
    const expert = await service.create(ttoActor, {
      name: '王教授',
      bio: '长期从事机器视觉研究',
      contactEmail: 'wang@uni.example',
      contactPhone: '+86 371 1234 5678',
      organisationId: university.id,
      ...overrides,
    });
    return expert;
  }

  /** The owner's own profile (an account has at most one: reuse it, and reset what the tests change). */
  async function ownerProfile(): Promise<ExpertEntity> {
    const repo = dataSource.getRepository(ExpertEntity);
    const existing = await repo.findOneBy({ userId: users.owner.userId });
    if (existing) {
      await repo.update({ id: existing.id }, { listed: true, bio: '原始简介' });
      return repo.findOneByOrFail({ id: existing.id });
    }
    return staffProfile({ userId: users.owner.userId, bio: '原始简介' });
  }

  it('lets a researcher create and edit their own profile, with an outbox row per change', async () => {
    const researcher = await actors.user('self', Role.RESEARCHER, university.id);
    const created = await api.gql(
      CREATE,
      {
        input: {
          name: ' 李 研究员 ',
          title: '研究员',
          researchFields: ['机器视觉', '机器视觉', ' 深度学习 '],
          keywords: ['Defect Detection'],
          bio: 'Works on industrial vision.',
          services: ['CONSULTING', 'JOINT_RD'],
          availability: '每月 2 天',
          languages: ['zh', 'en'],
          region: '郑州',
          contactEmail: 'Li@Uni.Example',
        },
      },
      researcher.token,
    );
    expect(created.errors).toBeUndefined();
    const expert = created.data!.createExpertProfile;
    expect(expert).toMatchObject({
      name: '李 研究员',
      researchFields: ['机器视觉', '深度学习'],
      services: ['CONSULTING', 'JOINT_RD'],
      languages: ['zh', 'en'],
      visibility: 'PUBLIC',
      listed: true,
      hasAccount: true,
      canEdit: true,
      contactEmail: 'li@uni.example',
      institution: { id: university.id, name: '示范理工大学' },
    });
    expect(await outboxCount(expert.id)).toBe(1);

    const updated = await api.gql(
      UPDATE,
      { id: expert.id, input: { bio: '更新后的简介', region: null } },
      researcher.token,
    );
    expect(updated.data!.updateExpertProfile).toMatchObject({ bio: '更新后的简介', region: null, name: '李 研究员' });
    expect(await outboxCount(expert.id)).toBe(2);

    const second = await api.gql(CREATE, { input: { name: '再来一个' } }, researcher.token);
    expect(second.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'userId' });
  });

  it("finds the viewer's own profile with filter { mine: true } (nobody else's, nothing signed out)", async () => {
    const researcher = await actors.user('mine', Role.RESEARCHER, university.id);
    const without = await api.gql(LIST, { first: 5, filter: { mine: true } }, researcher.token);
    expect(without.data!.experts).toMatchObject({ totalCount: 0, nodes: [] });
    const created = await api.gql(CREATE, { input: { name: '自己的档案', bio: '简介' } }, researcher.token);
    const id = created.data!.createExpertProfile.id as string;
    const own = await api.gql(LIST, { first: 5, filter: { mine: true } }, researcher.token);
    expect(own.data!.experts.nodes).toEqual([expect.objectContaining({ id })]);
    const others = await api.gql(LIST, { first: 50, filter: { mine: true } }, users.colleague.token);
    expect((others.data!.experts.nodes as Array<{ id: string }>).map((n) => n.id)).not.toContain(id);
    const signedOut = await api.gql(LIST, { first: 5, filter: { mine: true } });
    expect(signedOut.data!.experts.nodes).toEqual([]);
  });

  it('lets a TTO officer create profiles for staff, linked to a member account or to none', async () => {
    const staff = await actors.user('staff', Role.RESEARCHER, university.id);
    const linked = await api.gql(CREATE, { input: { name: '张工', userId: staff.userId } }, users.tto.token);
    expect(linked.data!.createExpertProfile).toMatchObject({ hasAccount: true, institution: { id: university.id } });
    const unlinked = await api.gql(CREATE, { input: { name: '退休老专家' } }, users.tto.token);
    expect(unlinked.data!.createExpertProfile.hasAccount).toBe(false);

    const outsider = await actors.user('outsider', Role.RESEARCHER, otherUniversity.id);
    const foreign = await api.gql(CREATE, { input: { name: '外单位', userId: outsider.userId } }, users.tto.token);
    expect(foreign.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userId' });
    const badEmail = await api.gql(CREATE, { input: { name: 'x', contactEmail: 'nope' } }, users.tto.token);
    expect(badEmail.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });

  describe('authorisation matrix (each role × each mutation)', () => {
    const viewers: Array<Viewer | 'anonymous'> = [
      'anonymous',
      'owner',
      'colleague',
      'tto',
      'ttoElsewhere',
      'enterprise',
      'broker',
      'admin',
    ];

    // Creating for the university: researchers create only their own profile (a fresh account each case).
    const createAllowed = new Set(['owner', 'colleague', 'tto', 'admin']);
    it.each(viewers)('createExpertProfile by %s', async (viewer) => {
      let token: string | undefined;
      if (viewer === 'owner' || viewer === 'colleague')
        token = (await actors.user(`fresh-${viewer}`, Role.RESEARCHER, university.id)).token;
      else if (viewer !== 'anonymous') token = users[viewer].token;
      const res = await api.gql(CREATE, { input: { name: '矩阵专家', organisationId: university.id } }, token);
      if (viewer === 'anonymous') expect(res.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
      else if (createAllowed.has(viewer)) expect(res.errors).toBeUndefined();
      else expect(res.errors![0].extensions!.code).toBe('FORBIDDEN');
    });

    const manageAllowed = new Set(['owner', 'tto', 'admin']);
    const mutations = [
      {
        name: 'updateExpertProfile',
        run: (id: string, token?: string) => api.gql(UPDATE, { id, input: { bio: '被修改' } }, token),
      },
      {
        name: 'setExpertListed',
        run: (id: string, token?: string) => api.gql(SET_LISTED, { id, listed: false }, token),
      },
    ];
    const cases = mutations.flatMap((m) => viewers.map((viewer) => [m.name, viewer, m] as const));
    it.each(cases)('%s by %s', async (_name, viewer, mutation) => {
      const expert = await ownerProfile();
      const res = await mutation.run(expert.id, viewer === 'anonymous' ? undefined : users[viewer].token);
      const after = await dataSource.getRepository(ExpertEntity).findOneByOrFail({ id: expert.id });
      if (viewer === 'anonymous') {
        expect(res.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
      } else if (manageAllowed.has(viewer)) {
        expect(res.errors).toBeUndefined();
        expect(after.bio === '被修改' || after.listed === false).toBe(true);
        return;
      } else {
        expect(res.errors![0].extensions!.code).toBe('FORBIDDEN');
      }
      expect(after).toMatchObject({ bio: '原始简介', listed: true });
    });
  });

  describe('contact details', () => {
    it.each(['owner', 'tto', 'admin'] as const)('are shown to %s', async (viewer) => {
      const expert = await ownerProfile();
      await dataSource
        .getRepository(ExpertEntity)
        .update({ id: expert.id }, { contactEmail: 'owner@uni.example', contactPhone: '13800000000' });
      const res = await api.gql(GET, { id: expert.id }, users[viewer].token);
      expect(res.data!.expert).toMatchObject({ contactEmail: 'owner@uni.example', contactPhone: '13800000000' });
    });

    it.each(['anonymous', 'colleague', 'ttoElsewhere', 'enterprise', 'broker'] as const)(
      'are hidden from %s',
      async (viewer) => {
        const expert = await staffProfile();
        const token = viewer === 'anonymous' ? undefined : users[viewer].token;
        const res = await api.gql(GET, { id: expert.id }, token);
        expect(res.errors).toBeUndefined();
        expect(res.data!.expert).toMatchObject({
          name: '王教授',
          contactEmail: null,
          contactPhone: null,
          institution: { name: '示范理工大学' },
        });
        const listed = await api.gql(LIST, { first: 100, filter: { organisationId: university.id } }, token);
        expect(listed.data!.experts.nodes.every((n: { contactEmail: string | null }) => n.contactEmail === null)).toBe(
          true,
        );
      },
    );
  });

  it('shows MEMBERS_ONLY profiles to signed-in members only, and unlisted ones to their managers only', async () => {
    const region = `可见性-${Date.now()}`;
    const membersOnly = await staffProfile({ region, visibility: 'MEMBERS_ONLY' as never });
    const unlisted = await staffProfile({ region, listed: false });
    const ids = async (token?: string) =>
      ((await api.gql(LIST, { first: 100, filter: { region } }, token)).data!.experts.nodes as Array<{ id: string }>)
        .map((n) => n.id)
        .sort();

    expect((await api.gql(GET, { id: membersOnly.id })).errors![0].extensions!.code).toBe('NOT_FOUND');
    expect((await api.gql(GET, { id: membersOnly.id }, users.enterprise.token)).data!.expert.id).toBe(membersOnly.id);
    expect(await ids()).toEqual([]);
    expect(await ids(users.enterprise.token)).toEqual([membersOnly.id]);
    expect(await ids(users.tto.token)).toEqual([membersOnly.id, unlisted.id].sort());
    expect(await ids(users.admin.token)).toEqual([membersOnly.id, unlisted.id].sort());
    expect((await api.gql(GET, { id: unlisted.id }, users.broker.token)).errors![0].extensions!.code).toBe('NOT_FOUND');
  });

  it('pages through a filtered list with keyset cursors, newest first', async () => {
    const region = `分页-${Date.now()}`;
    const created: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      created.push((await staffProfile({ region, name: `专家 ${i}`, services: [ExpertService.LECTURING] })).id);
    }
    await staffProfile({ region, services: [ExpertService.CONSULTING] });
    const seen: string[] = [];
    const sizes: number[] = [];
    let after: string | undefined;
    for (;;) {
      const res = await api.gql(LIST, { first: 2, after, filter: { region, service: 'LECTURING' } });
      expect(res.errors).toBeUndefined();
      expect(res.data!.experts.totalCount).toBe(5);
      sizes.push(res.data!.experts.nodes.length);
      seen.push(...res.data!.experts.nodes.map((n: { id: string }) => n.id));
      if (!res.data!.experts.pageInfo.hasNextPage) break;
      after = res.data!.experts.pageInfo.endCursor;
    }
    expect(sizes).toEqual([2, 2, 1]);
    expect(seen).toEqual([...created].reverse());
  });

  it('imports idempotently by (institution, external id): imported experts are PUBLIC and listed', async () => {
    const line = {
      externalId: `E-${Date.now()}`,
      name: '黎曼青',
      bio: '主要从事微生物细胞工厂构建',
      title: '研究员',
      researchFields: ['合成生物学', '代谢工程'],
      region: '昆明',
    };
    const first = await service.importExpert(otherUniversity.id, line);
    expect(first.outcome).toBe('created');
    expect(first.expert).toMatchObject({
      visibility: 'PUBLIC',
      listed: true,
      userId: null,
      organisationId: otherUniversity.id,
    });
    expect(await service.importExpert(otherUniversity.id, { ...line })).toMatchObject({
      outcome: 'unchanged',
      expert: { id: first.expert.id },
    });
    expect(await outboxCount(first.expert.id)).toBe(1);
    const changed = await service.importExpert(otherUniversity.id, { ...line, researchFields: ['合成生物学'] });
    expect(changed).toMatchObject({
      outcome: 'updated',
      expert: { id: first.expert.id, researchFields: ['合成生物学'] },
    });
    expect(await outboxCount(first.expert.id)).toBe(2);
    expect((await api.gql(GET, { id: first.expert.id })).data!.expert.name).toBe('黎曼青');
  });
});
