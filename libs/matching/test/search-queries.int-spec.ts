import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { AchievementEntity } from '@app/achievements';
import { ImportModule } from '@app/catalog-import';
import { AppConfigModule, ClockModule, MEILI_CLIENT, MeilisearchModule, QueuesModule, RedisModule } from '@app/core';
import { DatabaseModule } from '@app/database';
import { SearchModule } from '@app/search';
import { createIsolatedNamespace, IsolatedNamespace } from '@app/testing';
import { Meilisearch } from 'meilisearch';
import { DataSource } from 'typeorm';
import { MatchTargetType } from '../src/domain/match-document';
import { indexEvaluationFolder } from '../src/evaluation/matching-evaluation';
import { MatchingEngine } from '../src/matching-engine';
import { MatchingModule } from '../src/matching.module';

@Module({
  imports: [
    AppConfigModule.forRoot(),
    ClockModule,
    DatabaseModule.forRoot('techtransfer-search-queries-test'),
    RedisModule,
    QueuesModule,
    MeilisearchModule,
    ImportModule,
    SearchModule,
    MatchingModule,
  ],
})
class SearchQueriesTestModule {}

const lines = (records: object[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

/**
 * The engine asks Meilisearch for phrases (no prefix, typo or synonym derivations: a fraction of the cost); an
 * English word is searched in the forms the corpus writes it in. Through the real index: other forms of a word
 * still find their listings, and a typo neighbour no longer joins the candidates.
 */
describe('matching queries against the real index', () => {
  let app: INestApplicationContext;
  let namespace: IsolatedNamespace;
  let engine: MatchingEngine;
  let folder: string;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    namespace = await createIsolatedNamespace('searchqueries');
    const leave = namespace.enter();
    try {
      app = await NestFactory.createApplicationContext(SearchQueriesTestModule, { logger: ['error'] });
    } finally {
      leave();
    }
    folder = mkdtempSync(join(tmpdir(), 'tt-search-queries-'));
    writeFileSync(
      join(folder, 'achievements.jsonl'),
      lines([
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
      ]),
    );
    writeFileSync(join(folder, 'demands.jsonl'), '');
    await indexEvaluationFolder(app, folder, 'search-queries');
    const achievements = await app.get<DataSource>(getDataSourceToken()).getRepository(AchievementEntity).find();
    for (const a of achievements) ids.set(a.externalId!, a.id);
    engine = app.get(MatchingEngine);
    await engine.refreshCorpusStats();
  });

  afterAll(async () => {
    await app?.close();
    await namespace?.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  const rankedIds = async (title: string, description: string) => {
    const ranked = await engine.rank({ id: 'demand', title, description });
    return { ids: ranked.map((match) => match.id) };
  };

  it('searches an English word in the forms the corpus writes it in: other forms found, typo neighbours not', async () => {
    const demand = {
      id: 'demand',
      title: 'Battery dies in winter',
      description: 'Our battery loses charge when cold.',
    };
    const battery = (await engine.query(demand)).searchTerms.find((term) => term.text === 'batter');
    // The corpus writes it "batteries" only.
    expect(battery?.queries).toEqual(['"batteries"']);
    const index = app.get<Meilisearch>(MEILI_CLIENT).index(engine.uid(MatchTargetType.ACHIEVEMENT));
    const hitIds = async (q: string) => (await index.search(q, { attributesToRetrieve: ['id'] })).hits.map((h) => h.id);
    expect(await hitIds(battery!.queries[0])).toEqual([ids.get('COLD')]);
    // What the bare prefix query used to bring in: "butter" is one typo away from "batter".
    expect(await hitIds('batter')).toContain(ids.get('BUTTER'));

    const { ids: found } = await rankedIds(demand.title, demand.description);
    expect(found[0]).toBe(ids.get('COLD'));
    expect(found).not.toContain(ids.get('BUTTER'));
  });

  it('finds Chinese listings through phrase queries', async () => {
    const { ids: found } = await rankedIds('电池冬天掉电快', '无人机在低温下电池续航很短，需要电解液方面的改进。');
    // (The English COLD is found too, through the glossary's translation of 电池.)
    expect(found).toContain(ids.get('LOWTEMP'));
    expect(found).not.toContain(ids.get('PAINT'));
  });
});
