import { INestApplicationContext } from '@nestjs/common';
import { DemandsService } from '@app/demands';
import { OutboxDrainer, ReindexService, SearchKind, SearchSources } from '@app/search';
import { masterMeili, startTestApi, TestApi } from '@app/testing';
import type { Meilisearch } from 'meilisearch';
import {
  eventually,
  inAMonth,
  industryCodes,
  registerEnterprise,
  startWorker,
  unique,
  Enterprise,
} from './search-fixtures';

describe('full reindex and ordering', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let demands: DemandsService;
  let meili: Meilisearch;
  let admin: ReturnType<typeof masterMeili> | undefined;
  let enterprise: Enterprise;
  let industry: string;
  let liveUid: string;

  beforeAll(async () => {
    api = await startTestApi();
    worker = await startWorker();
    demands = api.app.get(DemandsService);
    // Settings are read with more than the API's search-only key.
    admin = masterMeili(api.app);
    meili = admin.client;
    liveUid = api.app.get(SearchSources).liveUid(SearchKind.DEMAND);
    enterprise = await registerEnterprise(api, unique('重建索引有限公司'));
    [industry] = await industryCodes(api, 1);
  });
  afterAll(async () => {
    admin?.close();
    await worker?.close();
    await api?.close();
  });

  const open = (title: string) =>
    demands.create(enterprise.actor, {
      title,
      summary: `${title} 摘要`,
      industryCode: industry,
      deadline: inAMonth(),
      publish: true,
    });
  const count = async (token: string) => (await meili.index(liveUid).search(token, { limit: 100 })).hits.length;

  it('swaps in a rebuilt index while searches keep answering in full, and keeps changes made meanwhile', async () => {
    const token = unique('reidx');
    const created = [];
    for (let i = 0; i < 25; i++) created.push(await open(`${token} 第${i}号需求`));
    await eventually(async () => expect(await count(token)).toBe(25));
    // The worker heals its (new, empty) indexes at boot with the same reindex: wait until that one is done.
    await eventually(async () => expect(await worker.get(ReindexService).reindexAll()).not.toBe('busy'), 30_000);

    const reindex = worker.get(ReindexService).reindexAll();
    let finished = false;
    void reindex.finally(() => (finished = true));
    const counts: number[] = [];
    const late = open(`${token} 重建期间新增`);
    while (!finished) counts.push(await count(token));
    const reports = await reindex;
    await late;

    // How many searches fit in the rebuild depends on the machine; what matters is that none saw a partial index.
    expect(counts.length).toBeGreaterThan(0);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(25);
    expect(reports).not.toBe('busy');
    expect(reports).toEqual(expect.arrayContaining([expect.objectContaining({ kind: SearchKind.DEMAND })]));
    await eventually(async () => expect(await count(token)).toBe(26));
    const { results } = await meili.getIndexes({ limit: 1000 });
    expect(results.filter((index) => index.uid.startsWith(`${liveUid}_`))).toEqual([]);
    // The swapped-in index carries the declared settings.
    expect((await meili.index(liveUid).getSettings()).searchableAttributes?.[0]).toBe('title_zh');
  });

  it('lets concurrent drains run without a document going back to an older state', async () => {
    const token = unique('order');
    const demand = await open(`${token} 版本0`);
    const drainer = worker.get(OutboxDrainer);
    const drains: Array<Promise<unknown>> = [];
    for (let version = 1; version <= 15; version++) {
      await demands.update(enterprise.actor, demand.id, { title: `${token} 版本${version}` });
      drains.push(drainer.drainOnce(2), api.app.get(OutboxDrainer).drainOnce(3));
    }
    const results = (await Promise.all(drains)) as Array<{ status: string }>;
    expect(results.some((result) => result.status === 'busy' || result.status === 'idle')).toBe(true);
    const latest = await api.app.get(DemandsService).get(enterprise.actor, demand.id);
    await eventually(async () => {
      const doc = await meili.index(liveUid).getDocument(demand.id);
      expect(doc).toMatchObject({ title_zh: `${token} 版本15`, version: latest.updatedAt.getTime() });
    });
  });
});
