import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AchievementEntity } from '@app/achievements';
import { ImportModule, ImportService } from '@app/catalog-import';
import { AppConfigModule, ClockModule, MEILI_CLIENT, MeilisearchModule, QueuesModule, RedisModule } from '@app/core';
import { DatabaseModule } from '@app/database';
import { ExpertEntity } from '@app/experts';
import {
  embedderName,
  embeddingText,
  IndexSettingsService,
  OutboxDrainer,
  ReindexService,
  SearchKind,
  SearchModule,
  SearchSources,
} from '@app/search';
import {
  createIsolatedNamespace,
  FakeEmbeddingEndpoint,
  IsolatedNamespace,
  startFakeEmbeddingEndpoint,
} from '@app/testing';
import type { Meilisearch } from 'meilisearch';
import { DataSource } from 'typeorm';

@Module({
  imports: [
    AppConfigModule.forRoot(),
    ClockModule,
    DatabaseModule.forRoot('techtransfer-semantic-index-test'),
    RedisModule,
    QueuesModule,
    MeilisearchModule,
    ImportModule,
    SearchModule,
  ],
})
class IndexingTestModule {}

const DIMENSIONS = 32;
const EMBEDDING_VARIABLES = ['EMBEDDING_URL', 'EMBEDDING_MODEL', 'EMBEDDING_DIMENSIONS'] as const;
const jsonl = (records: object[]) => records.map((record) => JSON.stringify(record)).join('\n') + '\n';

interface StoredVectors {
  _vectors?: Record<string, { embeddings: number[][]; regenerate: boolean }>;
}

/**
 * The optional semantic layer's indexing against the real Meilisearch, with a real local HTTP server standing
 * in for the embeddings API. One isolated namespace, several app instances over it: on, endpoint down, turned
 * off, turned on again over documents that have no vectors, full reindex.
 */
