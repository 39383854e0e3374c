import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, In, IsNull, Repository } from 'typeorm';
import {
  badInput,
  BROKER_ACCESS,
  MARKET_EXIT,
  MarketExit,
  BrokerAccess,
  fail,
  Clock,
  INTRODUCTION_ACCESS,
  IntroductionAccess,
  Connection,
  countOf,
  decodeCursor,
  DomainException,
  forbidden,
  JobIntentRelay,
  JobName,
  notFound,
  OutboxSubject,
  recordJobIntent,
  recordOutboxChange,
  pageNewestFirst,
  readPlatformSettings,
  toConnection,
} from '@app/core';
import { FileOwnerKind, FilesService } from '@app/files';
import { Actor, assertEmailVerified, Role, UserEntity } from '@app/identity';
import { NotificationEventsService, NotificationKind, SCREENS } from '@app/notifications';
import { canFollowWorkflow, canSeeConfidentialDirectly, canView, workflowRolesOf } from './achievement-access';
import {
  AchievementLanguage,
  AchievementStatus,
  IpType,
  RightsProposalKind,
  TransferMode,
} from './domain/achievement-enums';
import {
  describeTransitions,
  INDEX_RELEVANT_STATUSES,
  InstitutionRules,
  planTransition,
  PUBLIC_STATUSES,
  WorkflowEvent,
  WorkflowRole,
  WorkflowViolation,
} from './domain/rights-workflow';
import { AchievementInventorEntity } from './entities/achievement-inventor.entity';
import { AchievementObjectionEntity, ObjectionOutcome } from './entities/achievement-objection.entity';
import {
  AchievementSettingsEntity,
  DEFAULT_MAX_TEAM_SHARE_PERCENT,
  DEFAULT_MIN_TEAM_SHARE_PERCENT,
  DEFAULT_NOTICE_PERIOD_SECONDS,
  DEFAULT_STALE_PERIOD_DAYS,
} from './entities/achievement-settings.entity';
import { AchievementTransitionEntity } from './entities/achievement-transition.entity';
import { AchievementEntity, FileMetadata } from './entities/achievement.entity';
import { RightsProposalEntity } from './entities/rights-proposal.entity';

export interface FileInput {
  fileId?: string | null;
  name: string;
  url?: string | null;
  mimeType?: string | null;
  sizeBytes?: number | null;
  sha256?: string | null;
}

export interface InventorInput {
  userId?: string | null;
  name?: string | null;
  contributionShare: number;
}

export interface AchievementFieldsInput {
  title?: string;
  summary?: string;
  description?: string;
  keywords?: string[];
  industryCode?: string | null;
  trl?: number | null;
  ipType?: IpType | null;
  ipRegistrationNumbers?: string[];
  transferModes?: TransferMode[];
  askingPriceWan?: number | null;
  region?: string | null;
  language?: AchievementLanguage;
  attachments?: FileInput[];
  conversionPlan?: string | null;
  representativeId?: string | null;
}

export interface CreateAchievementInput extends AchievementFieldsInput {
  title: string;
  institutionId: string;
  inventors?: InventorInput[];
}

export interface RightsProposalInput {
  kind: RightsProposalKind;
  teamSharePercent?: number | null;
  useRightYears?: number | null;
  note?: string | null;
}

export interface TransitionInput {
  comment?: string | null;
  documents?: FileInput[];
}

export interface AchievementFilter {
  statuses?: AchievementStatus[];
  industryCodes?: string[];
  institutionIds?: string[];
  trlMin?: number;
  trlMax?: number;
  /** The viewer's own: owner, representative or inventor (signed out: nothing). */
  mine?: boolean;
  withOpenObjections?: boolean;
}

export interface SettingsInput {
  noticePeriodSeconds?: number;
  stalePeriodDays?: number;
  minTeamSharePercent?: number;
  maxTeamSharePercent?: number;
  negativeList?: string[];
}

export type ImportableStatus =
  AchievementStatus.RIGHTS_CONFIRMED | AchievementStatus.LISTED | AchievementStatus.TRANSFERRED;

/** One catalogue entry, already validated and mapped to our enums by the importer. */
export interface ImportAchievementInput {
  institutionId: string;
  externalId: string;
  title: string;
  summary?: string;
  description?: string;
  keywords?: string[];
  industryCode?: string | null;
  trl?: number | null;
  ipType?: IpType | null;
  ipRegistrationNumbers?: string[];
  transferModes?: TransferMode[];
  askingPriceWan?: number | null;
  region?: string | null;
  language?: AchievementLanguage;
  /** 学校所有 (institution keeps the rights) rather than 赋权 to the team. */
  institutionOwned?: boolean;
  status: ImportableStatus;
}

export interface PublicNotice {
  achievement: AchievementEntity;
  inventors: AchievementInventorEntity[];
  proposal: RightsProposalEntity | null;
}

/** Fields that may still change once the rights are confirmed (the listing, not what was confirmed). */
const LISTING_FIELDS: ReadonlyArray<keyof AchievementFieldsInput> = [
  'summary',
  'description',
  'keywords',
  'industryCode',
  'trl',
  'transferModes',
  'askingPriceWan',
  'region',
  'language',
  'attachments',
];
const LISTING_EDITABLE_STATUSES = [
  AchievementStatus.RIGHTS_CONFIRMED,
  AchievementStatus.LISTED,
  AchievementStatus.IN_NEGOTIATION,
  AchievementStatus.STALE,
];

const IMPORT_EVENT = 'IMPORT';
const CREATE_EVENT = 'CREATE';

/**
 * Achievements and the rights-confirmation workflow. Every decision about who may do what lives here (taking an
 * Actor, or null for jobs), so resolvers, jobs and the importer share it. Every state change writes a transition
 * row; changes that could alter the public index write an outbox row in the same transaction.
 */
/** The longest objection reason (characters). */
export const OBJECTION_MAX_LENGTH = 2000;

