import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { Any, Brackets, DataSource, EntityManager, Repository } from 'typeorm';
import {
  badInput,
  BROKER_ACCESS,
  BrokerAccess,
  Clock,
  Connection,
  EntityProperty,
  fail,
  forbidden,
  INTRODUCTION_ACCESS,
  IntroductionAccess,
  JobIntentRelay,
  MARKET_EXIT,
  MarketExit,
  notFound,
  OutboxSubject,
  recordOutboxChange,
  pageNewestFirst,
  selectColumns,
} from '@app/core';
import {
  Actor,
  assertEmailVerified,
  assertOrganisationVerified,
  OrganisationEntity,
  OrganisationVerificationStatus,
  Role,
} from '@app/identity';
import { TaxonomyService } from '@app/taxonomy';
import { DemandConfidentialReadEntity, DemandEntity, TechnicalIndicator } from './demand.entity';
import { budgetProblem, CooperationMode } from './domain/cooperation-mode';
import { DemandKind, demandKindRefusal } from './domain/demand-kind';
import {
  allowedDemandActions,
  DemandAction,
  DemandStatus,
  DemandTransitionError,
  isDemandEditable,
  isDemandPublic,
  nextDemandStatus,
  PUBLIC_DEMAND_STATUSES,
} from './domain/demand-status';

export interface DemandContent {
  title?: string;
  summary?: string;
  confidentialDetails?: string | null;
  industryCode?: string;
  technicalIndicators?: Array<{ name: string; current?: string | null; target: string; mustHave?: boolean | null }>;
  budgetMinWan?: number | null;
  budgetMaxWan?: number | null;
  deadline?: Date | null;
  cooperationModes?: CooperationMode[];
  region?: string | null;
  anonymous?: boolean;
  /** Application scenarios only: the site, the data available, the timeline. */
  site?: string | null;
  dataAvailable?: string | null;
  timeline?: string | null;
}

export interface NewDemand extends DemandContent {
  /** TECHNICAL_PROBLEM unless given; fixed once created. */
  kind?: DemandKind;
  title: string;
  summary: string;
  industryCode: string;
  organisationId?: string;
  publish?: boolean;
}

export interface DemandFilterValues {
  industryCode?: string;
  region?: string;
  status?: DemandStatus;
  organisationId?: string;
  kind?: DemandKind;
}

/** A catalogue line, already parsed: the catalogue import maps its own format onto this. */
export interface ImportedDemand {
  externalId: string;
  title: string;
  summary: string;
  confidentialDetails?: string | null;
  /** A code, Chinese or English industry name. */
  industry: string;
  /** Catalogues say nothing of must-have: those without the flag import as nice-to-have. */
  technicalIndicators?: Array<Omit<TechnicalIndicator, 'mustHave'> & { mustHave?: boolean }>;
  budgetMinWan?: number | null;
  budgetMaxWan?: number | null;
  deadline?: Date | null;
  cooperationModes?: CooperationMode[];
  region?: string | null;
  anonymous?: boolean;
}

export type ImportOutcome = 'created' | 'updated' | 'unchanged';

/**
 * The columns the decisions below read. A loader that reads only some columns (search hits) keeps these, or the
 * decisions would answer for a row they cannot see.
 */
export const DEMAND_ACCESS_COLUMNS = ['id', 'organisationId', 'status', 'anonymous'] as const satisfies ReadonlyArray<
  keyof DemandEntity
>;

export type DemandAccessFields = Pick<DemandEntity, (typeof DEMAND_ACCESS_COLUMNS)[number]>;

/** A demand moved into one of these has left the market: its open matches are closed (MarketExit). */
const LEFT_MARKET: readonly DemandStatus[] = [DemandStatus.CLOSED, DemandStatus.EXPIRED];

