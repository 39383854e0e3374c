import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobName, JobQueue, JOB_QUEUE, OutboxEventEntity, OutboxSubject } from '@app/core';
import {
  CooperationMode,
  DEMAND_EXPIRY_SCHEDULER_ID,
  DemandConfidentialReadEntity,
  DemandEntity,
  DemandsService,
  DemandStatus,
} from '@app/demands';
import { Actor, AuthService, OrganisationEntity, OrganisationKind, Role } from '@app/identity';
import { DeclineReason, MatchEntity, MatchStatus, MatchTargetType } from '@app/matching';
import { startTestApi, TestApi, testAccounts } from '@app/testing';
import { createWorkerApp } from '../../worker/src/bootstrap';
import { eventually, MarketplaceActors, TestActor } from './support/marketplace-actors';

const DEMAND_FIELDS = `id title summary status industryCode anonymous region budgetMinWan budgetMaxWan deadline
  cooperationModes technicalIndicators { name current target } allowedActions`;
const CREATE = `mutation Create($input: CreateDemandInput!) { createDemand(input: $input) { ${DEMAND_FIELDS} industry { code nameZh } } }`;
const UPDATE = `mutation Update($id: ID!, $input: UpdateDemandInput!) { updateDemand(id: $id, input: $input) { ${DEMAND_FIELDS} } }`;
const PUBLISH = `mutation Publish($id: ID!) { publishDemand(id: $id) { id status publishedAt } }`;
const START = `mutation Start($id: ID!) { startDemandProgress(id: $id) { id status } }`;
const SOLVE = `mutation Solve($id: ID!) { markDemandSolved(id: $id) { id status } }`;
const CLOSE = `mutation Close($id: ID!) { closeDemand(id: $id) { id status } }`;
const GET = `query Get($id: ID!) { demand(id: $id) { id title status } }`;
const GET_CONFIDENTIAL = `query Get($id: ID!) { demand(id: $id) { id confidentialDetails organisation { id name } } }`;
const LIST = `query List($first: Int, $after: String, $filter: DemandFilter) {
  demands(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title } }
  }
}`;

