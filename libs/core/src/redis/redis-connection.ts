import IORedis, { RedisOptions } from 'ioredis';
import type { ConnectionOptions } from 'bullmq';

/**
 * Connection options for BullMQ and our own Redis use. `maxRetriesPerRequest: null` is what BullMQ workers need
 * (they block on Redis and must not give up); `enableReadyCheck: false` lets queues start while Redis loads.
 */
export function redisConnectionOptions(redisUrl: string, overrides: RedisOptions = {}): RedisOptions {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 6379,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
    enableReadyCheck: false,
    ...overrides,
  };
}

export function createRedisClient(redisUrl: string, overrides: RedisOptions = {}): IORedis {
  return new IORedis(redisConnectionOptions(redisUrl, overrides));
}

/** The same options, typed for BullMQ's Queue and Worker. */
export function bullConnection(redisUrl: string): ConnectionOptions {
  return redisConnectionOptions(redisUrl) as ConnectionOptions;
}
