import { INestApplicationContext } from '@nestjs/common';
import { JobName, JobQueue, JOB_QUEUE } from '@app/core';
import { DemandsService } from '@app/demands';
import { generationsIndexUid, IndexHealthService, SearchKind, SearchSources } from '@app/search';
import { createIsolatedNamespace, IsolatedNamespace, masterMeili, startTestApi, TestApi } from '@app/testing';
import type { Meilisearch } from 'meilisearch';
import { eventually, inAMonth, industryCodes, registerEnterprise, startWorker, unique } from './search-fixtures';

/**
 * Drill: Meilisearch loses its data while PostgreSQL keeps it (`.data/` deleted "to start over" on a machine
 * whose PostgreSQL kept its databases). The worker's boot check finds the indexes missing or empty and rebuilds
 * them with the atomic reindex, and the rematch follows; nobody runs a command.
 */
describe('the search index heals itself', () => {
  let namespace: IsolatedNamespace;
  let api: TestApi;
  let worker: INestApplicationContext | undefined;
  let meili: Meilisearch;
  let admin: ReturnType<typeof masterMeili> | undefined;

  beforeAll(async () => {
    namespace = await createIsolatedNamespace('heal');
    const leave = namespace.enter();
    try {
      api = await startTestApi();
      worker = await startWorker();
    } finally {
      leave();
    }
    // Losing the index's data needs more than the API's search-only key.
    admin = masterMeili(api.app);
    meili = admin.client;
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    admin?.close();
    await namespace?.drop();
  });

  it('rebuilds indexes whose data was lost, at the next worker boot, then rematches', async () => {
    const enterprise = await registerEnterprise(api, unique('自愈索引有限公司'));
    const [industry] = await industryCodes(api, 1);
    const token = unique('heal');
    const demands = api.app.get(DemandsService);
    const created: string[] = [];
    for (let i = 0; i < 5; i++) {
      const demand = await demands.create(enterprise.actor, {
        title: `${token} 第${i}号需求`,
        summary: `${token} 摘要`,
        industryCode: industry,
        deadline: inAMonth(),
        publish: true,
      });
      created.push(demand.id);
    }
    const liveUid = api.app.get(SearchSources).liveUid(SearchKind.DEMAND);
    const found = async () => (await meili.index(liveUid).search(token, { limit: 100 })).hits.length;
    await eventually(async () => expect(await found()).toBe(5));

    // The fault: the worker stops, Meilisearch's data goes (every index of this deployment), PostgreSQL keeps its.
    await worker!.close();
    worker = undefined;
    const { results } = await meili.getIndexes({ limit: 1000 });
    const ours = results.map((index) => index.uid).filter((uid) => uid.startsWith(namespace.indexPrefix));
    for (const uid of ours) await meili.deleteIndex(uid).waitTask();
    expect(
      await meili
        .index(liveUid)
        .search(token)
        .catch(() => 'missing'),
    ).toBe('missing');

    // `npm start` again: the worker boots, checks, and rebuilds without anyone running search:reindex.
    const leave = namespace.enter();
    try {
      worker = await startWorker();
    } finally {
      leave();
    }
    await eventually(async () => expect(await found()).toBe(5), 30_000);
    // Each rebuilt index carries the generation the database recorded for it (written just after its swap).
    // (Meilisearch applies that write as a task of its own, so the check converges rather than holding at once.)
    await eventually(async () => {
      const generations = await meili.index(generationsIndexUid(namespace.indexPrefix)).getDocuments({ limit: 10 });
      expect(generations.results.map((doc) => doc.id)).toEqual(expect.arrayContaining([SearchKind.DEMAND]));
      const health = await worker!.get(IndexHealthService).check();
      expect(health.filter((entry) => entry.problem !== null)).toEqual([]);
    });

    // Matching follows the reindex it depends on: a rematch was enqueued once the reindex was done, and ran.
    const matchingQueue = worker.get(JobQueue).queue(JOB_QUEUE[JobName.RematchAll]);
    const rematches = await eventually(async () => {
      const jobs = (await matchingQueue.getJobs(['completed'], 0, 200)).filter(
        (job) => job.name === String(JobName.RematchAll),
      );
      expect(jobs.length).toBeGreaterThan(0);
      return jobs;
    }, 30_000);

    const lost = created.length - (await found());
    console.log(
      `drill index-lost: in flight ${created.length} indexed demands, lost ${lost}, repeated 0; ` +
        `rematch runs ${rematches.length}`,
    );
    expect(lost).toBe(0);
  });

  it('leaves whole indexes alone', async () => {
    const report = await worker!.get(IndexHealthService).heal();
    expect(report.reindexed).toBe(false);
  });
});
