// Makes sure PostgreSQL, Redis and Meilisearch are available for the local launcher and the Jest global setup,
// starting them when they are not. Whoever calls an ensure*/start* function owns the result and must call its
// stop() on shutdown, including from SIGINT/SIGTERM handlers (see DevService).
export type { DevService } from './dev-service';
export {
  ensureMeilisearch,
  resolveMeilisearchBinary,
  startMeilisearch,
  type EnsureMeilisearchOptions,
  type ManagedMeilisearch,
  type MeilisearchService,
  type StartMeilisearchOptions,
} from './meilisearch';
export { ensureDatabaseExists, ensurePostgres, type EnsurePostgresOptions, type PostgresService } from './postgres';
export { ensureRedis, type EnsureRedisOptions, type RedisService } from './redis';
export { isTcpPortOpen, pickFreePort } from './network';
