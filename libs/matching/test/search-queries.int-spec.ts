import { getDataSourceToken } from '@nestjs/typeorm';
import { AchievementEntity } from '@app/achievements';
import { MEILI_CLIENT } from '@app/core';
import { Meilisearch } from 'meilisearch';
import { DataSource } from 'typeorm';
import { MatchTargetType } from '../src/domain/match-document';
import { indexEvaluationFolder } from '../src/evaluation/matching-evaluation';
import { MatchingEngine } from '../src/matching-engine';
import { PipelineTestApp, startPipelineTestApp } from './pipeline-test-app';

/**
 * The engine asks Meilisearch for phrases (no prefix, typo or synonym derivations: a fraction of the cost); an
 * English word is searched in the forms the corpus writes it in. Through the real index: other forms of a word
 * still find their listings, and a typo neighbour no longer joins the candidates.
 */
describe('matching queries against the real index', () => {
  let pipeline: PipelineTestApp;
  let engine: MatchingEngine;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    pipeline = await startPipelineTestApp('search-queries');
    const folder = pipeline.writeDataset({
      'achievements.jsonl': [
        {
          id: 'COLD',
          title: 'Electrolyte additives for lithium batteries in cold climates',
          summary: 'Keeps batteries charging at -30 °C; tested on drone packs.',
          industry: '新能源',
        },
        { id: 'BUTTER', title: 'Butter churning line', summary: 'Continuous churning for dairies.', industry: '食品' },
        {
          id: 'LOWTEMP',
          title: '低温锂电池电解液添加剂',
          summary: '零下三十度仍可正常充放电，适用于无人机与储能电池。',
          industry: '新能源',
        },
        { id: 'PAINT', title: '水性环氧防腐涂料', summary: '用于钢结构桥梁的防腐涂层。', industry: '新材料' },
      ],
      'demands.jsonl': '',
    });
    await indexEvaluationFolder(pipeline.app, folder, 'search-queries');
    const dataSource = pipeline.app.get<DataSource>(getDataSourceToken());
    for (const a of await dataSource.getRepository(AchievementEntity).find()) ids.set(a.externalId!, a.id);
    engine = pipeline.app.get(MatchingEngine);
    await engine.refreshCorpusStats();
  });

  afterAll(() => pipeline?.close());

  const rankedIds = async (title: string, description: string) =>
    (await engine.rank({ id: 'demand', title, description })).map((match) => match.id);

  it('searches an English word in the forms the corpus writes it in: other forms found, typo neighbours not', async () => {
    const demand = {
      id: 'demand',
      title: 'Battery dies in winter',
      description: 'Our battery loses charge when cold.',
    };
    const battery = (await engine.query(demand)).searchTerms.find((term) => term.text === 'batter');
    // The corpus writes it "batteries" only.
    expect(battery?.queries).toEqual(['"batteries"']);
    const index = pipeline.app.get<Meilisearch>(MEILI_CLIENT).index(engine.uid(MatchTargetType.ACHIEVEMENT));
    const hitIds = async (q: string) => (await index.search(q, { attributesToRetrieve: ['id'] })).hits.map((h) => h.id);
    expect(await hitIds(battery!.queries[0])).toEqual([ids.get('COLD')]);
    // What the bare prefix query used to bring in: "butter" is one typo away from "batter".
    expect(await hitIds('batter')).toContain(ids.get('BUTTER'));

    const found = await rankedIds(demand.title, demand.description);
    expect(found[0]).toBe(ids.get('COLD'));
    expect(found).not.toContain(ids.get('BUTTER'));
  });

  it('finds Chinese listings through phrase queries', async () => {
    const found = await rankedIds('电池冬天掉电快', '无人机在低温下电池续航很短，需要电解液方面的改进。');
    // (The English COLD is found too, through the glossary's translation of 电池.)
    expect(found).toContain(ids.get('LOWTEMP'));
    expect(found).not.toContain(ids.get('PAINT'));
  });
});
