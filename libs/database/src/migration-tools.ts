import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { postgresOptions } from '@app/core';
import { ALL_ENTITIES, ALL_MIGRATIONS } from './schema';

export function createDataSource(databaseUrl: string, applicationName = 'techtransfer-migrations'): DataSource {
  return new DataSource(
    postgresOptions(databaseUrl, {
      entities: ALL_ENTITIES,
      migrations: ALL_MIGRATIONS,
      applicationName,
      poolSize: 2,
      // A migration may rewrite a large table: no statement limit here.
      timeouts: { connectMs: 10_000, statementMs: 0, idleInTransactionMs: 0 },
    }),
  );
}

/** Applies pending migrations; returns the names applied. */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const dataSource = await createDataSource(databaseUrl).initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * The SQL TypeORM would run to bring a migrated database in line with the entities. Empty means the
 * committed migrations and the entities agree.
 */
export async function schemaDrift(databaseUrl: string): Promise<{ up: string[]; down: string[] }> {
  const dataSource = await createDataSource(databaseUrl).initialize();
  try {
    const log = await dataSource.driver.createSchemaBuilder().log();
    return {
      up: log.upQueries.map((q) => q.query),
      down: log.downQueries.map((q) => q.query),
    };
  } finally {
    await dataSource.destroy();
  }
}

export function databaseUrlWithName(databaseUrl: string, name: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withMaintenanceClient<T>(databaseUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrlWithName(databaseUrl, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const quoteIdent = (name: string) => {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Unsafe database name: ${name}`);
  return `"${name}"`;
};

export async function createDatabase(databaseUrl: string, name: string, template?: string): Promise<void> {
  await withMaintenanceClient(databaseUrl, async (client) => {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount) return;
    await client.query(`CREATE DATABASE ${quoteIdent(name)}${template ? ` TEMPLATE ${quoteIdent(template)}` : ''}`);
  });
}

export async function dropDatabase(databaseUrl: string, name: string): Promise<void> {
  await withMaintenanceClient(databaseUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`),
  );
}

export async function listDatabases(databaseUrl: string, prefix: string): Promise<string[]> {
  return withMaintenanceClient(databaseUrl, async (client) => {
    const result = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
      [prefix],
    );
    return result.rows.map((row) => row.datname);
  });
}
