import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  AppConfig,
  Clock,
  Connection,
  fail,
  JobIntentRelay,
  JobName,
  JobOutcome,
  JobQueue,
  pageNewestFirst,
  recordJobIntent,
} from '@app/core';
import { AchievementEntity } from '@app/achievements';
import { DealEntity } from '@app/brokerage';
import { DemandEntity } from '@app/demands';
import { Actor, OrganisationEntity } from '@app/identity';
import { MatchTargetType } from '@app/matching';
import { MailSendError, NotificationKind, NotificationsService, SmtpMailer } from '@app/notifications';
import {
  dueFollowUpStep,
  followUpDueDates,
  FollowUpStatus,
  FollowUpStep,
  nextFollowUpStep,
} from './domain/follow-up-schedule';
import { OutcomeFollowUpEntity, ProgrammeEmailEntity, ProgrammeEmailStatus } from './entities/follow-up.entities';
import { memberOfEnterprise, restrictToViewer, speaksForInstitution } from './programme-access';
import { RewardsService } from './rewards.service';

export interface FollowUpAnswer {
  productLaunched: boolean;
  revenueWan?: number | null;
  jobsCreated?: number | null;
  followOnInvestmentWan?: number | null;
  companyFounded: boolean;
  companyName?: string | null;
  note?: string | null;
}

/** Pending emails older than this are handed to the queue again by the sweep (their job was lost). */
const EMAIL_RESEND_AFTER_MS = 10 * 60_000;

/**
 * Outcome follow-ups (成果转化成效跟踪): taken in when a contract is registered (three per contract), asked of the
 * enterprise when due — in-app and by email — with two reminders, then lapsed. Each step runs as a delayed job
 * with a deterministic id (`follow-up-<id>-<step>`); the hourly sweep performs any step whose job was lost. The
 * enterprise's members answer; administrators and the institution's TTO read; NOT_FOUND for everyone else.
 */
@Injectable()
export class FollowUpsService {
  private readonly logger = new Logger(FollowUpsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly intents: JobIntentRelay,
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
    private readonly mailer: SmtpMailer,
    private readonly rewards: RewardsService,
    private readonly config: AppConfig,
  ) {}

  // ---- taking a registered contract in ----

  /**
   * Schedules the 6/12/36-month follow-ups of a registered contract and raises its reward draft when it
   * qualifies. Idempotent: the follow-ups are unique per (deal, months), the draft per deal.
   */
  async takeIn(dealId: string): Promise<JobOutcome> {
    const created = await this.dataSource.transaction(async (manager) => {
      const deal = await manager.findOneBy(DealEntity, { id: dealId });
      if (!deal?.registeredAt) return null;
      const demand = await manager.findOneBy(DemandEntity, { id: deal.demandId });
      const achievement =
        deal.targetType === MatchTargetType.ACHIEVEMENT
          ? await manager.findOneBy(AchievementEntity, { id: deal.targetId })
          : null;
      const result = await manager
        .createQueryBuilder()
        .insert()
        .into(OutcomeFollowUpEntity)
        .values(
          followUpDueDates(deal.registeredAt).map(({ monthsAfter, dueAt }) => ({
            dealId,
            monthsAfter,
            dueAt,
            enterpriseId: deal.demandOrganisationId,
            institutionId: deal.targetOrganisationId,
            industryCode: demand?.industryCode ?? achievement?.industryCode ?? null,
            registeredAt: deal.registeredAt!,
          })),
        )
        .orIgnore()
        .returning(['id'])
        .execute();
      const ids = (result.raw as Array<{ id: string }>).map((row) => row.id);
      // Each follow-up's first step is a job intent committed with it (the hourly sweep remains a second net).
      for (const id of ids) await this.recordNextStep(manager, id);
      return ids;
    });
    if (created === null) return 'skipped';
    if (created.length > 0) await this.intents.relayNow();
    await this.rewards.raiseDraft(dealId);
    return created.length > 0 ? 'done' : 'skipped';
  }

