import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  badInput,
  fail,
  Clock,
  Connection,
  countOf,
  decodeCursor,
  ERROR_REASONS,
  ErrorReason,
  forbidden,
  JobIntentRelay,
  JobName,
  notFound,
  readPlatformSettings,
  pageNewestFirst,
  recordJobIntent,
  toConnection,
} from '@app/core';
import { AchievementEntity } from '@app/achievements';
import { FileOwnerKind, FilesService } from '@app/files';
import { Actor, assertEmailVerified, Role } from '@app/identity';
import { MatchTargetType } from '@app/matching';
import { NotificationEventsService, NotificationKind, NotificationsService, SCREENS } from '@app/notifications';
import { BrokerageSettingsService } from './brokerage-settings.service';
import { DEFAULT_IDLE_REMINDER_DAYS } from './domain/claim-period';
import { commissionFor } from './domain/commission';
import {
  AgreedPrice,
  checkedRegistration,
  DealMoveViolation,
  DealRole,
  DealStage,
  isClosed,
  nextStages,
  planDealMove,
  priceNoticeProblem,
  Registration,
  TechContractType,
} from './domain/deal-workflow';
import {
  DealActivityEntity,
  DealActivityKind,
  DealAmendmentEntity,
  DealEntity,
  DealReminderEntity,
  DealTaskEntity,
  PriceNoticeStatus,
  RegistrationSnapshot,
} from './entities/deal.entity';
import { BrokerCredentialsService } from './broker-credentials.service';
import { MarketService } from './market.service';
import { PartiesService, restrictToParticipants, RIGHTS_CONFIRMED_STATUSES } from './parties.service';
import { pairTitle, partyAudiences } from './notification-parties';

export interface MoveDealInput {
  stage: DealStage;
  lostReason?: string | null;
  registration?: (Partial<Registration> & { exclusiveLicence?: boolean | null }) | null;
  comment?: string | null;
}

export interface AmendRegistrationInput {
  dealId: string;
  registrationNumber?: string | null;
  registrationAuthority?: string | null;
  contractValueWan?: number | null;
  technicalIncomeWan?: number | null;
  valueDifferenceReason?: string | null;
  /** Why the registration is corrected (kept with the amendment). */
  reason: string;
}

function snapshotOf(deal: DealEntity): RegistrationSnapshot {
  return {
    registrationNumber: deal.registrationNumber,
    registrationAuthority: deal.registrationAuthority,
    contractValueWan: deal.contractValueWan,
    technicalIncomeWan: deal.technicalIncomeWan,
    valueDifferenceReason: deal.valueDifferenceReason,
  };
}

export interface DealAmountsInput {
  agreedPriceWan?: number | null;
  contractValueWan?: number | null;
}

/** A published price notice: the deal's price and window, and the title of the achievement priced. */
export interface PriceNotice {
  deal: DealEntity;
  achievementTitle: string;
}

export interface DealFilter {
  stage?: DealStage;
}

/** The longest price-notice objection (characters). */
const PRICE_NOTICE_OBJECTION_MAX = 2000;

/** Deals: the stage machine, amounts, notes, tasks, timeline, price notice and idle reminders. */
@Injectable()
export class DealsService {
  private readonly logger = new Logger(DealsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly parties: PartiesService,
    private readonly credentials: BrokerCredentialsService,
    private readonly settings: BrokerageSettingsService,
    private readonly intents: JobIntentRelay,
    private readonly notifications: NotificationsService,
    private readonly events: NotificationEventsService,
    private readonly clock: Clock,
    private readonly files: FilesService,
    private readonly market: MarketService,
  ) {}

  // ---- access ----

  /** Inside a transaction pass its `manager`: no second connection while it holds the deal's lock. */
  async rolesOf(actor: Actor, deal: DealEntity, manager?: EntityManager): Promise<Set<DealRole>> {
    const roles = new Set<DealRole>();
    if (deal.brokerId === actor.userId) roles.add(DealRole.BROKER);
    if ((await this.parties.sidesOf(actor, deal, manager)).size > 0) roles.add(DealRole.PARTY);
    if (roles.size === 0) roles.add(DealRole.OTHER);
    return roles;
  }

  /** The deal's broker, its parties and administrators see it; others get NOT_FOUND. */
  async get(actor: Actor, id: string): Promise<DealEntity> {
    const deal = await this.dataSource.getRepository(DealEntity).findOneBy({ id });
    if (!deal) throw notFound('Deal', id);
    if (!actor.isAdmin && (await this.rolesOf(actor, deal)).has(DealRole.OTHER)) throw notFound('Deal', id);
    return deal;
  }

  async list(
    actor: Actor,
    filter: DealFilter,
    page: { first: number; after?: string },
  ): Promise<Connection<DealEntity>> {
    const query = restrictToParticipants(this.dataSource.getRepository(DealEntity).createQueryBuilder('d'), 'd', actor);
    if (filter.stage) query.andWhere('d.stage = :stage', { stage: filter.stage });
    return pageNewestFirst(query, 'd', page);
  }

