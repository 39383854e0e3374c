import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isTcpPortOpen, pickFreePort } from '@app/dev-services';

const ROOT = join(__dirname, '../../..');

/** An API or worker running as its own process, exactly as `npm run api` / `npm run worker` start it. */
export interface ChildApp {
  child: ChildProcess;
  /** The API's base URL (worker: empty). */
  url: string;
  output(): string;
  /** Sends the signal and resolves when the process has exited, with how long it took. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
}

function startChild(entry: string, readyLine: string, env: NodeJS.ProcessEnv, url: string): Promise<ChildApp> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', entry], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const app: ChildApp = {
    child,
    url,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      const started = Date.now();
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const result = await exited;
      return { ...result, ms: Date.now() - started };
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} was not ready within 120 s:\n${output.slice(-2000)}`));
    }, 120_000);
    const onData = () => {
      if (!output.includes(readyLine)) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      resolve(app);
    };
    child.stdout.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited (${code ?? signal}) before it was ready:\n${output.slice(-2000)}`));
    });
  });
}

/** Starts the API (`apps/api/src/main.ts`) on a free port with this environment. */
export async function startChildApi(env: NodeJS.ProcessEnv): Promise<ChildApp> {
  const port = await pickFreePort();
  return startChild('apps/api/src/main.ts', 'GraphQL API:', { ...env, PORT: String(port) }, `http://127.0.0.1:${port}`);
}

/** Starts the worker (`apps/worker/src/main.ts`) with this environment. */
export function startChildWorker(env: NodeJS.ProcessEnv): Promise<ChildApp> {
  return startChild('apps/worker/src/main.ts', 'Worker is consuming queues', env, '');
}

/** A redis-server (or a Cluster node) of a test's own, in a temporary folder, on a free port. */
export interface LocalRedis {
  port: number;
  url: string;
  /** Stops the server (SIGTERM, no save) and waits until it has exited; `start()` brings it back on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it for good and removes its folder. */
  destroy(): Promise<void>;
}

/** Fails with a clear message when redis-server is not installed: a test never skips silently. */
export function requireRedisServer(): string {
  const found = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (found.error || found.status !== 0) {
    throw new Error(
      'redis-server is not on the PATH: this test starts its own Redis processes. Install it ' +
        '(apt-get install redis-server, brew install redis) and run the test again.',
    );
  }
  return found.stdout.trim();
}

async function waitForPort(port: number, up: boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await isTcpPortOpen('127.0.0.1', port)) !== up) {
    if (Date.now() > deadline) throw new Error(`port ${port} did not ${up ? 'open' : 'close'} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * `persistent`: an append-only file (fsync every second, and on shutdown), as a production Redis keeps its data: a
 * stop and start loses nothing. `cluster`: a Cluster node (joined by `redis-cli --cluster create`).
 */
export async function startLocalRedis(options: { cluster?: boolean; persistent?: boolean } = {}): Promise<LocalRedis> {
  requireRedisServer();
  const dir = mkdtempSync(join(tmpdir(), 'tt-redis-'));
  const port = await pickFreePort();
  let server: ChildProcess | undefined;
  let log = '';
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    options.persistent ? 'yes' : 'no',
    '--dir',
    dir,
    ...(options.cluster ? ['--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`] : []),
  ];
  const start = async () => {
    server = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout!.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
    server.stderr!.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
    try {
      await waitForPort(port, true);
    } catch (error) {
      throw new Error(`redis-server on ${port} did not start: ${(error as Error).message}\n${log}`);
    }
  };
  const stop = async () => {
    const running = server;
    server = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
    await waitForPort(port, false);
  };
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop,
    start,
    async destroy() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
