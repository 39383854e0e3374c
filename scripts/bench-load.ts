/**
 * `npm run bench:load`: a mixed workload against the real API at a fixed rate, with autocannon — 80 % searches,
 * 15 % reads of one object, 5 % writes (an enterprise publishes a demand: a transaction with its outbox row) — for
 * BENCH_LOAD_SECONDS (60). Prints p50/p95/p99 and errors; then the same run with the worker killed (SIGKILL) a third
 * of the way in and started again at once: writes lost (answered but missing, or never indexed: must be 0) and
 * the longest index lag (a write's commit to its outbox row confirmed indexed).
 *
 * It brings up its own stack like the browser tests' (`scripts/e2e-stack.ts`): a fresh database migrated and seeded
 * with the demo data plus BENCH_LOAD_DEMANDS (2,000) generated open demands, the worker and the API as child
 * processes, on this machine's PostgreSQL and Redis (DATABASE_URL, REDIS_URL) and a Meilisearch of its own unless
 * MEILI_URL and MEILI_MASTER_KEY are set. Everything is removed afterwards.
 *
 * Settings: BENCH_LOAD_RATE (requests/s overall, default 40), BENCH_LOAD_CONNECTIONS (16), BENCH_LOAD_SECONDS (60).
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { pickFreePort, startMeilisearch } from '@app/dev-services';
import { startDevSmtpSink } from './dev-smtp-sink';
import { DEMO_PASSWORD } from './seed';

const ROOT = join(__dirname, '..');
const RATE = Number(process.env.BENCH_LOAD_RATE ?? 40);
const CONNECTIONS = Number(process.env.BENCH_LOAD_CONNECTIONS ?? 16);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
const EXTRA_DEMANDS = Number(process.env.BENCH_LOAD_DEMANDS ?? 2_000);
const WRITE_TITLE = '负载写入';

const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `tt_bench_load_${runId}`;
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const redisPrefix = `tt-bench-load-${runId}`;
const cleanups: Array<() => Promise<void> | void> = [];
const children = new Set<ChildProcess>();

const ZH = ['无人机', '锂电池', '视觉检测', '人工智能', '新材料', '生物医药', '储能', '传感器', '机器人', '芯片'];
const EN = ['drone', 'battery', 'vision', 'sensor', 'robot', 'polymer', 'laser', 'catalyst'];
const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)];

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

/** Starts an app and resolves once it printed its ready line. */
function startApp(script: string, readyLine: string, env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', script], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(readyLine)) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before it was ready`)));
  });
}

const stopChild = (child: ChildProcess, signal: NodeJS.Signals) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });

