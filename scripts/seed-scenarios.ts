/**
 * Application scenarios (应用场景) and the recommended catalogue (应用示范推荐目录) demo data, called by scripts/seed.ts
 * after the brokerage: two OPEN scenarios — one of a state-owned enterprise (滨海港务集团, stateOwned as the bureau
 * recorded), one of a government body (杭州市交通运输局) — and, from the brokerage's signed and registered deals, a
 * published catalogue entry and one waiting in the bureau's review desk. Idempotent: scenarios are keyed by their
 * externalId, entries by (deal, product name).
 */
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DealEntity, DealStage } from '@app/brokerage';
import { OutboxSubject, recordOutboxChange } from '@app/core';
import { CooperationMode, DemandEntity, DemandKind, DemandStatus } from '@app/demands';
import { OrganisationEntity, UserEntity } from '@app/identity';
import { MatchTargetType } from '@app/matching';
import { CatalogueEntryEntity, CatalogueEntryStatus } from '@app/programmes';

const DAY = 24 * 3600_000;

const SCENARIOS = [
  {
    externalId: 'seed-scenario-port-inspection',
    organisation: 'binhai-port',
    poster: 'soe@demo.local',
    title: '港区岸桥无人机智能巡检应用场景',
    summary:
      '开放滨海港区集装箱码头的岸桥、堆场作为低空无人机自动巡检的应用场景：需要无人机集群自主巡检、图像缺陷识别与巡检报告自动生成技术，替代人工高空作业。',
    confidentialDetails: '现有人工巡检外包费用约每年 300 万元，试点通过后纳入集团年度采购计划（首购）。',
    industryCode: 'ai',
    site: '滨海港区 3 号集装箱码头（岸桥 12 台、堆场 40 万平方米）',
    dataAvailable: '岸桥结构图纸、近三年人工巡检影像约 2 万张、缺陷台账；试点期间提供起降场地与 5G 专网',
    timeline: '2027 年 3 月起试点 3 个月，6 月验收后首购',
    budgetMinWan: 150,
    budgetMaxWan: 400,
    region: '杭州',
  },
  {
    externalId: 'seed-scenario-smart-bus',
    organisation: 'hz-transport',
    poster: 'gov@demo.local',
    title: '城市公交车载边缘计算客流感知应用场景',
    summary:
      '在 2 条公交线路开放车载终端与场站作为应用场景，需要基于边缘计算与物联网传感器的实时客流感知和调度优化技术，提升高峰时段运力匹配。',
    confidentialDetails: null,
    industryCode: 'iot',
    site: '杭州市 B1、B2 快速公交线路及 2 个首末站',
    dataAvailable: '线路 GPS 轨迹、刷卡客流数据（脱敏）、车载视频终端接口文档',
    timeline: '2027 年第二季度部署，试运行 6 个月',
    budgetMinWan: 80,
    budgetMaxWan: 200,
    region: '杭州',
  },
];

export async function seedScenarios(app: INestApplicationContext): Promise<void> {
  const dataSource = app.get(DataSource);
  await dataSource.getRepository(OrganisationEntity).update({ externalKey: 'seed:binhai-port' }, { stateOwned: true });
  const industries = new Set(
    (await dataSource.query<Array<{ code: string }>>('SELECT code FROM industries')).map((row) => row.code),
  );
  for (const scenario of SCENARIOS) {
    await dataSource.transaction(async (manager) => {
      const organisation = await manager.findOneByOrFail(OrganisationEntity, {
        externalKey: `seed:${scenario.organisation}`,
      });
      if (await manager.findOneBy(DemandEntity, { organisationId: organisation.id, externalId: scenario.externalId }))
        return;
      const poster = await manager.findOneBy(UserEntity, { email: scenario.poster });
      const { organisation: _o, poster: _p, ...content } = scenario;
      void _o;
      void _p;
      const demand = await manager.save(
        manager.create(DemandEntity, {
          ...content,
          industryCode: industries.has(content.industryCode) ? content.industryCode : [...industries][0],
          kind: DemandKind.APPLICATION_SCENARIO,
          organisationId: organisation.id,
          postedById: poster?.id ?? null,
          technicalIndicators: [],
          cooperationModes: [CooperationMode.TECHNICAL_SERVICE, CooperationMode.JOINT_DEVELOPMENT],
          deadline: new Date(Date.now() + 120 * DAY),
          anonymous: false,
          status: DemandStatus.OPEN,
          publishedAt: new Date(),
        }),
      );
      await recordOutboxChange(manager, OutboxSubject.DEMAND, demand.id);
    });
  }
  await seedCatalogueEntries(dataSource);
}

/** From the brokerage's deals in which an enterprise holds the achievement: one published entry, one pending. */
async function seedCatalogueEntries(dataSource: DataSource): Promise<void> {
  const admin = await dataSource.getRepository(UserEntity).findOneBy({ email: 'admin@demo.local' });
  const deals = await dataSource
    .getRepository(DealEntity)
    .createQueryBuilder('d')
    .where('d.targetType = :type', { type: MatchTargetType.ACHIEVEMENT })
    .andWhere('d.stage IN (:...stages)', { stages: [DealStage.REGISTERED, DealStage.CONTRACT_SIGNED] })
    .orderBy('d.stage', 'DESC')
    .addOrderBy('d.id')
    .getMany();
  const products = [
    {
      productName: '翼展 YZ-300 低空智能巡检无人机',
      description: '基于受让成果研制的工业级巡检无人机，续航 55 分钟，搭载缺陷识别模块，已在电力巡检中示范应用。',
      status: CatalogueEntryStatus.PUBLISHED,
    },
    {
      productName: '翼展机载轻量化复合材料部件',
      description: '来自受让科技成果的轻量化部件，减重 30%，申请纳入应用示范推荐目录。',
      status: CatalogueEntryStatus.PENDING,
    },
  ];
  const repo = dataSource.getRepository(CatalogueEntryEntity);
  for (const [index, product] of products.entries()) {
    const deal = deals[Math.min(index, deals.length - 1)];
    if (!deal) return;
    if (await repo.findOneBy({ dealId: deal.id, productName: product.productName })) continue;
    const applicant = await dataSource.getRepository(UserEntity).findOneBy({ email: 'enterprise@demo.local' });
    const now = new Date();
    await repo.save(
      repo.create({
        enterpriseId: deal.demandOrganisationId,
        applicantId: applicant?.id ?? admin!.id,
        achievementId: deal.targetId,
        dealId: deal.id,
        productName: product.productName,
        description: product.description,
        status: product.status,
        rejectionReason: null,
        decidedById: product.status === CatalogueEntryStatus.PUBLISHED ? (admin?.id ?? null) : null,
        decidedAt: product.status === CatalogueEntryStatus.PUBLISHED ? now : null,
        publishedAt: product.status === CatalogueEntryStatus.PUBLISHED ? now : null,
      }),
    );
  }
}
