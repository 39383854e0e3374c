/**
 * Brokerage demo data (called by scripts/seed.ts after the directory and the catalogue): entrustments, claims,
 * introductions at every consent state and deals across the stages — one REGISTERED with its 技术合同认定登记 —
 * with activity spread over the past weeks, so the bureau's funnel and stage durations show something.
 * Idempotent: each scenario is keyed by its pair and skipped when its introduction exists.
 */
import { INestApplicationContext } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AchievementEntity, AchievementStatus } from '@app/achievements';
import {
  commissionFor,
  DEFAULT_COMMISSION_RULE,
  DealActivityEntity,
  DealActivityKind,
  DealEntity,
  DealStage,
  DEAL_PATH,
  EntrustedSubject,
  EntrustmentEntity,
  IntroductionAcknowledgementEntity,
  IntroductionDeclineReason,
  IntroductionEntity,
  IntroductionSide,
  IntroductionStatus,
  ListingFeedbackEntity,
  MatchClaimEntity,
  PartyAnswer,
  TechContractType,
  CONFIDENTIALITY_TERMS_VERSION,
} from '@app/brokerage';
import { OutboxSubject, recordOutboxChange } from '@app/core';
import { DemandEntity, DemandStatus } from '@app/demands';
import { OrganisationEntity, UserEntity } from '@app/identity';
import { DeclineReason, MatchEntity, MatchStatus, MatchTargetType } from '@app/matching';

const DAY = 24 * 3600_000;

type Outcome =
  | { kind: 'PROPOSED' }
  | { kind: 'DECLINED'; reason: IntroductionDeclineReason; comment: string }
  | { kind: 'DEAL'; stage: DealStage; lostReason?: string; contractValueWan?: number };

/** Six pairs, from the oldest introduction (60 days ago) to the newest. */
const SCENARIOS: Array<{ daysAgo: number; outcome: Outcome }> = [
  {
    daysAgo: 60,
    outcome: { kind: 'DEAL', stage: DealStage.REGISTERED, contractValueWan: 180 },
  },
  { daysAgo: 50, outcome: { kind: 'DEAL', stage: DealStage.CLOSED_LOST, lostReason: '企业年度预算冻结' } },
  { daysAgo: 40, outcome: { kind: 'DEAL', stage: DealStage.CONTRACT_SIGNED, contractValueWan: 95 } },
  { daysAgo: 25, outcome: { kind: 'DEAL', stage: DealStage.NEGOTIATING } },
  {
    daysAgo: 15,
    outcome: { kind: 'DECLINED', reason: IntroductionDeclineReason.PRICE, comment: '报价超出预算' },
  },
  { daysAgo: 3, outcome: { kind: 'PROPOSED' } },
];

export interface BrokerageSeedSummary {
  introductionsCreated: number;
  dealsCreated: number;
  skipped: number;
}

