/**
 * npm run bench:search [-- --scale 0.1]
 * Synthetic corpus (100,000 achievements, 20,000 experts, 10,000 demands at scale 1; 80 % Chinese, 20 % English;
 * generated from word lists) in a private Meilisearch and a scratch database. Reports:
 *   - indexing throughput of the full reindex (documents/s, database → documents → Meilisearch, tasks confirmed)
 *   - index lag: commit of a change (with its outbox row) → visible in search, p50/p95 over 1,000 changes,
 *     with the real worker draining (NOTIFY + scheduled pass)
 *   - search latency p50/p95/p99 of a query mix through our GraphQL API (HTTP, keep-alive) and, in the same run,
 *     the same Meilisearch queries sent raw, and their ratio.
 */
import 'reflect-metadata';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import { MEILI_CLIENT, OutboxSubject, recordOutboxChange } from '@app/core';
import { databaseUrlWithName, runMigrations } from '@app/database';
import { startMeilisearch } from '@app/dev-services';
import { ReindexService, SearchKind, SearchRequest, SearchService, SearchSort } from '@app/search';
import type { Meilisearch } from 'meilisearch';
import { DataSource } from 'typeorm';
import { EN, pick, random, REGIONS, seedCorpus, ZH } from './bench-corpus';

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const scale = arg('scale', 1);
const lagChanges = arg('changes', 1_000);
const searchRounds = arg('rounds', 3);

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];
const ms = (value: number) => `${value.toFixed(2)} ms`;

