import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import IORedis from 'ioredis';
import { startMeilisearch } from '../../../dev-services/src/meilisearch';
import {
  BASE_DATABASE_URL_VARIABLE,
  RUN_ID_VARIABLE,
  templateDatabaseName,
  withDatabase,
  workerDatabaseName,
} from './test-run';

const ROOT = join(__dirname, '../../../..');

/**
 * Once per run: checks Postgres and Redis answer, starts Meilisearch when MEILI_URL is unset, migrates a
 * template database and clones one database per Jest worker from it. Workers inherit the variables set here.
 */
export default async function globalSetup(globalConfig: { maxWorkers: number }): Promise<void> {
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  process.env[RUN_ID_VARIABLE] = runId;
  process.env[BASE_DATABASE_URL_VARIABLE] = baseUrl;
  process.env.REDIS_URL = redisUrl;

  await assertPostgres(baseUrl);
  await assertRedis(redisUrl);

  if (!process.env.MEILI_URL) {
    const dataDir = mkdtempSync(join(tmpdir(), 'tt-test-meili-'));
    const meili = await startMeilisearch({ dataDir });
    process.env.MEILI_URL = meili.url;
    process.env.MEILI_MASTER_KEY = meili.masterKey;
    (globalThis as Record<string, unknown>).__TT_MEILI__ = { server: meili, dataDir };
  } else if (!process.env.MEILI_MASTER_KEY) {
    throw new Error('MEILI_URL is set but MEILI_MASTER_KEY is not: the tests need the master key of that server.');
  }

  const template = templateDatabaseName(runId);
  const admin = new Client({ connectionString: withDatabase(baseUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${template}"`);
    // The same command users run: proves the committed migrations apply to an empty database.
    execFileSync(process.execPath, ['-r', '@swc-node/register', 'scripts/migrate.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: withDatabase(baseUrl, template), TT_MIGRATE_QUIET: '1' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    for (let worker = 1; worker <= Math.max(1, globalConfig.maxWorkers); worker++) {
      await admin.query(`CREATE DATABASE "${workerDatabaseName(runId, worker)}" TEMPLATE "${template}"`);
    }
  } finally {
    await admin.end();
  }
}

async function assertPostgres(url: string): Promise<void> {
  const client = new Client({ connectionString: withDatabase(url, 'postgres'), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(`PostgreSQL does not answer at ${url} (${String(error)}). Start it, or set DATABASE_URL.`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function assertRedis(url: string): Promise<void> {
  const redis = new IORedis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`Redis does not answer at ${url} (${String(error)}). Start it, or set REDIS_URL.`);
  } finally {
    redis.disconnect();
  }
}
