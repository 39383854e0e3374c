/**
 * `npm start`: everything a fresh machine needs to run the product locally, in one command.
 * Starts what is missing (PostgreSQL, Redis, Meilisearch), applies migrations, seeds demo data, runs the API
 * and the worker, prints where to go and how to log in. Ctrl-C stops everything it started.
 * Services already configured (DATABASE_URL, REDIS_URL, MEILI_URL + MEILI_MASTER_KEY) are used as they are.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DevService,
  ensureDatabaseExists,
  ensureMeilisearch,
  ensurePostgres,
  ensureRedis,
  isTcpPortOpen,
  pickFreePort,
} from '@app/dev-services';
import { runMigrations } from '@app/database';
import { startDevSmtpSink } from './dev-smtp-sink';
import { DEMO_LOGINS, DEMO_PASSWORD } from './seed';

const ROOT = join(__dirname, '..');
const DATA_DIR = join(ROOT, '.data');
const started: DevService[] = [];
const children: ChildProcess[] = [];
let stopping = false;

/** Secrets generated once per checkout, so restarts keep sessions valid and the Meilisearch data readable. */
function localSecrets(): { jwtSecret: string; meiliMasterKey: string } {
  const file = join(DATA_DIR, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as { jwtSecret: string; meiliMasterKey: string };
  const secrets = { jwtSecret: randomBytes(32).toString('hex'), meiliMasterKey: randomBytes(24).toString('hex') };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

function step(message: string): void {
  console.log(`\x1b[36m▸\x1b[0m ${message}`);
}

function runNode(label: string, script: string, env: NodeJS.ProcessEnv, keepRunning: boolean): Promise<number> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', script], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (keepRunning) children.push(child);
  const prefix = `\x1b[90m[${label}]\x1b[0m `;
  const relay = (stream: NodeJS.WritableStream) => (chunk: Buffer) =>
    stream.write(chunk.toString().replace(/^(?=.)/gm, prefix));
  child.stdout?.on('data', relay(process.stdout));
  child.stderr?.on('data', relay(process.stderr));
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      if (keepRunning && !stopping) {
        console.error(`${label} exited with code ${code}; stopping.`);
        void shutdown(1);
      }
      resolve(code ?? 1);
    }),
  );
}

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  for (const service of started.reverse()) await service.stop().catch((error: unknown) => console.error(error));
  process.exit(code);
}

const WEB_DIR = join(ROOT, 'apps', 'web');

/** Newest modification time among the web app's sources (what a build reads). */
function newestSourceTime(): number {
  let newest = 0;
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    const stats = statSync(path);
    if (stats.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
    else newest = Math.max(newest, stats.mtimeMs);
  };
  for (const entry of ['src', 'index.html', 'vite.config.ts', 'package.json', 'package-lock.json'])
    visit(join(WEB_DIR, entry));
  return newest;
}

