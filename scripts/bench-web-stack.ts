/**
 * The stack `npm run bench:web` measures search-as-you-type against: a scratch database with 100,000 listed
 * achievements (the synthetic corpus of bench:search, bulk-inserted, then one full reindex into a private
 * Meilisearch) and the real API serving the built web app. Prints `BENCH_READY <url> <listings>` when it answers;
 * on SIGTERM (or when its parent goes away) stops and drops everything. `--scale 0.1` for a quick try.
 */
import 'reflect-metadata';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import { databaseUrlWithName, runMigrations } from '@app/database';
import { startMeilisearch } from '@app/dev-services';
import { ReindexService } from '@app/search';
import { seedCorpus } from './bench-corpus';

const scaleIndex = process.argv.indexOf('--scale');
const scale = scaleIndex > 0 ? Number(process.argv[scaleIndex + 1]) : 1;
const listings = Math.round(100_000 * scale);
const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const cleanups: Array<() => unknown> = [];
let stopping = false;

async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    for (const cleanup of cleanups.reverse()) {
      await Promise.resolve()
        .then(cleanup)
        .catch((error: unknown) => console.error(error));
    }
  }
  process.exit(code);
}

async function main(): Promise<void> {
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGINT', () => void stop(0));
  process.stdin.on('end', () => void stop(0));
  process.stdin.resume();

  const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `tt_bench_web_${runId}`;
  const admin = new Client({ connectionString: databaseUrlWithName(baseUrl, 'postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  cleanups.push(async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
  });
  const databaseUrl = databaseUrlWithName(baseUrl, dbName);
  const dataDir = mkdtempSync(join(tmpdir(), 'tt-bench-web-meili-'));
  const meili = await startMeilisearch({ dataDir });
  cleanups.push(async () => {
    await meili.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    MEILI_URL: meili.url,
    MEILI_MASTER_KEY: meili.masterKey,
    MEILI_INDEX_PREFIX: `benchweb${runId}_`,
    REDIS_PREFIX: `bench-web-${runId}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    WEB_DIST_DIR: join(__dirname, '..', 'apps', 'web', 'dist'),
    LOG_LEVEL: 'error',
    NODE_ENV: 'production',
  });

  await runMigrations(databaseUrl);
  let started = performance.now();
  await seedCorpus(databaseUrl, { achievements: listings, experts: 0, demands: 0 });
  const analyze = new Client({ connectionString: databaseUrl });
  await analyze.connect();
  await analyze.query('ANALYZE');
  await analyze.end();
  console.error(`seeded ${listings} listed achievements in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  // Loaded after the environment is set: the apps read it at boot.
  const { NestFactory } = await import('@nestjs/core');
  const { SearchIndexerAppModule } = await import('./search-indexer.module');
  const { createApiApp } = await import('../apps/api/src/bootstrap');
  const indexer: INestApplicationContext = await NestFactory.createApplicationContext(SearchIndexerAppModule, {
    logger: ['error'],
  });
  cleanups.push(() => indexer.close());
  await indexer.init();
  started = performance.now();
  const reports = await indexer.get(ReindexService).reindexAll();
  if (reports === 'busy') throw new Error('reindex busy');
  console.error(`indexed in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const api: INestApplication = await createApiApp();
  cleanups.push(() => api.close());
  await api.listen(0, '127.0.0.1');
  const port = ((api.getHttpServer() as http.Server).address() as { port: number }).port;
  console.log(`BENCH_READY http://127.0.0.1:${port} ${listings}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  void stop(1);
});
