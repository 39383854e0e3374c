import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { Any, Brackets, DataSource, Repository } from 'typeorm';
import {
  badInput,
  Connection,
  conflict,
  EntityProperty,
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
import { Actor, DirectoryService, Role, ROLE_ORGANISATION_KINDS } from '@app/identity';
import { cleanTerms, ExpertService, ExpertVisibility } from './domain/expert-service';
import { ExpertEntity } from './expert.entity';

export interface ExpertContent {
  name?: string;
  title?: string | null;
  researchFields?: string[];
  keywords?: string[];
  bio?: string;
  services?: ExpertService[];
  availability?: string | null;
  languages?: string[];
  region?: string | null;
  visibility?: ExpertVisibility;
  contactEmail?: string | null;
  contactPhone?: string | null;
  listed?: boolean;
}

export interface NewExpert extends ExpertContent {
  name: string;
  organisationId?: string;
  userId?: string;
}

export interface ExpertFilterValues {
  organisationId?: string;
  region?: string;
  service?: ExpertService;
  language?: string;
  field?: string;
  mine?: boolean;
}

/** A catalogue line, already parsed: the catalogue import maps its own format onto this. */
export interface ImportedExpert {
  externalId: string;
  name: string;
  bio: string;
  title?: string | null;
  researchFields?: string[];
  keywords?: string[];
  services?: ExpertService[];
  availability?: string | null;
  languages?: string[];
  region?: string | null;
  contactEmail?: string | null;
  contactPhone?: string | null;
}

export type ExpertImportOutcome = 'created' | 'updated' | 'unchanged';

/**
 * The columns the decisions below read. A loader that reads only some columns (search hits) keeps these, or the
 * decisions would answer for a row they cannot see.
 */
export const EXPERT_ACCESS_COLUMNS = [
  'id',
  'userId',
  'organisationId',
  'listed',
  'visibility',
] as const satisfies ReadonlyArray<keyof ExpertEntity>;

export type ExpertAccessFields = Pick<ExpertEntity, (typeof EXPERT_ACCESS_COLUMNS)[number]>;

const INSTITUTION_ROLES = [Role.RESEARCHER, Role.TTO_OFFICER];
const INSTITUTION_KINDS = ROLE_ORGANISATION_KINDS[Role.RESEARCHER];

/** Expert profiles: who may see and change them, and every change with its outbox row. */
@Injectable()
export class ExpertsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(ExpertEntity) private readonly experts: Repository<ExpertEntity>,
    private readonly directory: DirectoryService,
    @Optional() @Inject(INTRODUCTION_ACCESS) private readonly introductions?: IntroductionAccess,
    @Optional() @Inject(MARKET_EXIT) private readonly marketExit?: MarketExit,
    @Optional() private readonly intents?: JobIntentRelay,
  ) {}

  // ---- decisions (the single places each rule lives) ----

  /**
   * The one place that decides who sees an expert's contact details: the expert, the institution's TTO officers
   * and administrators; and the enterprise side of a brokered introduction once it is revealed (both accepted and
   * acknowledged confidentiality; the introduction logs the reveal).
   */
  async canSeeContact(actor: Actor | undefined, expert: ExpertAccessFields): Promise<boolean> {
    if (this.canManage(actor, expert)) return true;
    return !!actor && !!this.introductions && this.introductions.revealsExpertContact(actor.userId, expert.id);
  }

  /** The expert themself, the institution's TTO officers and administrators edit a profile. */
  canManage(actor: Actor | undefined, expert: ExpertAccessFields): boolean {
    if (!actor) return false;
    return (
      (expert.userId !== null && expert.userId === actor.userId) ||
      actor.hasRole(Role.TTO_OFFICER, expert.organisationId) ||
      actor.isAdmin
    );
  }

  canView(actor: Actor | undefined, expert: ExpertAccessFields): boolean {
    if (this.canManage(actor, expert)) return true;
    if (!expert.listed) return false;
    return expert.visibility === ExpertVisibility.PUBLIC || !!actor;
  }

  // ---- reads ----

  async get(actor: Actor | undefined, id: string): Promise<ExpertEntity> {
    const expert = await this.experts.findOneBy({ id });
    if (!expert || !this.canView(actor, expert)) throw notFound('Expert', id);
    return expert;
  }

  /** By primary key; only `columns` when given (the other properties are then absent). */
  expertsByIds(ids: readonly string[], columns?: ReadonlyArray<EntityProperty<ExpertEntity>>): Promise<ExpertEntity[]> {
    return this.experts.find({ where: { id: Any([...ids]) }, select: selectColumns(columns) });
  }

  async list(
    actor: Actor | undefined,
    filter: ExpertFilterValues,
    page: { first: number; after?: string },
  ): Promise<Connection<ExpertEntity>> {
    const query = this.experts.createQueryBuilder('e');
    if (!actor?.isAdmin) {
      const ttoOrganisations = actor?.organisationsWithRole(Role.TTO_OFFICER) ?? [];
      query.where(
        new Brackets((visible) => {
          if (actor) visible.where('e.listed = true');
          else visible.where('e.listed = true AND e.visibility = :public', { public: ExpertVisibility.PUBLIC });
          if (actor) visible.orWhere('e.userId = :me', { me: actor.userId });
          if (ttoOrganisations.length > 0)
            visible.orWhere('e.organisationId IN (:...ttoOrganisations)', { ttoOrganisations });
        }),
      );
    }
    if (filter.mine) {
      if (actor) query.andWhere('e.userId = :mine', { mine: actor.userId });
      else query.andWhere('FALSE');
    }
    if (filter.organisationId)
      query.andWhere('e.organisationId = :organisationId', { organisationId: filter.organisationId });
    if (filter.region) query.andWhere('e.region = :region', { region: filter.region });
    if (filter.service) query.andWhere(':service = ANY(e.services)', { service: filter.service });
    if (filter.language) query.andWhere(':language = ANY(e.languages)', { language: filter.language });
    if (filter.field) {
      query.andWhere('(:field = ANY(e.researchFields) OR :field = ANY(e.keywords))', { field: filter.field.trim() });
    }
    return pageNewestFirst(query, 'e', page);
  }

  // ---- changes ----

  /**
   * A researcher creates their own profile in their institution; a TTO officer creates one for a staff member
   * (optionally linked to the member's account); an administrator for any institution.
   */
  async create(actor: Actor, input: NewExpert): Promise<ExpertEntity> {
    const { organisationId, userId } = await this.ownership(actor, input);
    const content = validatedContent(input);
    return this.dataSource.transaction(async (manager) => {
      if (userId && (await manager.existsBy(ExpertEntity, { userId }))) {
        throw conflict('This account already has an expert profile', { field: 'userId' });
      }
      const expert = manager.create(ExpertEntity, {
        ...EMPTY_CONTENT,
        ...content,
        organisationId,
        userId,
        createdById: actor.userId,
        externalId: null,
      });
      await manager.save(expert);
      await recordOutboxChange(manager, OutboxSubject.EXPERT, expert.id);
      return expert;
    });
  }

  async update(actor: Actor, id: string, input: ExpertContent): Promise<ExpertEntity> {
    let leftMarket = false;
    const updated = await this.dataSource.transaction(async (manager) => {
      const expert = await manager.findOne(ExpertEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!expert) throw notFound('Expert', id);
      if (!this.canManage(actor, expert)) {
        throw forbidden(
          "Only the expert, their institution's TTO officers or an administrator may change this profile",
        );
      }
      const wasListed = expert.listed;
      Object.assign(expert, validatedContent(input));
      await manager.save(expert);
      await recordOutboxChange(manager, OutboxSubject.EXPERT, expert.id);
      if (wasListed && !expert.listed) {
        // Unlisted: its open matches close now, claimed ones too (claims end, pending introductions withdrawn).
        await this.marketExit?.closeOpenMatches(manager, 'EXPERT', [expert.id], actor.userId);
        leftMarket = true;
      }
      return expert;
    });
    // The notifications' emails are job intents of that transaction (else the worker's sweep relays them).
    if (leftMarket) await this.intents?.relayNow();
    return updated;
  }

  setListed(actor: Actor, id: string, listed: boolean): Promise<ExpertEntity> {
    return this.update(actor, id, { listed });
  }

  /**
   * Idempotent import keyed by (institution, externalId): a new line creates a PUBLIC, listed profile, a changed
   * line updates it, an identical line changes nothing (and writes no outbox row).
   */
  async importExpert(
    organisationId: string,
    line: ImportedExpert,
  ): Promise<{ expert: ExpertEntity; outcome: ExpertImportOutcome }> {
    const externalId = line.externalId.trim();
    if (!externalId) throw badInput('externalId is required', { field: 'externalId' });
    const content = validatedContent({
      name: line.name,
      bio: line.bio,
      title: line.title ?? null,
      researchFields: line.researchFields ?? [],
      keywords: line.keywords ?? [],
      services: line.services ?? [],
      availability: line.availability ?? null,
      languages: line.languages ?? ['zh'],
      region: line.region ?? null,
      contactEmail: line.contactEmail ?? null,
      contactPhone: line.contactPhone ?? null,
    });
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `expert:${organisationId}:${externalId}`,
      ]);
      const existing = await manager.findOneBy(ExpertEntity, { organisationId, externalId });
      if (existing) {
        const changed = Object.entries(content).some(
          ([key, value]) => JSON.stringify(existing[key as keyof ExpertEntity]) !== JSON.stringify(value),
        );
        if (!changed) return { expert: existing, outcome: 'unchanged' as const };
        Object.assign(existing, content);
        await manager.save(existing);
        await recordOutboxChange(manager, OutboxSubject.EXPERT, existing.id);
        return { expert: existing, outcome: 'updated' as const };
      }
      const expert = manager.create(ExpertEntity, {
        ...EMPTY_CONTENT,
        ...content,
        organisationId,
        externalId,
        userId: null,
        createdById: null,
        visibility: ExpertVisibility.PUBLIC,
        listed: true,
      });
      await manager.save(expert);
      await recordOutboxChange(manager, OutboxSubject.EXPERT, expert.id);
      return { expert, outcome: 'created' as const };
    });
  }

  // ---- helpers ----

  private async ownership(actor: Actor, input: NewExpert): Promise<{ organisationId: string; userId: string | null }> {
    const tto = actor.organisationsWithRole(Role.TTO_OFFICER);
    const researcher = actor.organisationsWithRole(Role.RESEARCHER);
    let organisationId = input.organisationId;
    if (!organisationId && actor.isAdmin) throw badInput('Name the institution', { field: 'organisationId' });
    if (!organisationId) {
      const candidates = [...new Set([...tto, ...researcher])];
      if (candidates.length === 0)
        throw forbidden('Only researchers, TTO officers and administrators create expert profiles');
      if (candidates.length > 1)
        throw badInput('You belong to several institutions: name one', { field: 'organisationId' });
      organisationId = candidates[0];
    }
    const [organisation] = await this.directory.organisationsByIds([organisationId]);
    if (!organisation) throw notFound('Organisation', organisationId);
    if (!INSTITUTION_KINDS.includes(organisation.kind)) {
      throw badInput('Experts belong to a university, research institute or R&D institution', {
        field: 'organisationId',
      });
    }
    const forSomeoneElse = input.userId !== undefined && input.userId !== actor.userId;
    if (actor.isAdmin || tto.includes(organisationId)) {
      if (!input.userId) return { organisationId, userId: null };
      if (forSomeoneElse) {
        // The linked account must belong to the institution.
        const memberships = await this.directory.membershipsOfUsers([input.userId]);
        if (!memberships.some((m) => m.organisationId === organisationId && INSTITUTION_ROLES.includes(m.role))) {
          throw badInput('The account is not a member of this institution', { field: 'userId' });
        }
      }
      return { organisationId, userId: input.userId };
    }
    if (researcher.includes(organisationId) && !forSomeoneElse) return { organisationId, userId: actor.userId };
    throw forbidden('You may create only your own profile, or profiles in an institution where you are a TTO officer');
  }
}

