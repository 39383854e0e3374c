import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { ensureRedis, isTcpPortOpen, pickFreePort } from './index';
import { makeTempDir, pidsWithCommandLine } from './int-spec-support';

async function withRedis<T>(redisUrl: string, use: (client: Redis) => Promise<T>): Promise<T> {
  const client = new Redis(redisUrl, {
    lazyConnect: true,
    enableReadyCheck: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => {}); // failures are asserted through the rejected commands
  await client.connect();
  try {
    return await use(client);
  } finally {
    client.disconnect();
  }
}

describe('ensureRedis', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await makeTempDir('redis-spec');
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('uses the Redis already running at 127.0.0.1:6379 and does not stop it', async () => {
    const redisUrl = 'redis://127.0.0.1:6379';
    const service = await ensureRedis({ redisUrl, dataDir: join(dir, 'unused') });
    expect(service).toMatchObject({ redisUrl, startedByUs: false });
    await service.stop();
    expect(await withRedis(redisUrl, (client) => client.ping())).toBe('PONG');
    expect(existsSync(join(dir, 'unused'))).toBe(false);
  });

  it('starts redis-server on a free port and stops it without leaving the process behind', async () => {
    const port = await pickFreePort();
    const redisUrl = `redis://127.0.0.1:${port}`;
    const service = await ensureRedis({ redisUrl, dataDir: join(dir, 'started') });
    try {
      expect(service).toMatchObject({ redisUrl, startedByUs: true });
      expect(await pidsWithCommandLine(`127.0.0.1:${port}`)).toHaveLength(1);
      await withRedis(redisUrl, async (client) => {
        await client.set('dev-services:spec', '成果');
        expect(await client.get('dev-services:spec')).toBe('成果');
        expect(await client.config('GET', 'save')).toEqual(['save', '']);
      });
    } finally {
      await service.stop();
    }
    expect(await isTcpPortOpen('127.0.0.1', port)).toBe(false);
    expect(await pidsWithCommandLine(`127.0.0.1:${port}`)).toEqual([]);
  }, 30_000);

  it('requires the password from the URL on a server it starts', async () => {
    const port = await pickFreePort();
    const redisUrl = `redis://:s3cret@127.0.0.1:${port}`;
    const service = await ensureRedis({ redisUrl });
    try {
      expect(await withRedis(redisUrl, (client) => client.ping())).toBe('PONG');
      await expect(withRedis(`redis://127.0.0.1:${port}`, (client) => client.ping())).rejects.toThrow('NOAUTH');
    } finally {
      await service.stop();
    }
  }, 30_000);

  it('explains how to install Redis when none answers and redis-server is not on PATH', async () => {
    const originalPath = process.env.PATH;
    process.env.PATH = dir; // a directory without redis-server
    try {
      const redisUrl = `redis://127.0.0.1:${await pickFreePort()}`;
      const failure = ensureRedis({ redisUrl });
      await expect(failure).rejects.toThrow('apt-get install redis-server');
      await expect(failure).rejects.toThrow('brew install redis');
      await expect(failure).rejects.toThrow('set REDIS_URL to a running Redis server');
    } finally {
      process.env.PATH = originalPath;
    }
  });

  describe('when something other than Redis listens on the port', () => {
    let impostor: Server;
    let port: number;
    const sockets = new Set<Socket>();

    beforeAll(async () => {
      impostor = createServer((socket) => {
        sockets.add(socket);
        socket.on('error', () => {}); // clients hang up on it
        socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      });
      await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve));
      port = (impostor.address() as { port: number }).port;
    });

    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => impostor.close(resolve));
    });

    it('fails instead of starting a second server there', async () => {
      await expect(ensureRedis({ redisUrl: `redis://127.0.0.1:${port}` })).rejects.toThrow(
        `Redis at 127.0.0.1:${port} does not answer PING`,
      );
      expect(await pidsWithCommandLine(`127.0.0.1:${port}`)).toEqual([]);
    });
  });
});
