import { INestApplicationContext } from '@nestjs/common';
import { DemandAction, DemandsService } from '@app/demands';
import { ManagedMeilisearch, startMeilisearch } from '@app/dev-services';
import { startTestApi, TestApi } from '@app/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import {
  Enterprise,
  eventually,
  inAMonth,
  industryCodes,
  registerEnterprise,
  startWorker,
  unique,
} from './search-fixtures';

const SEARCH_DEMANDS = `query Search($query: String) { searchDemands(query: $query) { hits { node { id } } } }`;

/**
 * A Meilisearch of its own (the shared one serves the other test files), stopped for real while the product
 * keeps changing, then restarted on the same data directory and port.
 */
describe('outbox convergence through a Meilisearch restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tt-search-restart-'));
  const saved = { url: process.env.MEILI_URL, key: process.env.MEILI_MASTER_KEY };
  let meili: ManagedMeilisearch;
  let api: TestApi;
  let worker: INestApplicationContext;
  let demands: DemandsService;
  let enterprise: Enterprise;
  let industry: string;

  beforeAll(async () => {
    meili = await startMeilisearch({ dataDir });
    process.env.MEILI_URL = meili.url;
    process.env.MEILI_MASTER_KEY = meili.masterKey;
    api = await startTestApi();
    worker = await startWorker();
    demands = api.app.get(DemandsService);
    enterprise = await registerEnterprise(api, unique('重启测试科技有限公司'));
    [industry] = await industryCodes(api, 1);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await meili?.stop();
    process.env.MEILI_URL = saved.url;
    process.env.MEILI_MASTER_KEY = saved.key;
    rmSync(dataDir, { recursive: true, force: true });
  });

  const searchIds = async (query: string): Promise<string[]> => {
    const res = await api.gql(SEARCH_DEMANDS, { query });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.searchDemands.hits.map((hit: any) => hit.node.id);
  };
  const open = (title: string) =>
    demands.create(enterprise.actor, {
      title,
      summary: `${title} 摘要`,
      industryCode: industry,
      deadline: inAMonth(),
      publish: true,
    });

  it('keeps writes working while Meilisearch is down and converges once it is back', async () => {
    const token = unique('restart');
    const before = await open(`${token} 停机前`);
    await eventually(async () => expect(await searchIds(token)).toEqual([before.id]));

    await meili.stop();
    const during = await open(`${token} 停机中`);
    await demands.transition(enterprise.actor, before.id, DemandAction.CLOSE);
    const renamed = await open(`${token} 改名前`);
    await demands.update(enterprise.actor, renamed.id, { title: `${token} 改名后 renamedz` });

    // The drainer tried, failed and recorded why; nothing was marked processed.
    const outbox = api.app.get(DataSource);
    await eventually(async () => {
      const rows = await outbox.query(
        'SELECT attempts, last_error, processed_at FROM outbox_events WHERE subject_id = ANY($1::uuid[])',
        [[during.id, renamed.id]],
      );
      expect(rows.length).toBe(3);
      for (const row of rows) {
        expect(row.processed_at).toBeNull();
        expect(row.attempts).toBeGreaterThan(0);
        expect(row.last_error).toMatch(/ECONNREFUSED|connect|socket/i);
      }
    });

    meili = await startMeilisearch({ dataDir, port: Number(new URL(meili.url).port), masterKey: meili.masterKey });
    await eventually(
      async () => expect((await searchIds(token)).sort()).toEqual([during.id, renamed.id].sort()),
      20_000,
    );
    expect(await searchIds('renamedz')).toEqual([renamed.id]);
    await eventually(async () => {
      const [{ pending }] = await outbox.query(
        'SELECT count(*)::int AS pending FROM outbox_events WHERE processed_at IS NULL',
      );
      expect(pending).toBe(0);
    });
  });
});