function graphqlClient(url: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const target = new URL('/graphql', url);
  return {
    post(body: string): Promise<string> {
      return new Promise((resolve, reject) => {
        const req = http.request(
          target,
          {
            method: 'POST',
            agent,
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}

const QUERY_FIELDS: Record<SearchKind, { field: string; node: string }> = {
  [SearchKind.ACHIEVEMENT]: { field: 'searchAchievements', node: 'id title trl' },
  [SearchKind.EXPERT]: { field: 'searchExperts', node: 'id name' },
  [SearchKind.DEMAND]: { field: 'searchDemands', node: 'id title' },
};

function queryMix(): Array<{ kind: SearchKind; request: SearchRequest }> {
  const mix: Array<{ kind: SearchKind; request: SearchRequest }> = [];
  for (let i = 0; i < 60; i++) {
    const zh = `${pick(ZH)}${random() < 0.5 ? ' ' + pick(ZH) : ''}`;
    const en = `${pick(EN)} ${pick(EN)}`;
    mix.push({ kind: SearchKind.ACHIEVEMENT, request: { query: zh, pageSize: 20 } });
    mix.push({ kind: SearchKind.ACHIEVEMENT, request: { query: en, pageSize: 20 } });
    mix.push({
      kind: SearchKind.ACHIEVEMENT,
      request: {
        query: pick(ZH),
        filter: { trlMin: 4, regions: [pick(REGIONS)] },
        facets: ['industry', 'trl'],
        pageSize: 20,
      },
    });
    mix.push({
      kind: SearchKind.ACHIEVEMENT,
      request: { query: pick(['无人机', 'drone', '人工智能', 'AI', '锂电池']), sort: SearchSort.NEWEST, pageSize: 10 },
    });
    mix.push({ kind: SearchKind.EXPERT, request: { query: zh, pageSize: 20 } });
    mix.push({
      kind: SearchKind.DEMAND,
      request: { query: random() < 0.5 ? zh : en, filter: { priceMin: 100 }, pageSize: 20 },
    });
  }
  return mix;
}

async function main() {
  const counts = {
    achievements: Math.round(100_000 * scale),
    experts: Math.round(20_000 * scale),
    demands: Math.round(10_000 * scale),
  };
  const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `tt_bench_search_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: databaseUrlWithName(baseUrl, 'postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  const databaseUrl = databaseUrlWithName(baseUrl, dbName);
  const dataDir = mkdtempSync(join(tmpdir(), 'tt-bench-search-meili-'));
  const meiliServer = await startMeilisearch({ dataDir });
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    MEILI_URL: meiliServer.url,
    MEILI_MASTER_KEY: meiliServer.masterKey,
    MEILI_INDEX_PREFIX: 'bench_',
    REDIS_PREFIX: `bench-search-${Date.now().toString(36)}`,
    JWT_SECRET: process.env.JWT_SECRET ?? 'a bench secret that is long enough for HS256 signing',
    LOG_LEVEL: 'error',
    NODE_ENV: 'production',
  });
  let api: INestApplication | undefined;
  let worker: INestApplicationContext | undefined;
  try {
    await runMigrations(databaseUrl);
    let started = performance.now();
    await seedCorpus(databaseUrl, counts);
    // As autovacuum would soon after a bulk load: the planner needs statistics.
    const analyze = new Client({ connectionString: databaseUrl });
    await analyze.connect();
    await analyze.query('ANALYZE');
    await analyze.end();
    const total = counts.achievements + counts.experts + counts.demands;
    console.log(
      `corpus: ${counts.achievements} achievements, ${counts.experts} experts, ${counts.demands} demands (seeded in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );

    // Loaded after the environment is set: the apps read it at boot.
    const { createApiApp } = await import('../apps/api/src/bootstrap');
    // The search indexer as the worker runs it (settings, NOTIFY-driven drains), without other domains' jobs.
    const { NestFactory } = await import('@nestjs/core');
    const { SearchIndexerAppModule } = await import('./search-indexer.module');
    worker = await NestFactory.createApplicationContext(SearchIndexerAppModule, { logger: ['error'] });
    await worker.init();
    api = await createApiApp();
    await api.listen(0, '127.0.0.1');
    const server = api.getHttpServer() as http.Server;
    const apiUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

    // 1. Indexing throughput: the full reindex, database to confirmed Meilisearch tasks.
    started = performance.now();
    const reports = await worker.get(ReindexService).reindexAll();
    const seconds = (performance.now() - started) / 1000;
    if (reports === 'busy') throw new Error('reindex busy');
    console.log(`indexing: ${total} documents in ${seconds.toFixed(1)} s = ${Math.round(total / seconds)} docs/s`);
    for (const report of reports)
      console.log(`  ${report.kind}: ${report.documents} docs, ${(report.durationMs / 1000).toFixed(1)} s`);

    // 2. Index lag: commit (with outbox row) → the changed text is found by search.
    const meili = api.get<Meilisearch>(MEILI_CLIENT);
    const dataSource = api.get(DataSource);
    const ids = (
      await dataSource.query<Array<{ id: string }>>('SELECT id FROM achievements ORDER BY id LIMIT $1', [lagChanges])
    ).map((r) => r.id);
    const uid = api.get(SearchService).describeQuery(SearchKind.ACHIEVEMENT, {}).uid;
    const lags: number[] = [];
    for (let i = 0; i < ids.length; i++) {
      const marker = `lagmarker${i.toString(36)}x${Date.now().toString(36)}`;
      await dataSource.transaction(async (manager) => {
        await manager.query(`UPDATE achievements SET title = $2, updated_at = now() WHERE id = $1`, [
          ids[i],
          `${marker} 更新的成果标题`,
        ]);
        await recordOutboxChange(manager, OutboxSubject.ACHIEVEMENT, ids[i]);
      });
      const committed = performance.now();
      for (;;) {
        const { hits } = await meili.index(uid).search(marker, { limit: 1, attributesToRetrieve: ['id'] });
        if (hits.length > 0) break;
        if (performance.now() - committed > 30_000) throw new Error(`change ${i} not visible after 30 s`);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      lags.push(performance.now() - committed);
    }
    console.log(
      `index lag over ${lags.length} changes: p50 ${ms(percentile(lags, 50))}, p95 ${ms(percentile(lags, 95))}, max ${ms(Math.max(...lags))}`,
    );

    // 3. Search latency, sequential: GraphQL over HTTP vs the same Meilisearch query raw.
    const service = api.get(SearchService);
    const client = graphqlClient(apiUrl);
    const mix = queryMix();
    const graphqlTimes: number[] = [];
    const rawTimes: number[] = [];
    const serviceTimes: number[] = [];
    const runGraphql = async (kind: SearchKind, request: SearchRequest) => {
      const { field, node } = QUERY_FIELDS[kind];
      const body = JSON.stringify({
        query: `query Q($query: String, $filter: SearchFilterInput, $facets: [String!], $sort: SearchSort, $pageSize: Int) {
          ${field}(query: $query, filter: $filter, facets: $facets, sort: $sort, pageSize: $pageSize) {
            totalHits hits { rankingScore highlights { field snippet } node { ${node} } } facets { name values { value count } } } }`,
        variables: request,
      });
      const response = JSON.parse(await client.post(body)) as { errors?: unknown };
      if (response.errors) throw new Error(JSON.stringify(response.errors));
    };
    const runRaw = async (kind: SearchKind, request: SearchRequest) => {
      const { uid: index, q, params } = service.describeQuery(kind, request);
      await meili.index(index).search(q, params);
    };
    for (const { kind, request } of mix.slice(0, 40)) {
      await runGraphql(kind, request);
      await runRaw(kind, request);
    }
    for (let round = 0; round < searchRounds; round++) {
      for (const { kind, request } of mix) {
        let t = performance.now();
        await runRaw(kind, request);
        rawTimes.push(performance.now() - t);
        t = performance.now();
        await runGraphql(kind, request);
        graphqlTimes.push(performance.now() - t);
        t = performance.now();
        await service.search(kind, request, undefined);
        serviceTimes.push(performance.now() - t);
      }
    }
    client.close();
    const line = (name: string, values: number[]) =>
      `${name}: p50 ${ms(percentile(values, 50))}, p95 ${ms(percentile(values, 95))}, p99 ${ms(percentile(values, 99))}`;
    console.log(`search latency over ${graphqlTimes.length} queries (sequential):`);
    console.log(`  ${line('GraphQL API  ', graphqlTimes)}`);
    console.log(`  ${line('raw Meilisearch', rawTimes)}`);
    console.log(`  ${line('SearchService (search + database resolution, no HTTP/GraphQL)', serviceTimes)}`);
    console.log(
      `  ratio GraphQL/raw: p50 ${(percentile(graphqlTimes, 50) / percentile(rawTimes, 50)).toFixed(2)}x, p95 ${(percentile(graphqlTimes, 95) / percentile(rawTimes, 95)).toFixed(2)}x`,
    );
  } finally {
    await api?.close();
    await worker?.close();
    await meiliServer.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
  }
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
