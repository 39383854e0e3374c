// `npm run bench:digest [-- --scale 100000]`: one weekly slot for N subscribers with matches, end to end —
// plan + build + deliver (email to a local SMTP sink, and in-app) by a real worker process. Reports digests per
// second, total time, the worker's peak RSS (VmHWM) and Redis memory before and after. Uses its own database
// (tt_bench_digest, recreated) and Redis prefix; needs PostgreSQL and Redis (DATABASE_URL / REDIS_URL).
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { SMTPServer } from 'smtp-server';
import { AddressInfo } from 'node:net';
import { JobName, JobQueue, loadConfig } from '@app/core';
import { runMigrations } from '@app/database';
import { startMeilisearch } from '@app/dev-services';

const ROOT = join(__dirname, '..');
const SLOT = '2030-01-07T01:00:00Z'; // a Monday, 09:00 in Shanghai (the default schedule)
const MATCHES_PER_DEMAND = 3;

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function redisUsedMemory(redis: IORedis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

function peakRssBytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

async function seed(db: Client, scale: number): Promise<void> {
  // One enterprise per subscriber (member + one open demand), 200 experts at one university, 3 matches per demand
  // created in the week before the slot.
  await db.query(`INSERT INTO organisations (name, kind) VALUES ('基准大学', 'UNIVERSITY')`);
  await db.query(
    `INSERT INTO experts (organisation_id, name)
     SELECT (SELECT id FROM organisations WHERE kind = 'UNIVERSITY' LIMIT 1), '专家 ' || g FROM generate_series(1, 200) g`,
  );
  const batch = 20_000;
  for (let from = 1; from <= scale; from += batch) {
    const to = Math.min(scale, from + batch - 1);
    await db.query(
      `WITH o AS (
         INSERT INTO organisations (name, kind, external_key)
         SELECT '企业 ' || g, 'ENTERPRISE', 'bench-' || g FROM generate_series($1::int, $2::int) g RETURNING id, external_key
       ), u AS (
         INSERT INTO users (email, display_name, password_hash, locale)
         SELECT 'bench-' || g || '@bench.local', CASE WHEN g % 4 = 0 THEN 'Reader ' || g ELSE '读者 ' || g END, 'x',
                CASE WHEN g % 4 = 0 THEN 'en' ELSE 'zh' END
         FROM generate_series($1::int, $2::int) g RETURNING id, email
       ), m AS (
         INSERT INTO memberships (user_id, organisation_id, role, status)
         SELECT u.id, o.id, 'ENTERPRISE_MEMBER', 'ACTIVE' FROM u JOIN o ON o.external_key = 'bench-' || split_part(split_part(u.email, '@', 1), '-', 2)
         RETURNING organisation_id
       )
       INSERT INTO demands (organisation_id, title, summary, industry_code, status)
       SELECT organisation_id, '智能视觉检测需求', '基准测试需求', 'ai', 'OPEN' FROM m`,
      [from, to],
    );
  }
  await db.query(
    `INSERT INTO matches (demand_id, target_type, target_id, score, explanation, engine_version, computed_at, created_at)
     SELECT d.id, 'EXPERT', e.id, 0.5 + random() / 2,
            '{"matchedTerms":[{"term":"视觉检测","fields":["title"]}],"missingTerms":[],"textScore":0.8,"coverage":1,"factors":[{"factor":"industry","effect":0.1,"reason":"same industry (ai)"}]}'::jsonb,
            'bench', $1::timestamptz - interval '1 day', $1::timestamptz - interval '1 day'
     FROM demands d
     CROSS JOIN LATERAL (SELECT id FROM experts ORDER BY md5(d.id::text || id::text) LIMIT ${MATCHES_PER_DEMAND}) e`,
    [SLOT],
  );
  await db.query('ANALYZE');
}

function startWorker(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  // The worker as production runs it: compiled (`npm run build`), no on-the-fly TypeScript compiler in memory.
  // BENCH_WORKER_NODE_ARGS: extra node flags for the worker only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  execFileSync(process.execPath, ['scripts/build.js'], { cwd: ROOT, stdio: 'ignore' });
  const extra = (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extra, 'dist/apps/worker/src/main.js'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Worker is consuming queues')) resolve(child);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stderr.write(chunk);
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}):\n${output.slice(-2000)}`)));
  });
}

async function main(): Promise<void> {
  const scale = Number(option('scale', '100000'));
  const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const databaseUrl = withDatabase(baseUrl, 'tt_bench_digest');
  const prefix = `bench-digest-${Date.now().toString(36)}`;

  const admin = new Client({ connectionString: withDatabase(baseUrl, 'postgres') });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS tt_bench_digest WITH (FORCE)');
  await admin.query('CREATE DATABASE tt_bench_digest');
  await admin.end();
  await runMigrations(databaseUrl);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  let started = Date.now();
  await seed(db, scale);
  console.log(
    `Seeded ${scale} subscribers with ${MATCHES_PER_DEMAND} matches each in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );

  // The sink only counts (no parsing): the receiving side must not be the bottleneck being measured.
  let received = 0;
  const sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', () => resolve()));
  const smtpUrl = `smtp://127.0.0.1:${(sink.server.address() as AddressInfo).port}`;
  const meili = await startMeilisearch({ dataDir: mkdtempSync(join(tmpdir(), 'tt-bench-meili-')) });

  const redis = new IORedis(redisUrl);
  const redisBefore = await redisUsedMemory(redis);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    MEILI_URL: meili.url,
    MEILI_MASTER_KEY: meili.masterKey,
    MEILI_INDEX_PREFIX: `${prefix}_`,
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
    SMTP_URL: smtpUrl,
    LOG_LEVEL: 'warn',
  };
  const worker = await startWorker(env);
  process.env.REDIS_PREFIX = prefix;
  process.env.JWT_SECRET = env.JWT_SECRET;
  process.env.MEILI_MASTER_KEY = meili.masterKey;
  const jobs = new JobQueue(loadConfig({ ...env }));

  started = Date.now();
  await jobs.enqueue(JobName.PlanDigests, { slot: SLOT });
  let redisPeak = 0;
  let lastLog = 0;
  for (;;) {
    const { rows } = await db.query<{ digests: string; open: string; total: string }>(
      `SELECT (SELECT count(*) FROM digests) AS digests,
              count(*) FILTER (WHERE status NOT IN ('SENT','DEAD','UNKNOWN','SKIPPED')) AS open, count(*) AS total
       FROM digest_deliveries`,
    );
    const digests = Number(rows[0].digests);
    redisPeak = Math.max(redisPeak, await redisUsedMemory(redis));
    if (Date.now() - lastLog > 10_000) {
      lastLog = Date.now();
      console.log(
        `  ${((Date.now() - started) / 1000).toFixed(0)} s: ${digests} digests, ${received} emails, ${rows[0].open} deliveries open, worker peak RSS ${mb(peakRssBytes(worker.pid!))} MB`,
      );
    }
    if (digests === scale && Number(rows[0].total) === scale * 2 && Number(rows[0].open) === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const seconds = (Date.now() - started) / 1000;
  const peakRss = peakRssBytes(worker.pid!);
  const redisAfter = await redisUsedMemory(redis);
  const { rows: statuses } = await db.query(
    'SELECT channel, status, count(*)::int AS n FROM digest_deliveries GROUP BY 1, 2 ORDER BY 1, 2',
  );
  const result = {
    subscribers: scale,
    digests: scale,
    emailsReceivedBySink: received,
    deliveries: statuses,
    totalSeconds: Math.round(seconds * 10) / 10,
    digestsPerSecond: Math.round((scale / seconds) * 10) / 10,
    workerPeakRssMb: mb(peakRss),
    redisUsedMemoryMb: { before: mb(redisBefore), peak: mb(redisPeak), after: mb(redisAfter) },
    cpus: (await import('node:os')).cpus().length,
  };
  console.log(JSON.stringify(result, null, 2));

  worker.kill('SIGTERM');
  await new Promise((resolve) => worker.once('exit', resolve));
  await jobs.onApplicationShutdown();
  // Leave Redis as we found it.
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== '0');
  redis.disconnect();
  await db.end();
  await meili.stop();
  sink.close(() => undefined);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