async function gql<T>(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (!body.data || body.errors) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

interface Phase {
  label: string;
  requests: number;
  latencies: number[];
  errors: Record<string, number>;
  byKind: Record<string, { n: number; errors: number }>;
  writes: Map<string, { id?: string; ok: boolean }>;
  workerKilledAt?: number;
  workerBackAt?: number;
}

async function runPhase(
  label: string,
  url: string,
  token: string,
  ids: { achievements: string[]; demands: string[] },
  industry: string,
  midRun?: () => Promise<{ killedAt: number; backAt: number }>,
): Promise<Phase> {
  const phase: Phase = { label, requests: 0, latencies: [], errors: {}, byKind: {}, writes: new Map() };
  const count = (kind: string, error?: string) => {
    const entry = (phase.byKind[kind] ??= { n: 0, errors: 0 });
    entry.n++;
    if (error) {
      entry.errors++;
      phase.errors[`${kind}: ${error}`] = (phase.errors[`${kind}: ${error}`] ?? 0) + 1;
    }
  };
  const graphql = (
    kind: string,
    build: (context: Record<string, unknown>) => { query: string; variables: Record<string, unknown> },
    auth = false,
  ): autocannon.Request => ({
    method: 'POST',
    path: '/graphql',
    headers: {
      'content-type': 'application/json',
      ...(auth ? { authorization: `Bearer ${token}` } : {}),
    },
    setupRequest: (request, context) => ({
      ...request,
      body: JSON.stringify(build(context as Record<string, unknown>)),
    }),
    onResponse: (status, body, context) => {
      let parsed: {
        data?: { createDemand?: { id?: string } } | null;
        errors?: Array<{ extensions?: { code?: string } }>;
      } = {};
      try {
        parsed = JSON.parse(body) as typeof parsed;
      } catch {
        // counted below as an error
      }
      const error =
        status !== 200 ? `HTTP ${status}` : parsed.errors ? (parsed.errors[0]?.extensions?.code ?? 'error') : undefined;
      count(kind, error);
      if (kind === 'write') {
        const title = (context as Record<string, unknown>).title as string;
        phase.writes.set(title, { id: parsed.data?.createDemand?.id, ok: !error });
      }
    },
  });
  const search = graphql('search', () =>
    Math.random() < 0.5
      ? {
          query: `query S($q: String) { search(query: $q, pageSize: 20) { totalHits hits { id kind } } }`,
          variables: { q: Math.random() < 0.7 ? pick(ZH) : pick(EN) },
        }
      : {
          query: `query D($q: String) { searchDemands(query: $q, pageSize: 20, facets: ["industry"]) { totalHits hits { node { id title } } } }`,
          variables: { q: `${pick(ZH)} ${pick(ZH)}` },
        },
  );
  const read = graphql('read', () =>
    Math.random() < 0.5 && ids.achievements.length > 0
      ? { query: `query A($id: ID!) { achievement(id: $id) { id title } }`, variables: { id: pick(ids.achievements) } }
      : { query: `query D($id: ID!) { demand(id: $id) { id title summary } }`, variables: { id: pick(ids.demands) } },
  );
  const write = graphql(
    'write',
    (context) => {
      const title = `${WRITE_TITLE} ${label} ${randomBytes(6).toString('hex')}`;
      context.title = title;
      phase.writes.set(title, { ok: false });
      return {
        query: `mutation W($input: CreateDemandInput!) { createDemand(input: $input) { id status } }`,
        variables: {
          input: {
            title,
            summary: `负载测试写入的需求：${pick(ZH)}与${pick(ZH)}`,
            industryCode: industry,
            publish: true,
          },
        },
      };
    },
    true,
  );
  // Each connection cycles through 20 requests: 16 searches, 3 reads, 1 write.
  const requests: autocannon.Request[] = [
    ...Array.from({ length: 16 }, () => search),
    ...Array.from({ length: 3 }, () => read),
    write,
  ];
  for (let i = requests.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [requests[i], requests[j]] = [requests[j], requests[i]];
  }
  let finish: (result: autocannon.Result) => void = () => undefined;
  let fail: (error: unknown) => void = () => undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const instance = autocannon(
    { url, connections: CONNECTIONS, overallRate: RATE, duration: SECONDS, requests },
    (error, result) => (error ? fail(error) : finish(result)),
  );
  instance.on('response', (_client, _status, _bytes, responseTime) => {
    phase.requests++;
    phase.latencies.push(responseTime);
  });
  const fault = midRun
    ? new Promise<void>((resolve) =>
        setTimeout(
          () =>
            void midRun().then(({ killedAt, backAt }) => {
              phase.workerKilledAt = killedAt;
              phase.workerBackAt = backAt;
              resolve();
            }),
          (SECONDS * 1000) / 3,
        ),
      )
    : Promise.resolve();
  const result = await done;
  await fault;
  if (result.errors > 0 || result.timeouts > 0) {
    phase.errors['connection errors'] = result.errors;
    phase.errors.timeouts = result.timeouts;
  }
  phase.latencies.sort((a, b) => a - b);
  return phase;
}

async function writeOutcome(databaseUrl: string, phase: Phase) {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const answered = [...phase.writes.entries()].filter(([, write]) => write.ok);
    const titles = answered.map(([title]) => title);
    // Every answered write's outbox row must be indexed (confirmed by Meilisearch) — give the worker time.
    const rows = async () =>
      (
        await client.query<{ title: string; status: string; created_at: Date; processed_at: Date | null }>(
          `SELECT d.title, d.status, o.created_at, o.processed_at FROM demands d
           LEFT JOIN outbox_events o ON o.subject_id = d.id WHERE d.title = ANY($1::text[])`,
          [titles],
        )
      ).rows;
    await waitFor(
      'indexing of every write',
      async () => (await rows()).every((row) => row.processed_at !== null),
      180_000,
    ).catch(() => undefined);
    const found = await rows();
    const byTitle = new Map<string, typeof found>();
    for (const row of found) byTitle.set(row.title, [...(byTitle.get(row.title) ?? []), row]);
    const lost = titles.filter(
      (title) => !byTitle.get(title)?.some((row) => row.status === 'OPEN' && row.processed_at !== null),
    ).length;
    const lags = found
      .filter((row) => row.processed_at)
      .map((row) => row.processed_at!.getTime() - row.created_at.getTime());
    return {
      attempted: phase.writes.size,
      answered: answered.length,
      lost,
      longestLagMs: lags.length ? Math.max(...lags) : NaN,
      medianLagMs: lags.length
        ? percentile(
            [...lags].sort((a, b) => a - b),
            50,
          )
        : NaN,
    };
  } finally {
    await client.end();
  }
}

