import IORedis, { Cluster, ClusterNode, RedisOptions } from 'ioredis';
import type { ConnectionOptions } from 'bullmq';

/** Where Redis is: one server (REDIS_URL) or a Cluster (REDIS_CLUSTER_NODES, with REDIS_URL's credentials). */
export interface RedisTarget {
  REDIS_URL: string;
  REDIS_CLUSTER_NODES?: string;
}

const asTarget = (target: RedisTarget | string): RedisTarget =>
  typeof target === 'string' ? { REDIS_URL: target } : target;

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

/** `host:port,host:port` → ioredis Cluster seed nodes. */
export function clusterNodes(list: string): ClusterNode[] {
  return list.split(',').map((node) => {
    const at = node.lastIndexOf(':');
    return { host: node.slice(0, at), port: Number(node.slice(at + 1)) };
  });
}

/**
 * A Redis Cluster client: the seed nodes, REDIS_URL's credentials and TLS for every node, `keyPrefix` (ours only;
 * BullMQ refuses it and uses its own prefix) at the cluster level where ioredis applies it.
 */
export function createClusterClient(nodes: string, redisUrl: string, overrides: RedisOptions = {}): Cluster {
  const { keyPrefix, host: _host, port: _port, db: _db, ...nodeOptions } = redisConnectionOptions(redisUrl, overrides);
  return new Cluster(clusterNodes(nodes), {
    keyPrefix,
    enableReadyCheck: false,
    // Commands wait for the cluster (as they would for one server) instead of failing while slots are refreshed.
    enableOfflineQueue: true,
    redisOptions: nodeOptions,
  });
}

/**
 * Our own Redis client. On a Cluster it is an ioredis `Cluster`, typed as `IORedis`: the commands we use (and
 * rate-limiter-flexible's) exist on both with the same signatures, and every key of ours carries the hash-tagged
 * REDIS_PREFIX, so multi-key commands stay within one slot.
 */
export function createRedisClient(target: RedisTarget | string, overrides: RedisOptions = {}): IORedis {
  const { REDIS_URL, REDIS_CLUSTER_NODES } = asTarget(target);
  if (REDIS_CLUSTER_NODES) return createClusterClient(REDIS_CLUSTER_NODES, REDIS_URL, overrides) as unknown as IORedis;
  return new IORedis(redisConnectionOptions(REDIS_URL, overrides));
}

/**
 * The connection for one BullMQ Queue or Worker. On one server: options (BullMQ opens and closes its connections).
 * On a Cluster: a `Cluster` instance of its own, which BullMQ treats as shared — the caller closes it
 * (`closeBullConnection`) after the Queue or Worker.
 */
export function bullConnection(target: RedisTarget | string, overrides: RedisOptions = {}): ConnectionOptions {
  const { REDIS_URL, REDIS_CLUSTER_NODES } = asTarget(target);
  if (REDIS_CLUSTER_NODES) return createClusterClient(REDIS_CLUSTER_NODES, REDIS_URL, overrides);
  return redisConnectionOptions(REDIS_URL, overrides) as ConnectionOptions;
}

/** Closes what `bullConnection` opened itself (a Cluster instance); options need nothing. */
export async function closeBullConnection(connection: ConnectionOptions): Promise<void> {
  if (connection instanceof Cluster) await connection.quit().catch(() => connection.disconnect());
}
