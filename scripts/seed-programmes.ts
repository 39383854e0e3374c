/**
 * Programme demo data (called by scripts/seed.ts after the brokerage): one reward rule set, two new R&D
 * institutions linked to 明湖理工大学 with reports for last year (one verified, one waiting for the bureau), a
 * contract registered seven months ago whose 6-month follow-up asks 翼展航空 (enterprise@demo.local) now, and a
 * recent contract with an enterprise in the demo district (苏州) whose reward draft the worker raises (through the
 * intake job).
 * Idempotent: everything is keyed and skipped when present.
 */
import { INestApplicationContext } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AchievementEntity, AchievementStatus } from '@app/achievements';
import {
  DealEntity,
  DealStage,
  IntroductionEntity,
  IntroductionStatus,
  PartyAnswer,
  TechContractType,
} from '@app/brokerage';
import { JobName, JobQueue } from '@app/core';
import { DemandEntity } from '@app/demands';
import {
  MembershipEntity,
  MembershipStatus,
  OrganisationEntity,
  OrganisationKind,
  OrganisationVerificationStatus,
  PasswordHasher,
  Role,
  UserEntity,
} from '@app/identity';
import { MatchTargetType } from '@app/matching';
import { NotificationEntity, NotificationKind } from '@app/notifications';
import {
  EvaluationReportEntity,
  EvaluationReportStatus,
  EvaluationReportValueEntity,
  EvaluationSchemeEntity,
  EvaluationSchemeStatus,
  followUpDueDates,
  FollowUpStatus,
  IndicatorSource,
  IndicatorVerification,
  OutcomeFollowUpEntity,
  PlatformMetric,
  RdInstitutionPartnerEntity,
  RewardQualification,
  RewardRuleVersionEntity,
  ScoringMethod,
  shanghaiYear,
} from '@app/programmes';
import { seedVerifiedBrokerCredential } from './seed-credentials';

const DAY = 24 * 3600_000;
const DEMO_PASSWORD = 'demo-password-2026';

export interface ProgrammesSeedSummary {
  ruleVersions: number;
  reports: number;
  registeredContracts: number;
}