export async function seedBrokerage(app: INestApplicationContext): Promise<BrokerageSeedSummary> {
  const dataSource = app.get(DataSource);
  const summary: BrokerageSeedSummary = { introductionsCreated: 0, dealsCreated: 0, skipped: 0 };
  const broker = await dataSource.getRepository(UserEntity).findOneBy({ email: 'broker@demo.local' });
  const agency = await dataSource.getRepository(OrganisationEntity).findOneBy({ externalKey: 'seed:huizhi-transfer' });
  const member = await dataSource.getRepository(UserEntity).findOneBy({ email: 'enterprise@demo.local' });
  const tto = await dataSource.getRepository(UserEntity).findOneBy({ email: 'tto@demo.local' });
  if (!broker || !agency || !member || !tto)
    throw new Error('seedBrokerage needs the demo directory (seedDirectory) first');

  const achievements = await dataSource.getRepository(AchievementEntity).find({
    where: {
      status: In([AchievementStatus.LISTED, AchievementStatus.IN_NEGOTIATION]),
      externalId: In(await seedIds(dataSource)),
    },
    order: { createdAt: 'ASC', id: 'ASC' },
    take: SCENARIOS.length + 2,
  });
  // The seed's own open demands (never a real user's).
  const demands = await dataSource
    .getRepository(DemandEntity)
    .createQueryBuilder('d')
    .innerJoin(OrganisationEntity, 'o', "o.id = d.organisation_id AND o.external_key LIKE 'seed:%'")
    .where('d.status = :open', { open: DemandStatus.OPEN })
    .orderBy('d.created_at', 'ASC')
    .addOrderBy('d.id', 'ASC')
    .limit(SCENARIOS.length)
    .getMany();
  if (achievements.length < SCENARIOS.length + 2 || demands.length === 0) {
    throw new Error('seedBrokerage needs the demo catalogue (seedCatalogue) first');
  }
  const now = Date.now();

  await dataSource.transaction(async (manager) => {
    // Serialises concurrent seeds; the checks below make a second run a no-op.
    await manager.query("SELECT pg_advisory_xact_lock(hashtext('seed:brokerage'))");

    // Two entrustments: an achievement by its TTO (exclusive for 30 days) and a demand by its enterprise.
    await entrust(manager, {
      subjectType: EntrustedSubject.ACHIEVEMENT,
      subjectId: achievements[SCENARIOS.length].id,
      ownerOrganisationId: achievements[SCENARIOS.length].institutionId,
      entrustedById: tto.id,
      brokerId: broker.id,
      agencyId: null,
      exclusiveUntil: new Date(now + 30 * DAY),
      note: '【演示】委托汇智技术转移中心独家推广 30 天',
    });
    await entrust(manager, {
      subjectType: EntrustedSubject.DEMAND,
      subjectId: demands[0].id,
      ownerOrganisationId: demands[0].organisationId,
      entrustedById: demands[0].postedById ?? member.id,
      brokerId: null,
      agencyId: agency.id,
      exclusiveUntil: null,
      note: '【演示】委托经纪机构寻找技术方案',
    });

    for (const [index, scenario] of SCENARIOS.entries()) {
      const demand = demands[index % demands.length];
      const achievement = achievements[index];
      const pair = { demandId: demand.id, targetType: MatchTargetType.ACHIEVEMENT, targetId: achievement.id };
      if (await manager.existsBy(IntroductionEntity, pair)) {
        summary.skipped++;
        continue;
      }
      const proposedAt = new Date(now - scenario.daysAgo * DAY);
      await backdateListing(manager, achievement, new Date(proposedAt.getTime() - 7 * DAY));
      const match = await ensureMatch(manager, pair, new Date(proposedAt.getTime() - 2 * DAY));
      const claim = await manager.save(
        manager.create(MatchClaimEntity, {
          matchId: match.id,
          brokerId: broker.id,
          agencyId: agency.id,
          claimedAt: new Date(proposedAt.getTime() - DAY),
          expiresAt: new Date(proposedAt.getTime() + 13 * DAY),
          releasedAt: null,
          releaseReason: null,
        }),
      );
      const introduction = manager.create(IntroductionEntity, {
        ...pair,
        matchId: match.id,
        claimId: claim.id,
        brokerId: broker.id,
        agencyId: agency.id,
        demandOrganisationId: demand.organisationId,
        targetOrganisationId: achievement.institutionId,
        message: '【演示】经纪人推荐：双方技术与需求高度吻合',
        status: IntroductionStatus.PROPOSED,
        createdAt: proposedAt,
      });
      const { outcome } = scenario;
      if (outcome.kind === 'DECLINED') {
        Object.assign(introduction, {
          status: IntroductionStatus.DECLINED,
          targetAnswer: PartyAnswer.DECLINED,
          targetAnsweredAt: new Date(proposedAt.getTime() + 30 * 3600_000),
          declinedBySide: IntroductionSide.TARGET,
          declineReason: outcome.reason,
          declineComment: outcome.comment,
        });
      } else if (outcome.kind === 'DEAL') {
        Object.assign(introduction, {
          status: IntroductionStatus.ACCEPTED,
          demandAnswer: PartyAnswer.ACCEPTED,
          demandAnsweredAt: new Date(proposedAt.getTime() + 5 * 3600_000),
          demandAnsweredById: demand.postedById,
          targetAnswer: PartyAnswer.ACCEPTED,
          targetAnsweredAt: new Date(proposedAt.getTime() + 26 * 3600_000),
          targetAnsweredById: achievement.representativeId,
          revealedAt: new Date(proposedAt.getTime() + 28 * 3600_000),
        });
      }
      const saved = await manager.save(introduction);
      summary.introductionsCreated++;
      if (outcome.kind === 'DECLINED') {
        await manager.insert(ListingFeedbackEntity, {
          listingType: 'DEMAND',
          listingId: demand.id,
          ownerOrganisationId: demand.organisationId,
          introductionId: saved.id,
          reason: outcome.reason,
          comment: outcome.comment,
        });
        await manager.update(
          MatchEntity,
          { id: match.id },
          { status: MatchStatus.DECLINED, declineReason: DeclineReason.TOO_EXPENSIVE },
        );
        await manager.update(
          MatchClaimEntity,
          { id: claim.id },
          { releasedAt: saved.targetAnsweredAt, releaseReason: 'RELEASED' },
        );
      }
      if (outcome.kind !== 'DEAL') continue;
      for (const [side, userId] of [
        [IntroductionSide.DEMAND, saved.demandAnsweredById],
        [IntroductionSide.TARGET, saved.targetAnsweredById],
      ] as const) {
        if (userId) {
          await manager.insert(IntroductionAcknowledgementEntity, {
            introductionId: saved.id,
            userId,
            side,
            termsVersion: CONFIDENTIALITY_TERMS_VERSION,
          });
        }
      }
      await seedDeal(manager, saved, outcome, new Date(proposedAt.getTime() + 26 * 3600_000), now);
      summary.dealsCreated++;
    }
  });
  return summary;
}

