import { getDataSourceToken } from '@nestjs/typeorm';
import { AchievementEntity } from '@app/achievements';
import { DemandEntity } from '@app/demands';
import { DataSource } from 'typeorm';
import { MatchTargetType } from '../src/domain/match-document';
import { indexEvaluationFolder } from '../src/evaluation/matching-evaluation';
import { MatchingEngine } from '../src/matching-engine';
import { PipelineTestApp, startPipelineTestApp } from './pipeline-test-app';

/**
 * Words the corpus statistics do not know are not searched for; a listing indexed after the statistics were read
 * must still reach the open demand that uses its words (reverse matching), not wait for the next statistics.
 */
describe('a listing indexed after the corpus statistics were read', () => {
  let pipeline: PipelineTestApp;

  beforeAll(async () => {
    pipeline = await startPipelineTestApp('fresh-words');
  });

  afterAll(() => pipeline?.close());

  it('is found for the demand through its own words', async () => {
    await indexEvaluationFolder(
      pipeline.app,
      pipeline.writeDataset({
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
    const engine = pipeline.app.get(MatchingEngine);
    await engine.refreshCorpusStats();

    await indexEvaluationFolder(
      pipeline.app,
      pipeline.writeDataset({
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
    const dataSource = pipeline.app.get<DataSource>(getDataSourceToken());
    const listing = await dataSource.getRepository(AchievementEntity).findOneByOrFail({ externalId: 'AUTONOMY' });
    const demand = await dataSource.getRepository(DemandEntity).findOneByOrFail({ externalId: 'EDGE' });

    expect(await engine.demandsForTarget(MatchTargetType.ACHIEVEMENT, listing.id, 10)).toContain(demand.id);
  });
});
