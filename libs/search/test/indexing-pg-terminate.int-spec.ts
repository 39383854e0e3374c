import { randomUUID } from 'node:crypto';
import { Meilisearch } from 'meilisearch';
import { DataSource } from 'typeorm';
import { JobQueue, loadConfig, postgresOptions } from '@app/core';
import { ChildApp, createIsolatedNamespace, IsolatedNamespace, settledWorker, startChildWorker } from '@app/testing';

const DEMANDS = 60;

/**
 * Drill: while demands and their outbox rows are committed, every PostgreSQL connection of the worker (a child
 * process) is terminated with pg_terminate_backend, five times. Afterwards every row is indexed and followed by
 * matching, none dead-lettered, and every demand is in the index.
 */
describe('indexing while PostgreSQL connections are terminated', () => {
  let namespace: IsolatedNamespace;
  let worker: ChildApp | undefined;
  let dataSource: DataSource;
  let jobs: JobQueue;

  beforeAll(async () => {
    namespace = await createIsolatedNamespace('pgterm');
    const env = {
      ...process.env,
      DATABASE_URL: namespace.databaseUrl,
      MEILI_INDEX_PREFIX: namespace.indexPrefix,
      REDIS_PREFIX: namespace.redisPrefix,
      LOG_LEVEL: 'error',
    };
    worker = await startChildWorker(env);
    dataSource = new DataSource(postgresOptions(namespace.databaseUrl, { entities: [], applicationName: 'pg-drill' }));
    await dataSource.initialize();
    jobs = new JobQueue(loadConfig(env));
    await settledWorker(jobs, 120_000);
  }, 180_000);

  afterAll(async () => {
    await worker?.stop('SIGTERM');
    await jobs?.onApplicationShutdown();
    await dataSource?.destroy();
    await namespace?.drop();
  });

  it('indexes and matches every row', async () => {
    const since = new Date(Date.now() - 1_000).toISOString();
    const [enterprise] = await dataSource.query<Array<{ id: string }>>(
      `INSERT INTO organisations (name, kind) VALUES ($1, 'ENTERPRISE') RETURNING id`,
      [`断连演练企业 ${randomUUID().slice(0, 8)}`],
    );
    const token = `pgterm${randomUUID().slice(0, 8)}`;
    const demandIds: string[] = [];
    const write = async (i: number) => {
      await dataSource.transaction(async (manager) => {
        const [demand] = await manager.query<Array<{ id: string }>>(
          `INSERT INTO demands (organisation_id, title, summary, industry_code, status)
           VALUES ($1, $2, $3, 'ai', 'OPEN') RETURNING id`,
          [enterprise.id, `${token} 断连演练需求 ${i}`, `视觉检测设备需求 ${i}`],
        );
        await manager.query(`INSERT INTO outbox_events (subject, subject_id) VALUES ('DEMAND', $1)`, [demand.id]);
        demandIds.push(demand.id);
      });
    };
    let terminated = 0;
    let pendingAtFaults = 0;
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < DEMANDS / 5; i++) await write(round * (DEMANDS / 5) + i);
      const [pending] = await dataSource.query<Array<{ n: string }>>(
        'SELECT count(*) AS n FROM outbox_events WHERE processed_at IS NULL OR followed_at IS NULL',
      );
      pendingAtFaults += Number(pending.n);
      const killed = await dataSource.query<Array<{ ok: boolean }>>(
        `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name <> 'pg-drill'`,
      );
      terminated += killed.filter((row) => row.ok).length;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }

    const deadline = Date.now() + 90_000;
    let open = Infinity;
    while (open > 0 && Date.now() < deadline) {
      const [row] = await dataSource.query<Array<{ n: string }>>(
        `SELECT count(*) AS n FROM outbox_events
         WHERE subject_id = ANY($1::uuid[]) AND (processed_at IS NULL OR followed_at IS NULL)`,
        [demandIds],
      );
      open = Number(row.n);
      if (open > 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const config = loadConfig({ ...process.env, MEILI_INDEX_PREFIX: namespace.indexPrefix });
    const meili = new Meilisearch({ host: config.MEILI_URL, apiKey: config.MEILI_MASTER_KEY });
    const indexUid = (await meili.getIndexes({ limit: 100 })).results
      .map((index) => index.uid)
      .find((uid) => uid.startsWith(namespace.indexPrefix) && uid.includes('demand'));
    let found = new Set<string>();
    const indexDeadline = Date.now() + 30_000;
    while (found.size < DEMANDS && Date.now() < indexDeadline) {
      const result = await meili.index(indexUid!).search(token, { limit: 1000, attributesToRetrieve: ['id'] });
      found = new Set(result.hits.map((hit) => String(hit.id)).filter((id) => demandIds.includes(id)));
      if (found.size < DEMANDS) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // Documents sent to Meilisearch since the start: a row whose "indexed" mark was cut by a kill is sent again.
    const tasks = await meili.tasks.getTasks({
      indexUids: [indexUid!],
      types: ['documentAdditionOrUpdate'],
      afterEnqueuedAt: since,
      limit: 1000,
    });
    const sent = tasks.results.reduce(
      (sum, task) => sum + ((task.details ?? {}) as { receivedDocuments?: number }).receivedDocuments!,
      0,
    );
    const [dead] = await dataSource.query<Array<{ n: string }>>(
      'SELECT count(*) AS n FROM outbox_events WHERE subject_id = ANY($1::uuid[]) AND dead_at IS NOT NULL',
      [demandIds],
    );
    const [matched] = await dataSource.query<Array<{ n: string }>>(
      'SELECT count(DISTINCT demand_id) AS n FROM matches WHERE demand_id = ANY($1::uuid[])',
      [demandIds],
    );
    console.log(
      `drill pg_terminate_backend x5 during indexing: ${terminated} connections killed, in flight ${pendingAtFaults} ` +
        `outbox rows summed over the faults; lost ${DEMANDS - found.size} (${found.size}/${DEMANDS} in the index, ` +
        `${open} rows not followed, ${dead.n} dead-lettered), repeated ${sent - DEMANDS} (documents sent ${sent}; index writes are upserts); ` +
        `${matched.n} demands with matches`,
    );
    expect(terminated).toBeGreaterThan(0);
    expect(open).toBe(0);
    expect(Number(dead.n)).toBe(0);
    expect(found.size).toBe(DEMANDS);
    expect(sent).toBeGreaterThanOrEqual(DEMANDS);
  }, 240_000);
});
