import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import { AchievementEntity, AchievementStatus } from '@app/achievements';
import { DealEntity, DealStage } from '@app/brokerage';
import { Clock, fail } from '@app/core';
import { DemandEntity, isDemandPublic } from '@app/demands';
import { FileOwnerKind, FilesService, StoredFileEntity } from '@app/files';
import { Actor, MembershipEntity, MembershipStatus, OrganisationEntity, OrganisationKind, Role } from '@app/identity';
import { NotificationEventsService, NotificationKind, SCREENS } from '@app/notifications';
import { administers, inSpace, INVITABLE_KINDS, runsConsortia } from './consortium-access';
import {
  ConsortiumEntity,
  ConsortiumLinkEntity,
  ConsortiumLinkKind,
  ConsortiumMemberEntity,
  ConsortiumMemberStatus,
  ConsortiumMilestoneEntity,
  ConsortiumRole,
  ConsortiumSpaceReadEntity,
  ConsortiumSpaceReadSubject,
  ConsortiumStatus,
} from './entities/consortium.entities';
import {
  AddConsortiumMilestoneInput,
  AnswerConsortiumInvitationInput,
  AttachConsortiumDocumentsInput,
  CreateConsortiumInput,
  InviteConsortiumMembersInput,
  LinkConsortiumItemInput,
  SetConsortiumMilestoneDoneInput,
} from './consortia.inputs';

/** Achievements a consortium may link: past the public notice and listed (or further on). */
export const LINKABLE_ACHIEVEMENT_STATUSES: readonly AchievementStatus[] = [
  AchievementStatus.LISTED,
  AchievementStatus.IN_NEGOTIATION,
  AchievementStatus.TRANSFERRED,
];

/** Deal stages that count as a contract among the consortium's outputs. */
export const CONTRACT_STAGES: readonly DealStage[] = [
  DealStage.CONTRACT_SIGNED,
  DealStage.REGISTERED,
  DealStage.CLOSED_WON,
];

/** A linked demand or achievement as the consortium shows it (its public title and state). */
export interface ConsortiumLinkView {
  link: ConsortiumLinkEntity;
  title: string;
  state: string;
  organisationId: string;
}

/** A signed contract among the consortium's outputs, and why it counts. */
export interface ConsortiumContract {
  deal: DealEntity;
  /** LINKED: the deal's demand or achievement is linked to the consortium; MEMBERS: both parties are members. */
  reason: 'LINKED' | 'MEMBERS';
}

