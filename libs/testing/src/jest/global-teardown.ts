import { rmSync } from 'node:fs';
import { Client } from 'pg';
import IORedis from 'ioredis';
import type { ManagedMeilisearch } from '../../../dev-services/src/meilisearch';
import { BASE_DATABASE_URL_VARIABLE, RUN_ID_VARIABLE, withDatabase } from './test-run';

/** Drops the run's databases and Redis keys, and stops the Meilisearch the setup started. */
export default async function globalTeardown(): Promise<void> {
  const runId = process.env[RUN_ID_VARIABLE];
  const baseUrl = process.env[BASE_DATABASE_URL_VARIABLE];
  if (!runId || !baseUrl) return;

  const admin = new Client({ connectionString: withDatabase(baseUrl, 'postgres') });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
      [`tt_test_${runId}_`],
    );
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }

  const redis = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `tt-test-${runId}-*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }

  const meili = (globalThis as Record<string, unknown>).__TT_MEILI__ as
    { server: ManagedMeilisearch; dataDir: string } | undefined;
  if (meili) {
    await meili.server.stop();
    rmSync(meili.dataDir, { recursive: true, force: true });
  }
}
