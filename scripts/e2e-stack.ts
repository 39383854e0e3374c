/**
 * The stack the browser tests run against (apps/web/e2e): a fresh database migrated and seeded with the demo
 * data, the search index built from it, and the real API serving the built web app. Started once per browser
 * test run by the Playwright global set-up; prints `E2E_READY <url>` when it answers, and on SIGTERM (or when
 * its parent goes away) stops everything and drops the database and its Redis keys.
 * Names follow the Jest runs' scheme (`tt_test_<run>_…`), so a leftover of a killed run is recognisable.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { pickFreePort, startMeilisearch, type ManagedMeilisearch } from '@app/dev-services';
import { startDevSmtpSink } from './dev-smtp-sink';

const ROOT = join(__dirname, '..');
const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `tt_test_${runId}_e2e`;
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const redisPrefix = `tt-test-${runId}-e2e`;
const cleanups: Array<() => Promise<void> | void> = [];
const children: ChildProcess[] = [];
let stopping = false;

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

function runScript(script: string, env: NodeJS.ProcessEnv): void {
  execFileSync(process.execPath, ['-r', '@swc-node/register', script], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function waitForHealth(url: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`The API did not become healthy at ${url}`);
}

function startChild(label: string, script: string, env: NodeJS.ProcessEnv): void {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', script], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  child.on('exit', (code) => {
    if (!stopping) {
      console.error(`The ${label} exited with code ${code}`);
      void stop(1);
    }
  });
}

/** Until the worker has pushed every change of the seed to the search index. */
async function waitForIndexing(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline) {
      const { rows } = await client.query<{ pending: string }>(
        'SELECT count(*) AS pending FROM outbox_events WHERE processed_at IS NULL',
      );
      if (Number(rows[0].pending) === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error('The worker did not index the demo data within 3 minutes');
  } finally {
    await client.end();
  }
}

async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await Promise.all(
      children
        .filter((child) => child.exitCode === null && child.signalCode === null)
        .map(
          (child) =>
            new Promise<void>((resolve) => {
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
              setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
            }),
        ),
    );
    for (const cleanup of cleanups.reverse())
      await Promise.resolve(cleanup()).catch((error: unknown) => console.error(error));
  }
  process.exit(code);
}

async function main(): Promise<void> {
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGINT', () => void stop(0));
  // The parent (Playwright) holds our stdin: when it goes away, so do we.
  process.stdin.on('end', () => void stop(0));
  process.stdin.resume();

  const admin = new Client({ connectionString: withDatabase(baseUrl, 'postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  cleanups.push(async () => {
    const client = new Client({ connectionString: withDatabase(baseUrl, 'postgres') });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await client.end();
  });
  cleanups.push(async () => {
    const redis = new IORedis(redisUrl, { maxRetriesPerRequest: 1 });
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
    redis.disconnect();
  });

  let meiliUrl = process.env.MEILI_URL;
  let meiliKey = process.env.MEILI_MASTER_KEY;
  if (!meiliUrl) {
    const dataDir = mkdtempSync(join(tmpdir(), 'tt-e2e-meili-'));
    const meili: ManagedMeilisearch = await startMeilisearch({ dataDir });
    cleanups.push(async () => {
      await meili.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });
    meiliUrl = meili.url;
    meiliKey = meili.masterKey;
  }

  const mailDir = mkdtempSync(join(tmpdir(), 'tt-e2e-mail-'));
  const mail = await startDevSmtpSink({ port: await pickFreePort(), dir: mailDir, quiet: true });
  cleanups.push(async () => {
    await mail.close();
    rmSync(mailDir, { recursive: true, force: true });
  });
  const filesDir = mkdtempSync(join(tmpdir(), 'tt-e2e-files-'));
  cleanups.push(() => rmSync(filesDir, { recursive: true, force: true }));

  const port = await pickFreePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(port),
    DATABASE_URL: withDatabase(baseUrl, database),
    DATABASE_POOL_SIZE: '5',
    REDIS_URL: redisUrl,
    REDIS_PREFIX: redisPrefix,
    MEILI_URL: meiliUrl,
    MEILI_MASTER_KEY: meiliKey,
    MEILI_INDEX_PREFIX: `t${runId}e2e_`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    PUBLIC_URL: url,
    SMTP_URL: mail.url,
    FILE_STORAGE_DIR: filesDir,
    WEB_DIST_DIR: join(ROOT, 'apps', 'web', 'dist'),
    LOG_LEVEL: 'warn',
    TT_MIGRATE_QUIET: '1',
    // Every browser test signs in from 127.0.0.1, over 50 times in 15 minutes (the per-IP login limit); the limits
    // themselves are tested in apps/api/test/rate-limits.int-spec.ts.
    RATE_LIMIT_SCALE: '20',
  };

  runScript('scripts/migrate.ts', env);
  runScript('scripts/seed.ts', env);
  // The worker indexes the seeded data from the outbox, as under `npm start`.
  startChild('worker', 'apps/worker/src/main.ts', env);
  startChild('API', 'apps/api/src/main.ts', env);
  await waitForHealth(`${url}/health`);
  await waitForIndexing(env.DATABASE_URL!);
  // A benchmark's extra volume (e.g. scripts/bench-dashboard-seed.ts), written once the demo data is indexed.
  if (process.env.E2E_EXTRA_SEED) runScript(process.env.E2E_EXTRA_SEED, env);
  console.log(`E2E_READY ${url}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  void stop(1);
});
