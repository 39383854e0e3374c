import { INestApplicationContext } from '@nestjs/common';
import { Meilisearch } from 'meilisearch';
import { AppConfig, createMeiliClient, ensureMeiliKey, MEILI_CLIENT, meiliKeyScope, meiliKeyUid } from '@app/core';
import { startTestApi, TestApi } from '@app/testing';
import { createWorkerApp } from '../../../apps/worker/src/bootstrap';

/** The Meilisearch error code of a failed call (null when it succeeded; a task is waited for). */
async function meiliError(call: () => Promise<unknown>): Promise<string | null> {
  try {
    const pending = call() as Promise<unknown> & {
      waitTask?: () => Promise<{ status: string; error?: { code: string } | null }>;
    };
    if (pending.waitTask) {
      const task = await pending.waitTask();
      return task.status === 'failed' ? (task.error?.code ?? 'failed') : null;
    }
    await pending;
    return null;
  } catch (error) {
    return (error as { cause?: { code?: string } }).cause?.code ?? String(error);
  }
}

/**
 * Issue 12, item 7: the API searches with a search-only key limited to the index prefix, the worker with an admin
 * key on the prefix; both are derived at boot from the master key and found again (same uid) on the next boot.
 */
describe('Meilisearch keys derived from the master key', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let master: ReturnType<typeof createMeiliClient>;
  let prefix: string;
  let own: string;
  let foreign: string;

  beforeAll(async () => {
    api = await startTestApi();
    worker = await createWorkerApp();
    const config = api.app.get(AppConfig);
    prefix = config.MEILI_INDEX_PREFIX;
    master = createMeiliClient(config.MEILI_URL, config.MEILI_MASTER_KEY);
    own = `${prefix}keys_probe`;
    // Another deployment's index on the same Meilisearch (a prefix that does not start with ours).
    foreign = `zz_other_${prefix}keys_probe`;
    for (const uid of [own, foreign]) {
      await master.client.createIndex(uid, { primaryKey: 'id' }).waitTask();
      await master.client
        .index(uid)
        .addDocuments([{ id: '1', title: '固态电池' }])
        .waitTask();
    }
  }, 180_000);
  afterAll(async () => {
    for (const uid of [own, foreign]) await master.client.deleteIndex(uid).waitTask();
    master.close();
    await worker.close();
    await api.close();
  });

  it("gives the API a key that searches the prefix's indexes and nothing more", async () => {
    const client = api.app.get<Meilisearch>(MEILI_CLIENT);
    expect(client.config.apiKey).not.toBe(api.app.get(AppConfig).MEILI_MASTER_KEY);
    expect((await client.index(own).search('电池')).hits).toHaveLength(1);
    // No writes, no deletes, no settings, no new indexes.
    expect(await meiliError(() => client.index(own).addDocuments([{ id: '2', title: 'x' }]))).toBe('invalid_api_key');
    expect(await meiliError(() => client.index(own).deleteDocument('1'))).toBe('invalid_api_key');
    expect(await meiliError(() => client.deleteIndex(own))).toBe('invalid_api_key');
    expect(await meiliError(() => client.index(own).updateSettings({ searchableAttributes: ['id'] }))).toBe(
      'invalid_api_key',
    );
    expect(await meiliError(() => client.createIndex(`${prefix}keys_new`))).toBe('invalid_api_key');
    // No reads outside the prefix, no key management.
    expect(await meiliError(() => client.index(foreign).search('电池'))).toBe('invalid_api_key');
    expect(await meiliError(() => client.getKeys())).toBe('invalid_api_key');
    expect((await master.client.index(own).getStats()).numberOfDocuments).toBe(1);
  });

  it('gives the worker a key that administers indexes but not keys', async () => {
    const client = worker.get<Meilisearch>(MEILI_CLIENT);
    expect(client.config.apiKey).not.toBe(api.app.get(AppConfig).MEILI_MASTER_KEY);
    expect(await meiliError(() => client.index(own).addDocuments([{ id: '2', title: '钠电池' }]))).toBeNull();
    expect(await meiliError(() => client.createIndex(`${prefix}keys_new`))).toBeNull();
    expect(await meiliError(() => client.deleteIndex(`${prefix}keys_new`))).toBeNull();
    // The atomic reindex swaps indexes and waits for the swap task.
    const swap = client.swapIndexes([{ indexes: [own, `${prefix}keys_swap`], rename: true }]);
    expect((await swap.waitTask()).status).toBe('succeeded');
    expect(
      await meiliError(() => client.swapIndexes([{ indexes: [`${prefix}keys_swap`, own], rename: true }])),
    ).toBeNull();
    // No key management: it cannot mint itself or anyone a broader key.
    expect(await meiliError(() => client.getKeys())).toBe('invalid_api_key');
    expect(await meiliError(() => client.createKey({ actions: ['*'], indexes: ['*'], expiresAt: null }))).toBe(
      'invalid_api_key',
    );
  });

  it('finds the same keys again on the next boot (deterministic uids), and replaces a key of another scope', async () => {
    const keysBefore = (await master.client.getKeys({ limit: 1000 })).results.length;
    const search = await ensureMeiliKey(master.client, 'SEARCH', prefix);
    expect(search).toBe(api.app.get<Meilisearch>(MEILI_CLIENT).config.apiKey);
    expect(await ensureMeiliKey(master.client, 'ADMIN', prefix)).toBe(
      worker.get<Meilisearch>(MEILI_CLIENT).config.apiKey,
    );
    expect((await master.client.getKeys({ limit: 1000 })).results.length).toBe(keysBefore);
    const stored = await master.client.getKey(meiliKeyUid('SEARCH', prefix));
    expect(stored.actions.sort()).toEqual(meiliKeyScope('SEARCH', prefix).actions.sort());
    expect(stored.indexes).toEqual([`${prefix}*`]);
    expect((await master.client.getKey(meiliKeyUid('ADMIN', prefix))).actions).not.toContain('keys.create');
    // An older, broader key under the same uid (e.g. from a previous version) is replaced, not reused.
    const probePrefix = `${prefix}probe_`;
    const uid = meiliKeyUid('SEARCH', probePrefix);
    await master.client.createKey({ uid, actions: ['*'], indexes: ['*'], expiresAt: null });
    await ensureMeiliKey(master.client, 'SEARCH', probePrefix);
    const replaced = await master.client.getKey(uid);
    expect(replaced.actions.sort()).toEqual(meiliKeyScope('SEARCH', probePrefix).actions.sort());
    expect(replaced.indexes).toEqual([`${probePrefix}*`]);
    await master.client.deleteKey(uid);
  });
});