  /** The deals of these ids the actor brokers or is a party of (as `list` decides), in one query. */
  visibleByIds(actor: Actor, ids: readonly string[]): Promise<DealEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    const query = this.dataSource
      .getRepository(DealEntity)
      .createQueryBuilder('d')
      .where('d.id IN (:...ids)', { ids: [...ids] });
    return restrictToParticipants(query, 'd', actor).getMany();
  }

  /** Attaches uploaded files (signed agreements, contracts) to a deal: its broker and its parties. */
  async attachDocuments(actor: Actor, id: string, fileIds: readonly string[]): Promise<DealEntity> {
    return this.dataSource.transaction(async (manager) => {
      const deal = await this.lock(manager, actor, id);
      await this.assertParticipant(actor, deal, 'add documents to', manager);
      const files = await this.files.attach(manager, actor, fileIds, { kind: FileOwnerKind.DEAL_DOCUMENT, id });
      deal.lastActivityAt = this.clock.now();
      await this.activity(manager, deal.id, actor.userId, DealActivityKind.NOTE, {
        body: `documents: ${files.map((file) => file.name).join(', ')}`,
      });
      return manager.save(deal);
    });
  }

  async allowedStages(actor: Actor, deal: DealEntity): Promise<DealStage[]> {
    const roles = await this.rolesOf(actor, deal);
    if (roles.has(DealRole.BROKER)) return nextStages(deal.stage);
    if (roles.has(DealRole.PARTY) && !isClosed(deal.stage)) return [DealStage.CLOSED_LOST];
    return [];
  }

  // ---- changes ----

  async move(actor: Actor, id: string, input: MoveDealInput): Promise<DealEntity> {
    const moved = await this.dataSource.transaction(async (manager) => {
      const deal = await this.lock(manager, actor, id);
      const roles = await this.rolesOf(actor, deal, manager);
      // The broker works the deal only with a verified, unexpired credential (suspended otherwise).
      if (roles.has(DealRole.BROKER)) await this.credentials.activeAgencyOf(actor, manager);
      let plan;
      try {
        plan = planDealMove(deal.stage, input.stage, roles, {
          priceNoticeOpen: deal.priceNoticeStatus === PriceNoticeStatus.OPEN,
          priceNoticeObjected: deal.priceNoticeStatus === PriceNoticeStatus.OBJECTED,
          contractValueWan: deal.contractValueWan,
          registration: input.registration,
          lostReason: input.lostReason,
          agreedPrice: this.agreedPriceOf(deal),
        });
      } catch (error) {
        throw this.violation(error);
      }
      if (plan.to === DealStage.CONTRACT_SIGNED) await this.assertPriceNoticeEnded(manager, deal);
      const now = this.clock.now();
      const from = deal.stage;
      // Moving the deal ends a hold.
      deal.onHoldReason = null;
      deal.onHoldSince = null;
      deal.stage = plan.to;
      deal.stageEnteredAt = now;
      deal.lastActivityAt = now;
      if (plan.lostReason) deal.lostReason = plan.lostReason;
      if (plan.registration) {
        deal.registrationNumber = plan.registration.registrationNumber;
        deal.registrationAuthority = plan.registration.registrationAuthority ?? null;
        deal.contractType = plan.registration.contractType;
        deal.contractValueWan = plan.registration.contractValueWan;
        deal.technicalIncomeWan = plan.registration.technicalIncomeWan;
        deal.valueDifferenceReason = plan.registration.valueDifferenceReason ?? null;
        deal.registeredAt = now;
        deal.exclusiveLicence =
          plan.registration.contractType === TechContractType.LICENSE
            ? (input.registration?.exclusiveLicence ?? false)
            : null;
        deal.commissionWan = await this.commission(manager, deal);
      }
      // The listing and the demand follow the deal (IN_NEGOTIATION / IN_PROGRESS, TRANSFERRED / SOLVED, restored).
      await this.market.applyMove(manager, deal, from, actor.userId);
      const activity = await this.activity(manager, deal.id, actor.userId, DealActivityKind.STAGE_CHANGED, {
        fromStage: from,
        toStage: plan.to,
        body: plan.lostReason ?? (input.comment?.trim() || null),
      });
      // Everyone on the deal but the mover: the broker and both sides' people.
      await this.events.publish(manager, {
        kind: NotificationKind.DEAL_STAGE_CHANGED,
        eventKey: activity.id,
        actorId: actor.userId,
        // Everyone opens the deal page (its parties see it too).
        audiences: (await partyAudiences(manager, deal, ['BROKER', 'DEMAND', 'TARGET'], SCREENS.deal(deal.id))).map(
          (audience) => ({ ...audience, path: SCREENS.deal(deal.id) }),
        ),
        data: { dealId: deal.id, stage: plan.to },
        params: { subject: await pairTitle(manager, deal), outcome: plan.to, reason: activity.body },
      });
      if (plan.to === DealStage.REGISTERED) {
        // Programmes take the registered contract in (follow-ups, reward draft) without brokerage knowing them: a
        // job intent committed with the registration (their hourly sweep remains a second net).
        await recordJobIntent(
          manager,
          JobName.ContractRegistered,
          { dealId: deal.id },
          { jobId: `contract-registered-${deal.id}` },
        );
      }
      return manager.save(deal);
    });
    // The registration's programme job and the notification emails are job intents of that transaction.
    await this.intents.relayNow();
    return moved;
  }

  /**
   * Corrects a registered contract (its number, office, value, technical income, the value-difference reason): the
   * deal's broker (with an active credential) or a platform ADMIN, with a reason. The corrected registration passes
   * the same checks as at registration; the change is an append-only `deal_amendments` row (who, when, before,
   * after, why) and a timeline entry, in one transaction — never a silent edit. The contract type is not amended
   * (it moved the listing and the demand); a wrong type is closed and registered anew.
   */
  async amendRegistration(actor: Actor, input: AmendRegistrationInput): Promise<DealEntity> {
    const reason = input.reason.trim();
    if (!reason) throw fail('TEXT_BLANK', { field: 'reason' });
    const amended = await this.dataSource.transaction(async (manager) => {
      const deal = await this.lock(manager, actor, input.dealId);
      const isBroker = deal.brokerId === actor.userId;
      if (!isBroker && !actor.isAdmin)
        throw forbidden("Only the deal's broker or an administrator amends its registration");
      if (isBroker && !actor.isAdmin) await this.credentials.activeAgencyOf(actor, manager);
      if (!deal.registeredAt || !deal.contractType) {
        throw fail('DEAL_NOT_REGISTERED', { field: 'dealId', currentStage: deal.stage });
      }
      const before = snapshotOf(deal);
      const pick = <K extends keyof AmendRegistrationInput>(key: K, current: AmendRegistrationInput[K]) =>
        input[key] === undefined || input[key] === null ? current : input[key];
      let registration: Registration;
      try {
        registration = checkedRegistration(
          {
            registrationNumber: pick('registrationNumber', deal.registrationNumber ?? undefined) ?? undefined,
            registrationAuthority: pick('registrationAuthority', deal.registrationAuthority),
            contractType: deal.contractType,
            contractValueWan: pick('contractValueWan', deal.contractValueWan) ?? undefined,
            technicalIncomeWan: pick('technicalIncomeWan', deal.technicalIncomeWan) ?? undefined,
            valueDifferenceReason: pick('valueDifferenceReason', deal.valueDifferenceReason),
          },
          this.agreedPriceOf(deal),
        );
      } catch (error) {
        throw this.violation(error);
      }
      deal.registrationNumber = registration.registrationNumber;
      deal.registrationAuthority = registration.registrationAuthority ?? null;
      deal.contractValueWan = registration.contractValueWan;
      deal.technicalIncomeWan = registration.technicalIncomeWan;
      deal.valueDifferenceReason = registration.valueDifferenceReason ?? null;
      const after = snapshotOf(deal);
      if (JSON.stringify(before) === JSON.stringify(after))
        throw fail('AMENDMENT_CHANGES_NOTHING', { field: 'dealId' });
      deal.commissionWan = await this.commission(manager, deal);
      deal.lastActivityAt = this.clock.now();
      const amendment = await manager.save(
        manager.create(DealAmendmentEntity, { dealId: deal.id, actorId: actor.userId, before, after, reason }),
      );
      // Programmes follow the amendment (a reward draft is refreshed, a submitted one flagged) without brokerage
      // knowing them: a job intent committed with it.
      await recordJobIntent(
        manager,
        JobName.RegistrationAmended,
        { dealId: deal.id, amendmentId: amendment.id },
        { jobId: `registration-amended-${amendment.id}` },
      );
      const changed = (Object.keys(after) as Array<keyof RegistrationSnapshot>)
        .filter((key) => before[key] !== after[key])
        .map((key) => `${key}: ${String(before[key] ?? '—')} → ${String(after[key] ?? '—')}`);
      await this.activity(manager, deal.id, actor.userId, DealActivityKind.REGISTRATION_AMENDED, {
        body: `${reason} (${changed.join('; ')})`,
      });
      return manager.save(deal);
    });
    // The programmes' job is a job intent of that transaction.
    await this.intents.relayNow();
    return amended;
  }

  /** The amendments of registered deals, oldest first (the parent deals were already access-checked). */
  amendmentsOf(dealIds: readonly string[]): Promise<DealAmendmentEntity[]> {
    return this.dataSource
      .getRepository(DealAmendmentEntity)
      .find({ where: { dealId: In([...dealIds]) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** The agreed price a registration is checked against, and whether it was published (协议定价公示). */
  private agreedPriceOf(deal: DealEntity): AgreedPrice {
    return { agreedPriceWan: deal.agreedPriceWan, noticed: deal.priceNoticeStatus !== PriceNoticeStatus.NONE };
  }

  /** A domain violation as the typed error clients see (its own reason when it has one). */
  private violation(error: unknown): unknown {
    if (!(error instanceof DealMoveViolation)) return error;
    if (error.reason && error.reason in ERROR_REASONS) return fail(error.reason as ErrorReason, error.details);
    return error.kind === 'FORBIDDEN'
      ? forbidden(error.message, error.details)
      : badInput(error.message, error.details);
  }

  /**
   * Adds an entry to a deal's timeline for something another lib did about it (the exchange hand-off), in that
   * lib's transaction. The caller has checked that the actor may act on the deal.
   */
  async appendTimeline(
    manager: EntityManager,
    dealId: string,
    actorId: string | null,
    kind: DealActivityKind.EXCHANGE_HANDOFF | DealActivityKind.EXCHANGE_RESULT,
    body: string,
  ): Promise<void> {
    await this.activity(manager, dealId, actorId, kind, { body });
    await manager.update(DealEntity, { id: dealId }, { lastActivityAt: this.clock.now() });
  }

  /**
   * A deal on an institution-owned or rights-confirmed achievement reaches CONTRACT_SIGNED only after an ENDED
   * price notice (协议定价公示): the law's public check of the price comes before the signature.
   */
  private async assertPriceNoticeEnded(manager: EntityManager, deal: DealEntity): Promise<void> {
    if (deal.targetType !== MatchTargetType.ACHIEVEMENT) return;
    const achievement = await manager.findOneBy(AchievementEntity, { id: deal.targetId });
    if (!achievement) return;
    const noticeRequired = achievement.institutionOwned || RIGHTS_CONFIRMED_STATUSES.includes(achievement.status);
    if (noticeRequired && deal.priceNoticeStatus !== PriceNoticeStatus.ENDED) {
      throw fail('PRICE_NOTICE_NOT_ENDED', { field: 'stage', currentStage: deal.stage });
    }
  }

  /** The agreed price and the contract value (the broker's; the commission follows the agency's rule). */
  async setAmounts(actor: Actor, id: string, input: DealAmountsInput): Promise<DealEntity> {
    return this.dataSource.transaction(async (manager) => {
      const deal = await this.lock(manager, actor, id);
      if (!(await this.rolesOf(actor, deal, manager)).has(DealRole.BROKER))
        throw forbidden("Only the deal's broker sets its amounts");
      await this.credentials.activeAgencyOf(actor, manager);
      if (isClosed(deal.stage) || deal.stage === DealStage.REGISTERED) {
        throw badInput(`The amounts of a ${deal.stage} deal are final`, {
          field: 'contractValueWan',
          currentStage: deal.stage,
        });
      }
      if (input.agreedPriceWan !== undefined) {
        if (deal.priceNoticeStatus === PriceNoticeStatus.OPEN) {
          throw badInput('The agreed price cannot change while its price notice runs', { field: 'agreedPriceWan' });
        }
        deal.agreedPriceWan = input.agreedPriceWan;
      }
      if (input.contractValueWan !== undefined) deal.contractValueWan = input.contractValueWan;
      if (
        deal.agreedPriceWan !== null &&
        deal.contractValueWan !== null &&
        deal.agreedPriceWan > deal.contractValueWan
      ) {
        throw fail('AGREED_PRICE_EXCEEDS_CONTRACT_VALUE', { field: 'agreedPriceWan' });
      }
      deal.commissionWan = await this.commission(manager, deal);
      deal.lastActivityAt = this.clock.now();
      await this.activity(manager, deal.id, actor.userId, DealActivityKind.AMOUNTS_SET, {
        body: JSON.stringify({ agreedPriceWan: deal.agreedPriceWan, contractValueWan: deal.contractValueWan }),
      });
      return manager.save(deal);
    });
  }

  /**
   * 暂停: the broker puts an open deal on hold with a reason (waiting on the enterprise's budget, a patent
   * examination, …): the board shows it and the idle reminder leaves it alone until it resumes (or moves).
   */
  async hold(actor: Actor, id: string, reason: string): Promise<DealEntity> {
    const trimmed = reason.trim();
    if (!trimmed) throw badInput('Putting a deal on hold needs a reason', { field: 'reason' });
    return this.dataSource.transaction(async (manager) => {
      const deal = await this.lock(manager, actor, id);
      if (!(await this.rolesOf(actor, deal, manager)).has(DealRole.BROKER))
        throw forbidden("Only the deal's broker puts it on hold");
      await this.credentials.activeAgencyOf(actor, manager);
      if (isClosed(deal.stage)) {
        throw badInput(`A ${deal.stage} deal cannot be put on hold`, { field: 'dealId', currentStage: deal.stage });
      }
      const now = this.clock.now();
      deal.onHoldReason = trimmed;
      deal.onHoldSince ??= now;
      deal.lastActivityAt = now;
      await this.activity(manager, deal.id, actor.userId, DealActivityKind.ON_HOLD, { body: trimmed });
      return manager.save(deal);
    });
  }

  /** The deal runs again (its broker); a deal that is not on hold is returned unchanged. */
  async resume(actor: Actor, id: string): Promise<DealEntity> {
    return this.dataSource.transaction(async (manager) => {
      const deal = await this.lock(manager, actor, id);
      if (!(await this.rolesOf(actor, deal, manager)).has(DealRole.BROKER))
        throw forbidden("Only the deal's broker resumes it");
      await this.credentials.activeAgencyOf(actor, manager);
      if (!deal.onHoldSince) return deal;
      deal.onHoldReason = null;
      deal.onHoldSince = null;
      deal.lastActivityAt = this.clock.now();
      await this.activity(manager, deal.id, actor.userId, DealActivityKind.RESUMED, {});
      return manager.save(deal);
    });
  }

  async addNote(actor: Actor, id: string, body: string): Promise<DealActivityEntity> {
    return this.dataSource.transaction(async (manager) => {
      const deal = await this.lock(manager, actor, id);
      await this.assertParticipant(actor, deal, 'add notes to', manager);
      deal.lastActivityAt = this.clock.now();
      await manager.save(deal);
      return this.activity(manager, deal.id, actor.userId, DealActivityKind.NOTE, { body: body.trim() });
    });
  }

  async addTask(actor: Actor, id: string, input: { title: string; dueAt?: Date | null }): Promise<DealTaskEntity> {
    return this.dataSource.transaction(async (manager) => {
      const deal = await this.lock(manager, actor, id);
      await this.assertParticipant(actor, deal, 'add tasks to', manager);
      const task = await manager.save(
        manager.create(DealTaskEntity, {
          dealId: id,
          title: input.title.trim(),
          dueAt: input.dueAt ?? null,
          createdById: actor.userId,
        }),
      );
      deal.lastActivityAt = this.clock.now();
      await manager.save(deal);
      await this.activity(manager, deal.id, actor.userId, DealActivityKind.TASK_ADDED, { body: task.title });
      return task;
    });
  }

  async completeTask(actor: Actor, taskId: string): Promise<DealTaskEntity> {
    const task = await this.dataSource.getRepository(DealTaskEntity).findOneBy({ id: taskId });
    if (!task) throw notFound('Task', taskId);
    return this.dataSource.transaction(async (manager) => {
      const deal = await this.lock(manager, actor, task.dealId);
      await this.assertParticipant(actor, deal, 'complete tasks of', manager);
      if (!task.doneAt) {
        task.doneAt = this.clock.now();
        await manager.save(task);
        deal.lastActivityAt = task.doneAt;
        await manager.save(deal);
        await this.activity(manager, deal.id, actor.userId, DealActivityKind.TASK_DONE, { body: task.title });
      }
      return task;
    });
  }

  async timeline(actor: Actor, id: string): Promise<DealActivityEntity[]> {
    await this.get(actor, id);
    return this.dataSource
      .getRepository(DealActivityEntity)
      .find({ where: { dealId: id }, order: { createdAt: 'ASC', id: 'ASC' }, take: 500 });
  }

  async tasks(actor: Actor, id: string): Promise<DealTaskEntity[]> {
    await this.get(actor, id);
    return this.dataSource
      .getRepository(DealTaskEntity)
      .createQueryBuilder('t')
      .where('t.deal_id = :id', { id })
      .orderBy('t.due_at', 'ASC', 'NULLS LAST')
      .addOrderBy('t.created_at', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .limit(500)
      .getMany();
  }

  /** Batch reads for DataLoaders (the parent deals were already access-checked). */
  activitiesOf(dealIds: readonly string[]): Promise<DealActivityEntity[]> {
    return this.dataSource
      .getRepository(DealActivityEntity)
      .find({ where: { dealId: In([...dealIds]) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  tasksOf(dealIds: readonly string[]): Promise<DealTaskEntity[]> {
    return this.dataSource
      .getRepository(DealTaskEntity)
      .createQueryBuilder('t')
      .where('t.deal_id IN (:...dealIds)', { dealIds })
      .orderBy('t.due_at', 'ASC', 'NULLS LAST')
      .addOrderBy('t.created_at', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .getMany();
  }

  dealsOfIntroductions(introductionIds: readonly string[]): Promise<DealEntity[]> {
    return this.dataSource.getRepository(DealEntity).findBy({ introductionId: In([...introductionIds]) });
  }

  // ---- price notice (协议定价公示) ----

  /**
   * Publishes the agreed price of a deal about an institution-owned or rights-confirmed achievement for the
   * agency's notice period; a delayed job ends it. The broker or the institution's TTO publishes.
   */
  async publishPriceNotice(actor: Actor, id: string, agreedPriceWan?: number | null): Promise<DealEntity> {
    const deal = await this.dataSource.transaction(async (manager) => {
      const deal = await this.lock(manager, actor, id);
      const isBroker = deal.brokerId === actor.userId;
      if (!isBroker && !actor.hasRole(Role.TTO_OFFICER, deal.targetOrganisationId)) {
        throw forbidden("Only the deal's broker or the institution's TTO publishes its price notice");
      }
      if (!actor.hasRole(Role.TTO_OFFICER, deal.targetOrganisationId))
        await this.credentials.activeAgencyOf(actor, manager);
      if (agreedPriceWan !== undefined && agreedPriceWan !== null) deal.agreedPriceWan = agreedPriceWan;
      if (
        deal.agreedPriceWan !== null &&
        deal.contractValueWan !== null &&
        deal.agreedPriceWan > deal.contractValueWan
      ) {
        throw fail('AGREED_PRICE_EXCEEDS_CONTRACT_VALUE', { field: 'agreedPriceWan' });
      }
      const achievement =
        deal.targetType === MatchTargetType.ACHIEVEMENT
          ? await manager.findOneBy(AchievementEntity, { id: deal.targetId })
          : null;
      const problem = priceNoticeProblem({
        stage: deal.stage,
        isAchievement: !!achievement,
        institutionOwned: achievement?.institutionOwned ?? false,
        rightsConfirmed: !!achievement && RIGHTS_CONFIRMED_STATUSES.includes(achievement.status),
        agreedPriceWan: deal.agreedPriceWan,
        noticeOpen: deal.priceNoticeStatus === PriceNoticeStatus.OPEN,
      });
      if (problem) throw badInput(problem, { field: 'agreedPriceWan', currentStage: deal.stage });
      const settings = await this.settings.agencySettings(deal.agencyId, manager);
      const now = this.clock.now();
      deal.priceNoticeRound += 1;
      deal.priceNoticeStatus = PriceNoticeStatus.OPEN;
      deal.priceNoticeStartsAt = now;
      // Never shorter than the platform's minimum, also for an agency setting stored before it was raised.
      const platform = await readPlatformSettings(manager);
      const periodSeconds = Math.max(settings.priceNoticePeriodSeconds, platform.minPriceNoticeSeconds);
      deal.priceNoticeEndsAt = new Date(now.getTime() + periodSeconds * 1000);
      deal.lastActivityAt = now;
      deal.commissionWan = await this.commission(manager, deal);
      await this.activity(manager, deal.id, actor.userId, DealActivityKind.PRICE_NOTICE_STARTED, {
        body: `round ${deal.priceNoticeRound}: ${deal.agreedPriceWan} 万元 until ${deal.priceNoticeEndsAt.toISOString()}`,
      });
      // The notice's end commits with the notice, as a job intent (the sweep ends overdue notices as well).
      await recordJobIntent(
        manager,
        JobName.EndDealPriceNotice,
        { dealId: deal.id, noticeRound: deal.priceNoticeRound },
        { jobId: `deal-price-notice-end-${deal.id}-${deal.priceNoticeRound}`, runAt: deal.priceNoticeEndsAt },
      );
      return manager.save(deal);
    });
    await this.intents.relayNow();
    return deal;
  }

  /** Anyone signed in may object while the notice runs (that is the point of publishing). */
  async objectToPriceNotice(actor: Actor, id: string, reason: string): Promise<DealEntity> {
    const objected = await this.dataSource.transaction(async (manager) => {
      const deal = await manager.findOne(DealEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!deal || deal.priceNoticeStatus !== PriceNoticeStatus.OPEN) throw notFound('Price notice', id);
      assertEmailVerified(actor);
      if (!reason.trim()) throw badInput('An objection needs a reason', { field: 'reason' });
      if (reason.trim().length > PRICE_NOTICE_OBJECTION_MAX) {
        throw fail('OBJECTION_TOO_LONG', { field: 'reason', max: PRICE_NOTICE_OBJECTION_MAX });
      }
      // One objection per person and notice round (the notice then ends OBJECTED; repeating adds nothing).
      const already = await manager
        .createQueryBuilder(DealActivityEntity, 'x')
        .where('x.deal_id = :dealId AND x.kind = :kind AND x.actor_id = :me AND x.created_at >= :start', {
          dealId: deal.id,
          kind: DealActivityKind.PRICE_NOTICE_OBJECTION,
          me: actor.userId,
          start: deal.priceNoticeStartsAt,
        })
        .getExists();
      if (already) throw fail('OBJECTION_ALREADY_OPEN', { field: 'dealId' });
      const activity = await this.activity(manager, deal.id, actor.userId, DealActivityKind.PRICE_NOTICE_OBJECTION, {
        body: `round ${deal.priceNoticeRound}: ${reason.trim()}`,
      });
      // The broker answers it (the objector stays unnamed).
      await this.events.publish(manager, {
        kind: NotificationKind.PRICE_NOTICE_OBJECTION,
        eventKey: activity.id,
        actorId: actor.userId,
        audiences: [{ userIds: [deal.brokerId], path: SCREENS.deal(deal.id) }],
        data: { dealId: deal.id },
        params: { subject: await pairTitle(manager, deal), reason: reason.trim() },
      });
      deal.lastActivityAt = this.clock.now();
      return manager.save(deal);
    });
    await this.intents.relayNow();
    return objected;
  }

  /**
   * Price notices (协议定价公示), public: the running ones ending soonest first, or past ones (ENDED, OBJECTED)
   * latest first, each with its achievement's title. Only what a notice publishes is read: the price and window.
   */
  async priceNotices(
    filter: { status: PriceNoticeStatus; achievementId?: string },
    page: { first: number; after?: string },
  ): Promise<Connection<PriceNotice>> {
    if (filter.status === PriceNoticeStatus.NONE) throw badInput('NONE is not a notice', { field: 'status' });
    const query = this.priceNoticeQuery().where('d.price_notice_status = :status', { status: filter.status });
    if (filter.achievementId) query.andWhere('d.target_id = :achievementId', { achievementId: filter.achievementId });
    const totalCount = countOf(query);
    const ascending = filter.status === PriceNoticeStatus.OPEN;
    if (page.after) {
      const [endsAt, id] = decodeCursor(page.after, 2);
      if (typeof endsAt !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(endsAt))) {
        throw fail('INVALID_CURSOR', { field: 'after' });
      }
      query.andWhere(`(d.price_notice_ends_at, d.id) ${ascending ? '>' : '<'} (:endsAt, :id)`, {
        endsAt: new Date(endsAt),
        id,
      });
    }
    const rows = await query
      .orderBy('d.price_notice_ends_at', ascending ? 'ASC' : 'DESC')
      .addOrderBy('d.id', ascending ? 'ASC' : 'DESC')
      .limit(page.first + 1)
      .getRawAndEntities<{ achievement_title: string }>();
    const notices = rows.entities.map((deal, index) => ({ deal, achievementTitle: rows.raw[index].achievement_title }));
    return toConnection(
      notices,
      page.first,
      (notice) => [notice.deal.priceNoticeEndsAt!.toISOString(), notice.deal.id],
      totalCount,
    );
  }

  /** One deal's price notice (its latest round), public once published; NOT_FOUND before. */
  async priceNotice(dealId: string): Promise<PriceNotice> {
    const rows = await this.priceNoticeQuery()
      .where('d.id = :dealId AND d.price_notice_status <> :none', { dealId, none: PriceNoticeStatus.NONE })
      .getRawAndEntities<{ achievement_title: string }>();
    if (!rows.entities[0]) throw notFound('Price notice', dealId);
    return { deal: rows.entities[0], achievementTitle: rows.raw[0].achievement_title };
  }

  private priceNoticeQuery() {
    return this.dataSource
      .getRepository(DealEntity)
      .createQueryBuilder('d')
      .innerJoin(AchievementEntity, 'a', 'a.id = d.target_id')
      .addSelect('a.title', 'achievement_title');
  }

  /** The notice window's end (job handler): ENDED, or OBJECTED when someone objected during this round. */
  /**
   * Ends every price notice past its end (the sweep: a lost or failed end job must not leave a deal unable to be
   * signed); returns how many ended.
   */
  async endOverduePriceNotices(): Promise<number> {
    const overdue = await this.dataSource
      .getRepository(DealEntity)
      .createQueryBuilder('d')
      .select(['d.id', 'd.priceNoticeRound'])
      .where('d.price_notice_status = :open AND d.price_notice_ends_at <= :now', {
        open: PriceNoticeStatus.OPEN,
        now: this.clock.now(),
      })
      .getMany();
    let ended = 0;
    for (const deal of overdue) {
      if ((await this.endPriceNotice(deal.id, deal.priceNoticeRound)) === 'done') ended += 1;
    }
    return ended;
  }

  async endPriceNotice(dealId: string, noticeRound: number): Promise<'done' | 'skipped'> {
    return this.dataSource.transaction(async (manager) => {
      const deal = await manager.findOne(DealEntity, { where: { id: dealId }, lock: { mode: 'pessimistic_write' } });
      if (!deal || deal.priceNoticeStatus !== PriceNoticeStatus.OPEN || deal.priceNoticeRound !== noticeRound)
        return 'skipped';
      const now = this.clock.now();
      // A job that fires early (clock skew) fails and is retried by BullMQ.
      if (deal.priceNoticeEndsAt && deal.priceNoticeEndsAt.getTime() > now.getTime() + 1000) {
        throw new Error(`Price notice of deal ${dealId} ends at ${deal.priceNoticeEndsAt.toISOString()}`);
      }
      const objections = await manager
        .createQueryBuilder(DealActivityEntity, 'x')
        .where('x.deal_id = :dealId AND x.kind = :kind AND x.created_at >= :start', {
          dealId,
          kind: DealActivityKind.PRICE_NOTICE_OBJECTION,
          start: deal.priceNoticeStartsAt,
        })
        .getCount();
      deal.priceNoticeStatus = objections > 0 ? PriceNoticeStatus.OBJECTED : PriceNoticeStatus.ENDED;
      deal.lastActivityAt = now;
      await this.activity(manager, deal.id, null, DealActivityKind.PRICE_NOTICE_ENDED, {
        body: `round ${noticeRound}: ${deal.priceNoticeStatus}${objections ? ` (${objections} objections)` : ''}`,
      });
      await manager.save(deal);
      return 'done';
    });
  }

  // ---- idle reminders ----

  /**
   * One reminder per (deal, idle period) for open deals idle at least their agency's period: a single
   * INSERT … SELECT behind the unique key, so running twice adds nothing.
   */
  async remindIdleDeals(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<Array<{ deal_id: string; broker_id: string; idle_since: Date }>>(
        `INSERT INTO deal_reminders (deal_id, broker_id, idle_since)
         SELECT d.id, d.broker_id, d.last_activity_at
         FROM deals d LEFT JOIN broker_agency_settings s ON s.agency_id = d.agency_id
         WHERE d.stage NOT IN ('CLOSED_WON', 'CLOSED_LOST') AND d.on_hold_since IS NULL
           AND d.last_activity_at <= CAST($1 AS timestamptz) - make_interval(days => COALESCE(s.idle_reminder_days, $2))
         ON CONFLICT ON CONSTRAINT uq_deal_reminders_period DO NOTHING
         RETURNING deal_id, broker_id, idle_since`,
        [this.clock.now().toISOString(), DEFAULT_IDLE_REMINDER_DAYS],
      );
      // The in-app notification goes with the reminder row (same transaction, same idle period key).
      for (const row of rows) {
        const idleSince = new Date(row.idle_since).toISOString();
        await this.notifications.notify(
          {
            userId: row.broker_id,
            kind: NotificationKind.DEAL_IDLE,
            title: '交易已闲置，请跟进 / A deal is idle',
            body: `No activity since ${idleSince}`,
            data: { dealId: row.deal_id, idleSince, path: SCREENS.deal(row.deal_id) },
            dedupeKey: `deal-idle:${row.deal_id}:${idleSince}`,
          },
          manager,
        );
      }
      if (rows.length > 0) this.logger.log(`Reminded brokers of ${rows.length} idle deals`);
      return rows.length;
    });
  }

  async remindersFor(actor: Actor, limit: number): Promise<DealReminderEntity[]> {
    return this.dataSource
      .getRepository(DealReminderEntity)
      .find({ where: { brokerId: actor.userId }, order: { createdAt: 'DESC', id: 'DESC' }, take: limit });
  }

  // ---- internals ----

  private async lock(manager: EntityManager, actor: Actor, id: string): Promise<DealEntity> {
    const deal = await manager.findOne(DealEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!deal) throw notFound('Deal', id);
    if (!actor.isAdmin && (await this.rolesOf(actor, deal, manager)).has(DealRole.OTHER)) throw notFound('Deal', id);
    return deal;
  }

  private async assertParticipant(actor: Actor, deal: DealEntity, what: string, manager: EntityManager): Promise<void> {
    const roles = await this.rolesOf(actor, deal, manager);
    if (!roles.has(DealRole.BROKER) && !roles.has(DealRole.PARTY))
      throw forbidden(`Only the broker and the parties ${what} a deal`);
  }

  private async commission(manager: EntityManager, deal: DealEntity): Promise<number | null> {
    const settings = await this.settings.agencySettings(deal.agencyId, manager);
    return commissionFor(deal.contractValueWan ?? deal.agreedPriceWan, this.settings.commissionRule(settings));
  }

  private async activity(
    manager: EntityManager,
    dealId: string,
    actorId: string | null,
    kind: DealActivityKind,
    extra: { fromStage?: DealStage; toStage?: DealStage; body?: string | null },
  ): Promise<DealActivityEntity> {
    return manager.save(
      manager.create(DealActivityEntity, {
        dealId,
        actorId,
        kind,
        fromStage: extra.fromStage ?? null,
        toStage: extra.toStage ?? null,
        body: extra.body ?? null,
      }),
    );
  }
}
