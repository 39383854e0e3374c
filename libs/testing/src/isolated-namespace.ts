import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { BASE_DATABASE_URL_VARIABLE, RUN_ID_VARIABLE, templateDatabaseName, withDatabase } from './jest/test-run';

export interface IsolatedNamespace {
  databaseUrl: string;
  indexPrefix: string;
  redisPrefix: string;
  /** Points this process's configuration at the namespace (call before building an app); returns the undo. */
  enter(): () => void;
  drop(): Promise<void>;
}

/**
 * A database of its own (cloned from the run's migrated template) plus its own index and Redis prefixes, for a
 * test whose results would be disturbed by what other tests of the same Jest worker left behind — e.g. a
 * ranking over "everything indexed".
 */
export async function createIsolatedNamespace(label: string): Promise<IsolatedNamespace> {
  const runId = process.env[RUN_ID_VARIABLE];
  const baseUrl = process.env[BASE_DATABASE_URL_VARIABLE];
  if (!runId || !baseUrl) throw new Error('createIsolatedNamespace needs the Jest global setup of this repository');
  const suffix = `${label
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase()
    .slice(0, 12)}_${randomBytes(3).toString('hex')}`;
  const database = `tt_test_${runId}_${suffix}`;
  const admin = new Client({ connectionString: withDatabase(baseUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${database}" TEMPLATE "${templateDatabaseName(runId)}"`);
  } finally {
    await admin.end();
  }
  const namespace = {
    databaseUrl: withDatabase(baseUrl, database),
    indexPrefix: `t${runId}${suffix}_`,
    redisPrefix: `tt-test-${runId}-${suffix}`,
  };
  return {
    ...namespace,
    enter() {
      const saved = {
        DATABASE_URL: process.env.DATABASE_URL,
        MEILI_INDEX_PREFIX: process.env.MEILI_INDEX_PREFIX,
        REDIS_PREFIX: process.env.REDIS_PREFIX,
      };
      process.env.DATABASE_URL = namespace.databaseUrl;
      process.env.MEILI_INDEX_PREFIX = namespace.indexPrefix;
      process.env.REDIS_PREFIX = namespace.redisPrefix;
      return () => Object.assign(process.env, saved);
    },
    // The run's teardown drops every tt_test_<runId>_* database and Redis key; dropping early frees them sooner.
    async drop() {
      const client = new Client({ connectionString: withDatabase(baseUrl, 'postgres') });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
