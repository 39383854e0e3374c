import { DataSource, Logger as TypeormLogger } from 'typeorm';
import { AchievementInventorEntity, AchievementsService, AchievementStatus } from '@app/achievements';
import { OrganisationEntity, OrganisationKind, Role } from '@app/identity';
import { GraphqlResponse, startTestApi, TestApi } from '@app/testing';
import { createOrganisation, createUser, seedAchievement, TestUser } from './achievements.fixtures';

type Viewer = 'owner' | 'otherResearcher' | 'tto' | 'otherTto' | 'enterprise' | 'broker' | 'admin';
const VIEWERS: Viewer[] = ['owner', 'otherResearcher', 'tto', 'otherTto', 'enterprise', 'broker', 'admin'];

describe('achievements: authorisation, confidentiality, pagination and query counts', () => {
  let api: TestApi;
  let university: OrganisationEntity;
  let users: Record<Viewer, TestUser>;

  beforeAll(async () => {
    api = await startTestApi();
    university = await createOrganisation(api, '矩阵大学', OrganisationKind.UNIVERSITY);
    const otherUniversity = await createOrganisation(api, '另一所大学', OrganisationKind.UNIVERSITY);
    const company = await createOrganisation(api, '某科技公司', OrganisationKind.ENTERPRISE);
    const agency = await createOrganisation(api, '技术经纪事务所', OrganisationKind.BROKER_AGENCY);
    const bureau = await createOrganisation(api, '区科技局', OrganisationKind.GOVERNMENT);
    users = {
      owner: await createUser(api, Role.RESEARCHER, university),
      otherResearcher: await createUser(api, Role.RESEARCHER, university),
      tto: await createUser(api, Role.TTO_OFFICER, university),
      otherTto: await createUser(api, Role.TTO_OFFICER, otherUniversity),
      enterprise: await createUser(api, Role.ENTERPRISE_MEMBER, company),
      broker: await createUser(api, Role.BROKER, agency),
      admin: await createUser(api, Role.ADMIN, bureau),
    };
  });
  afterAll(() => api.close());

  const seed = (status: AchievementStatus, extra: { title?: string; description?: string } = {}) =>
    seedAchievement(api, { institutionId: university.id, ownerId: users.owner.id, status, ...extra });

  const transition = (name: string, comment?: string) => (id: string) => ({
    query: `mutation M($id: ID!, $input: TransitionInput) { ${name}(id: $id, input: $input) { id } }`,
    variables: { id, input: comment ? { comment } : null },
  });

  /**
   * Each mutation, the state it is tried in, and who may fire it. Administrators oversee (they read everything
   * and export evidence) but do not take the institution's decisions. Objections are open to anyone signed in.
   */
  const MATRIX: Array<{
    mutation: string;
    status: AchievementStatus | null;
    allowed: Viewer[];
    operation: (id: string) => { query: string; variables: Record<string, unknown> };
  }> = [
    {
      mutation: 'createAchievement',
      status: null,
      allowed: ['owner', 'otherResearcher', 'tto'],
      operation: () => ({
        query: `mutation M($input: CreateAchievementInput!) { createAchievement(input: $input) { id } }`,
        variables: { input: { institutionId: university.id, title: '新成果' } },
      }),
    },
    {
      mutation: 'updateAchievement',
      status: AchievementStatus.DRAFT,
      allowed: ['owner', 'tto'],
      operation: (id) => ({
        query: `mutation M($id: ID!) { updateAchievement(id: $id, input: { summary: "更新" }) { id } }`,
        variables: { id },
      }),
    },
    {
      mutation: 'setAchievementRightsProposal',
      status: AchievementStatus.DRAFT,
      allowed: ['owner', 'tto'],
      operation: (id) => ({
        query: `mutation M($id: ID!) { setAchievementRightsProposal(id: $id, input: { kind: USE_RIGHT, useRightYears: 10 }) { kind } }`,
        variables: { id },
      }),
    },
    {
      mutation: 'recordInventorConsent',
      status: AchievementStatus.DRAFT,
      allowed: ['owner'],
      operation: (id) => ({
        query: `mutation M($id: ID!) { recordInventorConsent(achievementId: $id) { id } }`,
        variables: { id },
      }),
    },
    {
      mutation: 'submitAchievement',
      status: AchievementStatus.DRAFT,
      allowed: ['owner'],
      operation: transition('submitAchievement'),
    },
    {
      mutation: 'approveAchievementStage',
      status: AchievementStatus.SUBMITTED,
      allowed: ['tto'],
      operation: transition('approveAchievementStage'),
    },
    {
      mutation: 'rejectAchievement',
      status: AchievementStatus.DEPARTMENT_REVIEW,
      allowed: ['tto'],
      operation: transition('rejectAchievement', '材料不全'),
    },
    {
      mutation: 'fileAchievementObjection',
      status: AchievementStatus.PUBLIC_NOTICE,
      allowed: VIEWERS,
      operation: (id) => ({
        query: `mutation M($id: ID!) { fileAchievementObjection(id: $id, reason: "权属有争议") { id } }`,
        variables: { id },
      }),
    },
    {
      mutation: 'signRightsAgreement',
      status: AchievementStatus.APPROVED,
      allowed: ['tto'],
      operation: transition('signRightsAgreement'),
    },
    {
      mutation: 'confirmAchievementRights',
      status: AchievementStatus.AGREEMENT_SIGNED,
      allowed: ['tto'],
      operation: transition('confirmAchievementRights'),
    },
    {
      mutation: 'confirmInstitutionOwned',
      status: AchievementStatus.TTO_REVIEW,
      allowed: ['tto'],
      operation: transition('confirmInstitutionOwned', '学校所有'),
    },
    {
      mutation: 'listAchievement',
      status: AchievementStatus.RIGHTS_CONFIRMED,
      allowed: ['owner', 'tto'],
      operation: transition('listAchievement'),
    },
    {
      mutation: 'markAchievementInNegotiation',
      status: AchievementStatus.LISTED,
      allowed: ['owner', 'tto'],
      operation: transition('markAchievementInNegotiation'),
    },
    {
      mutation: 'endAchievementNegotiation',
      status: AchievementStatus.IN_NEGOTIATION,
      allowed: ['owner', 'tto'],
      operation: transition('endAchievementNegotiation'),
    },
    {
      mutation: 'markAchievementTransferred',
      status: AchievementStatus.IN_NEGOTIATION,
      allowed: ['tto'],
      operation: transition('markAchievementTransferred'),
    },
    {
      mutation: 'withdrawAchievement',
      status: AchievementStatus.LISTED,
      allowed: ['owner', 'tto'],
      operation: transition('withdrawAchievement', '不再转化'),
    },
    {
      mutation: 'reconfirmListing',
      status: AchievementStatus.STALE,
      allowed: ['owner', 'tto'],
      operation: transition('reconfirmListing'),
    },
    {
      mutation: 'updateAchievementSettings',
      status: null,
      allowed: ['tto', 'admin'],
      operation: () => ({
        query: `mutation M($id: ID!) { updateAchievementSettings(institutionId: $id, input: { stalePeriodDays: 180 }) { stalePeriodDays } }`,
        variables: { id: university.id },
      }),
    },
    {
      mutation: 'achievementEvidence (query)',
      status: AchievementStatus.LISTED,
      allowed: ['tto', 'admin'],
      operation: (id) => ({ query: `query Q($id: ID!) { achievementEvidence(id: $id) }`, variables: { id } }),
    },
  ];

  const cells = MATRIX.flatMap((row) =>
    VIEWERS.map((viewer) => [row.mutation, viewer, row.allowed.includes(viewer), row] as const),
  );

  it.each(cells)('%s by %s → allowed: %s', async (_mutation, viewer, allowed, row) => {
    const id = row.status ? (await seed(row.status)).id : '';
    const { query, variables } = row.operation(id);
    const res = await api.gql(query, variables, users[viewer].token);
    if (allowed) expect(res.errors).toBeUndefined();
    else expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  describe('confidential fields', () => {
    const DETAIL = `query Q($id: ID!) { achievement(id: $id) { id title summary description attachments { name } conversionPlan } }`;

    it.each([
      ['anonymous', false],
      ['enterprise', false],
      ['otherTto', false],
      // No blanket broker rule: only a broker working on it (entrusted or claiming) sees them (libs/brokerage).
      ['broker', false],
      ['otherResearcher', true],
      ['owner', true],
      ['tto', true],
      ['admin', true],
    ] as const)('a LISTED achievement shows its details to %s: %s', async (viewer, confidential) => {
      const listed = await seed(AchievementStatus.LISTED, { description: '机密：核心参数' });
      const res = await api.gql(DETAIL, { id: listed.id }, viewer === 'anonymous' ? undefined : users[viewer].token);
      expect(res.errors).toBeUndefined();
      expect(res.data!.achievement).toMatchObject({ title: listed.title, summary: listed.summary });
      if (confidential) {
        expect(res.data!.achievement).toMatchObject({
          description: '机密：核心参数',
          attachments: [{ name: '实验报告.pdf' }],
          conversionPlan: '许可给区内企业实施',
        });
      } else {
        expect(res.data!.achievement).toMatchObject({ description: null, attachments: null, conversionPlan: null });
      }
    });

    it.each([
      ['anonymous', false],
      ['enterprise', false],
      ['broker', false],
      ['otherResearcher', false],
      ['otherTto', false],
      ['owner', true],
      ['tto', true],
      ['admin', true],
    ] as const)('a DRAFT is visible to %s: %s', async (viewer, visible) => {
      const draft = await seed(AchievementStatus.DRAFT);
      const res = await api.gql(DETAIL, { id: draft.id }, viewer === 'anonymous' ? undefined : users[viewer].token);
      if (visible) expect(res.data!.achievement.description).toBe('机密：算法细节与实验数据');
      else expect(res.errors![0].extensions!.code).toBe('NOT_FOUND');
    });

    it('keeps drafts out of lists for outsiders', async () => {
      const draft = await seed(AchievementStatus.DRAFT, { title: '草稿不可见' });
      const LIST = `query Q($filter: AchievementFilterInput) { achievements(first: 100, filter: $filter) { nodes { id } } }`;
      const filter = { institutionIds: [university.id], statuses: ['DRAFT'] };
      const ids = async (user?: TestUser) =>
        ((await api.gql(LIST, { filter }, user?.token)).data!.achievements.nodes as Array<{ id: string }>).map(
          (n) => n.id,
        );
      expect(await ids()).not.toContain(draft.id);
      expect(await ids(users.broker)).not.toContain(draft.id);
      expect(await ids(users.otherResearcher)).not.toContain(draft.id);
      expect(await ids(users.owner)).toContain(draft.id);
      expect(await ids(users.tto)).toContain(draft.id);
    });

    it("filters to the viewer's own achievements (mine) and to those with an untriaged objection", async () => {
      const own = await seed(AchievementStatus.DRAFT, { title: '我自己的草稿' });
      const listedByOwner = await seed(AchievementStatus.LISTED, { title: '我自己的挂牌成果' });
      const someoneElses = await seedAchievement(api, {
        institutionId: university.id,
        ownerId: users.otherResearcher.id,
        status: AchievementStatus.LISTED,
        title: '别人的挂牌成果',
      });
      const LIST = `query Q($filter: AchievementFilterInput) { achievements(first: 100, filter: $filter) { totalCount nodes { id } } }`;
      const ids = async (filter: Record<string, unknown>, user?: TestUser) =>
        ((await api.gql(LIST, { filter }, user?.token)).data!.achievements.nodes as Array<{ id: string }>).map(
          (n) => n.id,
        );
      const mine = await ids({ mine: true }, users.owner);
      expect(mine).toEqual(expect.arrayContaining([own.id, listedByOwner.id]));
      expect(mine).not.toContain(someoneElses.id);
      // The TTO sees all three in general, but none of them is the TTO's own.
      expect(await ids({ mine: true }, users.tto)).not.toEqual(expect.arrayContaining([own.id]));
      expect(await ids({ mine: true })).toEqual([]);

      const noticed = await seed(AchievementStatus.PUBLIC_NOTICE, { title: '有异议的公示成果' });
      const objectionsBefore = await ids({ withOpenObjections: true }, users.tto);
      expect(objectionsBefore).not.toContain(noticed.id);
      await api.app
        .get(DataSource)
        .query(
          `INSERT INTO achievement_objections (achievement_id, objector_id, reason, notice_round) VALUES ($1, $2, '权属有争议', 1)`,
          [noticed.id, users.enterprise.id],
        );
      expect(await ids({ withOpenObjections: true }, users.tto)).toContain(noticed.id);
      // Outsiders still see nothing that is not public.
      expect(await ids({ withOpenObjections: true }, users.otherTto)).not.toContain(noticed.id);
      const counted = await api.gql(LIST, { filter: { withOpenObjections: true } }, users.tto.token);
      expect(counted.data!.achievements.totalCount).toBe(objectionsBefore.length + 1);
    });
  });

  describe('listing', () => {
    let institution: OrganisationEntity;
    const LIST = `query Q($first: Int!, $after: String, $filter: AchievementFilterInput) {
      achievements(first: $first, after: $after, filter: $filter) {
        pageInfo { hasNextPage endCursor }
        nodes { id title trl description inventors { name } institution { name } }
      }
    }`;

    beforeAll(async () => {
      institution = await createOrganisation(api, '分页研究院', OrganisationKind.RESEARCH_INSTITUTE);
      const service = api.app.get(AchievementsService);
      const inventors = api.app.get(DataSource).getRepository(AchievementInventorEntity);
      for (let i = 0; i < 55; i++) {
        const { achievement } = await service.importListedAchievement({
          institutionId: institution.id,
          externalId: `P-${i}`,
          title: `成果 ${i}`,
          description: `细节 ${i}`,
          trl: (i % 9) + 1,
          status: AchievementStatus.LISTED,
        });
        await inventors.insert([
          { achievementId: achievement.id, name: `甲${i}`, contributionShare: 50, position: 0, userId: null },
          { achievementId: achievement.id, name: `乙${i}`, contributionShare: 50, position: 1, userId: null },
        ]);
      }
    });

    it('pages with keyset cursors, newest first, without gaps or repeats, and filters by TRL', async () => {
      const filter = { institutionIds: [institution.id], trlMin: 3, trlMax: 5 };
      const expected = 55 - [...Array(55).keys()].filter((i) => (i % 9) + 1 < 3 || (i % 9) + 1 > 5).length;
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      do {
        const res: GraphqlResponse = await api.gql(LIST, { first: 4, after, filter });
        expect(res.errors).toBeUndefined();
        const page: {
          nodes: Array<{ title: string; trl: number }>;
          pageInfo: { hasNextPage: boolean; endCursor: string };
        } = res.data!.achievements;
        for (const node of page.nodes) expect(node.trl).toBeGreaterThanOrEqual(3);
        seen.push(...page.nodes.map((n) => n.title));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
        pages++;
      } while (after);
      expect(new Set(seen).size).toBe(expected);
      expect(seen.length).toBe(expected);
      expect(pages).toBe(Math.ceil(expected / 4));
      const numbers = seen.map((title) => Number(title.split(' ')[1]));
      expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
      expect((await api.gql(LIST, { first: 101 })).errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      expect((await api.gql(LIST, { first: 5, after: 'garbage' })).errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'after',
      });
    });

    it('loads a page of 50 with inventors and institution in a constant number of SQL queries', async () => {
      const dataSource = api.app.get(DataSource);
      const count = async (first: number) => {
        let queries = 0;
        const original = dataSource.logger;
        const counting: TypeormLogger = {
          logQuery: () => void queries++,
          logQueryError: () => undefined,
          logQuerySlow: () => undefined,
          logSchemaBuild: () => undefined,
          logMigration: () => undefined,
          log: () => undefined,
        };
        Object.assign(dataSource, { logger: counting });
        try {
          const res = await api.gql(LIST, { first, filter: { institutionIds: [institution.id] } }, users.admin.token);
          expect(res.errors).toBeUndefined();
          expect(res.data!.achievements.nodes).toHaveLength(first);
          expect(res.data!.achievements.nodes[0]).toMatchObject({
            description: expect.stringMatching(/^细节/),
            inventors: [{ name: expect.any(String) }, { name: expect.any(String) }],
            institution: { name: '分页研究院' },
          });
        } finally {
          Object.assign(dataSource, { logger: original });
        }
        return queries;
      };
      const fifty = await count(50);
      const five = await count(5);
      expect(fifty).toBe(five);
      // authentication (memberships), the page, inventors, organisations
      expect(fifty).toBeGreaterThanOrEqual(3);
      expect(fifty).toBeLessThanOrEqual(5);
    });
  });
});
