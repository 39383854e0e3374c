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

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const scale = arg('scale', 1);
const lagChanges = arg('changes', 1_000);
const searchRounds = arg('rounds', 3);

let seed = 7;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
const ZH = (
  '锂电池 电解液 低温 无人机 巡检 激光雷达 机器视觉 缺陷检测 边缘计算 传感器 光纤光栅 桥梁 健康监测 发酵 菌种 合成生物 降解 塑料 催化剂 ' +
  '芯片 封装 晶圆 良率 焊接 机器人 外骨骼 康复 心电 影像 算法 深度学习 强化学习 调度 能耗 储能 光伏 逆变器 氢能 燃料电池 污水 挥发性有机物 ' +
  '土壤 修复 育种 灌溉 粮食 测温 定位 导航 通信 射频 天线 区块链 隐私计算 新材料 石墨烯 碳纤维 复合材料 涂层 防腐 医疗器械 疫苗 抗体 诊断试剂 ' +
  '智能制造 工业互联网 数字孪生 物联网 人工智能 大模型 自动驾驶 新能源汽车 电机 控制器 半导体 集成电路 光刻 传感 精密加工 数控机床'
).split(' ');
const ZH_GLUE = '的 和 及 与 基于 用于 一种 方法 系统 装置 技术 研究 应用 高效 新型 低成本 高精度'.split(' ');
const EN = (
  'battery electrolyte low-temperature drone inspection lidar machine vision defect detection edge computing sensor fiber grating bridge ' +
  'monitoring fermentation strain synthetic biology degradable plastic catalyst chip packaging wafer yield welding robot exoskeleton ' +
  'rehabilitation imaging algorithm deep learning scheduling energy storage photovoltaic inverter hydrogen fuel cell wastewater soil ' +
  'remediation breeding irrigation positioning navigation antenna blockchain graphene composite coating vaccine antibody diagnostics ' +
  'semiconductor lithography precision machining digital twin'
).split(' ');
const EN_GLUE = 'a the for with of and based on method system device using novel high-efficiency low-cost'.split(' ');
const REGIONS = ['广东省', '江苏省', '浙江省', '北京市', '上海市', '四川省', '湖北省', '山东省'];
const IP_TYPES = ['INVENTION_PATENT', 'UTILITY_MODEL', 'SOFTWARE_COPYRIGHT', 'TRADE_SECRET'];
const TRANSFER_MODES = ['ASSIGNMENT', 'LICENSE', 'EQUITY_INVESTMENT', 'JOINT_DEVELOPMENT', 'TECHNICAL_SERVICE'];
const COOPERATION_MODES = ['TRANSFER', 'LICENSE', 'EQUITY', 'JOINT_DEVELOPMENT', 'TECHNICAL_SERVICE'];

function text(english: boolean, words: number): string {
  if (english) return Array.from({ length: words }, () => (random() < 0.3 ? pick(EN_GLUE) : pick(EN))).join(' ');
  const parts: string[] = [];
  for (let i = 0; i < words; i++) parts.push(random() < 0.3 ? pick(ZH_GLUE) : pick(ZH), i % 12 === 11 ? '，' : '');
  return parts.join('') + '。';
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];
const ms = (value: number) => `${value.toFixed(2)} ms`;

