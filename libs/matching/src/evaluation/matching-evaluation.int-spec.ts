import { PipelineTestApp, startPipelineTestApp } from '../../test/pipeline-test-app';
import { formatEvaluation, runMatchingEvaluation } from './matching-evaluation';

describe('matching evaluation pipeline (import → outbox → index → match → metrics)', () => {
  let pipeline: PipelineTestApp;
  let folder: string;

  beforeAll(async () => {
    // The ranking covers everything indexed: other tests of this Jest worker must not be in it (the evaluation
    // command gets its own namespace the same way).
    pipeline = await startPipelineTestApp('evaluation');
    folder = pipeline.writeDataset({
      'achievements.jsonl': [
        {
          id: 'A1',
          title: '低温锂离子电池电解液添加剂',
          summary: '新型电解液添加剂使锂离子电池在零下30摄氏度保持80%放电容量，解决冬季电动车续航衰减问题。',
          keywords: ['锂电池', '低温', '电解液'],
          industry: '新能源',
          trl: 6,
        },
        {
          id: 'A2',
          title: '水性环氧防腐涂料',
          summary: '用于钢结构桥梁和海洋平台的水性防腐涂层，耐盐雾3000小时，低VOCs排放。',
          keywords: ['防腐', '涂料'],
          industry: '新材料',
          trl: 7,
        },
        {
          id: 'A3',
          title: 'Anti-metal UHF RFID tag for server racks',
          summary:
            'A 1.2 mm thin UHF RFID tag that reads reliably on metal chassis at 4 m, for data-center asset inventory.',
          keywords: ['RFID', 'asset inventory'],
          industry: '物联网',
          trl: 7,
        },
      ],
      'experts.jsonl': [
        {
          id: 'E1',
          name: '张三',
          title: '教授',
          fields: ['锂离子电池', '电解液'],
          bio: '长期从事锂离子电池电解液与低温性能研究，可提供电解液配方改进与中试放大咨询。',
        },
      ],
      'demands.jsonl': [
        {
          id: 'D1',
          title: '电动车电池冬天掉电快',
          description: '我司电动物流车冬季续航下降40%，锂电池低温放电容量不足，希望通过电解液改进提升低温性能。',
          industry: '新能源',
          budgetWan: 80,
        },
        {
          id: 'D2',
          title: 'Tags for metal server racks',
          description:
            'We need thin RFID tags that can be read on metal server chassis for asset audits in our data centers.',
          industry: '物联网',
          budgetWan: 100,
        },
      ],
      'qrels.tsv': 'demand_id\ttarget_id\tgrade\nD1\tA1\t3\nD1\tE1\t2\nD1\tA2\t0\nD2\tA3\t3\n',
    });
  });

  afterAll(() => pipeline?.close());

  it('ranks the judged targets first and prints the metrics with a JSON last line', async () => {
    const run = await runMatchingEvaluation(pipeline.app, folder, 'eval-slice');
    expect(run.runs.get('D1')?.slice(0, 2)).toEqual(expect.arrayContaining(['A1', 'E1']));
    expect(run.runs.get('D1')?.[0]).toBe('A1');
    expect(run.runs.get('D2')?.[0]).toBe('A3'); // English demand, English listing, among Chinese ones
    expect(run.report.overall.demands).toBe(2);
    // The metric over the real ranking, by hand: D2's only judged target first → 1; D1 (gains 7 for A1, 3 for
    // E1, 0 for A2) is 1 when A1 and E1 lead, else A1 then E1 at rank r: (7 + 3/log2(r+1)) / (7 + 3/log2(3)).
    const d1 = run.runs.get('D1')!;
    const expectedD1 = (7 + 3 / Math.log2(d1.indexOf('E1') + 2)) / (7 + 3 / Math.log2(3));
    expect(run.report.perDemand.get('D2')?.ndcg10).toBeCloseTo(1, 10);
    expect(run.report.perDemand.get('D1')?.ndcg10).toBeCloseTo(expectedD1, 10);
    expect(run.report.overall.ndcg10).toBeCloseTo((1 + expectedD1) / 2, 10);
    expect(run.report.crossLanguage.demands).toBe(0);
    const last = JSON.parse(formatEvaluation(run).split('\n').at(-1)!);
    expect(last).toMatchObject({ dataset: 'eval-slice', demands: 2 });
  });
});
