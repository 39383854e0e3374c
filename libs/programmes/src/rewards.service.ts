import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Clock, Connection, fail, JobOutcome, notFound, pageNewestFirst } from '@app/core';
import {
  AchievementEntity,
  AchievementInventorEntity,
  AchievementStatus,
  AchievementTransitionEntity,
  isOnTeam,
  RightsProposalEntity,
} from '@app/achievements';
import { DealAmendmentEntity, DealEntity, DealStage } from '@app/brokerage';
import { FileOwnerKind, FilesService, StoredFileEntity } from '@app/files';
import { Actor, OrganisationEntity, Role } from '@app/identity';
import { MatchTargetType } from '@app/matching';
import { NotificationKind, NotificationsService } from '@app/notifications';
import { shanghaiYear } from './domain/calendar';
import {
  approvalProblem,
  assessEligibility,
  checkRewardTerms,
  planNewVersionPeriod,
  RewardRuleProblem,
  rewardAmount,
  RewardTerms,
  ruleVersionInForce,
} from './domain/reward-rules';
import { OutcomeFollowUpEntity } from './entities/follow-up.entities';
import {
  RewardApplicationEntity,
  RewardApplicationEventEntity,
  RewardApplicationStatus,
  RewardEventKind,
  RewardEvidence,
  RewardPrefill,
  RewardRuleVersionEntity,
} from './entities/reward.entities';
import { restrictToViewer, speaksForInstitution } from './programme-access';

/** Achievement statuses whose rights are confirmed (赋权) — before or after the listing. */
const RIGHTS_CONFIRMED: readonly AchievementStatus[] = [
  AchievementStatus.RIGHTS_CONFIRMED,
  AchievementStatus.LISTED,
  AchievementStatus.IN_NEGOTIATION,
  AchievementStatus.TRANSFERRED,
];

export interface NewRuleVersionInput {
  name: string;
  effectiveFrom: string;
  effectiveTo?: string | null;
  terms: RewardTerms;
}

export interface RewardApplicationFilter {
  status?: RewardApplicationStatus;
  awardYear?: number;
  institutionId?: string;
}

export enum RewardTotalsDimension {
  YEAR = 'YEAR',
  INSTITUTION = 'INSTITUTION',
  INDUSTRY = 'INDUSTRY',
}

export interface RewardTotalsRow {
  key: string;
  label: string;
  applications: number;
  submitted: number;
  approved: number;
  paid: number;
  approvedAmountWan: number;
  paidAmountWan: number;
}

/**
 * Transfer rewards (赋权成果转化奖励): versioned rules (ADMIN), drafts raised for qualifying registered contracts,
 * evidence and submission by the applicants (the institution's TTO and the achievement's team), the bureau's
 * review and payment, and totals. Visible to administrators, the institution's TTO and the team; NOT_FOUND
 * for everyone else.
 */