const EMPTY_CONTENT: Partial<ExpertEntity> = {
  title: null,
  researchFields: [],
  keywords: [],
  bio: '',
  services: [],
  availability: null,
  languages: ['zh'],
  region: null,
  visibility: ExpertVisibility.PUBLIC,
  contactEmail: null,
  contactPhone: null,
  listed: true,
};

function validatedContent(input: ExpertContent): Partial<ExpertEntity> {
  const content: Partial<ExpertEntity> = {};
  for (const field of [
    'name',
    'bio',
    'visibility',
    'listed',
    'researchFields',
    'keywords',
    'services',
    'languages',
  ] as const) {
    if (input[field] === null) throw badInput(`${field} cannot be null`, { field });
  }
  if (input.name !== undefined) {
    content.name = input.name.trim();
    if (!content.name) throw badInput('name must not be blank', { field: 'name' });
  }
  if (input.title !== undefined) content.title = input.title?.trim() || null;
  if (input.researchFields !== undefined) content.researchFields = cleanTerms(input.researchFields);
  if (input.keywords !== undefined) content.keywords = cleanTerms(input.keywords);
  if (input.bio !== undefined) content.bio = input.bio.trim();
  if (input.services !== undefined) content.services = [...new Set(input.services)];
  if (input.availability !== undefined) content.availability = input.availability?.trim() || null;
  if (input.languages !== undefined) content.languages = cleanTerms(input.languages).map((code) => code.toLowerCase());
  if (input.region !== undefined) content.region = input.region?.trim() || null;
  if (input.visibility !== undefined) content.visibility = input.visibility;
  if (input.contactEmail !== undefined) content.contactEmail = input.contactEmail?.trim().toLowerCase() || null;
  if (input.contactPhone !== undefined) content.contactPhone = input.contactPhone?.trim() || null;
  if (input.listed !== undefined) content.listed = input.listed;
  return content;
}
