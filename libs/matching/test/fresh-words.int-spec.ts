import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { AchievementEntity } from '@app/achievements';
import { ImportModule } from '@app/catalog-import';
import { AppConfigModule, ClockModule, MeilisearchModule, QueuesModule, RedisModule } from '@app/core';
import { DatabaseModule } from '@app/database';
import { DemandEntity } from '@app/demands';
import { SearchModule } from '@app/search';
import { createIsolatedNamespace, IsolatedNamespace } from '@app/testing';
import { DataSource } from 'typeorm';
import { MatchTargetType } from '../src/domain/match-document';
import { indexEvaluationFolder } from '../src/evaluation/matching-evaluation';
import { MatchingEngine } from '../src/matching-engine';
import { MatchingModule } from '../src/matching.module';

@Module({
  imports: [
    AppConfigModule.forRoot(),
    ClockModule,
    DatabaseModule.forRoot('techtransfer-fresh-words-test'),
    RedisModule,
    QueuesModule,
    MeilisearchModule,
    ImportModule,
    SearchModule,
    MatchingModule,
  ],
})
class FreshWordsTestModule {}

const lines = (records: object[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

/**
 * Words the corpus statistics do not know are not searched for; a listing indexed after the statistics were read
 * must still reach the open demand that uses its words (reverse matching), not wait for the next statistics.
 */
describe('a listing indexed after the corpus statistics were read', () => {
  let app: INestApplicationContext;
  let namespace: IsolatedNamespace;
  const folders: string[] = [];

  const folderWith = (files: Record<string, object[]>) => {
    const folder = mkdtempSync(join(tmpdir(), 'tt-fresh-words-'));
    for (const [name, records] of Object.entries(files)) writeFileSync(join(folder, name), lines(records));
    folders.push(folder);
    return folder;
  };

  beforeAll(async () => {
    namespace = await createIsolatedNamespace('freshwords');
    const leave = namespace.enter();
    try {
      app = await NestFactory.createApplicationContext(FreshWordsTestModule, { logger: ['error'] });
    } finally {
      leave();
    }
  });

  afterAll(async () => {
    await app?.close();
    await namespace?.drop();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  it('is found for the demand through its own words', async () => {
    await indexEvaluationFolder(
      app,
      folderWith({
        'achievements.jsonl': [
          {
            id: 'PAINT',
            title: '水性环氧防腐涂料',
            summary: '用于钢结构桥梁的水性防腐涂层，耐盐雾3000小时。',
            industry: '新材料',
          },
        ],
        'demands.jsonl': [
          {
            id: 'EDGE',
            title: '门店小主机断网后收银停摆',
            description: '希望边缘节点断网自治，网络恢复后自动同步。',
            industry: '软件信息',
          },
        ],
      }),
      'fresh-words',
    );
    const engine = app.get(MatchingEngine);
    await engine.refreshCorpusStats();

    await indexEvaluationFolder(
      app,
      folderWith({
        'achievements.jsonl': [
          {
            id: 'AUTONOMY',
            title: '弱连接条件下的边缘节点自治方法',
            summary: '断网期间应用本地运行，网络恢复后自动对账同步。',
            industry: '软件信息',
          },
        ],
      }),
      'fresh-words',
    );
    const dataSource = app.get<DataSource>(getDataSourceToken());
    const listing = await dataSource.getRepository(AchievementEntity).findOneByOrFail({ externalId: 'AUTONOMY' });
    const demand = await dataSource.getRepository(DemandEntity).findOneByOrFail({ externalId: 'EDGE' });

    expect(await engine.demandsForTarget(MatchTargetType.ACHIEVEMENT, listing.id, 10)).toContain(demand.id);
  });
});