@Injectable()
export class RewardsService {
  private readonly logger = new Logger(RewardsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly files: FilesService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  // ---- rules ----

  ruleVersions(): Promise<RewardRuleVersionEntity[]> {
    return this.dataSource.getRepository(RewardRuleVersionEntity).find({ order: { version: 'DESC' } });
  }

  ruleVersionsByIds(ids: readonly string[]): Promise<RewardRuleVersionEntity[]> {
    return ids.length
      ? this.dataSource.getRepository(RewardRuleVersionEntity).findBy({ id: In([...ids]) })
      : Promise.resolve([]);
  }

  /**
   * A new version of the rules (ADMIN). Its period may not overlap another's; the version in force with an open
   * end is closed the day before the new one starts. Versions are never edited: applications keep theirs.
   */
  async createRuleVersion(actor: Actor, input: NewRuleVersionInput): Promise<RewardRuleVersionEntity> {
    if (!actor.isAdmin) throw fail('PROGRAMME_ACTION_FORBIDDEN', { action: 'define reward rules' });
    const terms: RewardTerms = {
      ...input.terms,
      districtRegions: [...new Set(input.terms.districtRegions.map((r) => r.trim()).filter(Boolean))],
      requiredEvidence: [...new Set(input.terms.requiredEvidence.map((r) => r.trim()).filter(Boolean))],
      qualifications: [...new Set(input.terms.qualifications)],
      contractTypes: [...new Set(input.terms.contractTypes)],
    };
    try {
      checkRewardTerms(terms);
    } catch (error) {
      if (error instanceof RewardRuleProblem)
        throw fail(error.reason, { ...error.params, field: `terms.${error.params.field}` });
      throw error;
    }
    return this.dataSource.transaction(async (manager) => {
      // One writer at a time: periods are checked against every version.
      await manager.query('LOCK TABLE reward_rule_versions IN SHARE ROW EXCLUSIVE MODE');
      const existing = await manager.find(RewardRuleVersionEntity, { order: { version: 'ASC' } });
      let plan;
      try {
        plan = planNewVersionPeriod(existing, {
          effectiveFrom: input.effectiveFrom,
          effectiveTo: input.effectiveTo ?? null,
        });
      } catch (error) {
        if (error instanceof RewardRuleProblem) throw fail(error.reason, { field: 'effectiveFrom', ...error.params });
        throw error;
      }
      if (plan.closes) {
        const before = new Date(Date.parse(`${input.effectiveFrom}T00:00:00Z`) - 24 * 3600_000)
          .toISOString()
          .slice(0, 10);
        await manager.update(RewardRuleVersionEntity, { id: plan.closes.id }, { effectiveTo: before });
      }
      const version = (existing.at(-1)?.version ?? 0) + 1;
      return manager.save(
        manager.create(RewardRuleVersionEntity, {
          version,
          name: input.name.trim(),
          effectiveFrom: input.effectiveFrom,
          effectiveTo: input.effectiveTo ?? null,
          terms,
          createdById: actor.userId,
        }),
      );
    });
  }

  // ---- drafts raised by the platform ----

  /**
   * Raises the draft application of a registered contract when it qualifies under the rules in force on its
   * registration date, prefilled from the platform's records; nothing when it does not (yet) qualify or already
   * has one. Safe to run again (a follow-up's answer may make a contract qualify later).
   */
  async raiseDraft(dealId: string): Promise<RewardApplicationEntity | null> {
    const application = await this.dataSource.transaction(async (manager) => {
      const deal = await manager.findOneBy(DealEntity, { id: dealId });
      if (!deal || !deal.registeredAt || !deal.registrationNumber) return null;
      if (deal.stage !== DealStage.REGISTERED && deal.stage !== DealStage.CLOSED_WON) return null;
      if (deal.targetType !== MatchTargetType.ACHIEVEMENT) return null;
      if (await manager.existsBy(RewardApplicationEntity, { dealId })) return null;
      const achievement = await manager.findOneBy(AchievementEntity, { id: deal.targetId });
      if (!achievement) return null;
      const versions = await manager.find(RewardRuleVersionEntity);
      const version = ruleVersionInForce(versions, deal.registeredAt);
      if (!version) return null;
      const enterprise = await manager.findOneBy(OrganisationEntity, { id: deal.demandOrganisationId });
      const followUps = await manager.find(OutcomeFollowUpEntity, { where: { dealId }, order: { monthsAfter: 'ASC' } });
      const rightsConfirmed = achievement.institutionOwned || RIGHTS_CONFIRMED.includes(achievement.status);
      const eligibility = assessEligibility(version.terms, {
        rightsConfirmed,
        enterpriseRegion: enterprise?.region ?? null,
        contractType: deal.contractType,
        technicalIncomeWan: deal.technicalIncomeWan,
        companyFoundedByInventors: followUps.some((followUp) => followUp.companyFounded === true),
      });
      if (!eligibility.eligible || !eligibility.qualification) return null;
      const awardYear = shanghaiYear(deal.registeredAt);
      await this.lockInstitutionYear(manager, achievement.institutionId, awardYear);
      const amount = rewardAmount(
        version.terms,
        deal.technicalIncomeWan ?? 0,
        await this.approvedThisYear(manager, achievement.institutionId, awardYear),
      );
      const proposal = await manager.findOneBy(RightsProposalEntity, { achievementId: achievement.id });
      const confirmation = await manager.findOne(AchievementTransitionEntity, {
        where: { achievementId: achievement.id, toStatus: AchievementStatus.RIGHTS_CONFIRMED },
        order: { createdAt: 'ASC' },
      });
      const prefill: RewardPrefill = {
        achievement: {
          id: achievement.id,
          title: achievement.title,
          status: achievement.status,
          institutionOwned: achievement.institutionOwned,
          ipType: achievement.ipType,
          ipRegistrationNumbers: achievement.ipRegistrationNumbers,
        },
        rights: {
          kind: proposal?.kind ?? null,
          teamSharePercent: proposal?.teamSharePercent ?? null,
          useRightYears: proposal?.useRightYears ?? null,
          agreementSignedAt: proposal?.agreementSignedAt?.toISOString() ?? null,
          rightsConfirmedAt: confirmation?.createdAt.toISOString() ?? null,
        },
        registration: {
          registrationNumber: deal.registrationNumber,
          contractType: deal.contractType,
          contractValueWan: deal.contractValueWan,
          technicalIncomeWan: deal.technicalIncomeWan,
          registeredAt: deal.registeredAt.toISOString(),
        },
        enterprise: { id: deal.demandOrganisationId, name: enterprise?.name ?? '', region: enterprise?.region ?? null },
        followUps: followUps.map((followUp) => ({
          monthsAfter: followUp.monthsAfter,
          status: followUp.status,
          productLaunched: followUp.productLaunched,
          companyFounded: followUp.companyFounded,
          revenueWan: followUp.revenueWan,
        })),
        eligibility: {
          qualification: eligibility.qualification,
          ruleVersion: version.version,
          uncappedWan: amount.uncappedWan,
          cappedBy: amount.cappedBy,
        },
      };
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(RewardApplicationEntity)
        .values({
          dealId,
          ruleVersionId: version.id,
          status: RewardApplicationStatus.DRAFT,
          qualification: eligibility.qualification,
          institutionId: achievement.institutionId,
          achievementId: achievement.id,
          enterpriseId: deal.demandOrganisationId,
          industryCode: achievement.industryCode,
          awardYear,
          registrationNumber: deal.registrationNumber,
          registeredAt: deal.registeredAt,
          technicalIncomeWan: deal.technicalIncomeWan ?? 0,
          // TypeORM's deep-partial type cannot express the JSON document; it is bound as a parameter.
          prefill: prefill as object,
          proposedAmountWan: amount.amountWan,
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      const id = (inserted.raw as Array<{ id: string }>)[0]?.id;
      if (!id) return null;
      await this.event(
        manager,
        id,
        null,
        RewardEventKind.RAISED,
        `rules v${version.version}: ${amount.amountWan} 万元`,
      );
      const saved = await manager.findOneByOrFail(RewardApplicationEntity, { id });
      await this.notifyApplicants(
        manager,
        saved,
        'raised',
        '转化奖励申请已生成，请补充材料 / A reward application was raised',
      );
      return saved;
    });
    if (application) this.logger.log(`Raised reward application ${application.id} for deal ${dealId}`);
    return application;
  }

  /**
   * A registered contract was amended (amendDealRegistration). An application not yet submitted (DRAFT, RETURNED)
   * is refreshed from the amended registration: number, date, contract value, technical income, and the amount by
   * the rules in force on the registration date. A submitted, approved or paid one is never changed silently: it is
   * flagged (registrationAmendedAt, with what changed and why) for the bureau's reviewer, who may return it. Safe
   * to run twice (the refresh is idempotent; the record notes each amendment once).
   */
  async followRegistrationAmendment(dealId: string, amendmentId: string): Promise<JobOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const application = await manager.findOne(RewardApplicationEntity, {
        where: { dealId },
        lock: { mode: 'pessimistic_write' },
      });
      const amendment = await manager.findOneBy(DealAmendmentEntity, { id: amendmentId });
      if (!application || !amendment) return 'skipped';
      const marker = `[${amendment.id}]`;
      const noted = await manager
        .createQueryBuilder(RewardApplicationEventEntity, 'e')
        .where('e.application_id = :id AND e.kind = :kind AND e.body LIKE :marker', {
          id: application.id,
          kind: RewardEventKind.REGISTRATION_AMENDED,
          marker: `%${marker}`,
        })
        .getExists();
      if (noted) return 'skipped';
      const changes = (Object.keys(amendment.after) as Array<keyof typeof amendment.after>)
        .filter((key) => amendment.before[key] !== amendment.after[key])
        .map((key) => `${key}: ${String(amendment.before[key] ?? '—')} → ${String(amendment.after[key] ?? '—')}`)
        .join('; ');
      const note = `${amendment.reason} (${changes})`;
      if (
        application.status === RewardApplicationStatus.DRAFT ||
        application.status === RewardApplicationStatus.RETURNED
      ) {
        const deal = await manager.findOneByOrFail(DealEntity, { id: dealId });
        await this.refreshFromRegistration(manager, application, deal);
        await this.event(manager, application.id, null, RewardEventKind.REGISTRATION_AMENDED, `${note} ${marker}`);
        await manager.save(application);
        await this.notifyApplicants(
          manager,
          application,
          `amended-${amendment.id}`,
          '技术合同登记已更正，申请已按更正后的登记更新 / The contract registration was amended; the application was updated',
        );
      } else {
        application.registrationAmendedAt = amendment.createdAt;
        application.registrationAmendmentNote = note;
        await this.event(
          manager,
          application.id,
          null,
          RewardEventKind.REGISTRATION_AMENDED,
          `submitted before the amendment, not changed: ${note} ${marker}`,
        );
        await manager.save(application);
      }
      return 'done';
    });
  }

