import { constants as fsConstants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { alreadyRunning, type DevService } from './dev-service';
import { spawnManaged, waitUntilReady } from './managed-process';
import { isLoopbackHost, isTcpPortOpen, stripIpv6Brackets } from './network';

export interface RedisService extends DevService {
  readonly redisUrl: string;
}

export interface EnsureRedisOptions {
  /** redis://[:password@]host:port[/db] */
  redisUrl: string;
  /** Working directory of a started redis-server (it persists nothing: no RDB, no AOF). */
  dataDir?: string;
  /** Started server output is appended here (it is kept in memory for error messages either way). */
  logFile?: string;
  startTimeoutMs?: number;
}

/**
 * Uses the Redis at the URL when it answers PING, otherwise starts `redis-server` from PATH on that port.
 */
export async function ensureRedis(options: EnsureRedisOptions): Promise<RedisService> {
  const { redisUrl } = options;
  const url = new URL(redisUrl);
  const host = stripIpv6Brackets(url.hostname) || '127.0.0.1';
  const port = url.port ? Number(url.port) : 6379;

  if (await isTcpPortOpen(host, port)) {
    await ping(redisUrl); // throws when the listener is not a Redis we can use
    return { ...alreadyRunning, redisUrl };
  }
  if (!isLoopbackHost(host)) {
    throw new Error(
      `Nothing answers at ${host}:${port} (REDIS_URL). A local redis-server is only started for a local address.`,
    );
  }

  const redisServer = await findOnPath('redis-server');
  if (!redisServer) {
    throw new Error(
      `No Redis answers at ${host}:${port} and redis-server is not installed. Install Redis ` +
        '(Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis) ' +
        'or set REDIS_URL to a running Redis server.',
    );
  }

  const workDir = options.dataDir ? resolve(options.dataDir) : tmpdir();
  await mkdir(workDir, { recursive: true });
  const password = decodeURIComponent(url.password);
  const server = await spawnManaged({
    name: 'redis-server',
    command: redisServer,
    // prettier-ignore
    args: [
      '--port', String(port),
      '--bind', host === '::1' ? '::1' : '127.0.0.1',
      '--save', '', // a dev/test cache: nothing written to disk
      '--appendonly', 'no',
      '--daemonize', 'no', // stays our child so stop() can end it
      '--dir', workDir,
      ...(password ? ['--requirepass', password] : []),
    ],
    cwd: workDir,
    logFile: options.logFile,
    stopSignal: 'SIGTERM',
  });
  await waitUntilReady(
    server,
    `answering PING on ${host}:${port}`,
    () =>
      ping(redisUrl).then(
        () => true,
        () => false,
      ),
    options.startTimeoutMs ?? 15_000,
  );
  return { redisUrl, startedByUs: true, stop: server.stop };
}

/** One PING with a short timeout and no retries; rejects with a message naming the address. */
async function ping(redisUrl: string): Promise<void> {
  const client = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 1000,
    commandTimeout: 1000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
    enableReadyCheck: false, // otherwise a NOAUTH reply is swallowed and reported as "Connection is closed"
  });
  client.on('error', () => {}); // failures surface through the rejected promises below
  try {
    await client.connect();
    const reply = await client.ping();
    if (reply !== 'PONG') throw new Error(`unexpected reply ${String(reply)}`);
  } catch (error) {
    const { hostname, port } = new URL(redisUrl);
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`Redis at ${hostname || '127.0.0.1'}:${port || 6379} does not answer PING: ${message}`, {
      cause: error,
    });
  } finally {
    // ioredis arms a disconnectTimeout timer that a connection which already closed never clears (keeps Node alive 2 s).
    if (client.status !== 'end') client.disconnect();
  }
}

async function findOnPath(command: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    try {
      await access(candidate, fsConstants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}
