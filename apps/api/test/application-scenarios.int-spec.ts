import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AchievementsService, AchievementStatus } from '@app/achievements';
import { OrganisationEntity, OrganisationKind, Role } from '@app/identity';
import { randomCreditCode, startTestApi, TestApi, testAccounts, TestSession } from '@app/testing';
import { createWorkerApp } from '../../worker/src/bootstrap';
import { eventually, MarketplaceActors, TestActor } from './support/marketplace-actors';

const CREATE = `mutation Create($input: CreateDemandInput!) { createDemand(input: $input) {
  id kind status title site dataAvailable timeline budgetMinWan budgetMaxWan organisation { id stateOwned } } }`;
const PUBLISH = `mutation Publish($id: ID!) { publishDemand(id: $id) { id status } }`;
const GET = `query Get($id: ID!) { demand(id: $id) { id kind site dataAvailable timeline confidentialDetails } }`;
const LIST = `query List($filter: DemandFilter) { demands(first: 100, filter: $filter) { edges { node { id kind } } } }`;
const SUBMIT = `mutation($input: SubmitOrganisationVerificationInput!) { submitOrganisationVerification(input: $input) { id } }`;
const VERIFY = `mutation($id: ID!, $stateOwned: Boolean) { verifyOrganisation(requestId: $id, stateOwned: $stateOwned) {
  status organisation { id stateOwned verificationStatus } } }`;
const FIND_ENTERPRISES = `query($nameContains: String) {
  organisations(kind: ENTERPRISE, verificationStatus: VERIFIED, nameContains: $nameContains, first: 100) { id } }`;
const SET_STATE_OWNED = `mutation($organisationId: ID!, $stateOwned: Boolean!) {
  setOrganisationStateOwned(organisationId: $organisationId, stateOwned: $stateOwned) { id stateOwned } }`;
const SEARCH = `query Search($query: String, $filter: SearchFilterInput) {
  searchDemands(query: $query, filter: $filter, facets: ["demandKind"], pageSize: 50) {
    hits { node { id kind } } facets { name values { value count } } } }`;
const MATCHES = `query Matches($demandId: ID!) { demandMatches(demandId: $demandId, first: 50) {
  edges { node { targetId targetType } } } }`;