async function seedCorpus(databaseUrl: string, counts: { achievements: number; experts: number; demands: number }) {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const industries = (await db.query<{ code: string }>('SELECT code FROM industries')).rows.map((row) => row.code);
    const orgs = await db.query<{ id: string; kind: string }>(
      `INSERT INTO organisations (name, kind, region)
       SELECT '机构' || g, (CASE WHEN g % 2 = 0 THEN 'UNIVERSITY' ELSE 'ENTERPRISE' END)::organisation_kind, NULL
       FROM generate_series(1, 200) g RETURNING id, kind`,
    );
    const universities = orgs.rows.filter((o) => o.kind === 'UNIVERSITY').map((o) => o.id);
    const enterprises = orgs.rows.filter((o) => o.kind === 'ENTERPRISE').map((o) => o.id);
    const insert = async (total: number, make: (i: number) => Record<string, unknown>, sql: string) => {
      for (let start = 0; start < total; start += 5_000) {
        const batch = Array.from({ length: Math.min(5_000, total - start) }, (_, k) => make(start + k));
        await db.query(sql, [JSON.stringify(batch)]);
      }
    };
    await insert(
      counts.achievements,
      (i) => {
        const en = random() < 0.2;
        return {
          title: text(en, 6),
          summary: text(en, 90),
          description: text(en, 40),
          keywords: Array.from({ length: 4 }, () => pick(en ? EN : ZH)),
          industry_code: pick(industries),
          trl: 1 + (i % 9),
          ip_type: pick(IP_TYPES),
          ip_registration_numbers: [`ZL2023${String(i).padStart(7, '0')}.X`],
          transfer_modes: [pick(TRANSFER_MODES)],
          asking_price_wan: i % 5 === 0 ? null : 10 + (i % 900),
          institution_id: pick(universities),
          region: pick(REGIONS),
          language: en ? 'en' : 'zh',
        };
      },
      `INSERT INTO achievements (title, summary, description, keywords, industry_code, trl, ip_type, ip_registration_numbers,
         transfer_modes, asking_price_wan, institution_id, region, language, status, listed_at, reconfirmed_at)
       SELECT title, summary, description, keywords, industry_code, trl, ip_type::ip_type, ip_registration_numbers,
         transfer_modes::transfer_mode[], asking_price_wan, institution_id, region, language::achievement_language, 'LISTED', now(), now()
       FROM jsonb_to_recordset($1::jsonb) AS x(title text, summary text, description text, keywords text[], industry_code text, trl int,
         ip_type text, ip_registration_numbers text[], transfer_modes text[], asking_price_wan numeric, institution_id uuid, region text, language text)`,
    );
    await insert(
      counts.experts,
      (i) => {
        const en = random() < 0.2;
        return {
          organisation_id: pick(universities),
          name: en ? `Prof. Expert ${i}` : `专家${i}`,
          title: en ? 'Professor' : '教授',
          research_fields: Array.from({ length: 3 }, () => pick(en ? EN : ZH)),
          keywords: Array.from({ length: 4 }, () => pick(en ? EN : ZH)),
          bio: text(en, 60),
          region: pick(REGIONS),
          languages: [en ? 'en' : 'zh'],
        };
      },
      `INSERT INTO experts (organisation_id, name, title, research_fields, keywords, bio, region, languages)
       SELECT organisation_id, name, title, research_fields, keywords, bio, region, languages
       FROM jsonb_to_recordset($1::jsonb) AS x(organisation_id uuid, name text, title text, research_fields text[], keywords text[],
         bio text, region text, languages text[])`,
    );
    await insert(
      counts.demands,
      (i) => {
        const en = random() < 0.2;
        return {
          organisation_id: pick(enterprises),
          title: text(en, 6),
          summary: text(en, 70),
          confidential_details: text(en, 20),
          industry_code: pick(industries),
          budget_max_wan: 20 + (i % 500),
          cooperation_modes: [pick(COOPERATION_MODES)],
          region: pick(REGIONS),
        };
      },
      `INSERT INTO demands (organisation_id, title, summary, confidential_details, industry_code, budget_max_wan, cooperation_modes,
         region, status, published_at, deadline)
       SELECT organisation_id, title, summary, confidential_details, industry_code, budget_max_wan,
         cooperation_modes::demand_cooperation_mode[], region, 'OPEN', now(), now() + interval '90 days'
       FROM jsonb_to_recordset($1::jsonb) AS x(organisation_id uuid, title text, summary text, confidential_details text,
         industry_code text, budget_max_wan numeric, cooperation_modes text[], region text)`,
    );
  } finally {
    await db.end();
  }
}

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
