import {
  AchievementEntity,
  AchievementInventorEntity,
  AchievementsService,
  AchievementStatus,
} from '@app/achievements';
import { DemandConfidentialReadEntity, DemandEntity, DemandsService } from '@app/demands';
import { ExpertEntity, ExpertsService } from '@app/experts';
import { AuthService, OrganisationEntity, OrganisationKind, Role } from '@app/identity';
import { SearchKind, SearchService, SearchSources } from '@app/search';
import { TestApi, testAccounts } from '@app/testing';
import { DataSource } from 'typeorm';
import { MarketplaceActors, TestActor } from '../../../apps/api/test/support/marketplace-actors';
import {
  eventually,
  inAMonth,
  industryCodes,
  startIsolatedSearchStack,
  IsolatedSearchStack,
  unique,
} from './search-fixtures';

type Kind = 'achievement' | 'expert' | 'demand';
const SEARCH_FIELD: Record<Kind, string> = {
  achievement: 'searchAchievements',
  expert: 'searchExperts',
  demand: 'searchDemands',
};

/**
 * Search hits load only the columns the query selects on their objects: whatever is selected, and whoever asks,
 * a hit answers exactly what the object's own query (which loads every column) answers.
 */
describe('search hits loaded for the fields the query selects', () => {
  let api: TestApi;
  let stack: IsolatedSearchStack;
  let dataSource: DataSource;
  let token: string;
  let university: OrganisationEntity;
  let enterpriseA: OrganisationEntity;
  let industry: string;
  let achievement: AchievementEntity;
  let expert: ExpertEntity;
  let demand: DemandEntity;
  const secret = { description: '', conversionPlan: '', contactEmail: '', confidentialDetails: '' };
  const noticeStartsAt = new Date('2030-01-02T03:04:05.000Z');
  const noticeEndsAt = new Date('2030-01-17T03:04:05.000Z');
  const users = {} as Record<
    'member' | 'owner' | 'inventor' | 'outsider' | 'expertSelf' | 'tto' | 'poster' | 'enterpriseB' | 'broker',
    TestActor
  >;
  type Viewer = keyof typeof users | 'anonymous';
  const tokenOf = (viewer: Viewer) => (viewer === 'anonymous' ? undefined : users[viewer].token);

  beforeAll(async () => {
    // Exact hit lists are asserted: listings other tests of this Jest worker indexed must not be in the index.
    stack = await startIsolatedSearchStack('searchselect');
    ({ api } = stack);
    dataSource = api.app.get(DataSource);
    [industry] = await industryCodes(api, 1);
    const actors = new MarketplaceActors(api);
    university = await actors.organisation(unique('示范理工大学'), OrganisationKind.UNIVERSITY);
    const otherUniversity = await actors.organisation(unique('另一所大学'), OrganisationKind.UNIVERSITY);
    enterpriseA = await actors.organisation(unique('甲智能装备有限公司'), OrganisationKind.ENTERPRISE);
    const enterpriseB = await actors.organisation(unique('乙新材料股份公司'), OrganisationKind.ENTERPRISE);
    const agency = await actors.organisation(unique('技术经纪事务所'), OrganisationKind.BROKER_AGENCY);
    users.member = await actors.user('member', Role.RESEARCHER, university.id);
    users.owner = await actors.user('owner', Role.RESEARCHER, otherUniversity.id);
    users.inventor = await actors.user('inventor', Role.RESEARCHER, otherUniversity.id);
    users.outsider = await actors.user('outsider', Role.RESEARCHER, otherUniversity.id);
    users.expertSelf = await actors.user('expertSelf', Role.RESEARCHER, otherUniversity.id);
    users.tto = await actors.user('tto', Role.TTO_OFFICER, university.id);
    users.poster = await actors.user('poster', Role.ENTERPRISE_MEMBER, enterpriseA.id);
    users.enterpriseB = await actors.user('enterpriseB', Role.ENTERPRISE_MEMBER, enterpriseB.id);
    users.broker = await actors.user('broker', Role.BROKER, agency.id);

    token = unique('sel');
    secret.description = `详细技术方案 ${unique('desc')}`;
    secret.conversionPlan = `转化方案 ${unique('plan')}`;
    secret.contactEmail = `${unique('mailbox')}@example.edu`;
    secret.confidentialDetails = `核心配方 ${unique('conf')}`;

    ({ achievement } = await api.app.get(AchievementsService).importListedAchievement({
      institutionId: university.id,
      externalId: unique('ext'),
      title: `${token} 激光雷达点云处理`,
      summary: '面向自动驾驶的点云分割',
      description: secret.description,
      industryCode: industry,
      status: AchievementStatus.LISTED,
    }));
    // Owner and inventor outside the institution: only the owner and inventor columns let them see the secrets.
    await dataSource.query(
      `UPDATE achievements SET owner_id = $2, conversion_plan = $3, notice_round = 1, notice_starts_at = $4,
         notice_ends_at = $5 WHERE id = $1`,
      [achievement.id, users.owner.userId, secret.conversionPlan, noticeStartsAt, noticeEndsAt],
    );
    await dataSource.getRepository(AchievementInventorEntity).insert({
      achievementId: achievement.id,
      userId: users.inventor.userId,
      name: '陈发明',
      contributionShare: 100,
      position: 0,
    });

    ({ expert } = await api.app.get(ExpertsService).importExpert(university.id, {
      externalId: unique('e'),
      name: `${token} 王教授`,
      bio: '长期从事点云与三维视觉研究',
      contactEmail: secret.contactEmail,
    }));
    await dataSource.query('UPDATE experts SET user_id = $2 WHERE id = $1', [expert.id, users.expertSelf.userId]);

    const poster = await api.app.get(AuthService).loadActor(users.poster.userId);
    demand = await api.app.get(DemandsService).create(poster, {
      title: `${token} 点云标注平台`,
      summary: '寻求三维点云标注合作',
      confidentialDetails: secret.confidentialDetails,
      industryCode: industry,
      deadline: inAMonth(),
      anonymous: true,
      publish: true,
    });
    // The broker works on both (no blanket broker rule): entrusted with each, confidentiality acknowledged.
    const entrust = `mutation($input: EntrustInput!) { entrust(input: $input) { id } }`;
    await gqlData(
      entrust,
      { input: { subjectType: 'ACHIEVEMENT', subjectId: achievement.id, brokerIds: [users.broker.userId] } },
      users.tto.token,
    );
    await gqlData(
      entrust,
      { input: { subjectType: 'DEMAND', subjectId: demand.id, brokerIds: [users.broker.userId] } },
      users.poster.token,
    );
    await testAccounts(api).acknowledgeBrokerConfidentiality(users.broker);

    await eventually(async () => {
      const hits = (await gqlData(`query S($q: String) { search(query: $q) { hits { kind } } }`, { q: token })).search
        .hits;
      expect(hits).toHaveLength(3);
    });
  });
  afterAll(() => stack?.close());

  async function gqlData(query: string, variables: Record<string, unknown>, accessToken?: string) {
    const res = await api.gql(query, variables, accessToken);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  }

  const idOf = (kind: Kind) => ({ achievement, expert, demand })[kind].id;

  /** The hits' objects of `searchX`, selecting `fields`. */
  async function searched(kind: Kind, fields: string, viewer: Viewer = 'anonymous') {
    const query = `query S($q: String) { ${SEARCH_FIELD[kind]}(query: $q) { hits { node { ${fields} } } } }`;
    const data = await gqlData(query, { q: token }, tokenOf(viewer));
    return data[SEARCH_FIELD[kind]].hits.map((hit: { node: unknown }) => hit.node);
  }

  /** The object through its own query, selecting `fields` (every column loaded). */
  async function direct(kind: Kind, fields: string, viewer: Viewer = 'anonymous') {
    const data = await gqlData(
      `query G($id: ID!) { ${kind}(id: $id) { ${fields} } }`,
      { id: idOf(kind) },
      tokenOf(viewer),
    );
    return data[kind];
  }

  /** Search answers exactly what the object's own query answers, for this viewer; returns that answer. */
  async function sameAsDirect(kind: Kind, fields: string, viewer: Viewer = 'anonymous') {
    const expected = await direct(kind, fields, viewer);
    expect({ viewer, hits: await searched(kind, fields, viewer) }).toEqual({ viewer, hits: [expected] });
    return expected;
  }

  it('answers a search selecting only id and title with the right objects, loading only those columns', async () => {
    expect(await searched('achievement', 'id title')).toEqual([{ id: achievement.id, title: achievement.title }]);
    expect(await searched('expert', 'id name')).toEqual([{ id: expert.id, name: expert.name }]);
    expect(await searched('demand', 'id title')).toEqual([{ id: demand.id, title: demand.title }]);
    const federated = await gqlData(
      `query S($q: String) {
        search(query: $q) { hits { kind achievement { id title } expert { id name } demand { t: title id } } }
      }`,
      { q: token },
    );
    expect(federated.search.hits).toEqual(
      expect.arrayContaining([
        {
          kind: 'ACHIEVEMENT',
          achievement: { id: achievement.id, title: achievement.title },
          expert: null,
          demand: null,
        },
        { kind: 'EXPERT', achievement: null, expert: { id: expert.id, name: expert.name }, demand: null },
        { kind: 'DEMAND', achievement: null, expert: null, demand: { id: demand.id, t: demand.title } },
      ]),
    );

    // What those selections load: the selected columns and what the visibility checks read, nothing else.
    const sources = api.app.get(SearchSources);
    const columnsFor = (kind: SearchKind, fields: string[]) => sources.source(kind).columnsFor(new Set(fields))?.sort();
    expect(columnsFor(SearchKind.ACHIEVEMENT, ['id', 'title'])).toEqual(
      ['id', 'title', 'institutionId', 'ownerId', 'representativeId', 'status'].sort(),
    );
    expect(columnsFor(SearchKind.EXPERT, ['id', 'name'])).toEqual(
      ['id', 'name', 'userId', 'organisationId', 'listed', 'visibility'].sort(),
    );
    expect(columnsFor(SearchKind.DEMAND, ['id', 'title'])).toEqual(
      ['id', 'title', 'organisationId', 'status', 'anonymous'].sort(),
    );
    expect(columnsFor(SearchKind.ACHIEVEMENT, ['notice', 'institution'])).toEqual(
      [
        'id',
        'institutionId',
        'ownerId',
        'representativeId',
        'status',
        'noticeRound',
        'noticeStartsAt',
        'noticeEndsAt',
      ].sort(),
    );
  });

  it('resolves field resolvers through the narrowed load', async () => {
    const achievementFields = `id institution { name } industry { code } notice { round startsAt endsAt }
      inventors { name userId }`;
    expect(await sameAsDirect('achievement', achievementFields)).toEqual({
      id: achievement.id,
      institution: { name: university.name },
      industry: { code: industry },
      notice: { round: 1, startsAt: noticeStartsAt.toISOString(), endsAt: noticeEndsAt.toISOString() },
      inventors: [{ name: '陈发明', userId: users.inventor.userId }],
    });

    const expertFields = 'institution { name } hasAccount canEdit';
    expect(await sameAsDirect('expert', expertFields)).toEqual({
      institution: { name: university.name },
      hasAccount: true,
      canEdit: false,
    });
    expect(await sameAsDirect('expert', expertFields, 'expertSelf')).toMatchObject({ canEdit: true });
    expect(await sameAsDirect('expert', expertFields, 'tto')).toMatchObject({ canEdit: true });

    const demandFields = 'organisation { name } industry { code } allowedActions';
    expect(await sameAsDirect('demand', demandFields)).toEqual({
      organisation: null,
      industry: { code: industry },
      allowedActions: [],
    });
    expect(await sameAsDirect('demand', demandFields, 'poster')).toEqual({
      organisation: { name: enterpriseA.name },
      industry: { code: industry },
      allowedActions: expect.arrayContaining(['CLOSE']),
    });
    expect(await sameAsDirect('demand', demandFields, 'broker')).toMatchObject({
      organisation: { name: enterpriseA.name },
      allowedActions: [],
    });
  });

  it('shows confidential fields to exactly the viewers who saw them before, selected alone or with others', async () => {
    const seeing: Record<Kind, Viewer[]> = {
      achievement: ['member', 'owner', 'inventor', 'tto', 'broker'],
      expert: ['expertSelf', 'tto'],
      demand: ['poster', 'broker'],
    };
    const confidential: Record<Kind, Array<[string, Record<string, unknown>]>> = {
      achievement: [
        ['description', { description: secret.description }],
        ['conversionPlan', { conversionPlan: secret.conversionPlan }],
        ['id title description', { description: secret.description }],
      ],
      expert: [['contactEmail', { contactEmail: secret.contactEmail }]],
      demand: [
        ['confidentialDetails', { confidentialDetails: secret.confidentialDetails }],
        ['id confidentialDetails organisation { name }', { confidentialDetails: secret.confidentialDetails }],
      ],
    };
    const viewers: Viewer[] = ['anonymous', ...(Object.keys(users) as Viewer[])];
    for (const kind of Object.keys(confidential) as Kind[]) {
      for (const [fields, revealed] of confidential[kind]) {
        for (const viewer of viewers) {
          const answer = await sameAsDirect(kind, fields, viewer);
          const hidden = Object.fromEntries(Object.keys(revealed).map((field) => [field, null]));
          expect({ kind, fields, viewer, answer }).toEqual({
            kind,
            fields,
            viewer,
            answer: expect.objectContaining(seeing[kind].includes(viewer) ? revealed : hidden),
          });
        }
      }
    }
  });

  it('keeps the confidential fields of the federated search as they were', async () => {
    const query = `query S($q: String) {
      search(query: $q) { hits { kind achievement { description } expert { contactEmail } demand { confidentialDetails } } }
    }`;
    const answers = async (viewer: Viewer) => {
      const { search } = await gqlData(query, { q: token }, tokenOf(viewer));
      const byKind = Object.fromEntries(search.hits.map((hit: Record<string, unknown>) => [hit.kind, hit]));
      return [
        byKind.ACHIEVEMENT.achievement.description,
        byKind.EXPERT.expert.contactEmail,
        byKind.DEMAND.demand.confidentialDetails,
      ];
    };
    expect(await answers('anonymous')).toEqual([null, null, null]);
    expect(await answers('enterpriseB')).toEqual([null, null, null]);
    expect(await answers('tto')).toEqual([secret.description, secret.contactEmail, null]);
    expect(await answers('broker')).toEqual([secret.description, null, secret.confidentialDetails]);
    expect(await answers('poster')).toEqual([null, null, secret.confidentialDetails]);
  });

  it('logs a read of confidential demand details through search, and none for a viewer who may not read them', async () => {
    const reads = (userId: string) =>
      dataSource.getRepository(DemandConfidentialReadEntity).countBy({ demandId: demand.id, userId });
    const [brokerBefore, outsiderBefore] = [await reads(users.broker.userId), await reads(users.enterpriseB.userId)];
    expect(await searched('demand', 'confidentialDetails', 'broker')).toEqual([
      { confidentialDetails: secret.confidentialDetails },
    ]);
    expect(await searched('demand', 'confidentialDetails', 'enterpriseB')).toEqual([{ confidentialDetails: null }]);
    expect(await reads(users.broker.userId)).toBe(brokerBefore + 1);
    expect(await reads(users.enterpriseB.userId)).toBe(outsiderBefore);
  });

  it('loads every column for a field it cannot place, and without a selection', async () => {
    const service = api.app.get(SearchService);
    const objectOf = async (selection?: Set<string>) => {
      const { hits } = await service.search<AchievementEntity>(
        SearchKind.ACHIEVEMENT,
        { query: token },
        undefined,
        selection,
      );
      expect(hits.map((hit) => hit.id)).toEqual([achievement.id]);
      return hits[0].object;
    };
    const narrowed = await objectOf(new Set(['id', 'title']));
    expect(narrowed).toMatchObject({ id: achievement.id, title: achievement.title, status: AchievementStatus.LISTED });
    expect(narrowed.description).toBeUndefined();
    expect(narrowed.conversionPlan).toBeUndefined();
    for (const selection of [new Set(['id', 'somethingNew']), undefined]) {
      expect(await objectOf(selection)).toMatchObject({
        description: secret.description,
        conversionPlan: secret.conversionPlan,
        noticeRound: 1,
        summary: '面向自动驾驶的点云分割',
      });
    }

    // Federated: each kind by its own selection; a kind without one loads every column.
    const { hits } = await service.searchAll({ query: token }, undefined, {
      [SearchKind.ACHIEVEMENT]: new Set(['title']),
      [SearchKind.DEMAND]: new Set(['somethingNew']),
    });
    const objectOfKind = (kind: SearchKind) => hits.find((hit) => hit.kind === kind)?.object as Record<string, unknown>;
    expect(objectOfKind(SearchKind.ACHIEVEMENT)).toMatchObject({ title: achievement.title });
    expect(objectOfKind(SearchKind.ACHIEVEMENT).description).toBeUndefined();
    expect(objectOfKind(SearchKind.EXPERT)).toMatchObject({ contactEmail: secret.contactEmail });
    expect(objectOfKind(SearchKind.DEMAND)).toMatchObject({ confidentialDetails: secret.confidentialDetails });
  });
});
