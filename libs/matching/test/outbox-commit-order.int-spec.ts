import { INestApplicationContext } from '@nestjs/common';
import { JobName, JobQueue, JOB_QUEUE, MEILI_CLIENT, OutboxSubject, recordOutboxChange } from '@app/core';
import { DemandsService } from '@app/demands';
import { OrganisationKind } from '@app/identity';
import { ReindexService, SearchKind, SearchSources } from '@app/search';
import { startTestApi, TestApi, testAccounts } from '@app/testing';
import { AuthService } from '@app/identity';
import type { Meilisearch } from 'meilisearch';
import { DataSource } from 'typeorm';
import { createWorkerApp } from '../../../apps/worker/src/bootstrap';

async function eventually<T>(probe: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`not in time: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Drill: outbox ids are taken at INSERT, not at commit. Transaction A writes its row first (lower id) and commits
 * last; B's row (higher id) is indexed and followed by matching in between. Both must be indexed and matched.
 */
describe('outbox rows committed out of id order', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let dataSource: DataSource;

  beforeAll(async () => {
    api = await startTestApi();
    worker = await createWorkerApp();
    dataSource = api.app.get(DataSource);
    // The worker heals its new, empty indexes at boot by a full reindex; let that finish before the drill starts.
    const reindex = worker.get(ReindexService);
    await eventually(async () => (await reindex.reindexAll()) !== 'busy', 'boot-time heal done', 60_000);
  }, 120_000);
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('indexes and matches both rows', async () => {
    const { creator } = await testAccounts(api).selfServiceOrganisation(
      OrganisationKind.ENTERPRISE,
      '乱序提交有限公司',
      {
        displayName: 'poster',
      },
    );
    const actor = await api.app.get(AuthService).loadActor(creator.userId);
    const [{ code: industry }] = await dataSource.query<Array<{ code: string }>>('SELECT code FROM industries LIMIT 1');
    const demands = api.app.get(DemandsService);
    const open = (title: string) =>
      demands.create(actor, {
        title,
        summary: `${title} 摘要`,
        industryCode: industry,
        deadline: new Date(Date.now() + 30 * 86400_000),
        publish: true,
      });
    const token = `order${Date.now().toString(36)}`;
    const first = await open(`${token} 甲`);
    const second = await open(`${token} 乙`);

    const rename = async (manager: DataSource['manager'], id: string, title: string) => {
      await manager.query('UPDATE demands SET title = $2 WHERE id = $1', [id, title]);
      await recordOutboxChange(manager, OutboxSubject.DEMAND, id);
      const [{ id: rowId }] = await manager.query<Array<{ id: string }>>(
        'SELECT max(id)::text AS id FROM outbox_events WHERE subject_id = $1',
        [id],
      );
      return rowId;
    };
    // A: lower id, still open.
    const a = dataSource.createQueryRunner();
    await a.connect();
    await a.startTransaction();
    const rowA = await rename(a.manager, first.id, `${token} 甲改 latecommit`);
    // B: higher id, committed, indexed and followed while A is still open.
    const rowB = await dataSource.transaction((manager) => rename(manager, second.id, `${token} 乙改 earlycommit`));
    expect(BigInt(rowA) < BigInt(rowB)).toBe(true);
    await eventually(async () => {
      const [row] = await dataSource.query('SELECT followed_at FROM outbox_events WHERE id = $1', [rowB]);
      return row?.followed_at;
    }, 'B followed');
    await a.commitTransaction();
    await a.release();

    const [rowAState] = await eventually(async () => {
      const rows = await dataSource.query<Array<{ processed_at: Date | null; followed_at: Date | null }>>(
        'SELECT processed_at, followed_at FROM outbox_events WHERE id = $1',
        [rowA],
      );
      return rows[0]?.followed_at ? rows : null;
    }, 'A indexed and followed');
    expect(rowAState.processed_at).not.toBeNull();

    const meili = api.app.get<Meilisearch>(MEILI_CLIENT);
    const uid = api.app.get(SearchSources).liveUid(SearchKind.DEMAND);
    for (const [word, id] of [
      ['latecommit', first.id],
      ['earlycommit', second.id],
    ]) {
      const { hits } = await meili.index(uid).search(word, { limit: 5 });
      expect(hits.map((hit) => hit.id)).toEqual([id]);
    }
    const queue = worker.get(JobQueue).queue(JOB_QUEUE[JobName.MatchDemand]);
    const matched = await eventually(async () => {
      const jobs = await Promise.all(
        [`match-demand.${first.id}.${rowA}`, `match-demand.${second.id}.${rowB}`].map((id) => queue.getJob(id)),
      );
      const states = await Promise.all(jobs.map((job) => (job ? job.getState() : Promise.resolve('missing'))));
      return states.every((state) => state === 'completed') ? states : null;
    }, 'both matched');
    console.log(
      `drill out-of-order commits: in flight 2 outbox rows (A id ${rowA} committed after B id ${rowB}); ` +
        `indexed 2, matched ${matched.length}, lost 0, repeated 0`,
    );
  }, 120_000);
});