@Injectable()
export class AchievementsService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(AchievementEntity) private readonly achievements: Repository<AchievementEntity>,
    @InjectRepository(AchievementInventorEntity) private readonly inventors: Repository<AchievementInventorEntity>,
    @InjectRepository(RightsProposalEntity) private readonly proposals: Repository<RightsProposalEntity>,
    @InjectRepository(AchievementTransitionEntity)
    private readonly transitions: Repository<AchievementTransitionEntity>,
    @InjectRepository(AchievementObjectionEntity) private readonly objections: Repository<AchievementObjectionEntity>,
    private readonly intents: JobIntentRelay,
    private readonly clock: Clock,
    private readonly files: FilesService,
    private readonly notifications: NotificationEventsService,
    @Optional() @Inject(INTRODUCTION_ACCESS) private readonly introductionAccess?: IntroductionAccess,
    @Optional() @Inject(BROKER_ACCESS) private readonly brokerAccess?: BrokerAccess,
    @Optional() @Inject(MARKET_EXIT) private readonly marketExit?: MarketExit,
  ) {}

  /**
   * The one place that decides who may read achievements' confidential fields, for a batch (a page costs a
   * constant number of queries): the institution's members, the team and administrators; a broker only while it
   * is entrusted to them or their agency or they hold an active claim on one of its matches, with a verified
   * credential and confidentiality acknowledged (logged by brokerage); the demand side of a revealed
   * introduction of it (logged as a reveal).
   */
  async canSeeConfidentialOfEach(
    actor: Actor | undefined,
    items: ReadonlyArray<{ achievement: AchievementEntity; inventors: readonly { userId: string | null }[] }>,
  ): Promise<boolean[]> {
    if (!actor) return items.map(() => false);
    const visible = items.map(({ achievement, inventors }) => canView(actor, achievement, inventors));
    const direct = items.map(
      ({ achievement, inventors }, i) => visible[i] && canSeeConfidentialDirectly(actor, achievement, inventors),
    );
    const undecided = items.filter((_, i) => visible[i] && !direct[i]).map((item) => item.achievement.id);
    const byBroker =
      undecided.length > 0 && actor.hasRole(Role.BROKER) && this.brokerAccess
        ? await this.brokerAccess.brokerReadsConfidential(actor.userId, 'ACHIEVEMENT', undecided)
        : new Set<string>();
    const rest = undecided.filter((id) => !byBroker.has(id));
    // Only the demand side of an introduction has anything revealed to it.
    const byIntroduction =
      rest.length > 0 && actor.hasRole(Role.ENTERPRISE_MEMBER) && this.introductionAccess
        ? await this.introductionAccess.revealsAchievementConfidential(actor.userId, rest)
        : new Set<string>();
    return items.map(
      ({ achievement }, i) =>
        visible[i] && (direct[i] || byBroker.has(achievement.id) || byIntroduction.has(achievement.id)),
    );
  }

  async canSeeConfidential(
    actor: Actor | undefined,
    achievement: AchievementEntity,
    inventors: readonly { userId: string | null }[],
  ): Promise<boolean> {
    return (await this.canSeeConfidentialOfEach(actor, [{ achievement, inventors }]))[0];
  }

  // ---------------------------------------------------------------- reading

  /** The achievement if the viewer may see it; NOT_FOUND otherwise (drafts do not reveal that they exist). */
  async findVisible(actor: Actor | undefined, id: string): Promise<AchievementEntity> {
    const achievement = await this.achievements.findOneBy({ id });
    if (!achievement) throw notFound('Achievement', id);
    const inventors = PUBLIC_STATUSES.includes(achievement.status) ? [] : await this.inventorsOf([id]);
    if (!canView(actor, achievement, inventors)) throw notFound('Achievement', id);
    return achievement;
  }

  /**
   * The achievements of these ids the viewer may see (others left out): one query, plus one for the inventors of
   * those not public, which the rule needs.
   */
  async visibleByIds(actor: Actor | undefined, ids: readonly string[]): Promise<AchievementEntity[]> {
    if (ids.length === 0) return [];
    const rows = await this.achievements.findBy({ id: In([...ids]) });
    const hidden = rows.filter((row) => !PUBLIC_STATUSES.includes(row.status)).map((row) => row.id);
    const inventors = actor && hidden.length > 0 ? await this.inventorsOf(hidden) : [];
    return rows.filter((row) =>
      canView(
        actor,
        row,
        inventors.filter((inventor) => inventor.achievementId === row.id),
      ),
    );
  }

  /** Keyset page, newest first, restricted in SQL to what the viewer may see. */
  async list(
    actor: Actor | undefined,
    filter: AchievementFilter,
    page: { first: number; after?: string },
  ): Promise<Connection<AchievementEntity>> {
    const query = this.achievements.createQueryBuilder('a');
    if (filter.statuses?.length) query.andWhere('a.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.industryCodes?.length)
      query.andWhere('a.industryCode IN (:...industries)', { industries: filter.industryCodes });
    if (filter.institutionIds?.length) {
      query.andWhere('a.institutionId IN (:...institutions)', { institutions: filter.institutionIds });
    }
    if (filter.trlMin !== undefined) query.andWhere('a.trl >= :trlMin', { trlMin: filter.trlMin });
    if (filter.trlMax !== undefined) query.andWhere('a.trl <= :trlMax', { trlMax: filter.trlMax });
    if (filter.mine) {
      if (!actor) query.andWhere('FALSE');
      else
        query.andWhere(
          new Brackets((own) => {
            own
              .where('a.ownerId = :me', { me: actor.userId })
              .orWhere('a.representativeId = :me')
              .orWhere(
                'EXISTS (SELECT 1 FROM achievement_inventors mi WHERE mi.achievement_id = a.id AND mi.user_id = :me)',
              );
          }),
        );
    }
    if (filter.withOpenObjections) {
      query.andWhere(
        'EXISTS (SELECT 1 FROM achievement_objections o WHERE o.achievement_id = a.id AND o.resolved_at IS NULL)',
      );
    }
    if (!actor?.isAdmin) {
      query.andWhere(
        new Brackets((visible) => {
          visible.where('a.status IN (:...publicStatuses)', { publicStatuses: PUBLIC_STATUSES });
          if (!actor) return;
          const ttoOf = actor.organisationsWithRole(Role.TTO_OFFICER);
          if (ttoOf.length > 0) visible.orWhere('a.institutionId IN (:...ttoOf)', { ttoOf });
          visible
            .orWhere('a.ownerId = :viewer', { viewer: actor.userId })
            .orWhere('a.representativeId = :viewer')
            .orWhere(
              'EXISTS (SELECT 1 FROM achievement_inventors i WHERE i.achievement_id = a.id AND i.user_id = :viewer)',
            );
        }),
      );
    }
    return pageNewestFirst(query, 'a', page);
  }

  inventorsOf(achievementIds: readonly string[]): Promise<AchievementInventorEntity[]> {
    if (achievementIds.length === 0) return Promise.resolve([]);
    return this.inventors.find({
      where: { achievementId: In([...achievementIds]) },
      order: { position: 'ASC', createdAt: 'ASC', id: 'ASC' },
    });
  }

  proposalsOf(achievementIds: readonly string[]): Promise<RightsProposalEntity[]> {
    if (achievementIds.length === 0) return Promise.resolve([]);
    return this.proposals.findBy({ achievementId: In([...achievementIds]) });
  }

  /** Every stored transition, oldest first: for the team, the institution's TTO and administrators. */
  async timeline(actor: Actor, id: string): Promise<AchievementTransitionEntity[]> {
    const achievement = await this.findVisible(actor, id);
    if (!canFollowWorkflow(actor, achievement, await this.inventorsOf([id]))) {
      throw forbidden('Only the team, the TTO of the institution and administrators see the timeline');
    }
    return this.transitionsOf(id);
  }

  /** Objections are seen by the institution's TTO (who must answer them) and administrators. */
  async objectionsOf(actor: Actor, achievement: AchievementEntity): Promise<AchievementObjectionEntity[]> {
    if (!actor.isAdmin && !actor.hasRole(Role.TTO_OFFICER, achievement.institutionId)) {
      throw forbidden('Only the TTO of the institution and administrators see objections');
    }
    return this.objections.find({ where: { achievementId: achievement.id }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /**
   * The evidence record (尽职免责): the achievement, every transition, every objection, every consent and the
   * agreement, as one JSON document. For the institution's TTO officers and administrators.
   */
  async exportEvidence(actor: Actor, id: string): Promise<Record<string, unknown>> {
    const achievement = await this.achievements.findOneBy({ id });
    if (!achievement) throw notFound('Achievement', id);
    if (!actor.isAdmin && !actor.hasRole(Role.TTO_OFFICER, achievement.institutionId)) {
      throw forbidden('Only the TTO of the institution and administrators export the evidence record');
    }
    const [inventors, proposal, transitions, objections] = await Promise.all([
      this.inventorsOf([id]),
      this.proposals.findOneBy({ achievementId: id }),
      this.transitionsOf(id),
      this.objections.find({ where: { achievementId: id }, order: { createdAt: 'ASC', id: 'ASC' } }),
    ]);
    return {
      exportedAt: this.clock.now().toISOString(),
      exportedBy: actor.userId,
      achievement,
      rightsProposal: proposal,
      consents: inventors.map((inventor) => ({
        inventorId: inventor.id,
        userId: inventor.userId,
        name: inventor.name,
        contributionShare: inventor.contributionShare,
        consentedAt: inventor.consentedAt,
        recordedById: inventor.consentRecordedById,
        documents: inventor.consentDocuments,
      })),
      transitions,
      objections,
    };
  }

  /** The public notice page (公示): title, team, proposed split and window. NOT_FOUND unless under notice. */
  async publicNotice(id: string): Promise<PublicNotice> {
    const achievement = await this.achievements.findOneBy({ id });
    if (!achievement || achievement.status !== AchievementStatus.PUBLIC_NOTICE) throw notFound('Public notice', id);
    const [inventors, proposal] = await Promise.all([
      this.inventorsOf([id]),
      this.proposals.findOneBy({ achievementId: id }),
    ]);
    return { achievement, inventors, proposal };
  }

  /**
   * Achievements under public notice (公示), public: the window ending soonest first (keyset on its end), as the
   * notice page shows them. Nothing confidential is read here; what a notice shows is decided by its object.
   */
  async publicNotices(
    filter: { institutionId?: string },
    page: { first: number; after?: string },
  ): Promise<Connection<AchievementEntity>> {
    const query = this.achievements
      .createQueryBuilder('a')
      .where('a.status = :notice', { notice: AchievementStatus.PUBLIC_NOTICE });
    if (filter.institutionId) query.andWhere('a.institutionId = :institutionId', filter);
    const totalCount = countOf(query);
    if (page.after) {
      const [endsAt, id] = decodeCursor(page.after, 2);
      if (typeof endsAt !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(endsAt))) {
        throw fail('INVALID_CURSOR', { field: 'after' });
      }
      query.andWhere('(a.notice_ends_at, a.id) > (:endsAt, :id)', { endsAt: new Date(endsAt), id });
    }
    const rows = await query
      .orderBy('a.notice_ends_at', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .limit(page.first + 1)
      .getMany();
    return toConnection(rows, page.first, (row) => [row.noticeEndsAt!.toISOString(), row.id], totalCount);
  }

  /** The objections the actor filed, newest first, with what became of them (no confidential field is read). */
  async objectionsFiledBy(
    actor: Actor,
    page: { first: number; after?: string },
  ): Promise<Connection<AchievementObjectionEntity>> {
    const query = this.objections.createQueryBuilder('o').where('o.objector_id = :me', { me: actor.userId });
    return pageNewestFirst(query, 'o', page);
  }

  /** Titles of achievements by id, for what the public may know of them (an objection's subject). */
  async titlesOf(ids: readonly string[]): Promise<Array<Pick<AchievementEntity, 'id' | 'title' | 'status'>>> {
    if (ids.length === 0) return [];
    return this.achievements.find({
      select: { id: true, title: true, status: true },
      where: { id: In([...ids]) },
    });
  }

  async settings(actor: Actor, institutionId: string): Promise<AchievementSettingsEntity> {
    if (!actor.isAdmin && !actor.belongsTo(institutionId))
      throw forbidden('Only members of the institution see its settings');
    return this.settingsFor(this.dataSource.manager, institutionId);
  }

  // ---------------------------------------------------------------- editing drafts

  async createDraft(actor: Actor, input: CreateAchievementInput): Promise<AchievementEntity> {
    const { institutionId } = input;
    if (!actor.hasRole(Role.RESEARCHER, institutionId) && !actor.hasRole(Role.TTO_OFFICER, institutionId)) {
      throw forbidden('Only researchers and TTO officers of the institution create its achievements');
    }
    if (input.inventors?.length) assertSharesWithin100(input.inventors);
    return this.dataSource.transaction(async (manager) => {
      const fields = await this.checkedFields(manager, input);
      const achievement = await manager.save(
        manager.create(AchievementEntity, {
          ...fields,
          title: input.title.trim(),
          institutionId,
          ownerId: actor.userId,
          representativeId: input.representativeId ?? actor.userId,
          status: AchievementStatus.DRAFT,
        }),
      );
      if (input.inventors?.length) await this.replaceInventors(manager, achievement.id, input.inventors);
      if (input.attachments?.some((file) => file.fileId)) {
        achievement.attachments = await this.withFiles(manager, actor, input.attachments, {
          kind: FileOwnerKind.ACHIEVEMENT_ATTACHMENT,
          id: achievement.id,
        });
        await manager.save(achievement);
      }
      await this.recordTransition(manager, achievement, actor.userId, CREATE_EVENT, null, {});
      return achievement;
    });
  }

  /**
   * Deletes a draft (never submitted, or returned to DRAFT by review: it was never listed), by its team or the
   * institution's TTO. Someone who may not see it gets NOT_FOUND; someone who sees it but does not edit it,
   * FORBIDDEN; a submitted or listed achievement is kept (ONLY_DRAFTS_DELETED). Its inventors, proposal, history
   * and objections go with it (foreign keys); an outbox row keeps the index clean should it hold the id. Its files
   * are deleted too: their rows in the same transaction, their stored bytes only after it committed.
   */
  async deleteDraft(actor: Actor, id: string): Promise<string> {
    const { storageKeys } = await this.dataSource.transaction(async (manager) => {
      const achievement = await this.lockAchievement(manager, id);
      const inventors = await manager.find(AchievementInventorEntity, { where: { achievementId: id } });
      if (!canView(actor, achievement, inventors)) throw notFound('Achievement', id);
      const roles = workflowRolesOf(actor, achievement, inventors);
      if (!roles.has(WorkflowRole.TEAM) && !roles.has(WorkflowRole.TTO)) {
        throw forbidden('Only the team and the TTO of the institution delete this draft');
      }
      if (achievement.status !== AchievementStatus.DRAFT) {
        throw fail('ONLY_DRAFTS_DELETED', { field: 'id', currentStatus: achievement.status });
      }
      // Its attachments and procedure documents go with it: their rows here, their bytes once this commits.
      const storageKeys = await this.files.detachForDeletion(
        manager,
        [FileOwnerKind.ACHIEVEMENT_ATTACHMENT, FileOwnerKind.ACHIEVEMENT_RECORD],
        id,
      );
      await manager.delete(AchievementEntity, { id });
      await recordOutboxChange(manager, OutboxSubject.ACHIEVEMENT, id);
      return { storageKeys };
    });
    await this.files.removeBytes(storageKeys);
    return id;
  }

  /**
   * Drafts: every field, by the team or the TTO. After the rights are confirmed: the listing fields only
   * (what was confirmed — title, IP, inventors — stays as confirmed). Other states are frozen for review.
   */
  async update(actor: Actor, id: string, input: AchievementFieldsInput): Promise<AchievementEntity> {
    return this.dataSource.transaction(async (manager) => {
      const { achievement } = await this.lockForEditing(manager, actor, id);
      if (achievement.status !== AchievementStatus.DRAFT) {
        if (!LISTING_EDITABLE_STATUSES.includes(achievement.status)) {
          throw badInput(`An achievement in state ${achievement.status} cannot be edited`, {
            currentStatus: achievement.status,
            editableIn: [AchievementStatus.DRAFT, ...LISTING_EDITABLE_STATUSES],
          });
        }
        const locked = Object.keys(input).filter(
          (key) =>
            input[key as keyof AchievementFieldsInput] !== undefined &&
            !LISTING_FIELDS.includes(key as keyof AchievementFieldsInput),
        );
        if (locked.length > 0) {
          throw badInput(`Once the rights are confirmed only the listing can change, not: ${locked.join(', ')}`, {
            field: locked[0],
            currentStatus: achievement.status,
          });
        }
      }
      Object.assign(achievement, await this.checkedFields(manager, input));
      if (input.attachments !== undefined) {
        achievement.attachments = await this.withFiles(manager, actor, input.attachments, {
          kind: FileOwnerKind.ACHIEVEMENT_ATTACHMENT,
          id: achievement.id,
        });
      }
      if (input.title !== undefined) achievement.title = input.title.trim();
      const saved = await manager.save(achievement);
      if (INDEX_RELEVANT_STATUSES.includes(saved.status)) {
        await recordOutboxChange(manager, OutboxSubject.ACHIEVEMENT, saved.id);
      }
      return saved;
    });
  }

  /** Replaces the inventor list of a draft; every consent is reset (they agreed to the previous split). */
  async setInventors(actor: Actor, id: string, inventors: InventorInput[]): Promise<AchievementInventorEntity[]> {
    return this.dataSource.transaction(async (manager) => {
      const { achievement } = await this.lockForEditing(manager, actor, id);
      this.assertDraft(achievement, 'inventors');
      assertSharesWithin100(inventors);
      await this.replaceInventors(manager, id, inventors);
      return manager.find(AchievementInventorEntity, { where: { achievementId: id }, order: { position: 'ASC' } });
    });
  }

  /** Sets the proposed split or use right of a draft; consents are reset for the same reason. */
  async setRightsProposal(actor: Actor, id: string, input: RightsProposalInput): Promise<RightsProposalEntity> {
    const teamShare = input.kind === RightsProposalKind.TEAM_SHARE;
    if (teamShare && (input.teamSharePercent === undefined || input.teamSharePercent === null)) {
      throw badInput('A team-share proposal needs teamSharePercent', { field: 'teamSharePercent' });
    }
    if (!teamShare && (input.useRightYears === undefined || input.useRightYears === null)) {
      throw badInput('A use-right proposal needs useRightYears', { field: 'useRightYears' });
    }
    return this.dataSource.transaction(async (manager) => {
      const { achievement } = await this.lockForEditing(manager, actor, id);
      this.assertDraft(achievement, 'rightsProposal');
      if (teamShare) {
        // The institution's bounds are checked when the share is proposed, not only when the application is
        // submitted: a proposal the TTO must refuse is never recorded.
        const rules = await this.settingsFor(manager, achievement.institutionId);
        const share = input.teamSharePercent!;
        if (share < rules.minTeamSharePercent || share > rules.maxTeamSharePercent) {
          throw fail('SHARE_OUT_OF_BOUNDS', {
            field: 'teamSharePercent',
            min: rules.minTeamSharePercent,
            max: rules.maxTeamSharePercent,
            proposed: share,
          });
        }
      }
      await manager.upsert(
        RightsProposalEntity,
        {
          achievementId: id,
          kind: input.kind,
          teamSharePercent: teamShare ? input.teamSharePercent! : null,
          useRightYears: teamShare ? null : input.useRightYears!,
          note: input.note ?? null,
          agreementSignedAt: null,
          agreementDocuments: [],
        },
        ['achievementId'],
      );
      await manager.update(
        AchievementInventorEntity,
        { achievementId: id },
        { consentedAt: null, consentRecordedById: null },
      );
      return manager.findOneByOrFail(RightsProposalEntity, { achievementId: id });
    });
  }

  /**
   * Records an inventor's consent to the application and split. A user inventor consents for themself; the
   * consent of a named person without an account is recorded by the team with the signed document attached.
   */
  async recordConsent(
    actor: Actor,
    achievementId: string,
    inventorId: string | undefined,
    documents: FileInput[] = [],
  ): Promise<AchievementInventorEntity> {
    return this.dataSource.transaction(async (manager) => {
      const achievement = await this.lockAchievement(manager, achievementId);
      const inventors = await manager.find(AchievementInventorEntity, { where: { achievementId } });
      const inventor = inventorId
        ? inventors.find((candidate) => candidate.id === inventorId)
        : inventors.find((candidate) => candidate.userId === actor.userId);
      if (!inventor) {
        if (!canFollowWorkflow(actor, achievement, inventors)) throw forbidden('Only inventors record their consent');
        throw inventorId ? notFound('Inventor', inventorId) : forbidden('You are not an inventor of this achievement');
      }
      if (inventor.userId) {
        if (inventor.userId !== actor.userId) throw forbidden('An inventor with an account records their own consent');
      } else {
        if (!workflowRolesOf(actor, achievement, inventors).has(WorkflowRole.TEAM)) {
          throw forbidden('Only the team records the consent of a named inventor');
        }
        if (documents.length === 0) {
          throw badInput('The consent of an inventor without an account needs the signed document', {
            field: 'documents',
          });
        }
      }
      this.assertDraft(achievement, 'consent');
      inventor.consentedAt = this.clock.now();
      inventor.consentRecordedById = actor.userId;
      inventor.consentDocuments = await this.withFiles(manager, actor, documents, {
        kind: FileOwnerKind.ACHIEVEMENT_RECORD,
        id: achievementId,
      });
      return manager.save(inventor);
    });
  }

  async updateSettings(actor: Actor, institutionId: string, input: SettingsInput): Promise<AchievementSettingsEntity> {
    if (!actor.isAdmin && !actor.hasRole(Role.TTO_OFFICER, institutionId)) {
      throw forbidden("Only the institution's TTO officers and administrators change its workflow settings");
    }
    return this.dataSource.transaction(async (manager) => {
      const current = await this.settingsFor(manager, institutionId);
      const next = { ...current, ...definedOnly(input), institutionId };
      const minimum = (await readPlatformSettings(manager)).minPublicNoticeSeconds;
      if (input.noticePeriodSeconds !== undefined && input.noticePeriodSeconds < minimum) {
        throw fail('NOTICE_PERIOD_TOO_SHORT', { field: 'noticePeriodSeconds', minSeconds: minimum });
      }
      if (next.minTeamSharePercent > next.maxTeamSharePercent) {
        throw badInput('minTeamSharePercent must not exceed maxTeamSharePercent', { field: 'minTeamSharePercent' });
      }
      next.negativeList = [...new Set(next.negativeList.map((entry) => entry.trim()).filter(Boolean))];
      await manager.upsert(
        AchievementSettingsEntity,
        {
          institutionId,
          noticePeriodSeconds: next.noticePeriodSeconds,
          stalePeriodDays: next.stalePeriodDays,
          minTeamSharePercent: next.minTeamSharePercent,
          maxTeamSharePercent: next.maxTeamSharePercent,
          negativeList: next.negativeList,
        },
        ['institutionId'],
      );
      return this.settingsFor(manager, institutionId);
    });
  }

  // ---------------------------------------------------------------- the workflow

  /** Fires a workflow event as `actor` (null: a scheduled job). Throws FORBIDDEN / BAD_USER_INPUT when not allowed. */
  async fire(
    actor: Actor | null,
    id: string,
    event: WorkflowEvent,
    input: TransitionInput = {},
  ): Promise<AchievementEntity> {
    const achievement = await this.dataSource.transaction(async (manager) => {
      const fired = await this.fireIn(manager, actor, id, event, input);
      if (fired.status === AchievementStatus.PUBLIC_NOTICE && event === WorkflowEvent.APPROVE) {
        // The notice's end is a job intent committed with the notice: a crash before the enqueue loses nothing.
        await recordJobIntent(
          manager,
          JobName.EndAchievementNotice,
          { achievementId: fired.id, noticeRound: fired.noticeRound },
          { jobId: `achievement-notice-end-${fired.id}-${fired.noticeRound}`, runAt: fired.noticeEndsAt },
        );
      }
      return fired;
    });
    // The notice's end and the notification emails are job intents of that transaction.
    await this.intents.relayNow();
    return achievement;
  }

  /**
   * Files an objection to a running public notice (公示异议): verified accounts only, a reason of at most
   * OBJECTION_MAX_LENGTH characters, one open objection per person and round. Filing moves nothing: the TTO
   * triages it. The objector gets the objection back (an acknowledgement), never the achievement.
   */
  async fileObjection(actor: Actor, id: string, reason: string): Promise<AchievementObjectionEntity> {
    assertEmailVerified(actor);
    const trimmed = reason.trim();
    if (!trimmed) throw fail('REASON_REQUIRED', { field: 'reason' });
    if (trimmed.length > OBJECTION_MAX_LENGTH) {
      throw fail('OBJECTION_TOO_LONG', { field: 'reason', max: OBJECTION_MAX_LENGTH });
    }
    const filed = await this.dataSource.transaction(async (manager) => {
      const achievement = await this.lockAchievement(manager, id);
      if (achievement.status !== AchievementStatus.PUBLIC_NOTICE) throw notFound('Public notice', id);
      if (!achievement.noticeEndsAt || this.clock.now() >= achievement.noticeEndsAt) {
        throw fail('NOTICE_WINDOW_ENDED', { field: 'id' });
      }
      const open = await manager.existsBy(AchievementObjectionEntity, {
        achievementId: id,
        objectorId: actor.userId,
        noticeRound: achievement.noticeRound,
        resolvedAt: IsNull(),
      });
      if (open) throw fail('OBJECTION_ALREADY_OPEN', { field: 'id' });
      const objection = await manager.save(
        manager.create(AchievementObjectionEntity, {
          achievementId: id,
          objectorId: actor.userId,
          reason: trimmed,
          noticeRound: achievement.noticeRound,
          resolvedAt: null,
          resolvedById: null,
          resolution: null,
          outcome: null,
        }),
      );
      await this.recordTransition(manager, achievement, actor.userId, 'OBJECTION_FILED', achievement.status, {
        comment: trimmed,
      });
      await this.notifications.publish(manager, {
        kind: NotificationKind.OBJECTION_FILED,
        eventKey: objection.id,
        actorId: actor.userId,
        audiences: [
          {
            userIds: await this.notifications.membersWithRole(manager, achievement.institutionId, Role.TTO_OFFICER),
            path: SCREENS.ttoNotices(),
          },
        ],
        data: { achievementId: achievement.id, objectionId: objection.id },
        params: { subject: achievement.title, reason: trimmed },
      });
      return objection;
    });
    await this.intents.relayNow();
    return filed;
  }

  /**
   * The TTO (or an administrator) triages an objection: upheld, the application goes back to TTO review (the
   * workflow's OBJECT move, recorded with the reason); dismissed, the notice runs on — not restarted — and ends
   * at once if its window is already over and nothing else waits.
   */
  async triageObjection(
    actor: Actor,
    objectionId: string,
    input: { uphold: boolean; resolution: string },
  ): Promise<AchievementObjectionEntity> {
    const resolution = input.resolution.trim();
    if (!resolution) throw fail('REASON_REQUIRED', { field: 'resolution' });
    const outcome = await this.dataSource.transaction(async (manager) => {
      const objection = await manager.findOne(AchievementObjectionEntity, {
        where: { id: objectionId },
        lock: { mode: 'pessimistic_write' },
      });
      const achievement = objection
        ? await manager.findOneBy(AchievementEntity, { id: objection.achievementId })
        : null;
      if (
        !objection ||
        !achievement ||
        !(actor.isAdmin || actor.hasRole(Role.TTO_OFFICER, achievement.institutionId))
      ) {
        throw fail('OBJECTION_NOT_FOUND', { id: objectionId });
      }
      if (objection.resolvedAt) throw fail('OBJECTION_ALREADY_TRIAGED');
      if (input.uphold) {
        await this.fireIn(manager, actor, achievement.id, WorkflowEvent.OBJECT, { comment: resolution });
      }
      objection.resolvedAt = this.clock.now();
      objection.resolvedById = actor.userId;
      objection.resolution = resolution;
      objection.outcome = input.uphold ? ObjectionOutcome.UPHELD : ObjectionOutcome.DISMISSED;
      const saved = await manager.save(objection);
      await this.notifications.publish(manager, {
        kind: NotificationKind.OBJECTION_RESOLVED,
        eventKey: objection.id,
        actorId: actor.userId,
        audiences: [
          { userIds: [objection.objectorId], path: SCREENS.notices() },
          {
            userIds: [achievement.ownerId, achievement.representativeId],
            path: SCREENS.myAchievement(achievement.id),
          },
        ],
        data: { achievementId: achievement.id, objectionId: objection.id },
        params: { subject: achievement.title, reason: resolution, outcome: objection.outcome },
      });
      return saved;
    });
    await this.intents.relayNow();
    if (!input.uphold) {
      const achievement = await this.achievements.findOneBy({ id: outcome.achievementId });
      if (
        achievement?.status === AchievementStatus.PUBLIC_NOTICE &&
        achievement.noticeEndsAt &&
        achievement.noticeEndsAt <= this.clock.now()
      ) {
        await this.endNotice(achievement.id, achievement.noticeRound);
      }
    }
    return outcome;
  }

  /** The notice window's end (job handler): skipped unless the achievement is still in that round's notice. */
  async endNotice(achievementId: string, noticeRound: number): Promise<'done' | 'skipped'> {
    const outcome = await this.dataSource.transaction<'done' | 'skipped'>(async (manager) => {
      const achievement = await manager.findOne(AchievementEntity, {
        where: { id: achievementId },
        lock: { mode: 'pessimistic_write' },
      });
      if (
        !achievement ||
        achievement.status !== AchievementStatus.PUBLIC_NOTICE ||
        achievement.noticeRound !== noticeRound
      ) {
        return 'skipped';
      }
      // An objection waiting for the TTO's triage holds the notice open; dismissing the last one ends it.
      const waiting = await manager.countBy(AchievementObjectionEntity, {
        achievementId,
        noticeRound,
        resolvedAt: IsNull(),
      });
      if (waiting > 0) return 'skipped';
      // Throws (and the job retries) if it fires before the window's end.
      await this.fireIn(manager, null, achievementId, WorkflowEvent.END_NOTICE, {
        comment: `Public notice round ${noticeRound} ended without objection`,
      });
      return 'done';
    });
    if (outcome === 'done') await this.intents.relayNow();
    return outcome;
  }

  /**
   * The periodic sweep: listings not reconfirmed within their institution's period become STALE, and notices
   * whose window is over are ended (a safety net should the delayed job have been lost).
   */
  async sweep(): Promise<{ staled: number; noticesEnded: number }> {
    const now = this.clock.now();
    const stale = await this.achievements
      .createQueryBuilder('a')
      .select('a.id', 'id')
      .leftJoin(AchievementSettingsEntity, 's', 's.institution_id = a.institution_id')
      .where('a.status = :listed', { listed: AchievementStatus.LISTED })
      .andWhere(
        `COALESCE(a.reconfirmed_at, a.listed_at, a.created_at) < CAST(:now AS timestamptz) - make_interval(days => COALESCE(s.stale_period_days, :defaultDays))`,
        { now: now.toISOString(), defaultDays: DEFAULT_STALE_PERIOD_DAYS },
      )
      .getRawMany<{ id: string }>();
    let staled = 0;
    for (const { id } of stale) {
      if (await this.fireQuietly(id, WorkflowEvent.MARK_STALE, 'Not reconfirmed within the stale period')) staled++;
    }
    const overdue = await this.achievements
      .createQueryBuilder('a')
      .select(['a.id', 'a.noticeRound'])
      .where('a.status = :notice', { notice: AchievementStatus.PUBLIC_NOTICE })
      .andWhere('a.noticeEndsAt <= :now', { now })
      .getMany();
    let noticesEnded = 0;
    for (const { id, noticeRound } of overdue) {
      if ((await this.endNotice(id, noticeRound)) === 'done') noticesEnded++;
    }
    return { staled, noticesEnded };
  }

  // ---------------------------------------------------------------- imports

  /**
   * Creates a catalogue entry directly as RIGHTS_CONFIRMED / LISTED (its rights were settled outside the
   * platform). Idempotent by (institution, externalId): an identical re-import changes nothing; a changed entry
   * updates the listing fields. Writes the outbox row in the same transaction.
   */
  async importListedAchievement(
    input: ImportAchievementInput,
    manager?: EntityManager,
  ): Promise<{ achievement: AchievementEntity; outcome: 'created' | 'updated' | 'unchanged' }> {
    const run = async (m: EntityManager) => {
      const values = {
        title: input.title.trim(),
        summary: input.summary ?? '',
        description: input.description ?? '',
        keywords: input.keywords ?? [],
        industryCode: input.industryCode ?? null,
        trl: input.trl ?? null,
        ipType: input.ipType ?? null,
        ipRegistrationNumbers: input.ipRegistrationNumbers ?? [],
        transferModes: input.transferModes ?? [],
        askingPriceWan: input.askingPriceWan ?? null,
        region: input.region ?? null,
        language: input.language ?? AchievementLanguage.zh,
        institutionOwned: input.institutionOwned ?? false,
      };
      const now = this.clock.now();
      const inserted = await m
        .createQueryBuilder()
        .insert()
        .into(AchievementEntity)
        .values({
          ...values,
          institutionId: input.institutionId,
          externalId: input.externalId,
          status: input.status,
          ownerId: null,
          representativeId: null,
          attachments: [],
          listedAt: input.status === AchievementStatus.RIGHTS_CONFIRMED ? null : now,
          reconfirmedAt: input.status === AchievementStatus.RIGHTS_CONFIRMED ? null : now,
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      const insertedId = (inserted.raw as Array<{ id: string }>)[0]?.id;
      if (insertedId) {
        const achievement = await m.findOneByOrFail(AchievementEntity, { id: insertedId });
        await this.recordTransition(m, achievement, null, IMPORT_EVENT, null, {
          comment: `Imported as ${input.externalId}`,
        });
        await recordOutboxChange(m, OutboxSubject.ACHIEVEMENT, achievement.id);
        return { achievement, outcome: 'created' as const };
      }
      const existing = await m.findOne(AchievementEntity, {
        where: { institutionId: input.institutionId, externalId: input.externalId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!existing) throw new Error(`Import of ${input.externalId} neither inserted nor found`);
      const changed = (Object.keys(values) as Array<keyof typeof values>).filter(
        (key) => JSON.stringify(existing[key]) !== JSON.stringify(values[key]),
      );
      if (changed.length === 0) return { achievement: existing, outcome: 'unchanged' as const };
      Object.assign(existing, values);
      const saved = await m.save(existing);
      await recordOutboxChange(m, OutboxSubject.ACHIEVEMENT, saved.id);
      return { achievement: saved, outcome: 'updated' as const };
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  // ---------------------------------------------------------------- internals

  private async fireIn(
    manager: EntityManager,
    actor: Actor | null,
    id: string,
    event: WorkflowEvent,
    input: TransitionInput,
  ): Promise<AchievementEntity> {
    const achievement = await this.lockAchievement(manager, id);
    // One connection runs one query at a time: inside a transaction, read in sequence.
    const inventors = await manager.find(AchievementInventorEntity, {
      where: { achievementId: id },
      order: { position: 'ASC' },
    });
    const proposal = await manager.findOneBy(RightsProposalEntity, { achievementId: id });
    const settings = await this.settingsFor(manager, achievement.institutionId);
    const now = this.clock.now();
    const comment = input.comment?.trim() || null;
    const roles = workflowRolesOf(actor, achievement, inventors);
    // Someone who cannot see the achievement gets FORBIDDEN (without learning its state).
    if (actor && !canView(actor, achievement, inventors)) {
      throw forbidden(`You may not ${event} this achievement`);
    }
    let edge;
    try {
      edge = planTransition(achievement.status, event, roles, {
        now,
        rules: rulesOf(settings),
        inventors: inventors.map((inventor) => ({
          name: inventor.name,
          contributionShare: inventor.contributionShare,
          consented: inventor.consentedAt !== null,
        })),
        proposal,
        categories: [achievement.industryCode, achievement.ipType, ...achievement.keywords].filter(
          (value): value is string => typeof value === 'string',
        ),
        conversionPlan: achievement.conversionPlan,
        hasRepresentative: achievement.representativeId !== null,
        noticeEndsAt: achievement.noticeEndsAt,
        comment,
      });
    } catch (error) {
      throw toDomainException(error);
    }
    // Submitting (publishing to review) needs a verified email address (objecting too: fileObjection).
    if (actor && event === WorkflowEvent.SUBMIT) assertEmailVerified(actor);
    const from = achievement.status;
    achievement.status = edge.to;
    const documents = actor
      ? await this.withFiles(manager, actor, input.documents ?? [], { kind: FileOwnerKind.ACHIEVEMENT_RECORD, id })
      : (input.documents ?? []).map(toFileMetadata);
    switch (event) {
      case WorkflowEvent.SUBMIT:
        achievement.rejectionReason = null;
        break;
      case WorkflowEvent.APPROVE:
        if (edge.to === AchievementStatus.PUBLIC_NOTICE) {
          achievement.noticeRound += 1;
          achievement.noticeStartsAt = now;
          // Never shorter than the platform's minimum, also for a setting stored before it was raised.
          const minimum = (await readPlatformSettings(manager)).minPublicNoticeSeconds;
          achievement.noticeEndsAt = new Date(now.getTime() + Math.max(settings.noticePeriodSeconds, minimum) * 1000);
          await this.resolveObjections(
            manager,
            id,
            actor,
            comment ?? 'Review completed again',
            ObjectionOutcome.NOTICE_RESTARTED,
          );
        }
        break;
      case WorkflowEvent.REJECT:
        achievement.rejectionReason = comment;
        await this.resolveObjections(manager, id, actor, comment, ObjectionOutcome.APPLICATION_RETURNED);
        break;
      case WorkflowEvent.OBJECT:
        // An upheld objection (triageObjection resolves it); the objection row was written when it was filed.
        break;
      case WorkflowEvent.SIGN_AGREEMENT:
        await manager.update(
          RightsProposalEntity,
          { achievementId: id },
          { agreementSignedAt: now, agreementDocuments: documents },
        );
        break;
      case WorkflowEvent.CONFIRM_INSTITUTION_OWNED:
        achievement.institutionOwned = true;
        break;
      case WorkflowEvent.LIST:
        achievement.listedAt = now;
        achievement.reconfirmedAt = now;
        break;
      case WorkflowEvent.RECONFIRM:
        achievement.reconfirmedAt = now;
        break;
      default:
        break;
    }
    const saved = await manager.save(achievement);
    const transitionId = await this.recordTransition(manager, saved, actor?.userId ?? null, event, from, {
      comment,
      documents,
    });
    await this.notifyTransition(manager, saved, actor?.userId ?? null, event, transitionId, comment);
    if (saved.status === AchievementStatus.WITHDRAWN && from !== AchievementStatus.WITHDRAWN) {
      // Withdrawn: its open matches close now, claimed ones too (claims end, pending introductions withdrawn).
      await this.marketExit?.closeOpenMatches(manager, 'ACHIEVEMENT', [saved.id], actor?.userId ?? null);
    }
    if (INDEX_RELEVANT_STATUSES.includes(from) || INDEX_RELEVANT_STATUSES.includes(saved.status)) {
      await recordOutboxChange(manager, OutboxSubject.ACHIEVEMENT, saved.id);
    }
    return saved;
  }

  private async fireQuietly(id: string, event: WorkflowEvent, comment: string): Promise<boolean> {
    try {
      await this.fire(null, id, event, { comment });
      return true;
    } catch (error) {
      // The state moved on between the query and the lock: nothing to do.
      if (error instanceof DomainException) return false;
      throw error;
    }
  }

  /** The people a workflow step now waits on (or whose request it settles), in the step's transaction. */
  private async notifyTransition(
    manager: EntityManager,
    achievement: AchievementEntity,
    actorId: string | null,
    event: WorkflowEvent,
    transitionId: string,
    comment: string | null,
  ): Promise<void> {
    const team = {
      userIds: [achievement.ownerId, achievement.representativeId],
      path: SCREENS.myAchievement(achievement.id),
    };
    const base = {
      eventKey: transitionId,
      actorId,
      data: { achievementId: achievement.id },
      params: { subject: achievement.title, reason: comment },
    };
    switch (event) {
      case WorkflowEvent.SUBMIT:
        await this.notifications.publish(manager, {
          ...base,
          kind: NotificationKind.RIGHTS_SUBMITTED,
          audiences: [
            {
              userIds: await this.notifications.membersWithRole(manager, achievement.institutionId, Role.TTO_OFFICER),
              path: SCREENS.review(achievement.id),
            },
          ],
        });
        break;
      case WorkflowEvent.REJECT:
        await this.notifications.publish(manager, {
          ...base,
          kind: NotificationKind.RIGHTS_RETURNED,
          audiences: [team],
        });
        break;
      case WorkflowEvent.END_NOTICE:
        await this.notifications.publish(manager, { ...base, kind: NotificationKind.NOTICE_ENDED, audiences: [team] });
        break;
      default:
        break;
    }
  }

  private async resolveObjections(
    manager: EntityManager,
    achievementId: string,
    actor: Actor | null,
    resolution: string | null,
    outcome: ObjectionOutcome,
  ) {
    await manager
      .createQueryBuilder()
      .update(AchievementObjectionEntity)
      .set({ resolvedAt: this.clock.now(), resolvedById: actor?.userId ?? null, resolution, outcome })
      .where('achievement_id = :achievementId AND resolved_at IS NULL', { achievementId })
      .execute();
  }

  private async recordTransition(
    manager: EntityManager,
    achievement: AchievementEntity,
    actorId: string | null,
    event: string,
    from: AchievementStatus | null,
    extra: { comment?: string | null; documents?: FileMetadata[] },
  ): Promise<string> {
    const inserted = await manager.insert(AchievementTransitionEntity, {
      achievementId: achievement.id,
      actorId,
      event,
      fromStatus: from,
      toStatus: achievement.status,
      comment: extra.comment ?? null,
      documents: extra.documents ?? [],
    });
    return String((inserted.identifiers[0] as { id: string }).id);
  }

  private transitionsOf(id: string): Promise<AchievementTransitionEntity[]> {
    return this.transitions.find({ where: { achievementId: id }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  private async lockAchievement(manager: EntityManager, id: string): Promise<AchievementEntity> {
    const achievement = await manager.findOne(AchievementEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!achievement) throw notFound('Achievement', id);
    return achievement;
  }

  /** Editing needs TEAM (a researcher on the team) or the institution's TTO. */
  private async lockForEditing(manager: EntityManager, actor: Actor, id: string) {
    const achievement = await this.lockAchievement(manager, id);
    const inventors = await manager.find(AchievementInventorEntity, { where: { achievementId: id } });
    const roles = workflowRolesOf(actor, achievement, inventors);
    if (!roles.has(WorkflowRole.TEAM) && !roles.has(WorkflowRole.TTO)) {
      throw forbidden('Only the team and the TTO of the institution edit this achievement');
    }
    return { achievement, inventors };
  }

  private assertDraft(achievement: AchievementEntity, what: string): void {
    if (achievement.status !== AchievementStatus.DRAFT) {
      throw badInput(`The ${what} can only change while the achievement is a DRAFT (it is ${achievement.status})`, {
        currentStatus: achievement.status,
        allowedTransitions: describeTransitions(achievement.status),
      });
    }
  }

  private async replaceInventors(
    manager: EntityManager,
    achievementId: string,
    inputs: InventorInput[],
  ): Promise<void> {
    const userIds = inputs.map((input) => input.userId).filter((value): value is string => !!value);
    if (new Set(userIds).size !== userIds.length) throw badInput('An inventor is listed twice', { field: 'inventors' });
    const users = userIds.length ? await manager.findBy(UserEntity, { id: In(userIds) }) : [];
    const names = new Map(users.map((user) => [user.id, user.displayName]));
    const rows = inputs.map((input, position) => {
      if (input.userId && !names.has(input.userId)) throw notFound('User', input.userId);
      const name = input.name?.trim() || (input.userId ? names.get(input.userId)! : '');
      if (!name) throw badInput('An inventor needs a user or a name', { field: `inventors.${position}.name` });
      return {
        achievementId,
        userId: input.userId ?? null,
        name,
        contributionShare: input.contributionShare,
        position,
      };
    });
    await manager.delete(AchievementInventorEntity, { achievementId });
    if (rows.length > 0) await manager.insert(AchievementInventorEntity, rows);
  }

  private async checkedFields(
    manager: EntityManager,
    input: AchievementFieldsInput,
  ): Promise<Partial<AchievementEntity>> {
    if (input.representativeId) {
      const exists = await manager.existsBy(UserEntity, { id: input.representativeId });
      if (!exists) throw notFound('User', input.representativeId);
    }
    const fields: Partial<AchievementEntity> = {};
    const copy = <K extends keyof AchievementFieldsInput & keyof AchievementEntity>(key: K) => {
      if (input[key] !== undefined) (fields as Record<string, unknown>)[key] = input[key];
    };
    for (const key of [
      'summary',
      'description',
      'keywords',
      'industryCode',
      'trl',
      'ipType',
      'ipRegistrationNumbers',
      'transferModes',
      'askingPriceWan',
      'region',
      'language',
      'conversionPlan',
      'representativeId',
    ] as const) {
      copy(key);
    }
    if (input.attachments !== undefined) fields.attachments = input.attachments.map(toFileMetadata);
    if (fields.keywords) fields.keywords = [...new Set(fields.keywords.map((k) => k.trim()).filter(Boolean))];
    if (fields.transferModes) fields.transferModes = [...new Set(fields.transferModes)];
    return fields;
  }

  /** File descriptions, uploaded files among them attached to the achievement (their metadata from the upload). */
  private async withFiles(
    manager: EntityManager,
    actor: Actor,
    inputs: readonly FileInput[],
    owner: { kind: FileOwnerKind; id: string },
  ): Promise<FileMetadata[]> {
    const ids = inputs.map((input) => input.fileId).filter((id): id is string => !!id);
    const attached = await this.files.attach(manager, actor, ids, owner);
    return inputs.map((input) => {
      const file = input.fileId ? attached.find((candidate) => candidate.fileId === input.fileId) : undefined;
      return file ?? toFileMetadata(input);
    });
  }

  private async settingsFor(manager: EntityManager, institutionId: string): Promise<AchievementSettingsEntity> {
    const row = await manager.findOneBy(AchievementSettingsEntity, { institutionId });
    return (
      row ??
      manager.create(AchievementSettingsEntity, {
        institutionId,
        noticePeriodSeconds: DEFAULT_NOTICE_PERIOD_SECONDS,
        stalePeriodDays: DEFAULT_STALE_PERIOD_DAYS,
        minTeamSharePercent: DEFAULT_MIN_TEAM_SHARE_PERCENT,
        maxTeamSharePercent: DEFAULT_MAX_TEAM_SHARE_PERCENT,
        negativeList: [],
      })
    );
  }
}

function rulesOf(settings: AchievementSettingsEntity): InstitutionRules {
  return {
    minTeamSharePercent: settings.minTeamSharePercent,
    maxTeamSharePercent: settings.maxTeamSharePercent,
    negativeList: settings.negativeList,
  };
}

function toDomainException(error: unknown): unknown {
  if (!(error instanceof WorkflowViolation)) return error;
  const { problems: _messages, ...details } = error.details;
  switch (error.kind) {
    case 'FORBIDDEN':
      return fail('WORKFLOW_ROLE_REQUIRED', details);
    case 'INVALID_TRANSITION':
      return fail('WORKFLOW_TRANSITION_NOT_ALLOWED', details);
    case 'GUARD_FAILED':
      return fail('WORKFLOW_CONDITIONS_NOT_MET', details, error.problemList);
  }
}

function toFileMetadata(file: FileInput): FileMetadata {
  return {
    fileId: null,
    name: file.name,
    url: file.url ?? null,
    mimeType: file.mimeType ?? null,
    sizeBytes: file.sizeBytes ?? null,
    sha256: file.sha256 ?? null,
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Contribution shares may be entered one inventor at a time (summing to 100 is checked at submission), but never
 * beyond 100 in all: that list could not be submitted, so it is refused when entered.
 */
function assertSharesWithin100(inventors: ReadonlyArray<{ contributionShare: number }>): void {
  const total = inventors.reduce((sum, inventor) => sum + inventor.contributionShare, 0);
  if (total > 100 + 1e-6) {
    throw fail('INVENTOR_SHARES_EXCEED_100', { field: 'inventors', total: Math.round(total * 10_000) / 10_000 });
  }
}
