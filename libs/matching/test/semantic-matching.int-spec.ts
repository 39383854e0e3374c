import { getDataSourceToken } from '@nestjs/typeorm';
import { AchievementEntity } from '@app/achievements';
import { AppConfig, MEILI_CLIENT } from '@app/core';
import { FakeEmbeddingEndpoint, startFakeEmbeddingEndpoint } from '@app/testing';
import type { Meilisearch } from 'meilisearch';
import { DataSource } from 'typeorm';
import { MatchDemand } from '../src/domain/match-document';
import { indexEvaluationFolder } from '../src/evaluation/matching-evaluation';
import { MatchingEngine } from '../src/matching-engine';
import { PipelineTestApp, startPipelineTestApp } from './pipeline-test-app';

const DIMENSIONS = 48;

/**
 * The optional semantic layer finds what words cannot: the fake embeddings endpoint (a real local HTTP server)
 * knows that a demand about stalled warehouse trucks in winter and a listing of a self-heating traction pack
 * mean the same thing, though they share no word — the lexical engine over the same indexes misses it.
 */
describe('semantic layer: matching candidates from the demand embedding', () => {
  let pipeline: PipelineTestApp;
  let endpoint: FakeEmbeddingEndpoint;
  let semanticEngine: MatchingEngine;
  let lexicalEngine: MatchingEngine;
  const ids: Record<string, string> = {};

  const demand: MatchDemand = {
    id: 'semantic-demand',
    title: '仓库里的搬运车一到冬天就趴窝',
    description: '库房零下二十度，车辆开不了多久就停摆，影响夜班出货。',
  };

  beforeAll(async () => {
    endpoint = await startFakeEmbeddingEndpoint({
      dimensions: DIMENSIONS,
      concepts: { 'stalled-cold-trucks': ['趴窝', 'Self-heating traction'] },
    });
    pipeline = await startPipelineTestApp('semantic-match', {
      EMBEDDING_URL: endpoint.url,
      EMBEDDING_MODEL: endpoint.model,
      EMBEDDING_DIMENSIONS: String(DIMENSIONS),
    });
    const folder = pipeline.writeDataset({
      'achievements.jsonl': [
        {
          id: 'HEAT',
          title: 'Self-heating traction pack',
          summary: 'Keeps pallet-truck cells above freezing so that every shift runs its full length.',
          keywords: ['thermal management'],
          industry: '新能源',
          trl: 7,
        },
        {
          id: 'ELEC',
          title: '低温锂电池电解液添加剂',
          summary: '冬天电池放电容量衰减，电解液改进提升低温性能。',
          keywords: ['电解液', '低温'],
          industry: '新能源',
          trl: 6,
        },
        {
          id: 'PAINT',
          title: '水性环氧防腐涂料',
          summary: '用于钢结构桥梁和海洋平台的水性防腐涂层，耐盐雾3000小时。',
          keywords: ['防腐', '涂料'],
          industry: '新材料',
          trl: 7,
        },
      ],
    });
    const { app } = pipeline;
    await indexEvaluationFolder(app, folder, 'semantic-slice');
    const rows = await app.get<DataSource>(getDataSourceToken()).getRepository(AchievementEntity).find();
    for (const row of rows) ids[row.externalId!] = row.id;
    semanticEngine = app.get(MatchingEngine);
    // The same engine without the semantic layer, over the same indexes (as the bench script builds it).
    lexicalEngine = new MatchingEngine(app.get<Meilisearch>(MEILI_CLIENT), app.get(AppConfig));
  });

  afterAll(async () => {
    await pipeline?.close();
    await endpoint?.close();
  });

  it('finds a listing that shares no word with the demand, which the lexical path alone misses', async () => {
    const lexical = await lexicalEngine.rank(demand);
    expect(lexical.map((match) => match.id)).toContain(ids.ELEC);
    expect(lexical.map((match) => match.id)).not.toContain(ids.HEAT);

    const timings: Record<string, number> = {};
    const ranked = await semanticEngine.rank(demand, { timings });
    const heat = ranked.find((match) => match.id === ids.HEAT);
    expect(heat).toBeDefined();
    expect(heat!.explanation).toMatchObject({ matchedTerms: [], textScore: 0, semantic: 1 });
    expect(heat!.score).toBeGreaterThan(0);
    // The lexical match stays first; the unrelated listing, found as the vector query's farther neighbour, last.
    expect(ranked.map((match) => match.id)).toEqual([ids.ELEC, ids.HEAT, ids.PAINT]);
    expect(ranked[0].explanation.semantic).toEqual(expect.any(Number));
    expect(ranked[2].score).toBeLessThan(heat!.score);
    expect(timings['semantic.found']).toBeGreaterThanOrEqual(3);
    expect(endpoint.requests.at(-1)?.input).toEqual([`${demand.title}\n${demand.description}`]);
  });

  it('leaves out a declined target found semantically', async () => {
    const ranked = await semanticEngine.rank(demand, { excluded: new Set([`ACHIEVEMENT:${ids.HEAT}`]) });
    expect(ranked.map((match) => match.id)).not.toContain(ids.HEAT);
  });

  it('falls back to the lexical ranking, unchanged, when the endpoint is down', async () => {
    await endpoint.close();
    const other: MatchDemand = { ...demand, id: 'semantic-demand-2', description: '冬天电池容量衰减严重。' };
    const ranked = await semanticEngine.rank(other);
    expect(ranked.length).toBeGreaterThan(0);
    expect(ranked).toEqual(await lexicalEngine.rank(other));
    expect(ranked.every((match) => match.explanation.semantic === undefined)).toBe(true);
  });
});