/** Walks a deal stage by stage, a week or so per stage, up to the scenario's stage (or lost after NDA). */
async function seedDeal(
  manager: EntityManager,
  introduction: IntroductionEntity,
  outcome: Extract<Outcome, { kind: 'DEAL' }>,
  createdAt: Date,
  now: number,
): Promise<void> {
  const path =
    outcome.stage === DealStage.CLOSED_LOST
      ? [DealStage.INTRODUCED, DealStage.NDA_SIGNED, DealStage.CLOSED_LOST]
      : DEAL_PATH.slice(0, DEAL_PATH.indexOf(outcome.stage) + 1);
  const stageDays = [6, 9, 12, 10, 5];
  const enteredAt: Date[] = [createdAt];
  for (let i = 1; i < path.length; i++) {
    enteredAt.push(
      new Date(Math.min(enteredAt[i - 1].getTime() + stageDays[i - 1] * DAY, now - (path.length - i) * 3600_000)),
    );
  }
  const registered = outcome.stage === DealStage.REGISTERED;
  const contractValueWan = outcome.contractValueWan ?? null;
  const deal = await manager.save(
    manager.create(DealEntity, {
      introductionId: introduction.id,
      demandId: introduction.demandId,
      targetType: introduction.targetType,
      targetId: introduction.targetId,
      brokerId: introduction.brokerId,
      agencyId: introduction.agencyId,
      demandOrganisationId: introduction.demandOrganisationId,
      targetOrganisationId: introduction.targetOrganisationId,
      stage: outcome.stage,
      stageEnteredAt: enteredAt[enteredAt.length - 1],
      lostReason: outcome.lostReason ?? null,
      agreedPriceWan: contractValueWan,
      contractValueWan,
      commissionWan: commissionFor(contractValueWan, DEFAULT_COMMISSION_RULE),
      registrationNumber: registered ? '2026330106000418' : null,
      contractType: registered ? TechContractType.LICENSE : null,
      technicalIncomeWan: registered ? 150 : null,
      registeredAt: registered ? enteredAt[enteredAt.length - 1] : null,
      lastActivityAt: enteredAt[enteredAt.length - 1],
      createdAt,
    }),
  );
  await manager.insert(
    DealActivityEntity,
    path.map((stage, i) => ({
      dealId: deal.id,
      kind: i === 0 ? DealActivityKind.CREATED : DealActivityKind.STAGE_CHANGED,
      actorId: i === 0 ? null : introduction.brokerId,
      fromStage: i === 0 ? null : path[i - 1],
      toStage: stage,
      body: stage === DealStage.CLOSED_LOST ? (outcome.lostReason ?? null) : null,
      createdAt: enteredAt[i],
    })),
  );
}

/**
 * The catalogue lists everything "now"; the demo history needs its listings to predate their matches. Changes
 * an indexed object, so the outbox row is written in the same transaction.
 */
async function backdateListing(manager: EntityManager, achievement: AchievementEntity, listedAt: Date): Promise<void> {
  if (achievement.listedAt && achievement.listedAt.getTime() <= listedAt.getTime()) return;
  await manager.update(AchievementEntity, { id: achievement.id }, { listedAt, reconfirmedAt: listedAt });
  await recordOutboxChange(manager, OutboxSubject.ACHIEVEMENT, achievement.id);
}

async function ensureMatch(
  manager: EntityManager,
  pair: { demandId: string; targetType: MatchTargetType; targetId: string },
  at: Date,
): Promise<MatchEntity> {
  // INTERESTED, not SUGGESTED: a rematch keeps rows the people involved acted on.
  await manager
    .createQueryBuilder()
    .insert()
    .into(MatchEntity)
    .values({
      ...pair,
      score: 0.8,
      explanation: { matchedTerms: [], missingTerms: [], textScore: 0.8, coverage: 0.7, factors: [] },
      engineVersion: 'seed-brokerage',
      status: MatchStatus.INTERESTED,
      computedAt: at,
      createdAt: at,
    })
    .orIgnore()
    .execute();
  const match = await manager.findOneByOrFail(MatchEntity, pair);
  if (match.status === MatchStatus.SUGGESTED || match.status === MatchStatus.VIEWED) {
    await manager.update(MatchEntity, { id: match.id }, { status: MatchStatus.INTERESTED });
  }
  return match;
}

async function entrust(
  manager: EntityManager,
  values: Omit<EntrustmentEntity, 'id' | 'createdAt' | 'revokedAt' | 'note'> & { note: string },
) {
  const exists = await manager.existsBy(EntrustmentEntity, {
    subjectType: values.subjectType,
    subjectId: values.subjectId,
    note: values.note,
  });
  if (!exists) await manager.insert(EntrustmentEntity, { ...values, revokedAt: null });
}

/** External ids of the catalogue's listed achievements (the seed's own, never a user's). */
async function seedIds(dataSource: DataSource): Promise<string[]> {
  const rows = await dataSource.query<Array<{ external_id: string }>>(
    `SELECT a.external_id FROM achievements a JOIN organisations o ON o.id = a.institution_id
     WHERE a.external_id IS NOT NULL AND o.external_key LIKE 'seed:%'`,
  );
  return rows.map((row) => row.external_id);
}