describe('demands over GraphQL', () => {
  let api: TestApi;
  let dataSource: DataSource;
  let service: DemandsService;
  let enterpriseA: OrganisationEntity;
  let enterpriseB: OrganisationEntity;
  const users = {} as Record<
    'posterA' | 'colleagueA' | 'memberB' | 'researcher' | 'tto' | 'broker' | 'admin',
    TestActor
  >;
  let posterActor: Actor;

  beforeAll(async () => {
    api = await startTestApi();
    dataSource = api.app.get(DataSource);
    service = api.app.get(DemandsService);
    const actors = new MarketplaceActors(api);
    enterpriseA = await actors.organisation('甲智能装备有限公司', OrganisationKind.ENTERPRISE);
    enterpriseB = await actors.organisation('乙新材料股份公司', OrganisationKind.ENTERPRISE);
    const university = await actors.organisation('示范理工大学', OrganisationKind.UNIVERSITY);
    const agency = await actors.organisation('技术经纪事务所', OrganisationKind.BROKER_AGENCY);
    const bureau = await actors.organisation('区科技局', OrganisationKind.GOVERNMENT);
    users.posterA = await actors.user('posterA', Role.ENTERPRISE_MEMBER, enterpriseA.id);
    users.colleagueA = await actors.user('colleagueA', Role.ENTERPRISE_MEMBER, enterpriseA.id);
    users.memberB = await actors.user('memberB', Role.ENTERPRISE_MEMBER, enterpriseB.id);
    users.researcher = await actors.user('researcher', Role.RESEARCHER, university.id);
    users.tto = await actors.user('tto', Role.TTO_OFFICER, university.id);
    users.broker = await actors.user('broker', Role.BROKER, agency.id);
    users.admin = await actors.user('admin', Role.ADMIN, bureau.id);
    posterActor = await api.app.get(AuthService).loadActor(users.posterA.userId);
  });
  afterAll(() => api.close());

  const inFuture = (days = 30) => new Date(Date.now() + days * 86_400_000);

  /** A demand of enterprise A in the given status, made through the service (the API path is tested separately). */
  async function demandIn(status: DemandStatus, overrides: Partial<Parameters<DemandsService['create']>[1]> = {}) {
    let demand = await service.create(posterActor, {
      title: '高精度视觉检测算法',
      summary: '需要在产线上识别微小缺陷',
      confidentialDetails: '现有良率 92%，客户为某头部手机厂商',
      industryCode: 'ai',
      deadline: inFuture(),
      publish: status !== DemandStatus.DRAFT,
      ...overrides,
    });
    if (status === DemandStatus.IN_PROGRESS || status === DemandStatus.SOLVED) {
      demand = await service.transition(posterActor, demand.id, 'START_PROGRESS' as never);
    }
    if (status === DemandStatus.SOLVED)
      demand = await service.transition(posterActor, demand.id, 'MARK_SOLVED' as never);
    if (status === DemandStatus.CLOSED) demand = await service.transition(posterActor, demand.id, 'CLOSE' as never);
    expect(demand.status).toBe(status);
    return demand;
  }

  const outboxCount = (id: string) =>
    dataSource.getRepository(OutboxEventEntity).countBy({ subject: OutboxSubject.DEMAND, subjectId: id });
  const readCount = (demandId: string, userId?: string) =>
    dataSource.getRepository(DemandConfidentialReadEntity).countBy(userId ? { demandId, userId } : { demandId });

  it('keeps must-have and nice-to-have indicators apart; indicators stored before the flag read as nice-to-have', async () => {
    const created = await api.gql(
      CREATE,
      {
        input: {
          title: '冷链温度标签',
          summary: '需要无源测温标签',
          industryCode: 'ai',
          technicalIndicators: [
            { name: '测温精度', target: '±0.5℃', mustHave: true },
            { name: '单枚成本', current: '8 元', target: '≤5 元' },
          ],
        },
      },
      users.posterA.token,
    );
    expect(created.errors).toBeUndefined();
    const id = created.data!.createDemand.id as string;
    const read = async () =>
      (
        await api.gql(
          `query($id: ID!) { demand(id: $id) { technicalIndicators { name mustHave } } }`,
          { id },
          users.posterA.token,
        )
      ).data!.demand.technicalIndicators;
    expect(await read()).toEqual([
      { name: '测温精度', mustHave: true },
      { name: '单枚成本', mustHave: false },
    ]);
    await dataSource.query(
      `UPDATE demands SET technical_indicators = '[{"name":"旧指标","current":null,"target":"1"}]'::jsonb WHERE id = $1`,
      [id],
    );
    expect(await read()).toEqual([{ name: '旧指标', mustHave: false }]);
  });

  it('counts a demand’s listed matches and the unseen ones, for whoever sees its matches', async () => {
    const demand = await demandIn(DemandStatus.OPEN);
    const row = (status: MatchStatus, declineReason: DeclineReason | null = null) => ({
      demandId: demand.id,
      targetType: MatchTargetType.ACHIEVEMENT,
      targetId: randomUUID(),
      score: 0.5,
      explanation: { matchedTerms: [], missingTerms: [], textScore: 0.5, coverage: 0.5, factors: [] },
      engineVersion: 'test',
      status,
      declineReason,
      computedAt: new Date(),
    });
    await dataSource
      .getRepository(MatchEntity)
      .insert([
        row(MatchStatus.SUGGESTED),
        row(MatchStatus.SUGGESTED),
        row(MatchStatus.VIEWED),
        row(MatchStatus.INTERESTED),
        row(MatchStatus.DECLINED, DeclineReason.EXISTING_SOLUTION),
        row(MatchStatus.DISMISSED),
      ]);
    const counts = `query($id: ID!) { demand(id: $id) { matchCount newMatchCount } }`;
    expect((await api.gql(counts, { id: demand.id }, users.colleagueA.token)).data!.demand).toEqual({
      matchCount: 4,
      newMatchCount: 2,
    });
    expect((await api.gql(counts, { id: demand.id }, users.broker.token)).data!.demand.matchCount).toBe(4);
    for (const outsider of [users.memberB.token, users.researcher.token, undefined]) {
      expect((await api.gql(counts, { id: demand.id }, outsider)).data!.demand).toEqual({
        matchCount: null,
        newMatchCount: null,
      });
    }
    // In a list too (one batched query for the page).
    const listed = await api.gql(
      `query($filter: DemandFilter) { demands(first: 100, filter: $filter) { nodes { id matchCount } } }`,
      { filter: { organisationId: enterpriseA.id } },
      users.posterA.token,
    );
    const nodes = listed.data!.demands.nodes as Array<{ id: string; matchCount: number }>;
    expect(nodes.find((node) => node.id === demand.id)!.matchCount).toBe(4);
    expect(nodes.every((node) => typeof node.matchCount === 'number')).toBe(true);
  });

  it('creates, updates and publishes a demand, writing an outbox row with each change', async () => {
    const created = await api.gql(
      CREATE,
      {
        input: {
          title: '  工业机器人视觉引导 ',
          summary: '寻找可落地的 3D 视觉引导方案',
          confidentialDetails: '目标客户：某汽车主机厂',
          industryCode: '人工智能',
          technicalIndicators: [{ name: '定位精度', current: '±1mm', target: '±0.1mm' }],
          budgetMinWan: 50,
          budgetMaxWan: 120.5,
          deadline: inFuture().toISOString(),
          cooperationModes: ['JOINT_DEVELOPMENT', 'TECHNICAL_SERVICE'],
          region: '鹤壁',
        },
      },
      users.posterA.token,
    );
    expect(created.errors).toBeUndefined();
    const demand = created.data!.createDemand;
    expect(demand).toMatchObject({
      title: '工业机器人视觉引导',
      status: 'DRAFT',
      industryCode: 'ai',
      industry: { code: 'ai', nameZh: '人工智能' },
      budgetMinWan: 50,
      budgetMaxWan: 120.5,
      cooperationModes: ['JOINT_DEVELOPMENT', 'TECHNICAL_SERVICE'],
      technicalIndicators: [{ name: '定位精度', current: '±1mm', target: '±0.1mm' }],
      anonymous: false,
      allowedActions: ['PUBLISH', 'CLOSE'],
    });
    expect(await outboxCount(demand.id)).toBe(1);

    // A draft is visible to its organisation only.
    expect((await api.gql(GET, { id: demand.id }, users.colleagueA.token)).data!.demand.status).toBe('DRAFT');
    expect((await api.gql(GET, { id: demand.id }, users.memberB.token)).errors![0].extensions!.code).toBe('NOT_FOUND');
    expect((await api.gql(GET, { id: demand.id })).errors![0].extensions!.code).toBe('NOT_FOUND');

    const updated = await api.gql(
      UPDATE,
      { id: demand.id, input: { budgetMaxWan: 200, region: null, industryCode: 'Smart Manufacturing' } },
      users.colleagueA.token,
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateDemand).toMatchObject({
      budgetMinWan: 50,
      budgetMaxWan: 200,
      region: null,
      industryCode: 'smart_manufacturing',
    });
    expect(await outboxCount(demand.id)).toBe(2);

    const published = await api.gql(PUBLISH, { id: demand.id }, users.posterA.token);
    expect(published.data!.publishDemand.status).toBe('OPEN');
    expect(published.data!.publishDemand.publishedAt).toEqual(expect.any(String));
    expect(await outboxCount(demand.id)).toBe(3);
    expect((await api.gql(GET, { id: demand.id })).data!.demand.status).toBe('OPEN');

    expect((await api.gql(START, { id: demand.id }, users.posterA.token)).data!.startDemandProgress.status).toBe(
      'IN_PROGRESS',
    );
    expect((await api.gql(SOLVE, { id: demand.id }, users.posterA.token)).data!.markDemandSolved.status).toBe('SOLVED');
    expect(await outboxCount(demand.id)).toBe(5);
  });

  it('rejects invalid input and impossible transitions with BAD_USER_INPUT naming the field or state', async () => {
    const unknownIndustry = await api.gql(
      CREATE,
      { input: { title: '某需求', summary: '摘要', industryCode: '航天航空' } },
      users.posterA.token,
    );
    expect(unknownIndustry.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'industryCode' });

    const inverted = await api.gql(
      CREATE,
      { input: { title: '某需求', summary: '摘要', industryCode: 'ai', budgetMinWan: 100, budgetMaxWan: 10 } },
      users.posterA.token,
    );
    expect(inverted.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'budgetMinWan' });

    const negative = await api.gql(
      CREATE,
      { input: { title: '某需求', summary: '摘要', industryCode: 'ai', budgetMinWan: -1 } },
      users.posterA.token,
    );
    expect(negative.errors![0].extensions!.code).toBe('BAD_USER_INPUT');

    const pastDeadline = await api.gql(
      CREATE,
      {
        input: {
          title: '某需求',
          summary: '摘要',
          industryCode: 'ai',
          deadline: '2020-01-01T00:00:00Z',
          publish: true,
        },
      },
      users.posterA.token,
    );
    expect(pastDeadline.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'deadline' });

    const draft = await demandIn(DemandStatus.DRAFT);
    const solve = await api.gql(SOLVE, { id: draft.id }, users.posterA.token);
    expect(solve.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'status',
      status: 'DRAFT',
      allowedActions: ['PUBLISH', 'CLOSE'],
    });
    const closed = await demandIn(DemandStatus.CLOSED);
    const edit = await api.gql(UPDATE, { id: closed.id, input: { title: '改标题' } }, users.posterA.token);
    expect(edit.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', status: 'CLOSED' });
  });

  describe('authorisation matrix (each role × each mutation)', () => {
    type Viewer = keyof typeof users | 'anonymous';
    const mutations: Array<{
      name: string;
      from: DemandStatus;
      run: (id: string, token?: string) => ReturnType<TestApi['gql']>;
      allowed: Viewer[];
    }> = [
      {
        name: 'createDemand',
        from: DemandStatus.DRAFT,
        run: (_id, token) =>
          api.gql(CREATE, { input: { title: '新需求', summary: '摘要', industryCode: 'iot' } }, token),
        allowed: ['posterA', 'colleagueA', 'memberB'],
      },
      {
        name: 'updateDemand',
        from: DemandStatus.OPEN,
        run: (id, token) => api.gql(UPDATE, { id, input: { summary: '新摘要' } }, token),
        allowed: ['posterA', 'colleagueA', 'admin'],
      },
      {
        name: 'publishDemand',
        from: DemandStatus.DRAFT,
        run: (id, token) => api.gql(PUBLISH, { id }, token),
        allowed: ['posterA', 'colleagueA', 'admin'],
      },
      {
        name: 'startDemandProgress',
        from: DemandStatus.OPEN,
        run: (id, token) => api.gql(START, { id }, token),
        allowed: ['posterA', 'colleagueA', 'admin'],
      },
      {
        name: 'markDemandSolved',
        from: DemandStatus.IN_PROGRESS,
        run: (id, token) => api.gql(SOLVE, { id }, token),
        allowed: ['posterA', 'colleagueA', 'admin'],
      },
      {
        name: 'closeDemand',
        from: DemandStatus.OPEN,
        run: (id, token) => api.gql(CLOSE, { id }, token),
        allowed: ['posterA', 'colleagueA', 'admin'],
      },
    ];
    const viewers: Viewer[] = ['anonymous', 'posterA', 'colleagueA', 'memberB', 'researcher', 'tto', 'broker', 'admin'];
    const cases = mutations.flatMap((m) => viewers.map((viewer) => [m.name, viewer, m] as const));

    it.each(cases)('%s by %s', async (_name, viewer, mutation) => {
      const demand = await demandIn(mutation.from);
      const token = viewer === 'anonymous' ? undefined : users[viewer].token;
      const res = await mutation.run(demand.id, token);
      if (viewer === 'anonymous') {
        expect(res.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
      } else if (mutation.allowed.includes(viewer)) {
        expect(res.errors).toBeUndefined();
      } else {
        expect(res.errors![0].extensions!.code).toBe('FORBIDDEN');
        // Nothing changed.
        const after = await dataSource.getRepository(DemandEntity).findOneByOrFail({ id: demand.id });
        expect(after.status).toBe(mutation.from);
        expect(after.summary).toBe(demand.summary);
      }
    });
  });

  describe('confidential details', () => {
    // No blanket broker rule: a broker sees them only while working on the demand (libs/brokerage).
    const seeing: Array<keyof typeof users> = ['posterA', 'colleagueA', 'admin'];
    const notSeeing: Array<keyof typeof users> = ['memberB', 'researcher', 'tto', 'broker'];

    it.each(seeing)('are shown to %s, and the read is logged', async (viewer) => {
      const demand = await demandIn(DemandStatus.OPEN);
      const res = await api.gql(GET_CONFIDENTIAL, { id: demand.id }, users[viewer].token);
      expect(res.data!.demand.confidentialDetails).toBe('现有良率 92%，客户为某头部手机厂商');
      expect(await readCount(demand.id, users[viewer].userId)).toBe(1);
    });

    it.each([...notSeeing, 'anonymous' as const])('are hidden from %s, and nothing is logged', async (viewer) => {
      const demand = await demandIn(DemandStatus.OPEN);
      const token = viewer === 'anonymous' ? undefined : users[viewer].token;
      const res = await api.gql(GET_CONFIDENTIAL, { id: demand.id }, token);
      expect(res.errors).toBeUndefined();
      expect(res.data!.demand.confidentialDetails).toBeNull();
      expect(await readCount(demand.id)).toBe(0);
    });

    it('logs nothing for a query that does not ask for them, and one row per demand read in a list', async () => {
      const region = `区域-${Date.now()}`;
      const first = await demandIn(DemandStatus.OPEN, { region });
      const second = await demandIn(DemandStatus.OPEN, { region });
      // The broker works on both: entrusted by the enterprise, confidentiality acknowledged.
      for (const demand of [first, second]) {
        const entrusted = await api.gql(
          `mutation($input: EntrustInput!) { entrust(input: $input) { id } }`,
          { input: { subjectType: 'DEMAND', subjectId: demand.id, brokerIds: [users.broker.userId] } },
          users.posterA.token,
        );
        expect(entrusted.errors).toBeUndefined();
      }
      await testAccounts(api).acknowledgeBrokerConfidentiality(users.broker);
      await api.gql(
        `query Get($id: ID!) { demand(id: $id) { id title summary organisation { name } } }`,
        { id: first.id },
        users.broker.token,
      );
      await api.gql(LIST, { filter: { region } }, users.broker.token);
      expect(await readCount(first.id)).toBe(0);

      const listed = await api.gql(
        `query List($filter: DemandFilter) { demands(filter: $filter) { nodes { id confidentialDetails } } }`,
        { filter: { region } },
        users.broker.token,
      );
      expect(listed.data!.demands.nodes.map((n: { confidentialDetails: string }) => n.confidentialDetails)).toEqual([
        '现有良率 92%，客户为某头部手机厂商',
        '现有良率 92%，客户为某头部手机厂商',
      ]);
      expect(await readCount(first.id, users.broker.userId)).toBe(1);
      expect(await readCount(second.id, users.broker.userId)).toBe(1);

      const log = await api.gql(
        `query Log($id: ID!) { demandConfidentialReads(id: $id) { userId readAt } }`,
        { id: first.id },
        users.posterA.token,
      );
      expect(log.data!.demandConfidentialReads).toEqual([{ userId: users.broker.userId, readAt: expect.any(String) }]);
      const foreign = await api.gql(
        `query Log($id: ID!) { demandConfidentialReads(id: $id) { userId } }`,
        { id: first.id },
        users.broker.token,
      );
      expect(foreign.errors![0].extensions!.code).toBe('FORBIDDEN');
    });
  });

  describe('anonymity', () => {
    it('hides the posting company from outsiders (a broker not working on it too), not from its organisation and admins', async () => {
      const demand = await demandIn(DemandStatus.OPEN, { anonymous: true });
      for (const viewer of ['memberB', 'researcher', 'tto', 'broker'] as const) {
        const res = await api.gql(GET_CONFIDENTIAL, { id: demand.id }, users[viewer].token);
        expect(res.data!.demand.organisation).toBeNull();
      }
      expect((await api.gql(GET_CONFIDENTIAL, { id: demand.id })).data!.demand.organisation).toBeNull();
      for (const viewer of ['posterA', 'admin'] as const) {
        const res = await api.gql(GET_CONFIDENTIAL, { id: demand.id }, users[viewer].token);
        expect(res.data!.demand.organisation).toEqual({ id: enterpriseA.id, name: '甲智能装备有限公司' });
      }
      const named = await demandIn(DemandStatus.OPEN, { anonymous: false });
      expect((await api.gql(GET_CONFIDENTIAL, { id: named.id })).data!.demand.organisation.name).toBe(
        '甲智能装备有限公司',
      );
    });

    it('does not reveal anonymous demands through the organisation filter', async () => {
      const region = `匿名-${Date.now()}`;
      const hidden = await demandIn(DemandStatus.OPEN, { anonymous: true, region });
      const shown = await demandIn(DemandStatus.OPEN, { anonymous: false, region });
      const filter = { organisationId: enterpriseA.id, region };
      const ids = async (token?: string) =>
        ((await api.gql(LIST, { filter }, token)).data!.demands.edges as Array<{ node: { id: string } }>).map(
          (e) => e.node.id,
        );
      expect(await ids()).toEqual([shown.id]);
      expect(await ids(users.memberB.token)).toEqual([shown.id]);
      expect(await ids(users.broker.token)).toEqual([shown.id]);
      expect(await ids(users.posterA.token)).toEqual([shown.id, hidden.id]);
    });
  });

  it('pages through a filtered list with keyset cursors, newest first', async () => {
    const region = `分页-${Date.now()}`;
    const created: string[] = [];
    for (let i = 0; i < 5; i += 1)
      created.push((await demandIn(DemandStatus.OPEN, { region, title: `需求 ${i}`, industryCode: 'iot' })).id);
    await demandIn(DemandStatus.OPEN, { region, industryCode: 'ic' });
    await demandIn(DemandStatus.DRAFT, { region, industryCode: 'iot' });

    const seen: string[] = [];
    let after: string | undefined;
    const pages: number[] = [];
    for (;;) {
      const res = await api.gql(LIST, { first: 2, after, filter: { region, industryCode: 'iot', status: 'OPEN' } });
      expect(res.errors).toBeUndefined();
      const connection = res.data!.demands;
      expect(connection.totalCount).toBe(5);
      pages.push(connection.edges.length);
      seen.push(...connection.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(pages).toEqual([2, 2, 1]);
    expect(seen).toEqual([...created].reverse());

    // The draft is listed for its own organisation only.
    const own = await api.gql(LIST, { first: 50, filter: { region } }, users.posterA.token);
    expect(own.data!.demands.totalCount).toBe(7);
    expect((await api.gql(LIST, { first: 50, filter: { region } })).data!.demands.totalCount).toBe(6);

    const tooMany = await api.gql(LIST, { first: 101 });
    expect(tooMany.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const badCursor = await api.gql(LIST, { after: 'not-a-cursor' });
    expect(badCursor.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('imports idempotently by (organisation, external id): imported demands are OPEN', async () => {
    const line = {
      externalId: `D-${Date.now()}`,
      title: 'Battery thermal runaway early warning',
      summary: 'Detect thermal runaway in energy storage cabinets',
      industry: '新能源',
      budgetMinWan: 60,
      budgetMaxWan: 60,
      cooperationModes: [CooperationMode.LICENSE],
      technicalIndicators: [{ name: '预警提前量', current: null, target: '≥10 min' }],
      region: '许昌',
    };
    const first = await service.importDemand(enterpriseB.id, line);
    expect(first.outcome).toBe('created');
    expect(first.demand).toMatchObject({
      status: DemandStatus.OPEN,
      industryCode: 'new_energy',
      organisationId: enterpriseB.id,
    });
    const again = await service.importDemand(enterpriseB.id, { ...line });
    expect(again).toMatchObject({ outcome: 'unchanged', demand: { id: first.demand.id } });
    expect(await outboxCount(first.demand.id)).toBe(1);
    const changed = await service.importDemand(enterpriseB.id, { ...line, budgetMaxWan: 80 });
    expect(changed).toMatchObject({ outcome: 'updated', demand: { id: first.demand.id, budgetMaxWan: 80 } });
    expect(await outboxCount(first.demand.id)).toBe(2);
    // The same external id in another organisation is another demand.
    const other = await service.importDemand(enterpriseA.id, line);
    expect(other.outcome).toBe('created');
    expect(other.demand.id).not.toBe(first.demand.id);
  });

  describe('expiry through the real queue', () => {
    let worker: INestApplicationContext;
    beforeAll(async () => {
      worker = await createWorkerApp();
    });
    afterAll(() => worker?.close());

    it('registers its job scheduler once, however often the worker boots', async () => {
      const queue = worker.get(JobQueue).queue(JOB_QUEUE[JobName.ExpireOverdueDemands]);
      const second = await createWorkerApp();
      await second.close();
      const schedulers = (await queue.getJobSchedulers()).filter((s) => s.key === DEMAND_EXPIRY_SCHEDULER_ID);
      expect(schedulers).toHaveLength(1);
      expect(schedulers[0]).toMatchObject({ name: JobName.ExpireOverdueDemands, pattern: '*/15 * * * *' });
    });

    it('expires OPEN demands past their deadline, and only those', async () => {
      const overdue = await demandIn(DemandStatus.OPEN);
      const current = await demandIn(DemandStatus.OPEN);
      const busy = await demandIn(DemandStatus.IN_PROGRESS);
      const repo = dataSource.getRepository(DemandEntity);
      const past = new Date(Date.now() - 60_000);
      await repo.update({ id: overdue.id }, { deadline: past });
      await repo.update({ id: busy.id }, { deadline: past });
      const outboxBefore = await outboxCount(overdue.id);

      await worker.get(JobQueue).enqueue(JobName.ExpireOverdueDemands, { requestedAt: new Date().toISOString() });
      await eventually(async () => (await repo.findOneByOrFail({ id: overdue.id })).status === DemandStatus.EXPIRED);

      expect((await repo.findOneByOrFail({ id: current.id })).status).toBe(DemandStatus.OPEN);
      expect((await repo.findOneByOrFail({ id: busy.id })).status).toBe(DemandStatus.IN_PROGRESS);
      expect(await outboxCount(overdue.id)).toBe(outboxBefore + 1);
      // Expired demands leave the public list and can be reopened with a new deadline.
      expect((await api.gql(GET, { id: overdue.id })).errors![0].extensions!.code).toBe('NOT_FOUND');
      const reopen = await api.gql(PUBLISH, { id: overdue.id }, users.posterA.token);
      expect(reopen.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'deadline' });
      await api.gql(UPDATE, { id: overdue.id, input: { deadline: inFuture().toISOString() } }, users.posterA.token);
      expect((await api.gql(PUBLISH, { id: overdue.id }, users.posterA.token)).data!.publishDemand.status).toBe('OPEN');
    });
  });
});