/** Builds the web app when its build is missing or older than its sources; the API serves apps/web/dist. */
async function ensureWebBuild(): Promise<void> {
  const builtIndex = join(WEB_DIR, 'dist', 'index.html');
  if (existsSync(builtIndex) && statSync(builtIndex).mtimeMs >= newestSourceTime()) {
    console.log('  up to date');
    return;
  }
  const vite = join(WEB_DIR, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(vite))
    throw new Error('The web app’s dependencies are missing: run `npm ci` at the repository root.');
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: WEB_DIR, stdio: 'inherit' });
    child.on('exit', (exitCode) => resolve(exitCode ?? 1));
  });
  if (code !== 0) throw new Error('Building the web app failed (see above).');
  console.log('  built apps/web/dist');
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  mkdirSync(DATA_DIR, { recursive: true });
  const secrets = localSecrets();

  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/techtransfer';
  step(`PostgreSQL at ${new URL(databaseUrl).host}`);
  const postgres = await ensurePostgres({ databaseUrl, dataDir: join(DATA_DIR, 'postgres') });
  started.push(postgres);
  if (postgres.startedByUs) console.log('  started an embedded PostgreSQL (data in .data/postgres)');
  await ensureDatabaseExists(databaseUrl);

  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  step(`Redis at ${new URL(redisUrl).host}`);
  const redis = await ensureRedis({ redisUrl, dataDir: join(DATA_DIR, 'redis') });
  started.push(redis);
  if (redis.startedByUs) console.log('  started redis-server');

  step(
    process.env.MEILI_URL
      ? `Meilisearch at ${process.env.MEILI_URL}`
      : 'Meilisearch (local server, data in .data/meilisearch)',
  );
  const meiliPort = (await isTcpPortOpen('127.0.0.1', 7700)) ? await pickFreePort() : 7700;
  const meili = await ensureMeilisearch({
    url: process.env.MEILI_URL,
    masterKey: process.env.MEILI_URL ? process.env.MEILI_MASTER_KEY : secrets.meiliMasterKey,
    dataDir: join(DATA_DIR, 'meilisearch'),
    port: meiliPort,
    logFile: join(DATA_DIR, 'meilisearch.log'),
  });
  started.push(meili);

  // Digest emails go to a local sink unless SMTP_URL points at a real server (read them: npm run mail:list).
  let smtpUrl = process.env.SMTP_URL;
  if (!smtpUrl) {
    const mailSink = await startDevSmtpSink({
      port: (await isTcpPortOpen('127.0.0.1', 1025)) ? await pickFreePort() : 1025,
      quiet: true,
    });
    started.push({ startedByUs: true, stop: () => mailSink.close() });
    smtpUrl = mailSink.url;
    step(`SMTP sink at ${smtpUrl} (mail stored in .data/mail)`);
  }

  const port = process.env.PORT ?? '3000';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    PORT: port,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    MEILI_URL: meili.url,
    MEILI_MASTER_KEY: meili.masterKey,
    JWT_SECRET: process.env.JWT_SECRET ?? secrets.jwtSecret,
    PUBLIC_URL: process.env.PUBLIC_URL ?? `http://localhost:${port}`,
    SMTP_URL: smtpUrl,
    // Framework start-up chatter hides the useful lines; LOG_LEVEL=info brings it back.
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  };

  // What scripts need to reach the services started here (`npm run search:reindex`, `npm run cli`, …): they read
  // it, and the generated secrets, through the same configuration loader as the API and the worker.
  writeFileSync(
    join(DATA_DIR, 'services.json'),
    JSON.stringify(
      { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, MEILI_URL: meili.url, SMTP_URL: smtpUrl },
      null,
      2,
    ),
    { mode: 0o600 },
  );

  step('Web app');
  await ensureWebBuild();

  step('Migrations');
  process.env.DATABASE_URL = databaseUrl;
  const applied = await runMigrations(databaseUrl);
  console.log(applied.length ? `  applied ${applied.length}` : '  up to date');

  step('Worker (indexes the demo data as it arrives)');
  void runNode('worker', 'apps/worker/src/main.ts', env, true);

  step('Demo data');
  if ((await runNode('seed', 'scripts/seed.ts', env, false)) !== 0) throw new Error('Seeding failed');

  step('API');
  void runNode('api', 'apps/api/src/main.ts', env, true);
  await waitForHealth(`http://127.0.0.1:${port}/health`);

  console.log(`
\x1b[32mReady.\x1b[0m
  Web app       \x1b[1mhttp://localhost:${port}/\x1b[0m
  GraphQL API   http://localhost:${port}/graphql
  GraphQL IDE   http://localhost:${port}/graphiql
  Health        http://localhost:${port}/health
  Meilisearch   ${meili.url}
  Mail sink     ${smtpUrl}   (npm run mail:list)
  Queues        http://localhost:${port}/admin/queues   (ADMIN: bearer token, or issueQueueDashboardTicket)

Demo logins (password: ${DEMO_PASSWORD}):
${DEMO_LOGINS.map((login) => `  ${login.email.padEnd(24)} ${login.role.padEnd(18)} ${login.what}`).join('\n')}

Log in with: mutation { login(input: { email: "researcher@demo.local", password: "${DEMO_PASSWORD}" }) { accessToken } }
then send the header  Authorization: Bearer <accessToken>.   Ctrl-C stops everything.
`);
}

async function waitForHealth(url: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && !stopping) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The API did not become healthy at ${url}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  void shutdown(1);
});
