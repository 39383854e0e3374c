import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMeiliClient, createRedisClient } from '@app/core';
import { createDatabase, databaseUrlWithName, dropDatabase, runMigrations } from '@app/database';
import { startMeilisearch, type ManagedMeilisearch } from '@app/dev-services';

/**
 * Runs `work` in a namespace of its own — a database created from the migrations, a Meilisearch index prefix and a
 * Redis prefix (a Meilisearch of its own unless MEILI_URL names one) — set in process.env for the Nest context the
 * work creates, and removes all of it afterwards, whatever happened. `defer` registers more cleanups (run first).
 */
export async function inThrowawayNamespace(
  label: string,
  work: (defer: (cleanup: () => unknown) => void) => Promise<void>,
): Promise<void> {
  const namespace = `tt_${label}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const cleanups: Array<() => unknown> = [];
  try {
    await createDatabase(baseUrl, namespace);
    cleanups.push(() => dropDatabase(baseUrl, namespace));
    const databaseUrl = databaseUrlWithName(baseUrl, namespace);
    await runMigrations(databaseUrl);
    let meili: ManagedMeilisearch | null = null;
    if (!process.env.MEILI_URL) {
      const dataDir = mkdtempSync(join(tmpdir(), `tt-${label}-meili-`));
      meili = await startMeilisearch({ dataDir });
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
      cleanups.push(() => meili?.stop());
    }
    Object.assign(process.env, {
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      MEILI_URL: meili?.url ?? process.env.MEILI_URL,
      MEILI_MASTER_KEY: meili?.masterKey ?? process.env.MEILI_MASTER_KEY,
      MEILI_INDEX_PREFIX: `${namespace}_`,
      REDIS_PREFIX: namespace,
      JWT_SECRET: process.env.JWT_SECRET ?? randomBytes(32).toString('hex'),
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    });
    // Indexes under our prefix are removed even when an external Meilisearch is used.
    cleanups.push(async () => {
      const { client, close } = createMeiliClient(process.env.MEILI_URL!, process.env.MEILI_MASTER_KEY!);
      try {
        const { results } = await client.getIndexes({ limit: 1000 });
        for (const index of results.filter((i) => i.uid.startsWith(`${namespace}_`)))
          await client.deleteIndex(index.uid).waitTask();
      } finally {
        close();
      }
    });
    cleanups.push(async () => {
      const redis = createRedisClient(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
      try {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${namespace}:*`, 'COUNT', 1000);
          if (keys.length > 0) await redis.del(...keys);
          cursor = next;
        } while (cursor !== '0');
      } finally {
        redis.disconnect();
      }
    });
    await work((cleanup) => cleanups.push(cleanup));
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error('cleanup failed:', error);
      }
    }
  }
}
