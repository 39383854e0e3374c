import { getDataSourceToken } from '@nestjs/typeorm';
import { AchievementEntity } from '@app/achievements';
import { DemandEntity } from '@app/demands';
import { DataSource } from 'typeorm';
import { MatchTargetType } from '../src/domain/match-document';
import { demandForMatching } from '../src/domain/search-document-mapping';
import { indexEvaluationFolder } from '../src/evaluation/matching-evaluation';
import { MatchEntity } from '../src/match.entity';
import { MatchesService } from '../src/matches.service';
import { MatchingEngine } from '../src/matching-engine';
import { PipelineTestApp, startPipelineTestApp } from './pipeline-test-app';

/**
 * Demands as enterprises write them — long, Chinese and English mixed, figures with units — through the real
 * pipeline (import → outbox → index → matching → stored matches): of two listings on the same technology, the
 * one whose stated figures meet the demand's thresholds ranks above the one whose figures fall short, and the
 * stored reasons name the figures in the demand's language.
 */
describe('technical indicators on demands written like enterprise postings', () => {
  let pipeline: PipelineTestApp;
  let dataSource: DataSource;

  // Two listings of one technology, worded alike: only their figures differ. (With "pouch cell" among the short
  // one's keywords, the Chinese demand's three figures still put the other first; the English demand's one or two
  // did not overturn that better text match — factors nudge, text decides.)
  const cell = (figures: string, extra: string) =>
    '面向电动重卡与储能的高镍三元NCM811软包电芯，硅碳负极与固态电解质涂层，' +
    figures +
    '，通过针刺、过充与热失控 thermal runaway 安全测试' +
    extra +
    '。';
  const achievements = [
    {
      id: 'CELL-SHORT',
      title: '高镍三元锂离子动力电池软包电芯',
      summary: cell('单体能量密度420 Wh/kg，1C循环寿命1500次（容量保持率80%），-20℃放电容量保持率75%', ''),
      keywords: ['高镍三元', '软包电芯'],
      industry: '新能源',
      trl: 6,
      transferModes: ['许可'],
    },
    {
      id: 'CELL-MEETS',
      title: '高镍三元锂离子动力电池软包电芯',
      summary: cell('单体能量密度达520 Wh/kg，1C循环寿命3200次（容量保持率80%），-20℃放电容量保持率88%', ''),
      keywords: ['高镍三元', '软包电芯'],
      industry: '新能源',
      trl: 6,
      transferModes: ['许可'],
    },
    {
      id: 'PAINT',
      title: '水性环氧防腐涂料',
      summary: '用于钢结构桥梁的水性防腐涂层，耐盐雾3000小时，VOC含量低于50 g/L。',
      industry: '新材料',
    },
  ];
  const demands = [
    {
      id: 'ZH-MIXED',
      title: '电动重卡换电站用高能量密度 high-nickel 软包电芯，寻求技术许可',
      description:
        '我司为国内电动重卡换电运营商，现有磷酸铁锂电池包单体能量密度约180 Wh/kg，续航不足、冬季衰减明显。' +
        '拟引入高镍三元NCM811软包电芯（pouch cell）技术，主要技术指标：单体能量密度≥500 Wh/kg；' +
        '1C循环寿命不低于3000次（容量保持率80%）；-20℃放电容量保持率不低于85%；' +
        '需通过针刺、过充及热失控 thermal runaway 安全测试。希望以技术许可方式合作，预算800万元，12个月内完成中试。',
      industry: '新能源',
      budgetWan: 800,
      cooperationModes: ['许可'],
    },
    {
      id: 'EN-MIXED',
      title: 'High-nickel NCM811 pouch cells (高镍三元软包电芯) for battery-swap heavy trucks',
      description:
        'We operate battery-swap stations for electric heavy trucks. Our LFP packs reach about 180 Wh/kg and lose ' +
        'range in winter. We are looking for a licence to high-nickel NCM811 pouch cell technology with silicon-carbon ' +
        'anodes. Requirements: cell energy density of at least 500 Wh/kg, passing nail penetration and thermal runaway ' +
        'tests, pilot line within 12 months. Budget RMB 8 million.',
      industry: '新能源',
      budgetWan: 800,
      cooperationModes: ['许可'],
    },
  ];

  beforeAll(async () => {
    pipeline = await startPipelineTestApp('technical-indicators');
    await indexEvaluationFolder(
      pipeline.app,
      pipeline.writeDataset({ 'achievements.jsonl': achievements, 'demands.jsonl': demands }),
      'technical-indicators',
    );
    await pipeline.app.get(MatchingEngine).refreshCorpusStats();
    dataSource = pipeline.app.get<DataSource>(getDataSourceToken());
  });

  afterAll(() => pipeline?.close());

  const idOf = async (externalId: string) =>
    (await dataSource.getRepository(AchievementEntity).findOneByOrFail({ externalId })).id;

  /** Matches the demand through the service (what the worker runs) and reads the stored rows. */
  async function storedMatches(demandExternalId: string) {
    const demand = await dataSource.getRepository(DemandEntity).findOneByOrFail({ externalId: demandExternalId });
    await pipeline.app.get(MatchesService).matchDemand(demand.id);
    const rows = await dataSource.getRepository(MatchEntity).find({
      where: { demandId: demand.id, targetType: MatchTargetType.ACHIEVEMENT },
      order: { score: 'DESC' },
    });
    return { demand, rows };
  }

  const indicatorReasons = (row: MatchEntity | undefined) =>
    (row?.explanation.factors ?? []).filter((f) => f.factor === 'indicator').map((f) => [f.effect > 0, f.reason]);

  it('ranks the listing that meets the figures of a long mixed Chinese demand above the one that does not', async () => {
    const meets = await idOf('CELL-MEETS');
    const short = await idOf('CELL-SHORT');
    const { demand, rows } = await storedMatches('ZH-MIXED');
    const ids = rows.map((row) => row.targetId);
    expect(ids[0]).toBe(meets);
    if (ids.includes(short)) expect(ids.indexOf(meets)).toBeLessThan(ids.indexOf(short));
    expect(ids).not.toContain(await idOf('PAINT'));

    expect(indicatorReasons(rows.find((row) => row.targetId === meets))).toEqual([
      [true, '单体能量密度 520 Wh/kg ≥ 500 Wh/kg'],
      [true, '1C循环寿命 3200次 ≥ 3000次'],
      [true, '放电容量保持率 88% ≥ 85%'],
    ]);
    // The engine's own ranking (stored rows keep only those above the threshold): the short one is below.
    const ranked = await pipeline.app.get(MatchingEngine).rank(demandForMatching(demand), { limit: 10 });
    const score = (id: string) => ranked.find((m) => m.id === id)!.score;
    expect(score(meets)).toBeGreaterThan(score(short));
    expect(indicatorReasons(ranked.find((m) => m.id === short) as unknown as MatchEntity)).toEqual([
      [false, '单体能量密度 420 Wh/kg，未达到 ≥ 500 Wh/kg'],
      [false, '1C循环寿命 1500次，未达到 ≥ 3000次'],
      [false, '放电容量保持率 75%，未达到 ≥ 85%'],
    ]);
  });

  it('reads an English demand’s figure against a Chinese listing when the unit names the quantity (Wh/kg)', async () => {
    const meets = await idOf('CELL-MEETS');
    const short = await idOf('CELL-SHORT');
    const { demand } = await storedMatches('EN-MIXED');
    const ranked = await pipeline.app.get(MatchingEngine).rank(demandForMatching(demand), { limit: 10 });
    const score = (id: string) => ranked.find((m) => m.id === id)!.score;
    expect(score(meets)).toBeGreaterThan(score(short));
    const reasons = (id: string) =>
      ranked
        .find((m) => m.id === id)!
        .explanation.factors.filter((f) => f.factor === 'indicator')
        .map((f) => [f.effect > 0, f.reason]);
    expect(reasons(meets)).toEqual([[true, 'cell energy density 520 Wh/kg ≥ 500 Wh/kg']]);
    expect(reasons(short)).toEqual([[false, 'cell energy density 420 Wh/kg, short of ≥ 500 Wh/kg']]);
  });

  it('uses the demand’s structured technical indicators (target and current as entered in the form)', async () => {
    const meets = await idOf('CELL-MEETS');
    const short = await idOf('CELL-SHORT');
    const demands = dataSource.getRepository(DemandEntity);
    const demand = await demands.findOneByOrFail({ externalId: 'EN-MIXED' });
    // The form's indicator: cycle life, a must-have, with its current value and no comparator typed (3000 above
    // 1200: at least 3000); named in both languages, as the listing names it in Chinese.
    await demands.update(demand.id, {
      technicalIndicators: [
        { name: '循环寿命 cycle life', current: '1200 cycles', target: '3000 cycles', mustHave: true },
      ],
    });
    const { demand: updated, rows } = await storedMatches('EN-MIXED');
    const ids = rows.map((row) => row.targetId);
    expect(ids).toContain(meets);
    if (ids.includes(short)) expect(ids.indexOf(meets)).toBeLessThan(ids.indexOf(short));
    expect(indicatorReasons(rows.find((row) => row.targetId === meets))).toEqual([
      [true, '循环寿命 cycle life 3200次 ≥ 3000 cycles'],
      [true, 'cell energy density 520 Wh/kg ≥ 500 Wh/kg'],
    ]);
    // Failing a must-have costs as much as meeting it earns.
    const ranked = await pipeline.app.get(MatchingEngine).rank(demandForMatching(updated), { limit: 10 });
    const failed = ranked.find((m) => m.id === short)!.explanation.factors.find((f) => f.reason.startsWith('循环寿命'));
    expect(failed).toMatchObject({
      factor: 'indicator',
      effect: -0.06,
      reason: '循环寿命 cycle life 1500次, short of ≥ 3000 cycles',
    });
  });
});