describe('semantic layer: embeddings in the search indexes', () => {
  let namespace: IsolatedNamespace;
  let endpoint: FakeEmbeddingEndpoint;
  let app: INestApplicationContext | undefined;
  let meili: Meilisearch;
  let folder: string;
  let name: string;
  const uids = {} as Record<SearchKind, string>;

  /** An app context over the namespace, with the semantic layer on (the fake endpoint) or off. */
  const boot = async (embedding: { url: string } | null) => {
    await app?.close();
    const leave = namespace.enter();
    const saved = Object.fromEntries(EMBEDDING_VARIABLES.map((v) => [v, process.env[v]]));
    if (embedding) {
      Object.assign(process.env, {
        EMBEDDING_URL: embedding.url,
        EMBEDDING_MODEL: endpoint.model,
        EMBEDDING_DIMENSIONS: String(DIMENSIONS),
      });
    } else for (const variable of EMBEDDING_VARIABLES) delete process.env[variable];
    try {
      app = await NestFactory.createApplicationContext(IndexingTestModule, { logger: ['error'] });
    } finally {
      for (const variable of EMBEDDING_VARIABLES) {
        if (saved[variable] === undefined) delete process.env[variable];
        else process.env[variable] = saved[variable];
      }
      leave();
    }
    meili = app.get<Meilisearch>(MEILI_CLIENT);
    const sources = app.get(SearchSources);
    for (const kind of [SearchKind.ACHIEVEMENT, SearchKind.EXPERT, SearchKind.DEMAND])
      uids[kind] = sources.liveUid(kind);
    return app;
  };

  /** Imports the records (as new ids of a new run) and drains the outbox; returns the drain totals. */
  let runs = 0;
  const importAndDrain = async (records: { achievements?: object[]; experts?: object[] }) => {
    const dir = join(folder, `run${++runs}`);
    mkdirSync(dir);
    if (records.achievements) writeFileSync(join(dir, 'achievements.jsonl'), jsonl(records.achievements));
    if (records.experts) writeFileSync(join(dir, 'experts.jsonl'), jsonl(records.experts));
    await app!.get(ImportService).importFolder(dir, { organisationSet: 'semantic-test' });
    return app!.get(OutboxDrainer).drainUntilIdle(100);
  };
  const idOf = async (entity: typeof AchievementEntity | typeof ExpertEntity, externalId: string) =>
    (await app!.get(DataSource).getRepository(entity).findOneByOrFail({ externalId })).id;
  const vectorsOf = async (uid: string, id: string): Promise<StoredVectors['_vectors']> => {
    const { results } = await meili
      .index(uid)
      .getDocuments<StoredVectors>({ ids: [id], retrieveVectors: true, limit: 1 });
    return results[0]?._vectors;
  };
  const textSearch = async (uid: string, q: string) =>
    (await meili.index(uid).search(q, { attributesToRetrieve: ['id'] })).hits.map((hit) => String(hit.id));
  const settingsTasks = async (uid: string) =>
    (await meili.tasks.getTasks({ indexUids: [uid], types: ['settingsUpdate'], limit: 1000 })).results.length;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'tt-semantic-index-'));
    endpoint = await startFakeEmbeddingEndpoint({ dimensions: DIMENSIONS });
    name = embedderName({ model: endpoint.model, dimensions: DIMENSIONS });
    namespace = await createIsolatedNamespace('semanticidx');
    await boot({ url: endpoint.url });
  });

  afterAll(async () => {
    await app?.close();
    await endpoint?.close();
    await namespace?.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('declares a userProvided embedder on the achievement and expert indexes, idempotently, none on demands', async () => {
    const settings = app!.get(IndexSettingsService);
    await settings.applyToLiveIndexes();
    const expected = { [name]: { source: 'userProvided', dimensions: DIMENSIONS } };
    expect(await meili.index(uids.ACHIEVEMENT).getEmbedders()).toEqual(expected);
    expect(await meili.index(uids.EXPERT).getEmbedders()).toEqual(expected);
    expect(await meili.index(uids.DEMAND).getEmbedders()).toEqual({});
    // The other settings are those of the layer being off.
    const achievementSettings = await meili.index(uids.ACHIEVEMENT).getSettings();
    expect(achievementSettings.searchableAttributes?.slice(0, 2)).toEqual(['title_zh', 'title_en']);

    // Applying again changes nothing: only the (unchanged) main settings task, no embedder update.
    const before = await settingsTasks(uids.ACHIEVEMENT);
    await settings.applyToLiveIndexes();
    expect((await settingsTasks(uids.ACHIEVEMENT)) - before).toBe(1);
    expect(await meili.index(uids.ACHIEVEMENT).getEmbedders()).toEqual(expected);
  });

  it("indexes each achievement and expert with the endpoint's vector of its public text", async () => {
    const drained = await importAndDrain({
      achievements: [
        {
          id: 'SA1',
          title: '低温锂离子电池电解液添加剂',
          summary: '新型电解液添加剂使锂离子电池在零下30摄氏度保持80%放电容量。',
          keywords: ['锂电池', '低温'],
          industry: '新能源',
          trl: 6,
        },
      ],
      experts: [{ id: 'SE1', name: '李四', title: '研究员', fields: ['电化学储能'], bio: '从事储能电池热管理研究。' }],
    });
    expect(drained.failed).toBe(0);
    const achievementId = await idOf(AchievementEntity, 'SA1');
    const expertId = await idOf(ExpertEntity, 'SE1');

    const achievementVectors = await vectorsOf(uids.ACHIEVEMENT, achievementId);
    expect(achievementVectors?.[name].regenerate).toBe(false);
    const expectedText = embeddingText([
      '低温锂离子电池电解液添加剂',
      ['锂电池', '低温'],
      '新型电解液添加剂使锂离子电池在零下30摄氏度保持80%放电容量。',
    ]);
    const stored = achievementVectors![name].embeddings[0];
    endpoint.vectorOf(expectedText).forEach((x, i) => expect(stored[i]).toBeCloseTo(x, 5));
    expect(endpoint.requests.flatMap((r) => r.input)).toContain(expectedText);

    const expertVectors = await vectorsOf(uids.EXPERT, expertId);
    const expertText = embeddingText(['电化学储能', '从事储能电池热管理研究。']);
    endpoint.vectorOf(expertText).forEach((x, i) => expect(expertVectors![name].embeddings[0][i]).toBeCloseTo(x, 5));

    // Meilisearch searches with them: the document's own vector finds it first.
    const { hits } = await meili.index(uids.ACHIEVEMENT).search(null, {
      vector: endpoint.vectorOf(expectedText),
      hybrid: { embedder: name, semanticRatio: 1 },
      showRankingScore: true,
    });
    expect(hits[0]).toMatchObject({ id: achievementId });
    expect(hits[0]._rankingScore).toBeGreaterThan(0.99);
    // Vectors stay out of ordinary reads and of the text search.
    expect(await meili.index(uids.ACHIEVEMENT).getDocument(achievementId)).not.toHaveProperty('_vectors');
    expect(await textSearch(uids.ACHIEVEMENT, '电解液添加剂')).toEqual([achievementId]);
  });

  it('indexes the text without a vector when the endpoint is down, and marks the rows processed', async () => {
    await endpoint.close();
    const drained = await importAndDrain({
      achievements: [
        { id: 'SA2', title: '水性环氧防腐涂料', summary: '用于钢结构桥梁的水性防腐涂层，耐盐雾3000小时。', trl: 7 },
      ],
    });
    expect(drained).toEqual({ processed: expect.any(Number), failed: 0 });
    const id = await idOf(AchievementEntity, 'SA2');
    expect(await textSearch(uids.ACHIEVEMENT, '防腐涂料')).toEqual([id]);
    expect((await vectorsOf(uids.ACHIEVEMENT, id))?.[name].embeddings).toEqual([]);
    const rows = await app!
      .get(DataSource)
      .query('SELECT processed_at, last_error FROM outbox_events WHERE subject_id = $1', [id]);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row: any) => row.processed_at !== null && row.last_error === null)).toBe(true);
  });

  it('removes the embedder when the layer is turned off, so documents without vectors still index', async () => {
    await boot(null);
    await app!.get(IndexSettingsService).applyToLiveIndexes();
    expect(await meili.index(uids.ACHIEVEMENT).getEmbedders()).toEqual({});
    expect(await meili.index(uids.EXPERT).getEmbedders()).toEqual({});
    const drained = await importAndDrain({
      achievements: [{ id: 'SA3', title: '无人机电力巡检系统', summary: '电力线路无人机自动巡检与缺陷识别。' }],
    });
    expect(drained.failed).toBe(0);
    const id = await idOf(AchievementEntity, 'SA3');
    expect(await textSearch(uids.ACHIEVEMENT, '无人机巡检')).toEqual([id]);
    expect(await vectorsOf(uids.ACHIEVEMENT, id)).toEqual({});
  });

  it('turned on over documents without vectors: text indexing goes on, and a full reindex brings the vectors', async () => {
    const restarted = await startFakeEmbeddingEndpoint({ dimensions: DIMENSIONS });
    try {
      await boot({ url: restarted.url });
      // Meilisearch refuses the embedder while SA3 has no vector: logged, not thrown.
      await app!.get(IndexSettingsService).applyToLiveIndexes();
      expect(await meili.index(uids.ACHIEVEMENT).getEmbedders()).toEqual({});
      const drained = await importAndDrain({
        achievements: [
          { id: 'SA4', title: '高通量藻类培养光生物反应器', summary: '管式光生物反应器，用于微藻高密度培养。' },
        ],
      });
      expect(drained.failed).toBe(0);
      const sa4 = await idOf(AchievementEntity, 'SA4');
      expect(await textSearch(uids.ACHIEVEMENT, '光生物反应器')).toEqual([sa4]);

      const reports = await app!.get(ReindexService).reindexAll();
      expect(reports).not.toBe('busy');
      expect(await meili.index(uids.ACHIEVEMENT).getEmbedders()).toEqual({
        [name]: { source: 'userProvided', dimensions: DIMENSIONS },
      });
      for (const externalId of ['SA1', 'SA2', 'SA3', 'SA4']) {
        const vectors = await vectorsOf(uids.ACHIEVEMENT, await idOf(AchievementEntity, externalId));
        expect(vectors?.[name].embeddings).toHaveLength(1);
        expect(vectors?.[name].embeddings[0]).toHaveLength(DIMENSIONS);
      }
    } finally {
      await app?.close();
      app = undefined;
      await restarted.close();
    }
  });
});