/** Enterprise technology demands: who may see and do what, and every change with its outbox row. */
@Injectable()
export class DemandsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(DemandEntity) private readonly demands: Repository<DemandEntity>,
    @InjectRepository(DemandConfidentialReadEntity) private readonly reads: Repository<DemandConfidentialReadEntity>,
    private readonly taxonomy: TaxonomyService,
    private readonly clock: Clock,
    @Optional() @Inject(INTRODUCTION_ACCESS) private readonly introductions?: IntroductionAccess,
    @Optional() @Inject(BROKER_ACCESS) private readonly brokers?: BrokerAccess,
    @Optional() @Inject(MARKET_EXIT) private readonly marketExit?: MarketExit,
    @Optional() private readonly intents?: JobIntentRelay,
  ) {}

  // ---- decisions (the single places each rule lives) ----

  /**
   * The one place that decides who may read a demand's confidential details: the posting organisation's members
   * and administrators; a broker only while the demand is entrusted to them or their agency or they hold an active
   * claim on one of its matches, with a verified credential and confidentiality acknowledged (BrokerAccess logs
   * the read); and the other side of a brokered introduction once it is revealed (both accepted and acknowledged
   * confidentiality; the introduction logs the reveal). No blanket broker rule.
   */
  async canSeeConfidential(actor: Actor | undefined, demand: DemandAccessFields): Promise<boolean> {
    if (!actor) return false;
    if (this.isInside(actor, demand)) return true;
    if (await this.brokerWorksOn(actor, demand)) return true;
    return !!this.introductions && this.introductions.revealsDemandConfidential(actor.userId, demand.id);
  }

  /**
   * Whether the viewer may learn which company posted the demand: anyone for a named demand; for an anonymous one
   * the organisation's members, administrators, and a broker working on it (as for the confidential details).
   */
  async canSeeOrganisation(
    actor: Actor | undefined,
    demand: Pick<DemandEntity, 'id' | 'anonymous' | 'organisationId'>,
  ): Promise<boolean> {
    if (!demand.anonymous) return true;
    if (!actor) return false;
    return this.isInside(actor, demand) || this.brokerWorksOn(actor, demand);
  }

  /** The posting organisation's members and platform administrators. */
  private isInside(actor: Actor, demand: Pick<DemandEntity, 'organisationId'>): boolean {
    return actor.belongsTo(demand.organisationId) || actor.isAdmin;
  }

  private async brokerWorksOn(actor: Actor, demand: Pick<DemandEntity, 'id'>): Promise<boolean> {
    if (!actor.hasRole(Role.BROKER) || !this.brokers) return false;
    return (await this.brokers.brokerReadsConfidential(actor.userId, 'DEMAND', [demand.id])).has(demand.id);
  }

  canView(actor: Actor | undefined, demand: DemandAccessFields): boolean {
    return isDemandPublic(demand.status) || (!!actor && (actor.belongsTo(demand.organisationId) || actor.isAdmin));
  }

  /** Enterprise members of the posting organisation manage its demands; administrators moderate all. */
  canManage(actor: Actor | undefined, demand: DemandAccessFields): boolean {
    return !!actor && (actor.hasRole(Role.ENTERPRISE_MEMBER, demand.organisationId) || actor.isAdmin);
  }

  allowedActions(actor: Actor | undefined, demand: DemandAccessFields): DemandAction[] {
    if (!this.canManage(actor, demand)) return [];
    return allowedDemandActions(demand.status).filter((action) => action !== DemandAction.EXPIRE);
  }

  // ---- reads ----

  async get(actor: Actor | undefined, id: string): Promise<DemandEntity> {
    const demand = await this.demands.findOneBy({ id });
    // A demand the viewer may not see does not exist for them (no probing of drafts).
    if (!demand || !this.canView(actor, demand)) throw notFound('Demand', id);
    return demand;
  }

  async list(
    actor: Actor | undefined,
    filter: DemandFilterValues,
    page: { first: number; after?: string },
  ): Promise<Connection<DemandEntity>> {
    const query = this.demands.createQueryBuilder('d');
    if (!actor?.isAdmin) {
      const ownOrganisations = actor ? [...new Set(actor.memberships.map((m) => m.organisationId))] : [];
      query.where(
        new Brackets((visible) => {
          visible.where('d.status IN (:...publicStatuses)', { publicStatuses: PUBLIC_DEMAND_STATUSES });
          if (ownOrganisations.length > 0)
            visible.orWhere('d.organisationId IN (:...ownOrganisations)', { ownOrganisations });
        }),
      );
    }
    if (filter.industryCode) query.andWhere('d.industryCode = :industryCode', { industryCode: filter.industryCode });
    if (filter.region) query.andWhere('d.region = :region', { region: filter.region });
    if (filter.status) query.andWhere('d.status = :status', { status: filter.status });
    if (filter.kind) query.andWhere('d.kind = :kind', { kind: filter.kind });
    if (filter.organisationId) {
      query.andWhere('d.organisationId = :organisationId', { organisationId: filter.organisationId });
      // Filtering by company must not reveal which anonymous demands it posted.
      if (!actor || !this.isInside(actor, { organisationId: filter.organisationId })) {
        query.andWhere('d.anonymous = false');
      }
    }
    return pageNewestFirst(query, 'd', page);
  }

  /** Records that `userId` read the confidential details of these demands (one row per read). */
  async recordConfidentialReads(userId: string, demandIds: readonly string[]): Promise<void> {
    if (demandIds.length === 0) return;
    await this.reads.insert(demandIds.map((demandId) => ({ demandId, userId })));
  }

  /** The read log of one demand, for its organisation and administrators. */
  async confidentialReads(actor: Actor, demandId: string): Promise<DemandConfidentialReadEntity[]> {
    const demand = await this.get(actor, demandId);
    if (!(actor.belongsTo(demand.organisationId) || actor.isAdmin)) {
      throw forbidden('Only the posting organisation and administrators see who read the confidential details');
    }
    return this.reads.find({ where: { demandId }, order: { readAt: 'DESC', id: 'ASC' }, take: 500 });
  }

  /** By primary key; only `columns` when given (the other properties are then absent). */
  demandsByIds(ids: readonly string[], columns?: ReadonlyArray<EntityProperty<DemandEntity>>): Promise<DemandEntity[]> {
    return this.demands.find({ where: { id: Any([...ids]) }, select: selectColumns(columns) });
  }

  // ---- changes ----

  async create(actor: Actor, input: NewDemand): Promise<DemandEntity> {
    const organisationId = this.postingOrganisation(actor, input.organisationId);
    const kind = input.kind ?? DemandKind.TECHNICAL_PROBLEM;
    const content = await this.validatedContent(input);
    return this.dataSource.transaction(async (manager) => {
      await this.assertMayPostKind(manager, kind, organisationId);
      const demand = manager.create(DemandEntity, {
        ...EMPTY_CONTENT,
        ...content,
        kind,
        organisationId,
        postedById: actor.userId,
        status: DemandStatus.DRAFT,
        externalId: null,
        publishedAt: null,
      });
      if (input.publish) {
        await this.assertMayPublish(manager, actor, organisationId, kind);
        this.applyTransition(demand, DemandAction.PUBLISH);
      }
      await manager.save(demand);
      await recordOutboxChange(manager, OutboxSubject.DEMAND, demand.id);
      return demand;
    });
  }

  async update(actor: Actor, id: string, input: DemandContent): Promise<DemandEntity> {
    return this.change(actor, id, async (demand) => {
      if (!isDemandEditable(demand.status)) {
        throw badInput(`A ${demand.status} demand can no longer be edited`, { field: 'status', status: demand.status });
      }
      Object.assign(demand, await this.validatedContent(input, demand));
      if (demand.status === DemandStatus.OPEN) this.requireFutureDeadline(demand);
    });
  }

  /**
   * Deletes a DRAFT demand (never published), by the posting enterprise's members or an administrator. Someone
   * who may not see it gets NOT_FOUND, a member who may not manage it FORBIDDEN, a published one is kept
   * (ONLY_DRAFTS_DELETED). An outbox row keeps the index clean should it hold the id.
   */
  async deleteDraft(actor: Actor, id: string): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const demand = await manager.findOne(DemandEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!demand || !this.canView(actor, demand)) throw notFound('Demand', id);
      if (!this.canManage(actor, demand))
        throw forbidden('Only the posting enterprise or an administrator may delete it');
      if (demand.status !== DemandStatus.DRAFT) {
        throw fail('ONLY_DRAFTS_DELETED', { field: 'id', currentStatus: demand.status });
      }
      await manager.delete(DemandEntity, { id });
      await recordOutboxChange(manager, OutboxSubject.DEMAND, id);
      return id;
    });
  }

  /** DRAFT/EXPIRED → OPEN, OPEN → IN_PROGRESS, IN_PROGRESS → SOLVED, and CLOSE from any non-final status. */
  async transition(actor: Actor, id: string, action: DemandAction): Promise<DemandEntity> {
    if (action === DemandAction.EXPIRE) throw forbidden('Demands expire by themselves when their deadline passes');
    return this.change(actor, id, async (demand, manager) => {
      if (action === DemandAction.PUBLISH)
        await this.assertMayPublish(manager, actor, demand.organisationId, demand.kind);
      this.applyTransition(demand, action);
    });
  }

  /** Marks OPEN demands past their deadline EXPIRED; returns their ids. Safe to run any number of times. */
  async expireOverdue(now = this.clock.now()): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(DemandEntity)
        .set({ status: DemandStatus.EXPIRED })
        .where('status = :open', { open: DemandStatus.OPEN })
        .andWhere('deadline < :now', { now })
        .returning(['id'])
        .execute();
      const ids = (result.raw as Array<{ id: string }>).map((row) => row.id);
      await recordOutboxChange(manager, OutboxSubject.DEMAND, ids);
      await this.marketExit?.closeOpenMatches(manager, 'DEMAND', ids, null);
      return ids;
    });
  }

  /**
   * Idempotent import keyed by (organisation, externalId): a new line creates an OPEN demand, a changed line
   * updates it, an identical line changes nothing (and writes no outbox row). Status is left alone on update.
   */
  async importDemand(
    organisationId: string,
    line: ImportedDemand,
  ): Promise<{ demand: DemandEntity; outcome: ImportOutcome }> {
    const externalId = line.externalId.trim();
    if (!externalId) throw badInput('externalId is required', { field: 'externalId' });
    const content = await this.validatedContent({
      title: line.title,
      summary: line.summary,
      confidentialDetails: line.confidentialDetails ?? null,
      industryCode: line.industry,
      technicalIndicators: (line.technicalIndicators ?? []).map((indicator) => ({
        ...indicator,
        mustHave: indicator.mustHave === true,
      })),
      budgetMinWan: line.budgetMinWan ?? null,
      budgetMaxWan: line.budgetMaxWan ?? null,
      deadline: line.deadline ?? null,
      cooperationModes: line.cooperationModes ?? [],
      region: line.region ?? null,
      anonymous: line.anonymous ?? false,
    });
    return this.dataSource.transaction(async (manager) => {
      // Serialise concurrent imports of the same key; the unique index is the final guard.
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `demand:${organisationId}:${externalId}`,
      ]);
      const existing = await manager.findOneBy(DemandEntity, { organisationId, externalId });
      if (existing) {
        if (sameContent(existing, content)) return { demand: existing, outcome: 'unchanged' as const };
        Object.assign(existing, content);
        await manager.save(existing);
        await recordOutboxChange(manager, OutboxSubject.DEMAND, existing.id);
        return { demand: existing, outcome: 'updated' as const };
      }
      const demand = manager.create(DemandEntity, {
        ...content,
        organisationId,
        externalId,
        postedById: null,
        status: DemandStatus.OPEN,
        publishedAt: this.clock.now(),
      });
      await manager.save(demand);
      await recordOutboxChange(manager, OutboxSubject.DEMAND, demand.id);
      return { demand, outcome: 'created' as const };
    });
  }

  // ---- helpers ----

  private async change(
    actor: Actor,
    id: string,
    apply: (demand: DemandEntity, manager: EntityManager) => Promise<void> | void,
  ): Promise<DemandEntity> {
    let leftMarket = false;
    const changed = await this.dataSource.transaction(async (manager: EntityManager) => {
      const demand = await manager.findOne(DemandEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!demand) throw notFound('Demand', id);
      // FORBIDDEN even for drafts the actor cannot see: ids are random UUIDs, and a clear refusal helps clients.
      if (!this.canManage(actor, demand))
        throw forbidden('Only the posting enterprise or an administrator may change this demand');
      const before = demand.status;
      await apply(demand, manager);
      await manager.save(demand);
      if (before !== demand.status && LEFT_MARKET.includes(demand.status)) {
        // Closed: its open matches close now, claimed ones too (claims end, pending introductions withdrawn).
        await this.marketExit?.closeOpenMatches(manager, 'DEMAND', [demand.id], actor.userId);
        leftMarket = true;
      }
      await recordOutboxChange(manager, OutboxSubject.DEMAND, demand.id);
      return demand;
    });
    // The notifications' emails are job intents of that transaction (else the worker's sweep relays them).
    if (leftMarket) await this.intents?.relayNow();
    return changed;
  }

  /**
   * Publishing needs a verified email address (the person's) and a verified organisation (the enterprise's):
   * an unverified enterprise drafts demands but cannot publish them.
   */
  private async assertMayPublish(
    manager: EntityManager,
    actor: Actor,
    organisationId: string,
    kind: DemandKind,
  ): Promise<void> {
    assertEmailVerified(actor);
    const organisation = await manager.findOneByOrFail(OrganisationEntity, { id: organisationId });
    assertOrganisationVerified(organisation);
    // Checked again: the bureau may have withdrawn the state-owned finding since the draft was made.
    await this.assertMayPostKind(manager, kind, organisationId);
  }

  /**
   * Application scenarios come from verified government bodies and verified state-owned enterprises only; a
   * government body posts nothing else (demandKindRefusal). FORBIDDEN with the reason.
   */
  private async assertMayPostKind(manager: EntityManager, kind: DemandKind, organisationId: string): Promise<void> {
    const organisation = await manager.findOneByOrFail(OrganisationEntity, { id: organisationId });
    const refusal = demandKindRefusal(kind, {
      kind: organisation.kind,
      verified: organisation.verificationStatus === OrganisationVerificationStatus.VERIFIED,
      stateOwned: organisation.stateOwned,
    });
    if (refusal) throw fail(refusal, { field: 'kind' });
  }

  private applyTransition(demand: DemandEntity, action: DemandAction): void {
    try {
      demand.status = nextDemandStatus(demand.status, action);
    } catch (error) {
      if (error instanceof DemandTransitionError) {
        throw badInput(error.message, {
          field: 'status',
          status: error.from,
          allowedActions: error.allowedActions.filter((a) => a !== DemandAction.EXPIRE),
        });
      }
      throw error;
    }
    if (demand.status === DemandStatus.OPEN) {
      this.requireFutureDeadline(demand);
      demand.publishedAt = this.clock.now();
    }
  }

  private requireFutureDeadline(demand: DemandEntity): void {
    if (demand.deadline && demand.deadline.getTime() <= this.clock.now().getTime()) {
      throw badInput('The deadline of an open demand must be in the future', { field: 'deadline' });
    }
  }

  private postingOrganisation(actor: Actor, requested: string | undefined): string {
    const enterprises = actor.organisationsWithRole(Role.ENTERPRISE_MEMBER);
    if (requested) {
      if (!enterprises.includes(requested))
        throw forbidden('Only members of an enterprise (or a government body) post demands for it');
      return requested;
    }
    if (enterprises.length === 0) throw forbidden('Only enterprise members post demands');
    if (enterprises.length > 1)
      throw badInput('You belong to several enterprises: name one', { field: 'organisationId' });
    return enterprises[0];
  }

  /** Normalises and checks the given fields (on update, against the current values). */
  private async validatedContent(input: DemandContent, current?: DemandEntity): Promise<Partial<DemandEntity>> {
    const content: Partial<DemandEntity> = {};
    for (const field of ['title', 'summary', 'industryCode', 'anonymous'] as const) {
      if (input[field] === null) throw badInput(`${field} cannot be null`, { field });
    }
    if (input.title !== undefined) content.title = requiredText(input.title, 'title');
    if (input.summary !== undefined) content.summary = requiredText(input.summary, 'summary');
    if (input.confidentialDetails !== undefined)
      content.confidentialDetails = input.confidentialDetails?.trim() || null;
    if (input.industryCode !== undefined)
      content.industryCode = await this.taxonomy.requireIndustry(input.industryCode, 'industryCode');
    if (input.technicalIndicators !== undefined) {
      content.technicalIndicators = (input.technicalIndicators ?? []).map((indicator) => ({
        name: indicator.name.trim(),
        current: indicator.current?.trim() || null,
        target: indicator.target.trim(),
        mustHave: indicator.mustHave === true,
      }));
    }
    if (input.budgetMinWan !== undefined) content.budgetMinWan = input.budgetMinWan;
    if (input.budgetMaxWan !== undefined) content.budgetMaxWan = input.budgetMaxWan;
    const problem = budgetProblem(
      content.budgetMinWan !== undefined ? content.budgetMinWan : (current?.budgetMinWan ?? null),
      content.budgetMaxWan !== undefined ? content.budgetMaxWan : (current?.budgetMaxWan ?? null),
    );
    if (problem) throw badInput(problem, { field: 'budgetMinWan' });
    if (input.deadline !== undefined) content.deadline = input.deadline;
    if (input.cooperationModes !== undefined) content.cooperationModes = [...new Set(input.cooperationModes ?? [])];
    if (input.region !== undefined) content.region = input.region?.trim() || null;
    if (input.anonymous !== undefined) content.anonymous = input.anonymous;
    for (const field of ['site', 'dataAvailable', 'timeline'] as const) {
      if (input[field] !== undefined) content[field] = input[field]?.trim() || null;
    }
    return content;
  }
}

const EMPTY_CONTENT: Partial<DemandEntity> = {
  confidentialDetails: null,
  technicalIndicators: [],
  budgetMinWan: null,
  budgetMaxWan: null,
  deadline: null,
  cooperationModes: [],
  region: null,
  anonymous: false,
  site: null,
  dataAvailable: null,
  timeline: null,
};

function requiredText(value: string, field: string): string {
  const text = value.trim();
  if (!text) throw badInput(`${field} must not be blank`, { field });
  return text;
}

function sameContent(existing: DemandEntity, content: Partial<DemandEntity>): boolean {
  return Object.entries(content).every(([key, value]) => {
    const current = existing[key as keyof DemandEntity];
    if (value instanceof Date || current instanceof Date) {
      return (value as Date | null)?.getTime() === (current as Date | null)?.getTime();
    }
    return canonicalJson(current) === canonicalJson(value);
  });
}

/** JSON with object keys sorted (jsonb does not keep key order). */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(
          Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : item,
  );
}
