import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobName, JobQueue, JOB_QUEUE } from '@app/core';
import { FUNNEL_REFRESH_SCHEDULER_ID } from '@app/analytics';
import { OrganisationKind, Role } from '@app/identity';
import { startTestApi, TestApi } from '@app/testing';
import { createWorkerApp } from '../../../apps/worker/src/bootstrap';
import { eventually, MarketplaceActors, TestActor } from '../../../apps/api/test/support/marketplace-actors';

/**
 * The funnel reads a rollup (analytics_achievement_funnel) that statement triggers mark dirty and the funnel query
 * refreshes: every write to achievements, matches, introductions, deals and deal activities shows in the very next
 * funnel, including the ones that move a "first time" later (a deleted match) or move a listing out of the range.
 * Its own year (2022), so the other tests' rows stay out.
 */
const RANGE = { from: '2022-01-01T00:00:00.000Z', to: '2023-01-01T00:00:00.000Z' };
const t = (iso: string) => `2022-${iso}:00.000Z`;

describe('the funnel rollup stays fresh', () => {
  let api: TestApi;
  let admin: TestActor;
  let dataSource: DataSource;
  const id: Record<string, string> = {};

  beforeAll(async () => {
    api = await startTestApi();
    dataSource = api.app.get(DataSource);
    const actors = new MarketplaceActors(api);
    const bureau = await actors.organisation('漏斗 科技局', OrganisationKind.GOVERNMENT);
    admin = await actors.user('funnel-admin', Role.ADMIN, bureau.id);
    const agency = await actors.organisation('漏斗 经纪机构', OrganisationKind.BROKER_AGENCY);
    const broker = await actors.user('funnel-broker', Role.BROKER, agency.id);
    Object.assign(id, { agency: agency.id, K: broker.userId });
    id.U = (await actors.organisation('漏斗大学', OrganisationKind.UNIVERSITY)).id;
    id.E = (await actors.organisation('漏斗公司', OrganisationKind.ENTERPRISE)).id;
  });
  afterAll(() => api.close());

  const one = async (sql: string, params: unknown[]) =>
    (await dataSource.query<Array<{ id: string }>>(sql, params))[0].id;

  async function funnel(industry: string | null = null): Promise<Array<[string, number, number | null]>> {
    const res = await api.gql(
      `query($range: AnalyticsRangeInput, $industry: String) {
        analyticsFunnel(range: $range, industry: $industry) { step count medianDaysFromPrevious } }`,
      { range: RANGE, industry },
      admin.token,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    const steps = (
      res.data as { analyticsFunnel: Array<{ step: string; count: number; medianDaysFromPrevious: number | null }> }
    ).analyticsFunnel;
    return steps.map((s) => [s.step, s.count, s.medianDaysFromPrevious]);
  }

  it('follows inserts, updates, deletes and signings, and leaves nothing marked', async () => {
    const achievement = (industry: string, listedAt: string | null) =>
      one(
        `INSERT INTO achievements (title, institution_id, industry_code, status, listed_at)
         VALUES ('漏斗成果', $1, $2, $3, $4) RETURNING id`,
        [id.U, industry, listedAt ? 'LISTED' : 'RIGHTS_CONFIRMED', listedAt],
      );
    id.A = await achievement('ai', t('03-01T00:00'));
    id.B = await achievement('low_altitude', t('04-01T00:00'));
    await achievement('ai', null); // not listed: not in the funnel
    expect((await funnel())[0]).toEqual(['LISTED', 2, null]);
    expect((await funnel('ai'))[0]).toEqual(['LISTED', 1, null]);

    const demand = () =>
      one(
        `INSERT INTO demands (organisation_id, title, summary, industry_code, status, published_at)
         VALUES ($1, '需求', '摘要', 'ai', 'OPEN', $2) RETURNING id`,
        [id.E, t('02-01T00:00')],
      );
    id.D1 = await demand();
    id.D2 = await demand();
    const match = (d: string, at: string, engine = 'test') =>
      one(
        `INSERT INTO matches (demand_id, target_type, target_id, score, explanation, engine_version, computed_at, created_at)
         VALUES ($1, 'ACHIEVEMENT', $2, 0.5, '{}', $3, $4, $4) RETURNING id`,
        [id[d], id.A, engine, at],
      );
    id.M1 = await match('D1', t('03-11T00:00')); // 10 days after listing
    expect((await funnel())[1]).toEqual(['MATCHED', 1, 10]);
    // An earlier match moves the first match earlier; a remembered decline is no match at all.
    id.M2 = await match('D2', t('03-06T00:00'));
    expect((await funnel())[1]).toEqual(['MATCHED', 1, 5]);
    await dataSource.query(`UPDATE matches SET engine_version = 'declined-outside-matching' WHERE id = $1`, [id.M2]);
    expect((await funnel())[1]).toEqual(['MATCHED', 1, 10]);
    await dataSource.query(`UPDATE matches SET engine_version = 'test', created_at = $2 WHERE id = $1`, [
      id.M2,
      t('03-04T00:00'),
    ]);
    expect((await funnel())[1]).toEqual(['MATCHED', 1, 3]);
    // Deleting the first match makes the next one first again.
    await dataSource.query(`DELETE FROM matches WHERE id = $1`, [id.M2]);
    expect((await funnel())[1]).toEqual(['MATCHED', 1, 10]);

    id.I = await one(
      `INSERT INTO introductions (demand_id, target_type, target_id, broker_id, agency_id, demand_organisation_id,
         target_organisation_id, status, created_at)
       VALUES ($1, 'ACHIEVEMENT', $2, $3, $4, $5, $6, 'ACCEPTED', $7) RETURNING id`,
      [id.D1, id.A, id.K, id.agency, id.E, id.U, t('03-13T00:00')],
    );
    id.G = await one(
      `INSERT INTO deals (introduction_id, demand_id, target_type, target_id, broker_id, agency_id, demand_organisation_id,
         target_organisation_id, stage, stage_entered_at, last_activity_at, created_at)
       SELECT i.id, i.demand_id, i.target_type, i.target_id, i.broker_id, i.agency_id, i.demand_organisation_id,
         i.target_organisation_id, 'NEGOTIATING', $2, $2, $2 FROM introductions i WHERE i.id = $1 RETURNING id`,
      [id.I, t('03-16T00:00')],
    );
    expect((await funnel()).slice(2, 5)).toEqual([
      ['INTRODUCED', 1, 2], // 03-11 → 03-13
      ['DEAL', 1, 3], // 03-13 → 03-16
      ['SIGNED', 0, null],
    ]);
    // Signing is an activity of the deal; registration is the deal's own column.
    await dataSource.query(
      `INSERT INTO deal_activities (deal_id, kind, from_stage, to_stage, created_at)
       VALUES ($1, 'STAGE_CHANGED', 'NEGOTIATING', 'CONTRACT_SIGNED', $2)`,
      [id.G, t('03-26T00:00')],
    );
    expect((await funnel())[4]).toEqual(['SIGNED', 1, 10]);
    await dataSource.query(`UPDATE deals SET stage = 'REGISTERED', registered_at = $2 WHERE id = $1`, [
      id.G,
      t('04-05T00:00'),
    ]);
    expect((await funnel())[5]).toEqual(['REGISTERED_CONTRACT', 1, 10]);

    // A listing moved out of the range, or to another industry, leaves the cohort.
    await dataSource.query(`UPDATE achievements SET listed_at = '2023-02-01T00:00:00Z' WHERE id = $1`, [id.B]);
    expect((await funnel())[0]).toEqual(['LISTED', 1, null]);
    await dataSource.query(`UPDATE achievements SET industry_code = 'low_altitude' WHERE id = $1`, [id.A]);
    expect((await funnel('ai'))[0]).toEqual(['LISTED', 0, null]);
    expect((await funnel('low_altitude'))[0]).toEqual(['LISTED', 1, null]);

    const [{ marked }] = await dataSource.query<Array<{ marked: string }>>(
      'SELECT count(*) AS marked FROM analytics_funnel_dirty',
    );
    expect(Number(marked)).toBe(0);
  });

  it('rebuilds every row from the live tables on a NULL mark (what a TRUNCATE of a source table leaves)', async () => {
    const before = await funnel();
    await dataSource.query('TRUNCATE analytics_achievement_funnel');
    await dataSource.query('INSERT INTO analytics_funnel_dirty (achievement_id) VALUES (NULL)');
    expect(await funnel()).toEqual(before);
    const [{ rows }] = await dataSource.query<Array<{ rows: string }>>(
      `SELECT count(*) AS rows FROM analytics_achievement_funnel f JOIN achievements a ON a.id = f.achievement_id
       WHERE a.listed_at IS NOT NULL`,
    );
    const [{ listed }] = await dataSource.query<Array<{ listed: string }>>(
      'SELECT count(*) AS listed FROM achievements WHERE listed_at IS NOT NULL',
    );
    expect(Number(rows)).toBe(Number(listed));
  });

  it('is refreshed by the worker between visits, on a schedule registered once', async () => {
    const worker: INestApplicationContext = await createWorkerApp();
    try {
      const second = await createWorkerApp();
      await second.close();
      const queue = worker.get(JobQueue).queue(JOB_QUEUE[JobName.RefreshAnalyticsFunnel]);
      const schedulers = (await queue.getJobSchedulers()).filter((s) => s.key === FUNNEL_REFRESH_SCHEDULER_ID);
      expect(schedulers).toHaveLength(1);
      expect(schedulers[0]).toMatchObject({ name: JobName.RefreshAnalyticsFunnel, pattern: '*/5 * * * *' });

      const listed = await one(
        `INSERT INTO achievements (title, institution_id, industry_code, status, listed_at)
         VALUES ('漏斗成果', $1, 'ai', 'LISTED', $2) RETURNING id`,
        [id.U, t('06-01T00:00')],
      );
      const rollupRow = async () =>
        (
          await dataSource.query<unknown[]>('SELECT 1 FROM analytics_achievement_funnel WHERE achievement_id = $1', [
            listed,
          ])
        ).length;
      expect(await rollupRow()).toBe(0); // marked, not yet refreshed
      await worker.get(JobQueue).enqueue(JobName.RefreshAnalyticsFunnel, { requestedAt: new Date().toISOString() });
      await eventually(async () => (await rollupRow()) === 1);
      // Its mark is consumed. (Only its own: the worker's other jobs, a rematch inserting matches, may mark other
      // achievements meanwhile.)
      const [{ marked }] = await dataSource.query<Array<{ marked: string }>>(
        'SELECT count(*) AS marked FROM analytics_funnel_dirty WHERE achievement_id = $1',
        [listed],
      );
      expect(Number(marked)).toBe(0);
    } finally {
      await worker.close();
    }
  });
});