describe('application scenarios (应用场景): demands of public bodies and state-owned enterprises', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let dataSource: DataSource;
  let stateOwned: TestSession;
  let privateEnterprise: TestSession;
  let publicBody: OrganisationEntity;
  let transportOfficer: TestActor;
  let researcher: TestActor;
  let admin: TestSession;
  const tag = Date.now().toString(36);

  const scenarioInput = (overrides: Record<string, unknown> = {}) => ({
    kind: 'APPLICATION_SCENARIO',
    title: `港区无人机巡检应用场景 ${tag}`,
    summary: '开放港区堆场与岸桥作为无人机自动巡检的应用场景，需要低空无人机集群巡检与图像缺陷识别技术。',
    confidentialDetails: '现有巡检外包费用每年 300 万元',
    industryCode: 'ai',
    site: '滨海港区 3 号集装箱码头',
    dataAvailable: '岸桥结构图纸、近三年巡检影像 2 万张',
    timeline: '2027 年 3 月试点，6 月首购',
    budgetMinWan: 100,
    budgetMaxWan: 300,
    deadline: new Date(Date.now() + 60 * 86_400_000).toISOString(),
    ...overrides,
  });

  const errorOf = (res: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }) => ({
    code: res.errors?.[0]?.extensions?.code,
    reason: res.errors?.[0]?.extensions?.reason,
  });

  beforeAll(async () => {
    api = await startTestApi();
    worker = await createWorkerApp();
    dataSource = api.app.get(DataSource);
    const accounts = testAccounts(api);
    admin = await accounts.admin();
    const actors = new MarketplaceActors(api);

    // A state-owned enterprise: registers, asks for verification; the bureau verifies it as state-owned.
    const soe = await accounts.selfServiceOrganisation(OrganisationKind.ENTERPRISE, `滨海港务集团 ${tag}`, {
      verified: false,
    });
    stateOwned = soe.creator;
    const request = await api.gql(
      SUBMIT,
      {
        input: {
          organisationId: soe.organisationId,
          registeredName: '滨海港务集团有限公司',
          creditCode: randomCreditCode(),
        },
      },
      stateOwned.token,
    );
    expect(request.errors).toBeUndefined();
    const verified = await api.gql(
      VERIFY,
      { id: request.data!.submitOrganisationVerification.id, stateOwned: true },
      admin.token,
    );
    expect(verified.errors).toBeUndefined();
    expect(verified.data!.verifyOrganisation.organisation).toMatchObject({
      stateOwned: true,
      verificationStatus: 'VERIFIED',
    });

    privateEnterprise = (await accounts.selfServiceOrganisation(OrganisationKind.ENTERPRISE, `民营精密 ${tag}`))
      .creator;
    publicBody = await actors.organisation(`市交通运输局 ${tag}`, OrganisationKind.GOVERNMENT);
    transportOfficer = await actors.user('transport', Role.ENTERPRISE_MEMBER, publicBody.id);
    const university = await actors.organisation(`示范大学 ${tag}`, OrganisationKind.UNIVERSITY);
    researcher = await actors.user('researcher', Role.RESEARCHER, university.id);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('a verified state-owned enterprise publishes a scenario with its site, data, budget and timeline', async () => {
    const created = await api.gql(CREATE, { input: scenarioInput({ publish: true }) }, stateOwned.token);
    expect(created.errors).toBeUndefined();
    expect(created.data!.createDemand).toMatchObject({
      kind: 'APPLICATION_SCENARIO',
      status: 'OPEN',
      site: '滨海港区 3 号集装箱码头',
      dataAvailable: '岸桥结构图纸、近三年巡检影像 2 万张',
      timeline: '2027 年 3 月试点，6 月首购',
      budgetMinWan: 100,
      budgetMaxWan: 300,
      organisation: { stateOwned: true },
    });
    // The public sees the scenario's fields, not its confidential details.
    const publicView = await api.gql(GET, { id: created.data!.createDemand.id });
    expect(publicView.data!.demand).toMatchObject({ kind: 'APPLICATION_SCENARIO', site: '滨海港区 3 号集装箱码头' });
    expect(publicView.data!.demand.confidentialDetails).toBeNull();
  });

  it('refuses scenarios to enterprises that are not state-owned and to researchers; unverified ones too', async () => {
    const privateRes = await api.gql(CREATE, { input: scenarioInput() }, privateEnterprise.token);
    expect(errorOf(privateRes)).toEqual({ code: 'FORBIDDEN', reason: 'SCENARIO_ORGANISATION_NOT_ELIGIBLE' });
    // …while its technical problems are as before.
    const problem = await api.gql(
      CREATE,
      { input: scenarioInput({ kind: 'TECHNICAL_PROBLEM' }) },
      privateEnterprise.token,
    );
    expect(problem.errors).toBeUndefined();
    expect(problem.data!.createDemand.kind).toBe('TECHNICAL_PROBLEM');

    expect(errorOf(await api.gql(CREATE, { input: scenarioInput() }, researcher.token)).code).toBe('FORBIDDEN');
    expect(errorOf(await api.gql(CREATE, { input: scenarioInput() })).code).toBe('UNAUTHENTICATED');

    const unverified = await testAccounts(api).selfServiceOrganisation(OrganisationKind.ENTERPRISE, `未认证 ${tag}`, {
      verified: false,
    });
    await dataSource.getRepository(OrganisationEntity).update({ id: unverified.organisationId }, { stateOwned: true });
    expect(errorOf(await api.gql(CREATE, { input: scenarioInput() }, unverified.creator.token))).toEqual({
      code: 'FORBIDDEN',
      reason: 'SCENARIO_ORGANISATION_NOT_ELIGIBLE',
    });
  });

  it('a government body’s member posts scenarios, never technical problems', async () => {
    const draft = await api.gql(
      CREATE,
      { input: scenarioInput({ title: `智慧公交场景 ${tag}` }) },
      transportOfficer.token,
    );
    expect(draft.errors).toBeUndefined();
    expect(draft.data!.createDemand).toMatchObject({ kind: 'APPLICATION_SCENARIO', status: 'DRAFT' });
    const published = await api.gql(PUBLISH, { id: draft.data!.createDemand.id }, transportOfficer.token);
    expect(published.data!.publishDemand.status).toBe('OPEN');
    // The confidentiality rules are the demand's: the poster and the bureau read the details, another company not.
    const id = draft.data!.createDemand.id as string;
    const details = async (token?: string) =>
      (await api.gql(GET, { id }, token)).data!.demand.confidentialDetails as string | null;
    expect(await details(transportOfficer.token)).toBe('现有巡检外包费用每年 300 万元');
    expect(await details(admin.token)).toBe('现有巡检外包费用每年 300 万元');
    expect(await details(privateEnterprise.token)).toBeNull();
    const problems = await api.gql(LIST, { filter: { kind: 'TECHNICAL_PROBLEM' } });
    expect(problems.data!.demands.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(id);

    const problem = await api.gql(
      CREATE,
      { input: scenarioInput({ kind: 'TECHNICAL_PROBLEM' }) },
      transportOfficer.token,
    );
    expect(errorOf(problem)).toEqual({ code: 'FORBIDDEN', reason: 'PUBLIC_BODY_POSTS_SCENARIOS_ONLY' });
  });

  it('the bureau records an already verified enterprise as state-owned later, and may withdraw the finding', async () => {
    const privateOrg = await dataSource.getRepository(OrganisationEntity).findOneByOrFail({ name: `民营精密 ${tag}` });
    const university = await dataSource.getRepository(OrganisationEntity).findOneByOrFail({ name: `示范大学 ${tag}` });
    const set = (organisationId: string, value: boolean, token?: string) =>
      api.gql(SET_STATE_OWNED, { organisationId, stateOwned: value }, token);
    // Only the bureau; only a verified enterprise; NOT_FOUND for an organisation that does not exist.
    expect(errorOf(await set(privateOrg.id, true, privateEnterprise.token))).toEqual({
      code: 'FORBIDDEN',
      reason: 'PLATFORM_ADMIN_REQUIRED',
    });
    expect(errorOf(await set(privateOrg.id, true)).code).toBe('UNAUTHENTICATED');
    expect(errorOf(await set(university.id, true, admin.token))).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'STATE_OWNED_NOT_APPLICABLE',
    });
    expect(errorOf(await set('00000000-0000-4000-8000-000000000000', true, admin.token)).code).toBe('NOT_FOUND');

    // The bureau's list finds it by a part of its name (any case); LIKE's wildcards are taken literally.
    const find = async (nameContains: string) =>
      (
        (await api.gql(FIND_ENTERPRISES, { nameContains }, admin.token)).data!.organisations as Array<{ id: string }>
      ).map((o) => o.id);
    expect(await find(`民营精密 ${tag}`.toUpperCase())).toEqual([privateOrg.id]);
    expect(await find(`民营精_ ${tag}`)).toEqual([]);
    expect(await find(`%${tag}`)).toEqual([]);

    const recorded = await set(privateOrg.id, true, admin.token);
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data!.setOrganisationStateOwned).toEqual({ id: privateOrg.id, stateOwned: true });
    const draft = await api.gql(
      CREATE,
      { input: scenarioInput({ title: `后认定国企 ${tag}` }) },
      privateEnterprise.token,
    );
    expect(draft.errors).toBeUndefined();
    expect(draft.data!.createDemand.organisation.stateOwned).toBe(true);

    // Withdrawn before publishing: the draft cannot be published as a scenario.
    expect((await set(privateOrg.id, false, admin.token)).data!.setOrganisationStateOwned.stateOwned).toBe(false);
    const res = await api.gql(PUBLISH, { id: draft.data!.createDemand.id }, privateEnterprise.token);
    expect(errorOf(res)).toEqual({ code: 'FORBIDDEN', reason: 'SCENARIO_ORGANISATION_NOT_ELIGIBLE' });
  });

  it('lists scenarios by kind, finds them in search with a kind facet, and matches them to listings', async () => {
    const scenarios = await api.gql(LIST, { filter: { kind: 'APPLICATION_SCENARIO' } });
    const kinds = (scenarios.data!.demands.edges as Array<{ node: { kind: string } }>).map((e) => e.node.kind);
    expect(kinds.length).toBeGreaterThanOrEqual(2);
    expect(new Set(kinds)).toEqual(new Set(['APPLICATION_SCENARIO']));

    const { achievement } = await api.app.get(AchievementsService).importListedAchievement({
      institutionId: (await dataSource.getRepository(OrganisationEntity).findOneByOrFail({ name: `示范大学 ${tag}` }))
        .id,
      externalId: `uav-${tag}`,
      title: '无人机集群自动巡检与图像缺陷识别系统',
      summary: '低空无人机集群自动巡检港口岸桥与堆场，基于深度学习的图像缺陷识别，识别准确率 98%。',
      keywords: ['无人机', '巡检', '缺陷识别'],
      industryCode: 'ai',
      trl: 7,
      status: AchievementStatus.LISTED,
    });
    const scenario = await api.gql(
      CREATE,
      { input: scenarioInput({ title: `岸桥无人机巡检 ${tag}`, publish: true }) },
      stateOwned.token,
    );
    const scenarioId = scenario.data!.createDemand.id as string;

    const hits = await eventually(async () => {
      const res = await api.gql(SEARCH, {
        query: `岸桥无人机巡检 ${tag}`,
        filter: { demandKinds: ['APPLICATION_SCENARIO'] },
      });
      const found = res.data?.searchDemands;
      return found?.hits.some((h: { node: { id: string } }) => h.node.id === scenarioId) ? found : null;
    }, 30_000);
    expect(hits.hits.every((h: { node: { kind: string } }) => h.node.kind === 'APPLICATION_SCENARIO')).toBe(true);
    expect(hits.facets.find((f: { name: string }) => f.name === 'demandKind').values).toContainEqual(
      expect.objectContaining({ value: 'APPLICATION_SCENARIO' }),
    );
    const problemsOnly = await api.gql(SEARCH, {
      query: `岸桥无人机巡检 ${tag}`,
      filter: { demandKinds: ['TECHNICAL_PROBLEM'] },
    });
    expect(problemsOnly.data!.searchDemands.hits.map((h: { node: { id: string } }) => h.node.id)).not.toContain(
      scenarioId,
    );

    const matched = await eventually(async () => {
      const res = await api.gql(MATCHES, { demandId: scenarioId }, stateOwned.token);
      const edges = (res.data?.demandMatches.edges ?? []) as Array<{ node: { targetId: string } }>;
      return edges.some((e) => e.node.targetId === achievement.id);
    }, 30_000);
    expect(matched).toBe(true);
  });
});