function report(phase: Phase, writes: Awaited<ReturnType<typeof writeOutcome>>): void {
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  const errors = Object.values(phase.errors).reduce((sum, n) => sum + n, 0);
  console.log(`\n${phase.label}`);
  console.log(
    `  ${phase.requests} requests in ${SECONDS} s (${(phase.requests / SECONDS).toFixed(1)}/s, target ${RATE}/s): ` +
      `p50 ${ms(percentile(phase.latencies, 50))}, p95 ${ms(percentile(phase.latencies, 95))}, ` +
      `p99 ${ms(percentile(phase.latencies, 99))}, max ${ms(phase.latencies.at(-1) ?? NaN)}; errors ${errors}`,
  );
  console.log(
    `  mix: ${Object.entries(phase.byKind)
      .map(([kind, { n, errors: e }]) => `${kind} ${n} (${e} errors)`)
      .join(', ')}`,
  );
  if (errors > 0) console.log(`  errors: ${JSON.stringify(phase.errors)}`);
  if (phase.workerKilledAt)
    console.log(`  worker SIGKILLed at ${phase.workerKilledAt} s, consuming again at ${phase.workerBackAt} s`);
  console.log(
    `  writes: ${writes.answered} answered of ${writes.attempted}, lost ${writes.lost}; index lag median ` +
      `${ms(writes.medianLagMs)}, longest ${ms(writes.longestLagMs)}`,
  );
}