  // ---- steps (jobs) ----

  /**
   * Performs the follow-up's step that is due now (ask, remind, lapse) and schedules the next. A job that fires
   * before its step is due does nothing (the step's own job, or the sweep, performs it when due).
   */
  async step(followUpId: string): Promise<JobOutcome> {
    const performed = await this.dataSource.transaction(async (manager) => {
      const followUp = await manager.findOne(OutcomeFollowUpEntity, {
        where: { id: followUpId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!followUp) return null;
      const now = this.clock.now();
      const step = dueFollowUpStep(followUp, now);
      if (!step) return null;
      await this.perform(manager, followUp, step, now);
      // The step's emails and the next step commit with it, as job intents.
      await this.recordPendingEmails(manager, followUpId, step.key);
      await this.recordNextStep(manager, followUpId);
      return step;
    });
    if (!performed) return 'skipped';
    await this.intents.relayNow();
    return 'done';
  }

  private async perform(manager: EntityManager, followUp: OutcomeFollowUpEntity, step: FollowUpStep, now: Date) {
    switch (step.kind) {
      case 'ASK':
        followUp.status = FollowUpStatus.ASKED;
        followUp.askedAt = now;
        await this.askEnterprise(manager, followUp, step.key, false);
        break;
      case 'REMIND':
        followUp.remindersSent = step.reminder;
        await this.askEnterprise(manager, followUp, step.key, true);
        break;
      case 'LAPSE':
        followUp.status = FollowUpStatus.LAPSED;
        followUp.lapsedAt = now;
        break;
    }
    await manager.save(followUp);
  }

  /** In-app notifications and email rows for every member of the enterprise, once per step (unique keys). */
  private async askEnterprise(
    manager: EntityManager,
    followUp: OutcomeFollowUpEntity,
    step: string,
    reminder: boolean,
  ) {
    const deal = await manager.findOneByOrFail(DealEntity, { id: followUp.dealId });
    const institution = await manager.findOneBy(OrganisationEntity, { id: followUp.institutionId });
    const members = await manager.query<Array<{ id: string; email: string; display_name: string }>>(
      `SELECT u.id, u.email, u.display_name FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.organisation_id = $1 AND m.role = 'ENTERPRISE_MEMBER' AND m.status = 'ACTIVE' ORDER BY u.id`,
      [followUp.enterpriseId],
    );
    const what = `${deal.registrationNumber ?? ''} · ${institution?.name ?? ''}`;
    const title = reminder
      ? `提醒：请填写技术合同${followUp.monthsAfter}个月成效跟踪 / Reminder: ${followUp.monthsAfter}-month outcome follow-up`
      : `请填写技术合同${followUp.monthsAfter}个月成效跟踪 / ${followUp.monthsAfter}-month outcome follow-up`;
    await this.notifications.notifyMany(
      members.map((member) => ({
        userId: member.id,
        kind: NotificationKind.OUTCOME_FOLLOW_UP,
        title,
        body: what,
        // `path`: the in-app notification opens the questionnaire, as the email's link does.
        data: { followUpId: followUp.id, dealId: followUp.dealId, step, path: `/follow-ups/${followUp.id}` },
        dedupeKey: `follow-up:${followUp.id}:${step}:${member.id}`,
      })),
      manager,
    );
    const link = `${this.config.PUBLIC_URL.replace(/\/$/, '')}/follow-ups/${followUp.id}`;
    if (members.length === 0) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(ProgrammeEmailEntity)
      .values(
        members.map((member) => ({
          followUpId: followUp.id,
          step,
          userId: member.id,
          toAddress: member.email,
          subject: title,
          body: [
            `${member.display_name}，您好：`,
            '',
            `技术合同 ${what} 登记已满 ${followUp.monthsAfter} 个月。请告诉我们它带来的成效：产品是否上市、可归属的收入、新增就业、后续投资、是否成立公司。`,
            `The technology contract ${what} was registered ${followUp.monthsAfter} months ago. Please tell us what came of it: product launched, revenue attributable, jobs, follow-on investment, company founded.`,
            '',
            link,
          ].join('\n'),
        })),
      )
      .orIgnore()
      .execute();
  }

  /** Job intents for the delivery of the step's pending emails, in the step's transaction. */
  private async recordPendingEmails(manager: EntityManager, followUpId: string, step: string): Promise<void> {
    const emails = await manager.findBy(ProgrammeEmailEntity, {
      followUpId,
      step,
      status: ProgrammeEmailStatus.PENDING,
    });
    for (const email of emails)
      await recordJobIntent(
        manager,
        JobName.DeliverProgrammeEmail,
        { messageId: email.id },
        { jobId: `programme-email-${email.id}` },
      );
  }

  /** A job intent for the follow-up's next step, due when it is (deterministic id per step). */
  private async recordNextStep(manager: EntityManager, followUpId: string): Promise<void> {
    const followUp = await manager.findOneBy(OutcomeFollowUpEntity, { id: followUpId });
    if (!followUp) return;
    const step = nextFollowUpStep(followUp);
    if (!step) return;
    await recordJobIntent(
      manager,
      JobName.FollowUpStep,
      { followUpId },
      { jobId: `follow-up-${followUpId}-${step.key}`, runAt: step.at },
    );
  }

  /**
   * Sends one email at most once: the row turns COMMITTING just before the message's end is sent, so a crash
   * afterwards never sends it again; a refusal before that point leaves it PENDING for a retry.
   */
  async deliverEmail(messageId: string): Promise<JobOutcome> {
    const repository = this.dataSource.getRepository(ProgrammeEmailEntity);
    const email = await repository.findOneBy({ id: messageId });
    if (!email || email.status !== ProgrammeEmailStatus.PENDING) return 'skipped';
    await repository.increment({ id: messageId }, 'attempts', 1);
    try {
      await this.mailer.send(
        {
          to: email.toAddress,
          subject: email.subject,
          text: email.body,
          html: `<pre style="font-family:inherit;white-space:pre-wrap">${escapeHtml(email.body)}</pre>`,
          messageId: `<programme-${email.id}@techtransfer>`,
        },
        async () => {
          const result = await repository.update(
            { id: messageId, status: ProgrammeEmailStatus.PENDING },
            { status: ProgrammeEmailStatus.COMMITTING },
          );
          return (result.affected ?? 0) === 1;
        },
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof MailSendError && error.outcome === 'notAccepted') {
        await repository.update(
          { id: messageId, status: ProgrammeEmailStatus.COMMITTING },
          { status: ProgrammeEmailStatus.PENDING, lastError: message },
        );
        throw error;
      }
      await repository.update({ id: messageId }, { lastError: message });
      this.logger.warn(`Programme email ${messageId}: outcome unknown, not resent (${message})`);
      return 'done';
    }
    await repository.update({ id: messageId }, { status: ProgrammeEmailStatus.SENT, sentAt: this.clock.now() });
    return 'done';
  }

  /**
   * The safety net (hourly): registered contracts never taken in, follow-up steps due whose job was lost, and
   * emails still pending long after their step. Each is done by the same idempotent code as its job.
   */
  async sweep(): Promise<{ takenIn: number; steps: number; emails: number }> {
    const now = this.clock.now();
    const untaken = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT d.id FROM deals d WHERE d.registered_at IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM outcome_follow_ups f WHERE f.deal_id = d.id)
       ORDER BY d.registered_at LIMIT 500`,
    );
    for (const row of untaken) await this.takeIn(row.id);
    const pending = await this.dataSource
      .getRepository(OutcomeFollowUpEntity)
      .createQueryBuilder('f')
      .where("f.status IN ('SCHEDULED', 'ASKED')")
      .andWhere('f.due_at <= :now', { now })
      .orderBy('f.due_at', 'ASC')
      .limit(1000)
      .getMany();
    let steps = 0;
    for (const followUp of pending) {
      if (dueFollowUpStep(followUp, now) && (await this.step(followUp.id)) === 'done') steps += 1;
    }
    const emails = await this.dataSource
      .getRepository(ProgrammeEmailEntity)
      .createQueryBuilder('e')
      .where("e.status = 'PENDING'")
      .andWhere('e.created_at <= :before', { before: new Date(now.getTime() - EMAIL_RESEND_AFTER_MS) })
      .limit(1000)
      .getMany();
    await this.jobs.enqueueBulk(
      JobName.DeliverProgrammeEmail,
      emails.map((email) => ({ data: { messageId: email.id }, options: { jobId: `programme-email-${email.id}` } })),
    );
    return { takenIn: untaken.length, steps, emails: emails.length };
  }

  // ---- the enterprise answers ----

  async answer(actor: Actor, id: string, input: FollowUpAnswer): Promise<OutcomeFollowUpEntity> {
    const saved = await this.dataSource.transaction(async (manager) => {
      const followUp = await manager.findOne(OutcomeFollowUpEntity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!followUp || !this.maySee(actor, followUp)) throw fail('FOLLOW_UP_NOT_FOUND', { id });
      if (!memberOfEnterprise(actor, followUp.enterpriseId)) {
        throw fail('PROGRAMME_ACTION_FORBIDDEN', { action: 'answer follow-ups of another enterprise' });
      }
      if (followUp.status === FollowUpStatus.SCHEDULED) throw fail('FOLLOW_UP_NOT_DUE', { field: 'followUpId' });
      Object.assign(followUp, {
        status: FollowUpStatus.ANSWERED,
        answeredAt: this.clock.now(),
        answeredById: actor.userId,
        productLaunched: input.productLaunched,
        revenueWan: input.revenueWan ?? null,
        jobsCreated: input.jobsCreated ?? null,
        followOnInvestmentWan: input.followOnInvestmentWan ?? null,
        companyFounded: input.companyFounded,
        companyName: input.companyName?.trim() || null,
        note: input.note?.trim() || null,
      });
      return manager.save(followUp);
    });
    // An answer may make the contract qualify for a reward (a company founded with the achievement).
    if (saved.companyFounded) await this.rewards.raiseDraft(saved.dealId);
    return saved;
  }

  // ---- reads ----

  maySee(actor: Actor, followUp: OutcomeFollowUpEntity): boolean {
    return (
      actor.isAdmin ||
      memberOfEnterprise(actor, followUp.enterpriseId) ||
      speaksForInstitution(actor, followUp.institutionId)
    );
  }

  async get(actor: Actor, id: string): Promise<OutcomeFollowUpEntity> {
    const followUp = await this.dataSource.getRepository(OutcomeFollowUpEntity).findOneBy({ id });
    if (!followUp || !this.maySee(actor, followUp)) throw fail('FOLLOW_UP_NOT_FOUND', { id });
    return followUp;
  }

  async list(
    actor: Actor,
    filter: { status?: FollowUpStatus; dealId?: string },
    page: { first: number; after?: string },
  ): Promise<Connection<OutcomeFollowUpEntity>> {
    const query = this.dataSource.getRepository(OutcomeFollowUpEntity).createQueryBuilder('f');
    restrictToViewer(query, actor, { institution: 'f.institution_id', enterprise: 'f.enterprise_id' });
    if (filter.status) query.andWhere('f.status = :status', { status: filter.status });
    if (filter.dealId) query.andWhere('f.deal_id = :dealId', { dealId: filter.dealId });
    return pageNewestFirst(query, 'f', page);
  }

  followUpsOfDeals(dealIds: readonly string[]): Promise<OutcomeFollowUpEntity[]> {
    return this.dataSource
      .getRepository(OutcomeFollowUpEntity)
      .find({ where: { dealId: In([...dealIds]) }, order: { monthsAfter: 'ASC' } });
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
