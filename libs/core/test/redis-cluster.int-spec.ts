import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import type IORedis from 'ioredis';
import { Cluster } from 'ioredis';
import {
  AppConfig,
  createRedisClient,
  DomainException,
  JobName,
  JobQueue,
  JOB_QUEUE,
  loadConfig,
  QueueName,
  RateLimits,
  REDIS_CLIENT,
} from '@app/core';
import { LocalRedis, requireRedisServer, startLocalRedis } from '@app/testing';
import { createWorkerApp } from '../../../apps/worker/src/bootstrap';
import { HEARTBEAT_KEY } from '../../../apps/worker/src/heartbeat.job';

async function eventually<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The queues against a local Redis Cluster of three `redis-server --cluster-enabled yes` processes (three masters,
 * every slot covered), with REDIS_CLUSTER_NODES and a hash-tagged REDIS_PREFIX: the real worker starts (its job
 * schedulers are registered), jobs are enqueued and processed (also delayed ones), and the rate limiter counts.
 * Without redis-server the test fails saying so.
 */
describe('queues on a Redis Cluster', () => {
  const nodes: LocalRedis[] = [];
  let worker: INestApplicationContext | undefined;
  let restore: (() => void) | undefined;
  let config: AppConfig;

  beforeAll(async () => {
    requireRedisServer();
    for (let i = 0; i < 3; i++) nodes.push(await startLocalRedis({ cluster: true }));
    const created = spawnSync(
      'redis-cli',
      [
        '--cluster',
        'create',
        ...nodes.map((node) => `127.0.0.1:${node.port}`),
        '--cluster-replicas',
        '0',
        '--cluster-yes',
      ],
      { encoding: 'utf8', timeout: 30_000 },
    );
    if (created.status !== 0)
      throw new Error(`redis-cli --cluster create failed:\n${created.stdout}\n${created.stderr}`);
    // Wait until every node agrees the cluster is up.
    for (const node of nodes) {
      await eventually(
        async () => {
          const info = spawnSync('redis-cli', ['-p', String(node.port), 'cluster', 'info'], { encoding: 'utf8' });
          return info.stdout.includes('cluster_state:ok');
        },
        30_000,
        `cluster_state:ok on ${node.port}`,
      );
    }
    const saved = {
      REDIS_URL: process.env.REDIS_URL,
      REDIS_CLUSTER_NODES: process.env.REDIS_CLUSTER_NODES,
      REDIS_PREFIX: process.env.REDIS_PREFIX,
      RATE_LIMIT_SCALE: process.env.RATE_LIMIT_SCALE,
    };
    restore = () => {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    };
    process.env.REDIS_URL = nodes[0].url;
    process.env.REDIS_CLUSTER_NODES = nodes.map((node) => `127.0.0.1:${node.port}`).join(',');
    process.env.REDIS_PREFIX = `{tt-cluster-${randomBytes(3).toString('hex')}}`;
    process.env.RATE_LIMIT_SCALE = '1';
    config = loadConfig();
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    restore?.();
    for (const node of nodes) await node.destroy();
  });

  it('refuses a prefix without a hash tag on a Cluster', () => {
    expect(() => loadConfig({ ...process.env, REDIS_PREFIX: 'tt' })).toThrow(/REDIS_PREFIX: must be a hash tag/);
    expect(loadConfig({ ...process.env, REDIS_CLUSTER_NODES: undefined, REDIS_PREFIX: '{tt}' }).REDIS_PREFIX).toBe(
      '{tt}',
    );
  });

  it('runs the worker: schedulers registered, jobs enqueued and processed, delayed ones too', async () => {
    worker = await createWorkerApp();
    const redis = worker.get<IORedis>(REDIS_CLIENT);
    expect(redis).toBeInstanceOf(Cluster);
    const jobs = worker.get(JobQueue);
    // The worker registers its job schedulers idempotently at boot: they live in the Cluster.
    const schedulers = await eventually(
      async () => {
        const list = await jobs.queue(JOB_QUEUE[JobName.PlanDigests]).getJobSchedulers();
        return list.length > 0 ? list : undefined;
      },
      30_000,
      'the digest planner scheduler',
    );
    expect(schedulers.length).toBeGreaterThan(0);

    await redis.del(HEARTBEAT_KEY);
    const requestedAt = new Date().toISOString();
    await jobs.enqueue(JobName.Heartbeat, { requestedAt });
    const beat = await eventually(async () => redis.get(HEARTBEAT_KEY), 20_000, 'the heartbeat job');
    expect(JSON.parse(beat)).toMatchObject({ requestedAt, pid: process.pid });

    const delayedAt = new Date(Date.now() + 1).toISOString();
    await jobs.enqueue(JobName.Heartbeat, { requestedAt: delayedAt }, { delay: 500, jobId: `delayed-${delayedAt}` });
    await eventually(
      async () => JSON.parse((await redis.get(HEARTBEAT_KEY)) ?? '{}').requestedAt === delayedAt,
      20_000,
      'the delayed heartbeat job',
    );

    // Every key of ours and of BullMQ carries the hash tag, so it lives in the tag's one slot (on one node).
    const keys: string[] = [];
    for (const node of (redis as unknown as Cluster).nodes('master')) {
      keys.push(...(await node.keys(`${config.REDIS_PREFIX}*`)));
    }
    expect(keys.length).toBeGreaterThan(5);
    expect(keys.filter((key) => !key.startsWith(`${config.REDIS_PREFIX}:`))).toEqual([]);
    const counts = await jobs.countJobs(QueueName.Maintenance);
    console.log(
      `Redis Cluster of ${nodes.length} masters: ${schedulers.length} digest scheduler(s), ${keys.length} keys under ` +
        `${config.REDIS_PREFIX}, maintenance queue ${JSON.stringify(counts)}`,
    );
  }, 120_000);

  it('counts rate limits in the Cluster (shared by every API instance)', async () => {
    const clients = [
      createRedisClient(config, { keyPrefix: `${config.REDIS_PREFIX}:` }),
      createRedisClient(config, { keyPrefix: `${config.REDIS_PREFIX}:` }),
    ];
    try {
      // Two API instances, each with its own client: the register limit (10 per IP and hour) is shared.
      const [one, two] = clients.map((client) => new RateLimits(client, config));
      const ip = `203.0.113.${Math.floor(Math.random() * 200)}`;
      for (let i = 0; i < 10; i++) await (i % 2 ? one : two).consume('register', { ip });
      const refused = await one.consume('register', { ip }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(DomainException);
      expect((refused as DomainException).code).toBe('TOO_MANY_REQUESTS');
    } finally {
      for (const client of clients) await client.quit();
    }
  });
});
