import type { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * The one description of how we talk to PostgreSQL. Entities and migrations are passed in by the caller
 * (the `@app/migrations` lib knows them all), so this lib depends on no domain.
 * The schema only ever changes through migrations: `synchronize` is always off here.
 */
export function postgresOptions(
  databaseUrl: string,
  parts: Pick<DataSourceOptions, 'entities' | 'migrations'> & { applicationName?: string; poolSize?: number },
): DataSourceOptions {
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
  };
}