async function main(): Promise<void> {
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
  if (!meiliUrl || !meiliKey) {
    const dataDir = mkdtempSync(join(tmpdir(), 'tt-bench-load-meili-'));
    const meili = await startMeilisearch({ dataDir });
    cleanups.push(async () => {
      await meili.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });
    meiliUrl = meili.url;
    meiliKey = meili.masterKey;
  }
  const mailDir = mkdtempSync(join(tmpdir(), 'tt-bench-load-mail-'));
  const mail = await startDevSmtpSink({ port: await pickFreePort(), dir: mailDir, quiet: true });
  cleanups.push(async () => {
    await mail.close();
    rmSync(mailDir, { recursive: true, force: true });
  });
  const filesDir = mkdtempSync(join(tmpdir(), 'tt-bench-load-files-'));
  cleanups.push(() => rmSync(filesDir, { recursive: true, force: true }));

  const port = await pickFreePort();
  const url = `http://127.0.0.1:${port}`;
  const databaseUrl = withDatabase(baseUrl, database);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: redisPrefix,
    MEILI_URL: meiliUrl,
    MEILI_MASTER_KEY: meiliKey,
    MEILI_INDEX_PREFIX: `tbl${runId}_`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    PUBLIC_URL: url,
    SMTP_URL: mail.url,
    FILE_STORAGE_DIR: filesDir,
    // One client address sends everything: limits per IP would refuse a benchmark, not a crowd.
    RATE_LIMIT_SCALE: '100000',
    LOG_LEVEL: 'error',
    TT_MIGRATE_QUIET: '1',
  };
  console.log('Preparing: migrate, seed the demo data, generate demands …');
  runScript('scripts/migrate.ts', env);
  runScript('scripts/seed.ts', { ...env, NODE_ENV: 'development' }); // the seed refuses production
  const db = new Client({ connectionString: databaseUrl });
  db.on('error', () => undefined); // the cleanup drops the database under it
  await db.connect();
  const [{ id: enterpriseId }] = (
    await db.query<{ id: string }>(`SELECT id FROM organisations WHERE kind = 'ENTERPRISE' ORDER BY created_at LIMIT 1`)
  ).rows;
  const [{ code: industry }] = (await db.query<{ code: string }>('SELECT code FROM industries ORDER BY code LIMIT 1'))
    .rows;
  await db.query(
    `WITH inserted AS (
       INSERT INTO demands (organisation_id, title, summary, industry_code, status)
       SELECT $1, ($2::text[])[1 + (g % array_length($2::text[], 1))] || '需求 ' || g,
              '需要' || ($2::text[])[1 + ((g * 7) % array_length($2::text[], 1))] || '方面的技术方案，编号 ' || g, $3, 'OPEN'
       FROM generate_series(1, $4) AS g RETURNING id)
     INSERT INTO outbox_events (subject, subject_id) SELECT 'DEMAND', id FROM inserted`,
    [enterpriseId, ZH, industry, EXTRA_DEMANDS],
  );
  const ids = {
    achievements: (await db.query<{ id: string }>(`SELECT id FROM achievements WHERE status = 'LISTED'`)).rows.map(
      (row) => row.id,
    ),
    demands: (await db.query<{ id: string }>(`SELECT id FROM demands WHERE status = 'OPEN' LIMIT 2000`)).rows.map(
      (row) => row.id,
    ),
  };

  let worker = await startApp('apps/worker/src/main.ts', 'Worker is consuming queues', env);
  await startApp('apps/api/src/main.ts', 'GraphQL API:', env);
  await waitFor(
    'indexing of the catalogue',
    async () =>
      Number(
        (await db.query<{ n: string }>('SELECT count(*) AS n FROM outbox_events WHERE processed_at IS NULL')).rows[0].n,
      ) === 0,
    300_000,
  );
  const { login } = await gql<{ login: { accessToken: string } }>(
    url,
    `mutation L($input: LoginInput!) { login(input: $input) { accessToken } }`,
    { input: { email: 'enterprise@demo.local', password: DEMO_PASSWORD } },
  );
  console.log(
    `Ready: ${ids.achievements.length} listed achievements, ${ids.demands.length} open demands read; ` +
      `${RATE} requests/s over ${CONNECTIONS} connections for ${SECONDS} s per run (80 % search, 15 % read, 5 % write)`,
  );

  const steady = await runPhase('Steady (API + worker)', url, login.accessToken, ids, industry);
  report(steady, await writeOutcome(databaseUrl, steady));

  const started = Date.now();
  const killed = await runPhase(
    'Worker SIGKILLed and restarted mid-run',
    url,
    login.accessToken,
    ids,
    industry,
    async () => {
      const killedAt = Math.round((Date.now() - started) / 1000);
      await stopChild(worker, 'SIGKILL');
      worker = await startApp('apps/worker/src/main.ts', 'Worker is consuming queues', env);
      return { killedAt, backAt: Math.round((Date.now() - started) / 1000) };
    },
  );
  report(killed, await writeOutcome(databaseUrl, killed));
  await db.end();
  const lost = (await writeOutcome(databaseUrl, killed)).lost + (await writeOutcome(databaseUrl, steady)).lost;
  if (lost > 0) process.exitCode = 1;
}

async function cleanup(): Promise<void> {
  await Promise.all([...children].map((child) => stopChild(child, 'SIGTERM')));
  for (const step of cleanups.reverse()) await Promise.resolve(step()).catch((error: unknown) => console.error(error));
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => void cleanup().then(() => process.exit()));