export interface ConsortiumOutputs {
  contracts: ConsortiumContract[];
  /** Linked achievements of member institutions (the consortium's listings). */
  listings: ConsortiumLinkView[];
  demands: ConsortiumLinkView[];
  contractValueWan: number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Innovation consortia (创新联合体): an enterprise's members create one and invite institutions and supply-chain
 * companies (支撑 / 协同); invited organisations' administrators accept or decline; members link their demands and
 * achievements and keep a members-only space (documents, milestones; every read logged); the bureau lists them all,
 * recognises one and reads its outputs (contracts, listings).
 *
 * Who sees what: a consortium exists for the people of its member organisations (accepted or invited) and the
 * bureau; its space for the accepted members' people only; NOT_FOUND for everyone else.
 */
@Injectable()
export class ConsortiaService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly notifications: NotificationEventsService,
    private readonly files: FilesService,
  ) {}

  // ---- the lead enterprise ----

  async create(actor: Actor, input: CreateConsortiumInput): Promise<ConsortiumEntity> {
    if (!actor.hasRole(Role.ENTERPRISE_MEMBER, input.leadOrganisationId)) {
      throw fail('CONSORTIUM_LEAD_NOT_ENTERPRISE', { field: 'leadOrganisationId' });
    }
    const lead = await this.dataSource.getRepository(OrganisationEntity).findOneBy({ id: input.leadOrganisationId });
    if (!lead || lead.kind !== OrganisationKind.ENTERPRISE) {
      throw fail('CONSORTIUM_LEAD_NOT_ENTERPRISE', { field: 'leadOrganisationId' });
    }
    const name = input.name.trim();
    const goal = input.goal.trim();
    if (!name) throw fail('TEXT_BLANK', { field: 'name' });
    if (!goal) throw fail('TEXT_BLANK', { field: 'goal' });
    const industryCode = input.industryCode?.trim() || null;
    if (industryCode) {
      const known = await this.dataSource.query<unknown[]>('SELECT 1 FROM industries WHERE code = $1', [industryCode]);
      if (known.length === 0) throw fail('UNKNOWN_INDUSTRY', { field: 'industryCode', industry: industryCode });
    }
    return this.dataSource.transaction(async (manager) => {
      const consortium = await manager.save(
        manager.create(ConsortiumEntity, {
          name,
          goal,
          industryCode,
          leadOrganisationId: lead.id,
          createdById: actor.userId,
          status: ConsortiumStatus.DRAFT,
        }),
      );
      await manager.insert(ConsortiumMemberEntity, {
        consortiumId: consortium.id,
        organisationId: lead.id,
        role: ConsortiumRole.LEAD,
        status: ConsortiumMemberStatus.ACCEPTED,
        invitedById: actor.userId,
        answeredById: actor.userId,
        answeredAt: this.clock.now(),
      });
      return consortium;
    });
  }

  /**
   * Invites organisations (institutions, enterprises) as SUPPORT or COLLABORATE: one row per organisation; a
   * declined one can be invited again, an invited or accepted one keeps its row (its role updated while invited).
   * Each invitation notifies the organisation's administrators once (in-app and by email).
   */
  async invite(actor: Actor, input: InviteConsortiumMembersInput): Promise<ConsortiumMemberEntity[]> {
    return this.dataSource.transaction(async (manager) => {
      const consortium = await this.led(actor, input.consortiumId, manager);
      this.assertOpen(consortium);
      const ids = [...new Set(input.invitees.map((i) => i.organisationId))];
      const organisations = await manager.findBy(OrganisationEntity, { id: In(ids) });
      const result: ConsortiumMemberEntity[] = [];
      for (const invitee of input.invitees) {
        const organisation = organisations.find((o) => o.id === invitee.organisationId);
        if (!organisation) {
          throw fail('CONSORTIUM_ORGANISATION_NOT_INVITABLE', { problem: 'UNKNOWN', field: 'organisationId' });
        }
        if (!INVITABLE_KINDS.includes(organisation.kind)) {
          throw fail('CONSORTIUM_ORGANISATION_NOT_INVITABLE', { problem: organisation.kind, field: 'organisationId' });
        }
        if (invitee.role === ConsortiumRole.LEAD || organisation.id === consortium.leadOrganisationId) {
          throw fail('CONSORTIUM_ORGANISATION_NOT_INVITABLE', { problem: 'LEAD', field: 'role' });
        }
        let member = await manager.findOne(ConsortiumMemberEntity, {
          where: { consortiumId: consortium.id, organisationId: organisation.id },
          lock: { mode: 'pessimistic_write' },
        });
        let notify = false;
        if (!member) {
          member = await manager.save(
            manager.create(ConsortiumMemberEntity, {
              consortiumId: consortium.id,
              organisationId: organisation.id,
              role: invitee.role,
              invitedById: actor.userId,
            }),
          );
          notify = true;
        } else if (member.status === ConsortiumMemberStatus.DECLINED) {
          Object.assign(member, {
            status: ConsortiumMemberStatus.INVITED,
            role: invitee.role,
            invitedById: actor.userId,
            invitedAt: this.clock.now(),
            answeredAt: null,
            answeredById: null,
          });
          member = await manager.save(member);
          notify = true;
        } else if (member.status === ConsortiumMemberStatus.INVITED && member.role !== invitee.role) {
          member.role = invitee.role;
          member = await manager.save(member);
        }
        if (notify) await this.notifyInvited(manager, actor, consortium, member);
        result.push(member);
      }
      return result;
    });
  }

  private async notifyInvited(
    manager: EntityManager,
    actor: Actor,
    consortium: ConsortiumEntity,
    member: ConsortiumMemberEntity,
  ): Promise<void> {
    const admins = await manager
      .getRepository(MembershipEntity)
      .createQueryBuilder('m')
      .select('DISTINCT m.user_id', 'userId')
      .where('m.organisation_id = :organisationId', { organisationId: member.organisationId })
      .andWhere('m.status = :active', { active: MembershipStatus.ACTIVE })
      .andWhere(new Brackets((q) => q.where('m.org_admin = true').orWhere('m.role = :tto', { tto: Role.TTO_OFFICER })))
      .getRawMany<{ userId: string }>();
    if (admins.length === 0) return;
    const lead = await manager.findOneBy(OrganisationEntity, { id: consortium.leadOrganisationId });
    await this.notifications.publish(manager, {
      kind: NotificationKind.CONSORTIUM_INVITED,
      // One notification per invitation round (a declined organisation invited again is told again).
      eventKey: `consortium-invitation:${member.id}:${member.invitedAt.getTime()}`,
      actorId: actor.userId,
      audiences: [{ userIds: admins.map((a) => a.userId), path: SCREENS.consortiumInvitations() }],
      data: { consortiumId: consortium.id, memberId: member.id },
      params: { subject: consortium.name, reason: lead?.name ?? '' },
    });
  }

  async close(actor: Actor, consortiumId: string): Promise<ConsortiumEntity> {
    return this.dataSource.transaction(async (manager) => {
      const consortium = await this.led(actor, consortiumId, manager);
      if (consortium.status === ConsortiumStatus.CLOSED) return consortium;
      consortium.status = ConsortiumStatus.CLOSED;
      consortium.closedAt = this.clock.now();
      return manager.save(consortium);
    });
  }

  // ---- invited organisations ----

  /** Invitations waiting on organisations the actor administers, latest first. */
  async pendingInvitations(actor: Actor): Promise<ConsortiumMemberEntity[]> {
    const organisationIds = [...new Set(actor.memberships.map((m) => m.organisationId))].filter((id) =>
      administers(actor, id),
    );
    if (organisationIds.length === 0) return [];
    return this.dataSource.getRepository(ConsortiumMemberEntity).find({
      where: { organisationId: In(organisationIds), status: ConsortiumMemberStatus.INVITED },
      order: { invitedAt: 'DESC', id: 'ASC' },
    });
  }

  /**
   * The invited organisation's administrator accepts or declines; the first acceptance makes a DRAFT consortium
   * ACTIVE. NOT_FOUND for anyone who does not administer the invited organisation.
   */
  async answer(actor: Actor, input: AnswerConsortiumInvitationInput): Promise<ConsortiumMemberEntity> {
    return this.dataSource.transaction(async (manager) => {
      const member = await manager.findOne(ConsortiumMemberEntity, {
        where: { id: input.memberId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!member || member.role === ConsortiumRole.LEAD || !administers(actor, member.organisationId)) {
        throw fail('CONSORTIUM_INVITATION_NOT_FOUND', { id: input.memberId });
      }
      const consortium = await manager.findOne(ConsortiumEntity, {
        where: { id: member.consortiumId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!consortium) throw fail('CONSORTIUM_INVITATION_NOT_FOUND', { id: input.memberId });
      const status = input.accept ? ConsortiumMemberStatus.ACCEPTED : ConsortiumMemberStatus.DECLINED;
      if (member.status === status) return member;
      if (member.status !== ConsortiumMemberStatus.INVITED) {
        throw fail('CONSORTIUM_ALREADY_ANSWERED', { status: member.status });
      }
      this.assertOpen(consortium);
      member.status = status;
      member.answeredAt = this.clock.now();
      member.answeredById = actor.userId;
      await manager.save(member);
      if (input.accept && consortium.status === ConsortiumStatus.DRAFT) {
        consortium.status = ConsortiumStatus.ACTIVE;
        await manager.save(consortium);
      }
      return member;
    });
  }

  // ---- any member (accepted) ----

  /**
   * Links a demand of a member enterprise or an achievement of a member institution: the actor belongs to the
   * organisation that owns it, and that organisation accepted. Drafts and achievements not yet listed cannot be
   * linked (their titles are not public). Linking twice returns the link.
   */
  async link(actor: Actor, input: LinkConsortiumItemInput): Promise<ConsortiumLinkEntity> {
    return this.dataSource.transaction(async (manager) => {
      const { consortium, members } = await this.inSpaceOf(actor, input.consortiumId, manager);
      this.assertOpen(consortium);
      let ownerId: string | undefined;
      if (input.kind === ConsortiumLinkKind.DEMAND) {
        const demand = await manager.findOneBy(DemandEntity, { id: input.targetId });
        if (demand && !isDemandPublic(demand.status) && !actor.belongsTo(demand.organisationId)) {
          throw fail('CONSORTIUM_ITEM_NOT_FOUND', { id: input.targetId });
        }
        if (!demand) throw fail('CONSORTIUM_ITEM_NOT_FOUND', { id: input.targetId });
        if (!isDemandPublic(demand.status)) throw fail('CONSORTIUM_LINK_NOT_ALLOWED', { problem: demand.status });
        ownerId = demand.organisationId;
      } else {
        const achievement = await manager.findOneBy(AchievementEntity, { id: input.targetId });
        if (!achievement) throw fail('CONSORTIUM_ITEM_NOT_FOUND', { id: input.targetId });
        if (!LINKABLE_ACHIEVEMENT_STATUSES.includes(achievement.status)) {
          if (!actor.belongsTo(achievement.institutionId))
            throw fail('CONSORTIUM_ITEM_NOT_FOUND', { id: input.targetId });
          throw fail('CONSORTIUM_LINK_NOT_ALLOWED', { problem: achievement.status });
        }
        ownerId = achievement.institutionId;
      }
      const ownerIsMember = members.some(
        (m) => m.organisationId === ownerId && m.status === ConsortiumMemberStatus.ACCEPTED,
      );
      if (!ownerIsMember) throw fail('CONSORTIUM_LINK_NOT_ALLOWED', { problem: 'NOT_A_MEMBER_ORGANISATION' });
      if (!actor.belongsTo(ownerId)) throw fail('CONSORTIUM_LINK_NOT_ALLOWED', { problem: 'NOT_YOUR_ORGANISATION' });
      await manager
        .createQueryBuilder()
        .insert()
        .into(ConsortiumLinkEntity)
        .values({ consortiumId: consortium.id, kind: input.kind, targetId: input.targetId, linkedById: actor.userId })
        .orIgnore()
        .execute();
      return manager.findOneByOrFail(ConsortiumLinkEntity, {
        consortiumId: consortium.id,
        kind: input.kind,
        targetId: input.targetId,
      });
    });
  }

  /** Removes a link: whoever linked it, or the lead enterprise's members. */
  async unlink(actor: Actor, linkId: string): Promise<ConsortiumEntity> {
    return this.dataSource.transaction(async (manager) => {
      const link = await manager.findOneBy(ConsortiumLinkEntity, { id: linkId });
      if (!link) throw fail('CONSORTIUM_ITEM_NOT_FOUND', { id: linkId });
      const { consortium } = await this.inSpaceOf(actor, link.consortiumId, manager).catch(() => {
        throw fail('CONSORTIUM_ITEM_NOT_FOUND', { id: linkId });
      });
      if (link.linkedById !== actor.userId && !actor.belongsTo(consortium.leadOrganisationId)) {
        throw fail('CONSORTIUM_ITEM_NOT_FOUND', { id: linkId });
      }
      this.assertOpen(consortium);
      await manager.delete(ConsortiumLinkEntity, { id: link.id });
      return consortium;
    });
  }

  async attachDocuments(actor: Actor, input: AttachConsortiumDocumentsInput): Promise<StoredFileEntity[]> {
    await this.dataSource.transaction(async (manager) => {
      const { consortium } = await this.inSpaceOf(actor, input.consortiumId, manager);
      this.assertOpen(consortium);
      await this.files.attach(manager, actor, input.fileIds, {
        kind: FileOwnerKind.CONSORTIUM_DOCUMENT,
        id: consortium.id,
      });
    });
    return this.documents(actor, input.consortiumId);
  }

  async addMilestone(actor: Actor, input: AddConsortiumMilestoneInput): Promise<ConsortiumMilestoneEntity> {
    const title = input.title.trim();
    if (!title) throw fail('TEXT_BLANK', { field: 'title' });
    if (!validDate(input.dueDate)) throw fail('CONSORTIUM_MILESTONE_DATE_INVALID', { field: 'dueDate' });
    return this.dataSource.transaction(async (manager) => {
      const { consortium } = await this.inSpaceOf(actor, input.consortiumId, manager);
      this.assertOpen(consortium);
      return manager.save(
        manager.create(ConsortiumMilestoneEntity, {
          consortiumId: consortium.id,
          title,
          dueDate: input.dueDate,
          createdById: actor.userId,
        }),
      );
    });
  }

  async setMilestoneDone(actor: Actor, input: SetConsortiumMilestoneDoneInput): Promise<ConsortiumMilestoneEntity> {
    return this.dataSource.transaction(async (manager) => {
      const milestone = await manager.findOne(ConsortiumMilestoneEntity, {
        where: { id: input.milestoneId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!milestone) throw fail('CONSORTIUM_ITEM_NOT_FOUND', { id: input.milestoneId });
      const { consortium } = await this.inSpaceOf(actor, milestone.consortiumId, manager).catch(() => {
        throw fail('CONSORTIUM_ITEM_NOT_FOUND', { id: input.milestoneId });
      });
      this.assertOpen(consortium);
      if (input.done === (milestone.doneAt !== null)) return milestone;
      milestone.doneAt = input.done ? this.clock.now() : null;
      return manager.save(milestone);
    });
  }

  // ---- the members-only space (every read logged) ----

  /** The space's documents, oldest first: accepted members only; the read is logged. */
  async documents(actor: Actor, consortiumId: string): Promise<StoredFileEntity[]> {
    const { consortium } = await this.inSpaceOf(actor, consortiumId);
    await this.logRead(actor, consortium.id, ConsortiumSpaceReadSubject.DOCUMENTS);
    return this.files.filesOf(FileOwnerKind.CONSORTIUM_DOCUMENT, [consortium.id]);
  }

  /** The space's milestones by due date: accepted members only; the read is logged. */
  async milestones(actor: Actor, consortiumId: string): Promise<ConsortiumMilestoneEntity[]> {
    const { consortium } = await this.inSpaceOf(actor, consortiumId);
    await this.logRead(actor, consortium.id, ConsortiumSpaceReadSubject.MILESTONES);
    return this.dataSource
      .getRepository(ConsortiumMilestoneEntity)
      .find({ where: { consortiumId: consortium.id }, order: { dueDate: 'ASC', createdAt: 'ASC', id: 'ASC' } });
  }

  /** Who read the space and when, latest first: the lead enterprise's people (the members-only space's keeper). */
  async spaceReads(actor: Actor, consortiumId: string): Promise<ConsortiumSpaceReadEntity[]> {
    const { consortium } = await this.inSpaceOf(actor, consortiumId);
    if (!actor.belongsTo(consortium.leadOrganisationId)) throw fail('CONSORTIUM_NOT_FOUND', { id: consortiumId });
    return this.dataSource
      .getRepository(ConsortiumSpaceReadEntity)
      .find({ where: { consortiumId: consortium.id }, order: { readAt: 'DESC', id: 'ASC' }, take: 500 });
  }

  /** A document download: allowed for the space's people, and logged (the files lib asks through its registry). */
  async mayDownloadDocument(actor: Actor | undefined, consortiumId: string): Promise<boolean> {
    if (!actor) return false;
    const members = await this.dataSource.getRepository(ConsortiumMemberEntity).findBy({ consortiumId });
    if (!inSpace(actor, members)) return false;
    await this.logRead(actor, consortiumId, ConsortiumSpaceReadSubject.DOCUMENT_DOWNLOAD);
    return true;
  }

  private async logRead(actor: Actor, consortiumId: string, subject: ConsortiumSpaceReadSubject): Promise<void> {
    await this.dataSource
      .getRepository(ConsortiumSpaceReadEntity)
      .insert({ consortiumId, userId: actor.userId, subject });
  }

  // ---- reads ----

  /** The consortia the actor's organisations lead, joined or are invited to (not declined), latest first. */
  async mine(actor: Actor): Promise<ConsortiumEntity[]> {
    const organisationIds = [...new Set(actor.memberships.map((m) => m.organisationId))];
    if (organisationIds.length === 0) return [];
    return this.dataSource
      .getRepository(ConsortiumEntity)
      .createQueryBuilder('c')
      .where(
        `EXISTS (SELECT 1 FROM consortium_members m WHERE m.consortium_id = c.id
           AND m.organisation_id IN (:...organisationIds) AND m.status IN (:...statuses))`,
        { organisationIds, statuses: [ConsortiumMemberStatus.ACCEPTED, ConsortiumMemberStatus.INVITED] },
      )
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'ASC')
      .take(200)
      .getMany();
  }

  /** Every consortium, latest first (the bureau's desk), optionally of one status. */
  async list(actor: Actor, status?: ConsortiumStatus | null): Promise<ConsortiumEntity[]> {
    if (!runsConsortia(actor)) throw fail('CONSORTIUM_BUREAU_ONLY');
    return this.dataSource
      .getRepository(ConsortiumEntity)
      .find({ where: status ? { status } : {}, order: { createdAt: 'DESC', id: 'ASC' }, take: 500 });
  }

  /** A consortium: the bureau, and the people of an accepted or invited organisation; NOT_FOUND otherwise. */
  async get(actor: Actor, consortiumId: string): Promise<ConsortiumEntity> {
    const consortium = await this.dataSource.getRepository(ConsortiumEntity).findOneBy({ id: consortiumId });
    if (consortium && runsConsortia(actor)) return consortium;
    if (consortium) {
      const members = await this.dataSource.getRepository(ConsortiumMemberEntity).findBy({ consortiumId });
      const sees = members.some(
        (m) => m.status !== ConsortiumMemberStatus.DECLINED && actor.belongsTo(m.organisationId),
      );
      if (sees) return consortium;
    }
    throw fail('CONSORTIUM_NOT_FOUND', { id: consortiumId });
  }

  /** The bureau recognises an ACTIVE consortium (认定). */
  async recognise(actor: Actor, consortiumId: string): Promise<ConsortiumEntity> {
    return this.dataSource.transaction(async (manager) => {
      const consortium = await manager.findOne(ConsortiumEntity, {
        where: { id: consortiumId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!consortium || !runsConsortia(actor)) throw fail('CONSORTIUM_NOT_FOUND', { id: consortiumId });
      if (consortium.status === ConsortiumStatus.RECOGNISED) return consortium;
      if (consortium.status !== ConsortiumStatus.ACTIVE) {
        throw fail('CONSORTIUM_NOT_RECOGNISABLE', { status: consortium.status });
      }
      consortium.status = ConsortiumStatus.RECOGNISED;
      consortium.recognisedAt = this.clock.now();
      consortium.recognisedById = actor.userId;
      return manager.save(consortium);
    });
  }

  /**
   * The consortium's outputs for the bureau: contracts (deals signed or registered whose demand or achievement is
   * linked, or whose two parties are both accepted members), the linked listings and demands, and the contracts'
   * total value.
   */
  async outputs(actor: Actor, consortiumId: string): Promise<ConsortiumOutputs> {
    const consortium = await this.dataSource.getRepository(ConsortiumEntity).findOneBy({ id: consortiumId });
    if (!consortium || !runsConsortia(actor)) throw fail('CONSORTIUM_NOT_FOUND', { id: consortiumId });
    const members = await this.membersOf([consortium.id]);
    const memberIds = members.filter((m) => m.status === ConsortiumMemberStatus.ACCEPTED).map((m) => m.organisationId);
    const links = await this.linkViews([consortium.id]);
    const demandIds = links.filter((l) => l.link.kind === ConsortiumLinkKind.DEMAND).map((l) => l.link.targetId);
    const achievementIds = links
      .filter((l) => l.link.kind === ConsortiumLinkKind.ACHIEVEMENT)
      .map((l) => l.link.targetId);
    const query = this.dataSource
      .getRepository(DealEntity)
      .createQueryBuilder('d')
      .where('d.stage IN (:...stages)', { stages: CONTRACT_STAGES })
      .andWhere(
        new Brackets((q) => {
          q.where('d.demand_organisation_id IN (:...memberIds) AND d.target_organisation_id IN (:...memberIds)', {
            memberIds,
          });
          if (demandIds.length) q.orWhere('d.demand_id IN (:...demandIds)', { demandIds });
          if (achievementIds.length) {
            q.orWhere("d.target_type = 'ACHIEVEMENT' AND d.target_id IN (:...achievementIds)", { achievementIds });
          }
        }),
      )
      .orderBy('d.registered_at', 'DESC', 'NULLS LAST')
      .addOrderBy('d.stage_entered_at', 'DESC');
    const deals = await query.getMany();
    const contracts = deals.map((deal) => ({
      deal,
      reason:
        demandIds.includes(deal.demandId) || achievementIds.includes(deal.targetId)
          ? ('LINKED' as const)
          : ('MEMBERS' as const),
    }));
    return {
      contracts,
      listings: links.filter((l) => l.link.kind === ConsortiumLinkKind.ACHIEVEMENT),
      demands: links.filter((l) => l.link.kind === ConsortiumLinkKind.DEMAND),
      contractValueWan: deals.reduce((sum, d) => sum + (d.contractValueWan ?? 0), 0),
    };
  }

  // ---- for field resolvers (the consortia were access-checked) ----

  membersOf(consortiumIds: readonly string[]): Promise<ConsortiumMemberEntity[]> {
    if (consortiumIds.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(ConsortiumMemberEntity).find({
      where: { consortiumId: In([...new Set(consortiumIds)]) },
      order: { invitedAt: 'ASC', id: 'ASC' },
    });
  }

  consortiaByIds(ids: readonly string[]): Promise<ConsortiumEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(ConsortiumEntity).findBy({ id: In([...new Set(ids)]) });
  }

  /** The links of these consortia with the linked item's public title and state. */
  async linkViews(consortiumIds: readonly string[]): Promise<ConsortiumLinkView[]> {
    if (consortiumIds.length === 0) return [];
    const links = await this.dataSource.getRepository(ConsortiumLinkEntity).find({
      where: { consortiumId: In([...new Set(consortiumIds)]) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const demandIds = links.filter((l) => l.kind === ConsortiumLinkKind.DEMAND).map((l) => l.targetId);
    const achievementIds = links.filter((l) => l.kind === ConsortiumLinkKind.ACHIEVEMENT).map((l) => l.targetId);
    const demands = demandIds.length
      ? await this.dataSource.getRepository(DemandEntity).findBy({ id: In(demandIds) })
      : [];
    const achievements = achievementIds.length
      ? await this.dataSource.getRepository(AchievementEntity).findBy({ id: In(achievementIds) })
      : [];
    return links.flatMap((link): ConsortiumLinkView[] => {
      if (link.kind === ConsortiumLinkKind.DEMAND) {
        const d = demands.find((x) => x.id === link.targetId);
        return d ? [{ link, title: d.title, state: d.status, organisationId: d.organisationId }] : [];
      }
      const a = achievements.find((x) => x.id === link.targetId);
      return a ? [{ link, title: a.title, state: a.status, organisationId: a.institutionId }] : [];
    });
  }

  /** Whether the actor is in the consortium's space (for the viewer fields). */
  async viewerInSpace(actor: Actor | undefined, consortiumId: string): Promise<boolean> {
    return inSpace(actor, await this.membersOf([consortiumId]));
  }

  // ---- rules ----

  /** A consortium the actor's organisation leads (any of its people); NOT_FOUND otherwise. */
  private async led(actor: Actor, consortiumId: string, manager: EntityManager): Promise<ConsortiumEntity> {
    const consortium = await manager.findOne(ConsortiumEntity, {
      where: { id: consortiumId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!consortium || !actor.belongsTo(consortium.leadOrganisationId)) {
      throw fail('CONSORTIUM_NOT_FOUND', { id: consortiumId });
    }
    return consortium;
  }

  /** A consortium whose space the actor is in (their organisation accepted, the lead included); NOT_FOUND otherwise. */
  private async inSpaceOf(actor: Actor, consortiumId: string, manager?: EntityManager) {
    const m = manager ?? this.dataSource.manager;
    const consortium = await m.findOneBy(ConsortiumEntity, { id: consortiumId });
    const members = consortium ? await m.findBy(ConsortiumMemberEntity, { consortiumId }) : [];
    if (!consortium || !inSpace(actor, members)) throw fail('CONSORTIUM_NOT_FOUND', { id: consortiumId });
    return { consortium, members };
  }

  private assertOpen(consortium: ConsortiumEntity): void {
    if (consortium.status === ConsortiumStatus.CLOSED) throw fail('CONSORTIUM_CLOSED');
  }
}

function validDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}