export async function seedProgrammes(app: INestApplicationContext): Promise<ProgrammesSeedSummary> {
  const dataSource = app.get(DataSource);
  const summary: ProgrammesSeedSummary = { ruleVersions: 0, reports: 0, registeredContracts: 0 };
  const byKey = (slug: string) =>
    dataSource.getRepository(OrganisationEntity).findOneBy({ externalKey: `seed:${slug}` });
  const university = await byKey('minghu-university');
  const lowAltitude = await byKey('newrd-low-altitude');
  const yizhan = await byKey('yizhan-aviation');
  const xingchen = await byKey('xingchen-manufacturing');
  const agency = await byKey('huizhi-transfer');
  const admin = await dataSource.getRepository(UserEntity).findOneBy({ email: 'admin@demo.local' });
  const member = await dataSource.getRepository(UserEntity).findOneBy({ email: 'enterprise@demo.local' });
  if (!university || !lowAltitude || !yizhan || !xingchen || !agency || !admin || !member)
    throw new Error('seedProgrammes needs the demo directory and catalogue first');
  const passwordHash = await app.get(PasswordHasher).hash(DEMO_PASSWORD);
  const registerIntake: string[] = [];

  await dataSource.transaction(async (manager) => {
    await manager.query("SELECT pg_advisory_xact_lock(hashtext('seed:programmes'))");

    // ---- rewards: one rule set ----
    if ((await manager.count(RewardRuleVersionEntity)) === 0) {
      await manager.insert(RewardRuleVersionEntity, {
        version: 1,
        name: '示范区赋权成果转化奖励办法（试行）',
        effectiveFrom: '2024-01-01',
        effectiveTo: null,
        terms: {
          qualifications: [
            RewardQualification.RIGHTS_CONFIRMED_CONTRACT_IN_DISTRICT,
            RewardQualification.INVENTOR_FOUNDED_COMPANY,
          ],
          // The demo district: the bureau's region and the demo enterprises' neighbouring ones.
          districtRegions: ['杭州', '苏州', '无锡'],
          contractTypes: ['TRANSFER', 'LICENSE'],
          sharePercent: 10,
          minTechnicalIncomeWan: 10,
          capPerItemWan: 50,
          capPerYearWan: 200,
          requiredEvidence: ['技术合同', '赋权协议', '技术性收入凭证'],
        },
        createdById: admin.id,
      });
      summary.ruleVersions = 1;
    }

    // ---- evaluation: a second new R&D institution, partners, a login, last year's scheme and reports ----
    await manager
      .createQueryBuilder()
      .insert()
      .into(OrganisationEntity)
      .values({
        name: '明湖智能制造研究院',
        kind: OrganisationKind.NEW_RD_INSTITUTION,
        region: '杭州',
        externalKey: 'seed:newrd-smart-manufacturing',
        verificationStatus: OrganisationVerificationStatus.VERIFIED,
        verifiedAt: new Date(),
      })
      .orIgnore()
      .execute();
    const smart = await manager.findOneByOrFail(OrganisationEntity, { externalKey: 'seed:newrd-smart-manufacturing' });
    await manager
      .createQueryBuilder()
      .insert()
      .into(RdInstitutionPartnerEntity)
      .values([lowAltitude, smart].map((institution) => ({ institutionId: institution.id, partnerId: university.id })))
      .orIgnore()
      .execute();
    await manager
      .createQueryBuilder()
      .insert()
      .into(UserEntity)
      .values({
        email: 'rd@demo.local',
        displayName: '低空院 赵主任',
        passwordHash,
        locale: 'zh',
        emailVerifiedAt: new Date(),
      })
      .orIgnore()
      .execute();
    const rdUser = await manager.findOneByOrFail(UserEntity, { email: 'rd@demo.local' });
    // The programme contracts have a broker of their own, so the brokerage demo's figures stay as they are.
    await manager
      .createQueryBuilder()
      .insert()
      .into(UserEntity)
      .values({
        email: 'broker2@demo.local',
        displayName: '汇智 孙经纪',
        passwordHash,
        locale: 'zh',
        emailVerifiedAt: new Date(),
      })
      .orIgnore()
      .execute();
    const broker = await manager.findOneByOrFail(UserEntity, { email: 'broker2@demo.local' });
    await manager
      .createQueryBuilder()
      .insert()
      .into(MembershipEntity)
      .values({ userId: broker.id, organisationId: agency.id, role: Role.BROKER, status: MembershipStatus.ACTIVE })
      .orIgnore()
      .execute();
    await seedVerifiedBrokerCredential(manager, broker.id, 'ZJ-JSJJR-2025-0213');
    await manager
      .createQueryBuilder()
      .insert()
      .into(MembershipEntity)
      .values({
        userId: rdUser.id,
        organisationId: lowAltitude.id,
        role: Role.TTO_OFFICER,
        status: MembershipStatus.ACTIVE,
      })
      .orIgnore()
      .execute();
    summary.reports = await seedEvaluation(manager, lowAltitude.id, smart.id);

    // ---- follow-ups: a contract registered 7 months ago, asked now; a recent one in the district for a reward ----
    const achievements = await manager.find(AchievementEntity, {
      where: { institutionId: university.id, status: In([AchievementStatus.LISTED, AchievementStatus.IN_NEGOTIATION]) },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: 2,
    });
    const yizhanDemand = await manager.findOne(DemandEntity, {
      where: { organisationId: yizhan.id },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    if (achievements.length < 2 || !yizhanDemand) throw new Error('seedProgrammes needs the demo catalogue first');
    // A demand of an enterprise in the demo district (苏州), for the contract the worker raises a reward draft for.
    const districtDemand = await manager.findOne(DemandEntity, {
      where: { organisationId: xingchen.id },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    if (!districtDemand) throw new Error('seedProgrammes needs the demo catalogue first');
    const now = Date.now();
    const old = await registeredContract(manager, {
      demand: yizhanDemand,
      achievement: achievements[0],
      brokerId: broker.id,
      agencyId: agency.id,
      registeredAt: new Date(now - 200 * DAY),
      registrationNumber: '2025330106000316',
      contractValueWan: 150,
      technicalIncomeWan: 120,
    });
    if (old) {
      summary.registeredContracts += 1;
      const [six, ...later] = followUpDueDates(old.registeredAt!);
      await manager.insert(OutcomeFollowUpEntity, [
        {
          dealId: old.id,
          monthsAfter: six.monthsAfter,
          dueAt: six.dueAt,
          status: FollowUpStatus.ASKED,
          askedAt: new Date(Math.max(six.dueAt.getTime(), now - DAY)),
          enterpriseId: yizhan.id,
          institutionId: university.id,
          industryCode: yizhanDemand.industryCode,
          registeredAt: old.registeredAt!,
        },
        ...later.map(({ monthsAfter, dueAt }) => ({
          dealId: old.id,
          monthsAfter,
          dueAt,
          enterpriseId: yizhan.id,
          institutionId: university.id,
          industryCode: yizhanDemand.industryCode,
          registeredAt: old.registeredAt!,
        })),
      ]);
      const asked = await manager.findOneByOrFail(OutcomeFollowUpEntity, { dealId: old.id, monthsAfter: 6 });
      await manager
        .createQueryBuilder()
        .insert()
        .into(NotificationEntity)
        .values({
          userId: member.id,
          kind: NotificationKind.OUTCOME_FOLLOW_UP,
          title: '请填写技术合同6个月成效跟踪 / 6-month outcome follow-up',
          body: `${old.registrationNumber} · 明湖理工大学`,
          data: { followUpId: asked.id, dealId: old.id, step: 'ask', path: `/follow-ups/${asked.id}` },
          dedupeKey: `follow-up:${asked.id}:ask:${member.id}`,
        })
        .orIgnore()
        .execute();
    }
    const recent = await registeredContract(manager, {
      demand: districtDemand,
      achievement: achievements[1],
      brokerId: broker.id,
      agencyId: agency.id,
      registeredAt: new Date(now - 20 * DAY),
      registrationNumber: '2026330106000521',
      contractValueWan: 320,
      technicalIncomeWan: 280,
    });
    if (recent) {
      summary.registeredContracts += 1;
      registerIntake.push(recent.id);
    }
  });
  // The worker takes the recent contract in as it would any registration: follow-ups and the reward draft.
  for (const dealId of registerIntake)
    await app.get(JobQueue).enqueue(JobName.ContractRegistered, { dealId }, { jobId: `contract-registered-${dealId}` });
  return summary;
}

async function seedEvaluation(manager: EntityManager, verifiedId: string, pendingId: string): Promise<number> {
  const year = shanghaiYear(new Date()) - 1;
  await manager
    .createQueryBuilder()
    .insert()
    .into(EvaluationSchemeEntity)
    .values({
      year,
      title: `${year} 年度新型研发机构绩效评价指标体系`,
      status: EvaluationSchemeStatus.OPEN,
      tiers: { excellent: 90, good: 75, pass: 60 },
      indicators: [
        {
          key: 'contracts',
          label: '技术合同登记数',
          weight: 20,
          source: IndicatorSource.PLATFORM,
          platformMetric: PlatformMetric.REGISTERED_CONTRACTS,
          method: ScoringMethod.THRESHOLDS,
          thresholds: [
            { min: 1, points: 60 },
            { min: 3, points: 80 },
            { min: 5, points: 100 },
          ],
        },
        {
          key: 'technical_income',
          label: '技术性收入（万元）',
          weight: 20,
          source: IndicatorSource.PLATFORM,
          platformMetric: PlatformMetric.TECHNICAL_INCOME_WAN,
          method: ScoringMethod.MIN_MAX,
          thresholds: [],
        },
        ...[
          ['incubated', '孵化引进企业数', 15],
          ['rd_staff_masters', '硕士以上研发人员数', 15],
          ['revenue', '营业收入（万元）', 20],
          ['patents', '授权发明专利数', 10],
        ].map(([key, label, weight]) => ({
          key: key as string,
          label: label as string,
          weight: weight as number,
          source: IndicatorSource.SELF_REPORTED,
          platformMetric: null,
          method: ScoringMethod.MIN_MAX,
          thresholds: [],
        })),
      ],
    })
    .orIgnore()
    .execute();
  const scheme = await manager.findOneByOrFail(EvaluationSchemeEntity, { year });
  let created = 0;
  const reports: Array<[string, EvaluationReportStatus, Record<string, number>]> = [
    [verifiedId, EvaluationReportStatus.VERIFIED, { incubated: 12, rd_staff_masters: 86, revenue: 5200, patents: 31 }],
    [pendingId, EvaluationReportStatus.SUBMITTED, { incubated: 7, rd_staff_masters: 54, revenue: 3600, patents: 18 }],
  ];
  for (const [institutionId, status, values] of reports) {
    if (await manager.existsBy(EvaluationReportEntity, { institutionId, year })) continue;
    const report = await manager.save(
      manager.create(EvaluationReportEntity, {
        schemeId: scheme.id,
        year,
        institutionId,
        status,
        submittedAt: new Date(Date.now() - 10 * DAY),
        verifiedAt: status === EvaluationReportStatus.VERIFIED ? new Date(Date.now() - 3 * DAY) : null,
      }),
    );
    await manager.insert(
      EvaluationReportValueEntity,
      scheme.indicators.map((indicator) => ({
        reportId: report.id,
        indicatorKey: indicator.key,
        source: indicator.source,
        value: indicator.source === IndicatorSource.PLATFORM ? 0 : values[indicator.key],
        links: [],
        verification:
          indicator.source === IndicatorSource.PLATFORM
            ? IndicatorVerification.PLATFORM
            : status === EvaluationReportStatus.VERIFIED
              ? IndicatorVerification.VERIFIED
              : IndicatorVerification.PENDING,
        verificationNote:
          status === EvaluationReportStatus.VERIFIED && indicator.source === IndicatorSource.SELF_REPORTED
            ? '【演示】已核验审计报告'
            : null,
      })),
    );
    created += 1;
  }
  return created;
}

/** An accepted introduction and its deal, registered at `registeredAt`; null when the pair already has one. */
async function registeredContract(
  manager: EntityManager,
  input: {
    demand: DemandEntity;
    achievement: AchievementEntity;
    brokerId: string;
    agencyId: string;
    registeredAt: Date;
    registrationNumber: string;
    contractValueWan: number;
    technicalIncomeWan: number;
  },
): Promise<DealEntity | null> {
  if (await manager.existsBy(DealEntity, { registrationNumber: input.registrationNumber })) return null;
  const pair = { demandId: input.demand.id, targetType: MatchTargetType.ACHIEVEMENT, targetId: input.achievement.id };
  if (await manager.existsBy(IntroductionEntity, pair)) return null;
  const introducedAt = new Date(input.registeredAt.getTime() - 45 * DAY);
  const introduction = await manager.save(
    manager.create(IntroductionEntity, {
      ...pair,
      brokerId: input.brokerId,
      agencyId: input.agencyId,
      demandOrganisationId: input.demand.organisationId,
      targetOrganisationId: input.achievement.institutionId,
      message: '【演示】建议洽谈',
      status: IntroductionStatus.ACCEPTED,
      demandAnswer: PartyAnswer.ACCEPTED,
      demandAnsweredAt: introducedAt,
      targetAnswer: PartyAnswer.ACCEPTED,
      targetAnsweredAt: introducedAt,
      createdAt: introducedAt,
    }),
  );
  return manager.save(
    manager.create(DealEntity, {
      introductionId: introduction.id,
      ...pair,
      brokerId: input.brokerId,
      agencyId: input.agencyId,
      demandOrganisationId: input.demand.organisationId,
      targetOrganisationId: input.achievement.institutionId,
      stage: DealStage.REGISTERED,
      stageEnteredAt: input.registeredAt,
      agreedPriceWan: input.contractValueWan,
      contractValueWan: input.contractValueWan,
      registrationNumber: input.registrationNumber,
      contractType: TechContractType.TRANSFER,
      technicalIncomeWan: input.technicalIncomeWan,
      registeredAt: input.registeredAt,
      lastActivityAt: input.registeredAt,
      createdAt: introducedAt,
    }),
  );
}
