import { DataSource } from 'typeorm';
import { OrganisationKind, Role } from '@app/identity';
import { startTestApi, TestApi } from '@app/testing';
import { MarketplaceActors, TestActor } from '../../../apps/api/test/support/marketplace-actors';

/**
 * A small known marketplace in 2024 (the other tests write "now", so the 2024 range sees only this fixture).
 * Every expected figure below is computed by hand from these rows; the comments show the arithmetic.
 */
const RANGE = { from: '2024-01-01T00:00:00.000Z', to: '2025-01-01T00:00:00.000Z' };
const t = (iso: string) => `2024-${iso}:00.000Z`;

const FIGURES = `achievementsListed rightsConfirmed medianDaysToRightsConfirmation demandsPosted matches introductions
  introductionsAccepted introductionsDeclined acceptanceRate deals registeredContracts contractValueWan technicalIncomeWan commissionWan`;

describe('analytics against a hand-computed fixture', () => {
  let api: TestApi;
  let admin: TestActor;
  let broker: TestActor;
  const id: Record<string, string> = {};

  beforeAll(async () => {
    api = await startTestApi();
    const dataSource = api.app.get(DataSource);
    const actors = new MarketplaceActors(api);
    const bureau = await actors.organisation('分析 科技局', OrganisationKind.GOVERNMENT);
    admin = await actors.user('analytics-admin', Role.ADMIN, bureau.id);
    const agency = await actors.organisation('分析 经纪机构', OrganisationKind.BROKER_AGENCY);
    broker = await actors.user('analytics-broker', Role.BROKER, agency.id);
    const k1 = await actors.user('经纪人甲', Role.BROKER, agency.id);
    const k2 = await actors.user('经纪人乙', Role.BROKER, agency.id);
    Object.assign(id, { agency: agency.id, K1: k1.userId, K2: k2.userId });
    for (const [key, name, kind] of [
      ['U1', '甲大学', OrganisationKind.UNIVERSITY],
      ['U2', '乙研究院', OrganisationKind.NEW_RD_INSTITUTION],
      ['E1', '丙公司', OrganisationKind.ENTERPRISE],
      ['E2', '丁公司', OrganisationKind.ENTERPRISE],
    ] as const) {
      id[key] = (await actors.organisation(name, kind)).id;
    }
    const insert = async (sql: string, params: unknown[]) =>
      (await dataSource.query<Array<{ id: string }>>(sql, params))[0].id;
    const achievement = (institution: string, industry: string, listedAt: string | null) =>
      insert(
        `INSERT INTO achievements (title, institution_id, industry_code, status, listed_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        ['成果', id[institution], industry, listedAt ? 'LISTED' : 'RIGHTS_CONFIRMED', listedAt],
      );
    id.A1 = await achievement('U1', 'low_altitude', t('03-10T12:00'));
    id.A2 = await achievement('U1', 'ai', t('03-20T12:00'));
    id.A3 = await achievement('U2', 'low_altitude', t('04-15T12:00'));
    id.A4 = await achievement('U2', 'ai', null);
    const transition = (achievementId: string, event: string, to: string, at: string) =>
      dataSource.query(
        `INSERT INTO achievement_transitions (achievement_id, event, to_status, created_at) VALUES ($1, $2, $3, $4)`,
        [achievementId, event, to, at],
      );
    await transition(id.A1, 'SUBMIT', 'SUBMITTED', t('02-01T12:00'));
    await transition(id.A1, 'CONFIRM_RIGHTS', 'RIGHTS_CONFIRMED', t('02-11T12:00')); // 10 days
    await transition(id.A2, 'SUBMIT', 'SUBMITTED', t('02-05T12:00'));
    await transition(id.A2, 'CONFIRM_RIGHTS', 'RIGHTS_CONFIRMED', t('02-25T12:00')); // 20 days
    await transition(id.A3, 'SUBMIT', 'SUBMITTED', t('03-01T12:00'));
    await transition(id.A3, 'CONFIRM_RIGHTS', 'RIGHTS_CONFIRMED', t('04-01T12:00')); // 31 days
    await transition(id.A4, 'CONFIRM_INSTITUTION_OWNED', 'RIGHTS_CONFIRMED', t('04-10T12:00')); // never submitted
    id.X1 = await insert(`INSERT INTO experts (organisation_id, name) VALUES ($1, '专家') RETURNING id`, [id.U1]);
    const demand = (enterprise: string, industry: string, publishedAt: string) =>
      insert(
        `INSERT INTO demands (organisation_id, title, summary, industry_code, status, published_at)
         VALUES ($1, '需求', '摘要', $2, 'OPEN', $3) RETURNING id`,
        [id[enterprise], industry, publishedAt],
      );
    id.D1 = await demand('E1', 'low_altitude', t('03-01T12:00'));
    id.D2 = await demand('E2', 'ai', t('03-05T12:00'));
    id.D3 = await demand('E1', 'low_altitude', t('05-02T12:00'));
    const match = (d: string, type: string, target: string, at: string, engine = 'test') =>
      dataSource.query(
        `INSERT INTO matches (demand_id, target_type, target_id, score, explanation, engine_version, computed_at, created_at)
         VALUES ($1, $2, $3, 0.5, '{}', $4, $5, $5)`,
        [id[d], type, id[target], engine, at],
      );
    await match('D1', 'ACHIEVEMENT', 'A1', t('03-12T12:00')); // 2 days after A1 listed
    await match('D1', 'ACHIEVEMENT', 'A3', t('04-19T12:00')); // 4 days after A3 listed
    await match('D2', 'ACHIEVEMENT', 'A2', t('03-26T12:00')); // 6 days after A2 listed
    await match('D3', 'EXPERT', 'X1', t('05-03T12:00'));
    await match('D2', 'ACHIEVEMENT', 'A1', t('03-28T12:00'), 'declined-outside-matching'); // a remembered decline: not a match
    const introduction = (
      d: string,
      target: string,
      type: string,
      brokerKey: string,
      targetOrg: string,
      status: string,
      at: string,
      demandAnswer: [string, string] | null,
      targetAnswer: [string, string] | null,
    ) =>
      insert(
        `INSERT INTO introductions (demand_id, target_type, target_id, broker_id, agency_id, demand_organisation_id,
           target_organisation_id, status, created_at, demand_answer, demand_answered_at, target_answer, target_answered_at)
         SELECT $1, $2, $3, $4, $5, dm.organisation_id, $6, $7, $8, $9, $10, $11, $12 FROM demands dm WHERE dm.id = $1 RETURNING id`,
        [
          id[d],
          type,
          id[target],
          id[brokerKey],
          id.agency,
          id[targetOrg],
          status,
          at,
          demandAnswer?.[0] ?? null,
          demandAnswer?.[1] ?? null,
          targetAnswer?.[0] ?? null,
          targetAnswer?.[1] ?? null,
        ],
      );
    // I1: enterprise answers in 6 h, institution in 24 h.
    id.I1 = await introduction(
      'D1',
      'A1',
      'ACHIEVEMENT',
      'K1',
      'U1',
      'ACCEPTED',
      t('03-14T12:00'),
      ['ACCEPTED', t('03-14T18:00')],
      ['ACCEPTED', t('03-15T12:00')],
    );
    // I2: the institution declines in 12 h; the enterprise never answers (not pending: it is over).
    id.I2 = await introduction('D1', 'A3', 'ACHIEVEMENT', 'K2', 'U2', 'DECLINED', t('04-20T12:00'), null, [
      'DECLINED',
      t('04-21T00:00'),
    ]);
    // I3: enterprise in 2 h, institution in 48 h.
    id.I3 = await introduction(
      'D2',
      'A2',
      'ACHIEVEMENT',
      'K1',
      'U1',
      'ACCEPTED',
      t('03-28T12:00'),
      ['ACCEPTED', t('03-28T14:00')],
      ['ACCEPTED', t('03-30T12:00')],
    );
    // I4: waiting for both sides.
    id.I4 = await introduction('D3', 'X1', 'EXPERT', 'K2', 'U1', 'PROPOSED', t('05-04T12:00'), null, null);
    const deal = (intro: string, stage: string, at: string, registration: [string, number, number, number] | null) =>
      insert(
        `INSERT INTO deals (introduction_id, demand_id, target_type, target_id, broker_id, agency_id, demand_organisation_id,
           target_organisation_id, stage, stage_entered_at, last_activity_at, created_at, registered_at, contract_value_wan,
           technical_income_wan, commission_wan, registration_number, contract_type)
         SELECT i.id, i.demand_id, i.target_type, i.target_id, i.broker_id, i.agency_id, i.demand_organisation_id,
           i.target_organisation_id, $2, $3, $3, $3, $4, $5, $6, $7, $8, $9 FROM introductions i WHERE i.id = $1 RETURNING id`,
        [
          id[intro],
          stage,
          at,
          registration?.[0] ?? null,
          registration?.[1] ?? null,
          registration?.[2] ?? null,
          registration?.[3] ?? null,
          registration ? '2024330106000001' : null,
          registration ? 'LICENSE' : null,
        ],
      );
    id.G1 = await deal('I1', 'REGISTERED', t('03-15T12:00'), [t('04-19T12:00'), 200, 150, 10]);
    id.G2 = await deal('I3', 'CLOSED_LOST', t('03-30T12:00'), null);
    const stage = (dealKey: string, kind: string, from: string | null, to: string, at: string) =>
      dataSource.query(
        `INSERT INTO deal_activities (deal_id, kind, from_stage, to_stage, created_at) VALUES ($1, $2, $3, $4, $5)`,
        [id[dealKey], kind, from, to, at],
      );
    await stage('G1', 'CREATED', null, 'INTRODUCED', t('03-15T12:00'));
    await stage('G1', 'STAGE_CHANGED', 'INTRODUCED', 'NDA_SIGNED', t('03-20T12:00')); // 5 days introduced
    await stage('G1', 'STAGE_CHANGED', 'NDA_SIGNED', 'NEGOTIATING', t('03-30T12:00')); // 10 days under NDA
    await stage('G1', 'STAGE_CHANGED', 'NEGOTIATING', 'CONTRACT_SIGNED', t('04-09T12:00')); // 10 days negotiating
    await stage('G1', 'STAGE_CHANGED', 'CONTRACT_SIGNED', 'REGISTERED', t('04-19T12:00')); // 10 days to register
    await stage('G2', 'CREATED', null, 'INTRODUCED', t('03-30T12:00'));
    await stage('G2', 'STAGE_CHANGED', 'INTRODUCED', 'NDA_SIGNED', t('04-02T12:00')); // 3 days introduced
    await stage('G2', 'STAGE_CHANGED', 'NDA_SIGNED', 'CLOSED_LOST', t('04-09T12:00')); // 7 days under NDA
  });
  afterAll(() => api.close());

  async function query<T = any>(gql: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await api.gql(gql, { range: RANGE, ...variables }, admin.token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data as T;
  }

  it('computes the overview', async () => {
    const { analyticsOverview } = await query(`query($range: AnalyticsRangeInput) {
      analyticsOverview(range: $range) { ${FIGURES} dealsByStage { stage count } } }`);
    expect(analyticsOverview).toEqual({
      achievementsListed: 3, // A1, A2, A3 (A4 never listed)
      rightsConfirmed: 4, // A1..A4
      medianDaysToRightsConfirmation: 20, // median(10, 20, 31); A4 was never submitted
      demandsPosted: 3,
      matches: 4, // the remembered decline is not a match
      introductions: 4,
      introductionsAccepted: 2,
      introductionsDeclined: 1,
      acceptanceRate: 0.6667, // 2 / (2 + 1)
      deals: 2,
      registeredContracts: 1,
      contractValueWan: 200,
      technicalIncomeWan: 150,
      commissionWan: 10,
      dealsByStage: [
        { stage: 'REGISTERED', count: 1 },
        { stage: 'CLOSED_LOST', count: 1 },
      ],
    });
  });

  const BREAKDOWN = `query($range: AnalyticsRangeInput, $dimension: AnalyticsDimension!) {
    analyticsBreakdown(range: $range, dimension: $dimension) { key label ${FIGURES} } }`;
  const row = (key: string, label: string, figures: Record<string, number | null>) => ({ key, label, ...figures });

  it('breaks the figures down by industry', async () => {
    const { analyticsBreakdown } = await query(BREAKDOWN, { dimension: 'INDUSTRY' });
    expect(analyticsBreakdown).toEqual([
      row('ai', '人工智能', {
        achievementsListed: 1, // A2
        rightsConfirmed: 2, // A2, A4
        medianDaysToRightsConfirmation: 20, // A2 only
        demandsPosted: 1, // D2
        matches: 1, // D2–A2
        introductions: 1, // I3
        introductionsAccepted: 1,
        introductionsDeclined: 0,
        acceptanceRate: 1,
        deals: 1, // G2
        registeredContracts: 0,
        contractValueWan: 0,
        technicalIncomeWan: 0,
        commissionWan: 0,
      }),
      row('low_altitude', '低空经济', {
        achievementsListed: 2, // A1, A3
        rightsConfirmed: 2, // A1, A3
        medianDaysToRightsConfirmation: 20.5, // median(10, 31)
        demandsPosted: 2, // D1, D3
        matches: 3, // D1–A1, D1–A3, D3–X1
        introductions: 3, // I1, I2, I4
        introductionsAccepted: 1,
        introductionsDeclined: 1,
        acceptanceRate: 0.5,
        deals: 1, // G1
        registeredContracts: 1,
        contractValueWan: 200,
        technicalIncomeWan: 150,
        commissionWan: 10,
      }),
    ]);
  });

  it('breaks the figures down by institution (demands do not apply)', async () => {
    const { analyticsBreakdown } = await query(BREAKDOWN, { dimension: 'INSTITUTION' });
    const rows = [
      row(id.U1, '甲大学', {
        achievementsListed: 2,
        rightsConfirmed: 2, // A1, A2
        medianDaysToRightsConfirmation: 15, // median(10, 20)
        demandsPosted: null,
        matches: 3, // A1, A2 and the expert X1
        introductions: 3, // I1, I3, I4
        introductionsAccepted: 2,
        introductionsDeclined: 0,
        acceptanceRate: 1,
        deals: 2,
        registeredContracts: 1,
        contractValueWan: 200,
        technicalIncomeWan: 150,
        commissionWan: 10,
      }),
      row(id.U2, '乙研究院', {
        achievementsListed: 1, // A3
        rightsConfirmed: 2, // A3, A4
        medianDaysToRightsConfirmation: 31, // A3 only
        demandsPosted: null,
        matches: 1,
        introductions: 1, // I2
        introductionsAccepted: 0,
        introductionsDeclined: 1,
        acceptanceRate: 0,
        deals: 0,
        registeredContracts: 0,
        contractValueWan: 0,
        technicalIncomeWan: 0,
        commissionWan: 0,
      }),
    ].sort((x, y) => (x.key < y.key ? -1 : 1));
    expect(analyticsBreakdown).toEqual(rows);
  });

  it('breaks the figures down by broker (listings do not apply)', async () => {
    const { analyticsBreakdown } = await query(BREAKDOWN, { dimension: 'BROKER' });
    const notApplicable = {
      achievementsListed: null,
      rightsConfirmed: null,
      medianDaysToRightsConfirmation: null,
      demandsPosted: null,
      matches: null,
    };
    const rows = [
      row(id.K1, '经纪人甲', {
        ...notApplicable,
        introductions: 2, // I1, I3
        introductionsAccepted: 2,
        introductionsDeclined: 0,
        acceptanceRate: 1,
        deals: 2,
        registeredContracts: 1,
        contractValueWan: 200,
        technicalIncomeWan: 150,
        commissionWan: 10,
      }),
      row(id.K2, '经纪人乙', {
        ...notApplicable,
        introductions: 2, // I2, I4
        introductionsAccepted: 0,
        introductionsDeclined: 1,
        acceptanceRate: 0,
        deals: 0,
        registeredContracts: 0,
        contractValueWan: 0,
        technicalIncomeWan: 0,
        commissionWan: 0,
      }),
    ].sort((x, y) => (x.key < y.key ? -1 : 1));
    expect(analyticsBreakdown).toEqual(rows);
  });

  it('breaks the figures down by month (Asia/Shanghai)', async () => {
    const { analyticsBreakdown } = await query(BREAKDOWN, { dimension: 'MONTH' });
    const zero = {
      achievementsListed: 0,
      rightsConfirmed: 0,
      medianDaysToRightsConfirmation: null,
      demandsPosted: 0,
      matches: 0,
      introductions: 0,
      introductionsAccepted: 0,
      introductionsDeclined: 0,
      acceptanceRate: null,
      deals: 0,
      registeredContracts: 0,
      contractValueWan: 0,
      technicalIncomeWan: 0,
      commissionWan: 0,
    };
    expect(analyticsBreakdown).toEqual([
      row('2024-02', '2024-02', { ...zero, rightsConfirmed: 2, medianDaysToRightsConfirmation: 15 }), // A1, A2
      row('2024-03', '2024-03', {
        ...zero,
        achievementsListed: 2, // A1, A2
        demandsPosted: 2, // D1, D2
        matches: 2, // 03-12, 03-26
        introductions: 2, // I1, I3
        introductionsAccepted: 2,
        acceptanceRate: 1,
        deals: 2, // G1, G2
      }),
      row('2024-04', '2024-04', {
        ...zero,
        achievementsListed: 1, // A3
        rightsConfirmed: 2, // A3, A4
        medianDaysToRightsConfirmation: 31,
        matches: 1,
        introductions: 1, // I2
        introductionsDeclined: 1,
        acceptanceRate: 0,
        registeredContracts: 1, // G1 registered 04-19
        contractValueWan: 200,
        technicalIncomeWan: 150,
        commissionWan: 10,
      }),
      row('2024-05', '2024-05', { ...zero, demandsPosted: 1, matches: 1, introductions: 1 }), // D3, D3–X1, I4
    ]);
  });

  it('computes the conversion funnel with median days between steps', async () => {
    const { analyticsFunnel } = await query(`query($range: AnalyticsRangeInput) {
      analyticsFunnel(range: $range) { step count conversionFromPrevious medianDaysFromPrevious } }`);
    expect(analyticsFunnel).toEqual([
      { step: 'LISTED', count: 3, conversionFromPrevious: null, medianDaysFromPrevious: null },
      { step: 'MATCHED', count: 3, conversionFromPrevious: 1, medianDaysFromPrevious: 4 }, // median(2, 6, 4)
      { step: 'INTRODUCED', count: 3, conversionFromPrevious: 1, medianDaysFromPrevious: 2 }, // median(2, 2, 1)
      { step: 'DEAL', count: 2, conversionFromPrevious: 0.6667, medianDaysFromPrevious: 1.5 }, // median(1, 2)
      { step: 'SIGNED', count: 1, conversionFromPrevious: 0.5, medianDaysFromPrevious: 25 }, // G1: 03-15 → 04-09
      { step: 'REGISTERED_CONTRACT', count: 1, conversionFromPrevious: 1, medianDaysFromPrevious: 10 }, // 04-09 → 04-19
    ]);
  });

  it('computes the median days deals spend in each stage', async () => {
    const { analyticsDealStageDurations } = await query(`query($range: AnalyticsRangeInput) {
      analyticsDealStageDurations(range: $range) { stage completedStays medianDaysInStage } }`);
    expect(analyticsDealStageDurations).toEqual([
      { stage: 'INTRODUCED', completedStays: 2, medianDaysInStage: 4 }, // median(5, 3)
      { stage: 'NDA_SIGNED', completedStays: 2, medianDaysInStage: 8.5 }, // median(10, 7)
      { stage: 'NEGOTIATING', completedStays: 1, medianDaysInStage: 10 },
      { stage: 'CONTRACT_SIGNED', completedStays: 1, medianDaysInStage: 10 },
      { stage: 'REGISTERED', completedStays: 0, medianDaysInStage: null },
    ]);
  });

  it('measures responsiveness per institution and enterprise, slowest first', async () => {
    const { analyticsResponsiveness } = await query(`query($range: AnalyticsRangeInput) {
      analyticsResponsiveness(range: $range) { organisationName side answered pending medianHoursToAnswer } }`);
    expect(analyticsResponsiveness).toEqual([
      { organisationName: '甲大学', side: 'INSTITUTION', answered: 2, pending: 1, medianHoursToAnswer: 36 }, // median(24, 48); I4 waits
      { organisationName: '乙研究院', side: 'INSTITUTION', answered: 1, pending: 0, medianHoursToAnswer: 12 },
      { organisationName: '丙公司', side: 'ENTERPRISE', answered: 1, pending: 1, medianHoursToAnswer: 6 }, // I1; I4 waits
      { organisationName: '丁公司', side: 'ENTERPRISE', answered: 1, pending: 0, medianHoursToAnswer: 2 },
    ]);
  });

  it('ranks institutions and brokers', async () => {
    const board = `query($range: AnalyticsRangeInput, $kind: LeaderboardKind!) {
      analyticsLeaderboard(range: $range, kind: $kind) { rank label deals registeredContracts contractValueWan } }`;
    expect((await query(board, { kind: 'INSTITUTIONS' })).analyticsLeaderboard).toEqual([
      { rank: 1, label: '甲大学', deals: 2, registeredContracts: 1, contractValueWan: 200 },
      { rank: 2, label: '乙研究院', deals: 0, registeredContracts: 0, contractValueWan: 0 },
    ]);
    expect((await query(board, { kind: 'BROKERS' })).analyticsLeaderboard).toEqual([
      { rank: 1, label: '经纪人甲', deals: 2, registeredContracts: 1, contractValueWan: 200 },
      { rank: 2, label: '经纪人乙', deals: 0, registeredContracts: 0, contractValueWan: 0 },
    ]);
  });

  it('exports CSV', async () => {
    const csv = `query($range: AnalyticsRangeInput, $report: AnalyticsReport!) { analyticsCsv(range: $range, report: $report) }`;
    expect((await query(csv, { report: 'INDUSTRY' })).analyticsCsv).toBe(
      'key,label,achievementsListed,rightsConfirmed,medianDaysToRightsConfirmation,demandsPosted,matches,introductions,' +
        'introductionsAccepted,introductionsDeclined,acceptanceRate,deals,contractsSigned,registeredContracts,contractValueWan,technicalIncomeWan,commissionWan\r\n' +
        'ai,人工智能,1,2,20,1,1,1,1,0,1,1,0,0,0,0,0\r\n' +
        'low_altitude,低空经济,2,2,20.5,2,3,3,1,1,0.5,1,1,1,200,150,10\r\n',
    );
    expect((await query(csv, { report: 'FUNNEL' })).analyticsCsv).toBe(
      'step,count,conversionFromPrevious,medianDaysFromPrevious\r\n' +
        'LISTED,3,,\r\nMATCHED,3,1,4\r\nINTRODUCED,3,1,2\r\nDEAL,2,0.6667,1.5\r\nSIGNED,1,0.5,25\r\nREGISTERED_CONTRACT,1,1,10\r\n',
    );
  });

  it('counts signed contracts (first move to CONTRACT_SIGNED) overall and by month', async () => {
    const { analyticsOverview } = await query(`query($range: AnalyticsRangeInput) {
      analyticsOverview(range: $range) { contractsSigned } }`);
    expect(analyticsOverview.contractsSigned).toBe(1); // G1 on 04-09; G2 was lost before signing
    const { analyticsBreakdown } = await query(BREAKDOWN.replace('key label', 'key label contractsSigned'), {
      dimension: 'MONTH',
    });
    expect(
      analyticsBreakdown.filter((r: { contractsSigned: number }) => r.contractsSigned > 0).map((r: any) => r.key),
    ).toEqual(['2024-04']);
  });

  it('narrows every figure to one industry', async () => {
    const overview = `query($range: AnalyticsRangeInput, $industry: String) {
      analyticsOverview(range: $range, industry: $industry) {
        achievementsListed demandsPosted matches introductions deals contractsSigned registeredContracts contractValueWan
        dealsByStage { stage count } } }`;
    expect((await query(overview, { industry: 'ai' })).analyticsOverview).toEqual({
      achievementsListed: 1, // A2
      demandsPosted: 1, // D2
      matches: 1, // D2-A2 (the remembered decline is not one)
      introductions: 1, // I3
      deals: 1, // G2
      contractsSigned: 0,
      registeredContracts: 0,
      contractValueWan: 0,
      dealsByStage: [{ stage: 'CLOSED_LOST', count: 1 }],
    });
    expect((await query(overview, { industry: 'low_altitude' })).analyticsOverview).toMatchObject({
      achievementsListed: 2, // A1, A3
      matches: 3, // D1-A1, D1-A3, D3-X1
      contractsSigned: 1,
      registeredContracts: 1,
      contractValueWan: 200,
    });
    const funnel = `query($range: AnalyticsRangeInput, $industry: String) {
      analyticsFunnel(range: $range, industry: $industry) { step count } }`;
    expect((await query(funnel, { industry: 'ai' })).analyticsFunnel).toEqual([
      { step: 'LISTED', count: 1 },
      { step: 'MATCHED', count: 1 },
      { step: 'INTRODUCED', count: 1 },
      { step: 'DEAL', count: 1 },
      { step: 'SIGNED', count: 0 },
      { step: 'REGISTERED_CONTRACT', count: 0 },
    ]);
    const board = `query($range: AnalyticsRangeInput, $industry: String) {
      analyticsLeaderboard(range: $range, industry: $industry, kind: BROKERS) { label deals contractValueWan } }`;
    expect((await query(board, { industry: 'ai' })).analyticsLeaderboard).toEqual([
      { label: '经纪人甲', deals: 1, contractValueWan: 0 },
    ]);
    const bad = await api.gql(
      `query($industry: String) { analyticsOverview(industry: $industry) { deals } }`,
      { industry: "ai' OR 1=1 --" },
      admin.token,
    );
    expect(bad.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('sums registered contracts by contract type', async () => {
    const types = `query($range: AnalyticsRangeInput, $industry: String) {
      analyticsContractTypes(range: $range, industry: $industry) {
        contractType registeredContracts contractValueWan technicalIncomeWan } }`;
    expect((await query(types)).analyticsContractTypes).toEqual([
      { contractType: 'LICENSE', registeredContracts: 1, contractValueWan: 200, technicalIncomeWan: 150 },
    ]);
    expect((await query(types, { industry: 'ai' })).analyticsContractTypes).toEqual([]);
  });

  describe('the registered-contract ledger', () => {
    const LEDGER = `query($range: AnalyticsRangeInput, $industry: String, $contractType: TechContractType, $region: String) {
      analyticsContractLedger(range: $range, industry: $industry, contractType: $contractType, region: $region) {
        totalCount contractValueWan technicalIncomeWan
        rows { dealId registrationNumber registrationAuthority registeredAt contractType contractValueWan
               technicalIncomeWan industryCode industryNameZh sellerName sellerRegion buyerName buyerRegion brokerName } } }`;
    const CSV = `query($range: AnalyticsRangeInput, $language: CsvLanguage!, $region: String) {
      analyticsContractLedgerCsv(range: $range, language: $language, region: $region) }`;
    let nameEn: string;

    beforeAll(async () => {
      const dataSource = api.app.get(DataSource);
      await dataSource.query(`UPDATE deals SET registration_authority = '杭州市技术市场管理办公室' WHERE id = $1`, [
        id.G1,
      ]);
      await dataSource.query(`UPDATE organisations SET region = '杭州' WHERE id = $1`, [id.U1]);
      await dataSource.query(`UPDATE organisations SET region = '宁波' WHERE id = $1`, [id.E1]);
      [{ name_en: nameEn }] = await dataSource.query(`SELECT name_en FROM industries WHERE code = 'low_altitude'`);
    });

    it('lists each registered contract with its office, parties, type, amounts, field and regions', async () => {
      expect((await query(LEDGER)).analyticsContractLedger).toEqual({
        totalCount: 1,
        contractValueWan: 200,
        technicalIncomeWan: 150,
        rows: [
          {
            dealId: id.G1,
            registrationNumber: '2024330106000001',
            registrationAuthority: '杭州市技术市场管理办公室',
            registeredAt: '2024-04-19T12:00:00.000Z',
            contractType: 'LICENSE',
            contractValueWan: 200,
            technicalIncomeWan: 150,
            industryCode: 'low_altitude',
            industryNameZh: '低空经济',
            sellerName: '甲大学',
            sellerRegion: '杭州',
            buyerName: '丙公司',
            buyerRegion: '宁波',
            brokerName: '经纪人甲',
          },
        ],
      });
    });

    it('filters by industry, contract type and either party’s region', async () => {
      const count = async (variables: Record<string, unknown>) =>
        (await query(LEDGER, variables)).analyticsContractLedger.totalCount;
      expect(await count({ industry: 'ai' })).toBe(0);
      expect(await count({ contractType: 'TRANSFER' })).toBe(0);
      expect(await count({ contractType: 'LICENSE' })).toBe(1);
      expect(await count({ region: '杭州' })).toBe(1); // the seller's
      expect(await count({ region: '宁' })).toBe(1); // the buyer's, by prefix
      expect(await count({ region: '北京' })).toBe(0);
      expect(await count({ region: '%' })).toBe(0); // a wildcard is text, not a pattern
      expect(await count({ range: { from: '2024-04-20T00:00:00.000Z', to: RANGE.to } })).toBe(0);
    });

    it('exports CSV for Excel: UTF-8 BOM, CRLF, headers and labels in the chosen language', async () => {
      const zh = (await query(CSV, { language: 'ZH_CN' })).analyticsContractLedgerCsv as string;
      expect(Buffer.from(zh, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      expect(zh.slice(1)).toBe(
        '登记机构,登记号,登记日期,卖方（技术输出方）,卖方地区,买方（技术吸纳方）,买方地区,合同类型,合同成交额（万元）,技术交易额（万元）,技术领域,技术经纪人\r\n' +
          '杭州市技术市场管理办公室,2024330106000001,2024-04-19,甲大学,杭州,丙公司,宁波,技术许可,200,150,低空经济,经纪人甲\r\n',
      );
      const en = (await query(CSV, { language: 'EN' })).analyticsContractLedgerCsv as string;
      expect(en.startsWith('\uFEFFRegistration office,Registration number,Registered on,Seller')).toBe(true);
      expect(en).toContain(`,Technology licence,200,150,${nameEn},`);
      expect((await query(CSV, { language: 'EN', region: '北京' })).analyticsContractLedgerCsv).toBe(
        '\uFEFFRegistration office,Registration number,Registered on,Seller (technology provider),Seller region,' +
          'Buyer (technology recipient),Buyer region,Contract type,Contract value (10k CNY),Technical income (10k CNY),Field,Broker\r\n',
      );
    });

    it('is for the bureau only', async () => {
      for (const gql of [LEDGER, CSV.replace('$language: CsvLanguage!', '$language: CsvLanguage = EN')]) {
        const res = await api.gql(gql, { range: RANGE }, broker.token);
        expect(res.errors![0].extensions!.code).toBe('FORBIDDEN');
      }
    });
  });

  it('is for the bureau only, and checks the range', async () => {
    const res = await api.gql(`{ analyticsOverview { deals } }`, {}, broker.token);
    expect(res.errors![0].extensions!.code).toBe('FORBIDDEN');
    const backwards = await api.gql(
      `query($range: AnalyticsRangeInput) { analyticsOverview(range: $range) { deals } }`,
      { range: { from: RANGE.to, to: RANGE.from } },
      admin.token,
    );
    expect(backwards.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
  });
});