  /**
   * The application's registration fields as the deal's registration now stands, the rule version in force on its
   * registration date and the amount those rules allow (in the caller's transaction, the application locked).
   */
  private async refreshFromRegistration(
    manager: EntityManager,
    application: RewardApplicationEntity,
    deal: DealEntity,
  ): Promise<void> {
    if (!deal.registeredAt || !deal.registrationNumber) return;
    const versions = await manager.find(RewardRuleVersionEntity);
    const version =
      ruleVersionInForce(versions, deal.registeredAt) ??
      versions.find((candidate) => candidate.id === application.ruleVersionId)!;
    application.registrationNumber = deal.registrationNumber;
    application.registeredAt = deal.registeredAt;
    application.awardYear = shanghaiYear(deal.registeredAt);
    application.technicalIncomeWan = deal.technicalIncomeWan ?? 0;
    application.ruleVersionId = version.id;
    await this.lockInstitutionYear(manager, application.institutionId, application.awardYear);
    const amount = rewardAmount(
      version.terms,
      application.technicalIncomeWan,
      await this.approvedThisYear(manager, application.institutionId, application.awardYear),
    );
    application.proposedAmountWan = amount.amountWan;
    application.prefill = {
      ...application.prefill,
      registration: {
        registrationNumber: deal.registrationNumber,
        contractType: deal.contractType,
        contractValueWan: deal.contractValueWan,
        technicalIncomeWan: deal.technicalIncomeWan,
        registeredAt: deal.registeredAt.toISOString(),
      },
      eligibility: {
        ...application.prefill.eligibility,
        ruleVersion: version.version,
        uncappedWan: amount.uncappedWan,
        cappedBy: amount.cappedBy,
      },
    };
  }

