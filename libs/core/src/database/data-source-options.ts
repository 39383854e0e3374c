import type { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * The one description of how we talk to PostgreSQL. Entities and migrations are passed in by the caller
 * (the `@app/migrations` lib knows them all), so this lib depends on no domain.
 * The schema only ever changes through migrations: `synchronize` is always off here.
 */
export function postgresOptions(
  databaseUrl: string,
  parts: Pick<DataSourceOptions, 'entities' | 'migrations'> & {
    applicationName?: string;
    poolSize?: number;
    timeouts?: PostgresTimeouts;
  },
): DataSourceOptions {
  const timeouts = parts.timeouts ?? DEFAULT_POSTGRES_TIMEOUTS;
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: parts.entities,
    migrations: parts.migrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    applicationName: parts.applicationName ?? 'techtransfer',
    poolSize: parts.poolSize ?? 10,
    // gen_random_uuid() is built into PostgreSQL 13+: no extension (and no superuser) needed.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    // Bounded waits: for a pooled connection (node-postgres' pool), for one statement, for a transaction left idle
    // (PostgreSQL ends it and frees its locks). Waiting without end is how one stuck call stalls every other.
    extra: {
      connectionTimeoutMillis: timeouts.connectMs,
      statement_timeout: timeouts.statementMs,
      idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
    },
  };
}

export interface PostgresTimeouts {
  /** Longest wait for a pooled (or new) connection, ms. */
  connectMs: number;
  /** `statement_timeout`, ms (0: none). */
  statementMs: number;
  /** `idle_in_transaction_session_timeout`, ms (0: none). */
  idleInTransactionMs: number;
}

/** The configuration's defaults (DATABASE_CONNECT_TIMEOUT_MS, …), for tools that run without an AppConfig. */
export const DEFAULT_POSTGRES_TIMEOUTS: PostgresTimeouts = {
  connectMs: 10_000,
  statementMs: 120_000,
  idleInTransactionMs: 60_000,
};