  // ---- reads ----

  async get(actor: Actor, id: string): Promise<RewardApplicationEntity> {
    const application = await this.dataSource.getRepository(RewardApplicationEntity).findOneBy({ id });
    if (!application || !(await this.maySee(actor, application))) throw fail('REWARD_APPLICATION_NOT_FOUND', { id });
    return application;
  }

  async list(
    actor: Actor,
    filter: RewardApplicationFilter,
    page: { first: number; after?: string },
  ): Promise<Connection<RewardApplicationEntity>> {
    const query = this.dataSource.getRepository(RewardApplicationEntity).createQueryBuilder('r');
    restrictToViewer(query, actor, { institution: 'r.institution_id', achievement: 'r.achievement_id' });
    if (filter.status) query.andWhere('r.status = :status', { status: filter.status });
    if (filter.awardYear) query.andWhere('r.award_year = :year', { year: filter.awardYear });
    if (filter.institutionId)
      query.andWhere('r.institution_id = :institutionId', { institutionId: filter.institutionId });
    return pageNewestFirst(query, 'r', page);
  }

  events(applicationIds: readonly string[]): Promise<RewardApplicationEventEntity[]> {
    return this.dataSource
      .getRepository(RewardApplicationEventEntity)
      .find({ where: { applicationId: In([...applicationIds]) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** What is left of the year's cap for the application's institution (null: no cap). */
  async yearRemaining(application: RewardApplicationEntity): Promise<number | null> {
    const version = await this.dataSource
      .getRepository(RewardRuleVersionEntity)
      .findOneBy({ id: application.ruleVersionId });
    if (!version || version.terms.capPerYearWan === null) return null;
    const approved = await this.approvedThisYear(
      this.dataSource.manager,
      application.institutionId,
      application.awardYear,
    );
    return Math.max(0, Math.round((version.terms.capPerYearWan - approved) * 10_000) / 10_000);
  }

  // ---- the applicants ----

  async update(
    actor: Actor,
    id: string,
    input: { applicantNote?: string | null; evidence?: Array<{ fileId: string; label: string }> },
  ): Promise<RewardApplicationEntity> {
    const { application, dropped } = await this.dataSource.transaction(async (manager) => {
      const application = await this.lockForApplicant(manager, actor, id, 'edit reward applications');
      this.assertStatus(application, [RewardApplicationStatus.DRAFT, RewardApplicationStatus.RETURNED]);
      if (input.applicantNote !== undefined) application.applicantNote = input.applicantNote?.trim() || null;
      const dropped: StoredFileEntity[] = [];
      if (input.evidence !== undefined) {
        // Evidence left out of the new list is removed as by removeEvidence: no file stays stored unlisted.
        const kept = new Set(input.evidence.map((item) => item.fileId));
        for (const item of application.evidence.filter((candidate) => !kept.has(candidate.fileId))) {
          dropped.push(
            await this.files.removeAttached(manager, item.fileId, { kind: FileOwnerKind.REWARD_EVIDENCE, ids: [id] }),
          );
        }
        const attached = await this.files.attach(
          manager,
          actor,
          input.evidence.map((item) => item.fileId),
          { kind: FileOwnerKind.REWARD_EVIDENCE, id },
        );
        application.evidence = input.evidence.map((item, index): RewardEvidence => ({
          fileId: item.fileId,
          label: item.label.trim(),
          name: attached[index].name,
        }));
      }
      await this.event(manager, id, actor.userId, RewardEventKind.UPDATED, null);
      return { application: await manager.save(application), dropped };
    });
    await this.files.purge(dropped);
    return application;
  }

  /**
   * Removes one piece of evidence and deletes its file (the applicants, while the application is a DRAFT or
   * RETURNED). A file that is not the application's evidence is NOT_FOUND.
   */
  async removeEvidence(actor: Actor, id: string, fileId: string): Promise<RewardApplicationEntity> {
    const { application, removed } = await this.dataSource.transaction(async (manager) => {
      const application = await this.lockForApplicant(manager, actor, id, 'edit reward applications');
      this.assertStatus(application, [RewardApplicationStatus.DRAFT, RewardApplicationStatus.RETURNED]);
      const item = application.evidence.find((candidate) => candidate.fileId === fileId);
      if (!item) throw notFound('File', fileId);
      const removed = await this.files.removeAttached(manager, fileId, {
        kind: FileOwnerKind.REWARD_EVIDENCE,
        ids: [id],
      });
      application.evidence = application.evidence.filter((candidate) => candidate.fileId !== fileId);
      await this.event(
        manager,
        id,
        actor.userId,
        RewardEventKind.UPDATED,
        `移除材料 / removed: ${item.label} · ${item.name}`,
      );
      return { application: await manager.save(application), removed };
    });
    await this.files.purge([removed]);
    return application;
  }

  /** Submits once every required piece of evidence is attached; the proposed amount is recomputed. */
  async submit(actor: Actor, id: string): Promise<RewardApplicationEntity> {
    return this.dataSource.transaction(async (manager) => {
      const application = await this.lockForApplicant(manager, actor, id, 'submit reward applications');
      this.assertStatus(application, [RewardApplicationStatus.DRAFT, RewardApplicationStatus.RETURNED]);
      if (application.registrationAmendedAt) {
        // Amended while it was with the bureau (and returned since): submitted again as the registration now is.
        await this.refreshFromRegistration(
          manager,
          application,
          await manager.findOneByOrFail(DealEntity, { id: application.dealId }),
        );
        application.registrationAmendedAt = null;
        application.registrationAmendmentNote = null;
      }
      const version = await manager.findOneByOrFail(RewardRuleVersionEntity, { id: application.ruleVersionId });
      const labels = new Set(application.evidence.map((item) => item.label));
      const missing = version.terms.requiredEvidence.filter((label) => !labels.has(label));
      if (missing.length > 0) throw fail('REWARD_EVIDENCE_MISSING', { field: 'evidence', missing });
      await this.lockInstitutionYear(manager, application.institutionId, application.awardYear);
      application.proposedAmountWan = rewardAmount(
        version.terms,
        application.technicalIncomeWan,
        await this.approvedThisYear(manager, application.institutionId, application.awardYear),
      ).amountWan;
      application.status = RewardApplicationStatus.SUBMITTED;
      application.submittedAt = this.clock.now();
      application.returnReason = null;
      await this.event(manager, id, actor.userId, RewardEventKind.SUBMITTED, `${application.proposedAmountWan} 万元`);
      return manager.save(application);
    });
  }

  // ---- the bureau ----

  /** Approves with an amount within the rules' caps (item, and what the institution's year has left). */
  async approve(
    actor: Actor,
    id: string,
    amountWan: number,
    comment?: string | null,
  ): Promise<RewardApplicationEntity> {
    return this.dataSource.transaction(async (manager) => {
      const application = await this.lockForBureau(manager, actor, id, 'approve reward applications');
      this.assertStatus(application, [RewardApplicationStatus.SUBMITTED]);
      const version = await manager.findOneByOrFail(RewardRuleVersionEntity, { id: application.ruleVersionId });
      await this.lockInstitutionYear(manager, application.institutionId, application.awardYear);
      const approved = await this.approvedThisYear(manager, application.institutionId, application.awardYear);
      const problem = approvalProblem(version.terms, application.technicalIncomeWan, approved, amountWan);
      if (problem) throw fail('REWARD_AMOUNT_OUT_OF_BOUNDS', { field: 'amountWan', maxWan: problem.maxWan });
      application.status = RewardApplicationStatus.APPROVED;
      application.approvedAmountWan = amountWan;
      application.reviewComment = comment?.trim() || null;
      application.reviewedAt = this.clock.now();
      application.reviewedById = actor.userId;
      await this.event(
        manager,
        id,
        actor.userId,
        RewardEventKind.APPROVED,
        `${amountWan} 万元${comment ? `: ${comment.trim()}` : ''}`,
      );
      const saved = await manager.save(application);
      await this.notifyApplicants(manager, saved, 'approved', `转化奖励已批准 ${amountWan} 万元 / Reward approved`);
      return saved;
    });
  }

  async returnToApplicants(actor: Actor, id: string, reason: string): Promise<RewardApplicationEntity> {
    if (!reason.trim()) throw fail('REASON_REQUIRED', { field: 'reason' });
    return this.dataSource.transaction(async (manager) => {
      const application = await this.lockForBureau(manager, actor, id, 'return reward applications');
      this.assertStatus(application, [RewardApplicationStatus.SUBMITTED]);
      application.status = RewardApplicationStatus.RETURNED;
      application.returnReason = reason.trim();
      application.reviewedAt = this.clock.now();
      application.reviewedById = actor.userId;
      await this.event(manager, id, actor.userId, RewardEventKind.RETURNED, reason.trim());
      const saved = await manager.save(application);
      await this.notifyApplicants(
        manager,
        saved,
        `returned-${saved.reviewedAt!.getTime()}`,
        '转化奖励申请被退回，请修改 / A reward application was returned',
      );
      return saved;
    });
  }

  /** Records the payment of an approved reward (at most the approved amount). */
  async recordPayment(
    actor: Actor,
    id: string,
    input: { paidAmountWan: number; paidAt: Date; reference?: string | null },
  ): Promise<RewardApplicationEntity> {
    return this.dataSource.transaction(async (manager) => {
      const application = await this.lockForBureau(manager, actor, id, 'record reward payments');
      this.assertStatus(application, [RewardApplicationStatus.APPROVED]);
      if (!(input.paidAmountWan > 0) || input.paidAmountWan > application.approvedAmountWan!) {
        throw fail('REWARD_AMOUNT_OUT_OF_BOUNDS', { field: 'paidAmountWan', maxWan: application.approvedAmountWan! });
      }
      application.status = RewardApplicationStatus.PAID;
      application.paidAmountWan = input.paidAmountWan;
      application.paidAt = input.paidAt;
      application.paymentReference = input.reference?.trim() || null;
      await this.event(
        manager,
        id,
        actor.userId,
        RewardEventKind.PAID,
        `${input.paidAmountWan} 万元${application.paymentReference ? ` (${application.paymentReference})` : ''}`,
      );
      const saved = await manager.save(application);
      await this.notifyApplicants(manager, saved, 'paid', `转化奖励已发放 ${input.paidAmountWan} 万元 / Reward paid`);
      return saved;
    });
  }

  /** Applications and amounts by award year, institution or industry (ADMIN). */
  async totals(actor: Actor, dimension: RewardTotalsDimension, awardYear?: number | null): Promise<RewardTotalsRow[]> {
    if (!actor.isAdmin) throw fail('PROGRAMME_ACTION_FORBIDDEN', { action: 'read reward totals' });
    const key = {
      [RewardTotalsDimension.YEAR]: 'r.award_year::text',
      [RewardTotalsDimension.INSTITUTION]: 'r.institution_id::text',
      [RewardTotalsDimension.INDUSTRY]: "COALESCE(r.industry_code, '')",
    }[dimension];
    const label = {
      [RewardTotalsDimension.YEAR]: 'r.award_year::text',
      [RewardTotalsDimension.INSTITUTION]: 'min(o.name)',
      [RewardTotalsDimension.INDUSTRY]: "COALESCE(min(i.name_zh), min(r.industry_code), '')",
    }[dimension];
    const rows = await this.dataSource.query<Array<Record<string, string>>>(
      `SELECT ${key} AS key, ${label} AS label, count(*) AS applications,
         count(*) FILTER (WHERE r.status = 'SUBMITTED') AS submitted,
         count(*) FILTER (WHERE r.status IN ('APPROVED', 'PAID')) AS approved,
         count(*) FILTER (WHERE r.status = 'PAID') AS paid,
         COALESCE(sum(r.approved_amount_wan) FILTER (WHERE r.status IN ('APPROVED', 'PAID')), 0) AS approved_amount,
         COALESCE(sum(r.paid_amount_wan) FILTER (WHERE r.status = 'PAID'), 0) AS paid_amount
       FROM reward_applications r
       LEFT JOIN organisations o ON o.id = r.institution_id
       LEFT JOIN industries i ON i.code = r.industry_code
       WHERE ($1::int IS NULL OR r.award_year = $1)
       GROUP BY ${key} ORDER BY ${key}`,
      [awardYear ?? null],
    );
    return rows.map((row) => ({
      key: row.key,
      label: row.label,
      applications: Number(row.applications),
      submitted: Number(row.submitted),
      approved: Number(row.approved),
      paid: Number(row.paid),
      approvedAmountWan: Number(row.approved_amount),
      paidAmountWan: Number(row.paid_amount),
    }));
  }

  // ---- internals ----

  private async maySee(actor: Actor, application: RewardApplicationEntity): Promise<boolean> {
    if (actor.isAdmin || speaksForInstitution(actor, application.institutionId)) return true;
    return this.onTeam(this.dataSource.manager, actor, application.achievementId);
  }

  private async onTeam(manager: EntityManager, actor: Actor, achievementId: string): Promise<boolean> {
    const achievement = await manager.findOneBy(AchievementEntity, { id: achievementId });
    if (!achievement) return false;
    const inventors = await manager.findBy(AchievementInventorEntity, { achievementId });
    return isOnTeam(actor, achievement, inventors);
  }

  private async lock(manager: EntityManager, actor: Actor, id: string): Promise<RewardApplicationEntity> {
    const application = await manager.findOne(RewardApplicationEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!application || !(await this.maySee(actor, application))) throw fail('REWARD_APPLICATION_NOT_FOUND', { id });
    return application;
  }

  /** The institution's TTO or a team member who is a researcher of the institution. */
  private async lockForApplicant(manager: EntityManager, actor: Actor, id: string, action: string) {
    const application = await this.lock(manager, actor, id);
    const applicant =
      speaksForInstitution(actor, application.institutionId) ||
      (actor.hasRole(Role.RESEARCHER, application.institutionId) &&
        (await this.onTeam(manager, actor, application.achievementId)));
    if (!applicant) throw fail('PROGRAMME_ACTION_FORBIDDEN', { action });
    return application;
  }

  private async lockForBureau(manager: EntityManager, actor: Actor, id: string, action: string) {
    const application = await this.lock(manager, actor, id);
    if (!actor.isAdmin) throw fail('PROGRAMME_ACTION_FORBIDDEN', { action });
    return application;
  }

  private assertStatus(application: RewardApplicationEntity, allowed: readonly RewardApplicationStatus[]): void {
    if (!allowed.includes(application.status)) {
      throw fail('REWARD_APPLICATION_WRONG_STATUS', {
        currentStatus: application.status,
        allowedStatuses: [...allowed],
      });
    }
  }

  /** Serialises decisions about one institution's year, so two approvals cannot both take the last of its cap. */
  private async lockInstitutionYear(manager: EntityManager, institutionId: string, year: number): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`reward-cap:${institutionId}:${year}`]);
  }

  private async approvedThisYear(manager: EntityManager, institutionId: string, year: number): Promise<number> {
    const [row] = await manager.query<Array<{ total: string | null }>>(
      `SELECT sum(approved_amount_wan) AS total FROM reward_applications
       WHERE institution_id = $1 AND award_year = $2 AND status IN ('APPROVED', 'PAID')`,
      [institutionId, year],
    );
    return Number(row?.total ?? 0);
  }

  private async event(
    manager: EntityManager,
    applicationId: string,
    actorId: string | null,
    kind: RewardEventKind,
    body: string | null,
  ): Promise<void> {
    await manager.insert(RewardApplicationEventEntity, { applicationId, actorId, kind, body });
  }

  /** In-app, to the institution's TTO officers and the team's members with accounts. */
  private async notifyApplicants(
    manager: EntityManager,
    application: RewardApplicationEntity,
    what: string,
    title: string,
  ): Promise<void> {
    const rows = await manager.query<Array<{ user_id: string }>>(
      `SELECT m.user_id FROM memberships m WHERE m.organisation_id = $1 AND m.status = 'ACTIVE'
         AND (m.role = 'TTO_OFFICER' OR m.org_admin)
       UNION SELECT a.owner_id FROM achievements a WHERE a.id = $2 AND a.owner_id IS NOT NULL
       UNION SELECT a.representative_id FROM achievements a WHERE a.id = $2 AND a.representative_id IS NOT NULL
       UNION SELECT ai.user_id FROM achievement_inventors ai WHERE ai.achievement_id = $2 AND ai.user_id IS NOT NULL`,
      [application.institutionId, application.achievementId],
    );
    await this.notifications.notifyMany(
      rows.map((row) => ({
        userId: row.user_id,
        kind: NotificationKind.REWARD_APPLICATION,
        title,
        body: `${application.prefill.achievement.title} · ${application.registrationNumber}`,
        data: { rewardApplicationId: application.id, path: `/workspace/rewards/${application.id}` },
        dedupeKey: `reward:${application.id}:${what}:${row.user_id}`,
      })),
      manager,
    );
  }
}
