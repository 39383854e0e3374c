import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Clock, Connection, DomainException, fail, notFound, pageNewestFirst } from '@app/core';
import { Actor } from './domain/actor';
import {
  MembershipAction,
  MembershipStatus,
  MembershipTransitionError,
  nextMembershipStatus,
} from './domain/membership-status';
import { OrganisationKind, Role, roleFitsOrganisation, SELF_SERVICE_ROLES } from './domain/roles';
import { MembershipEntity } from './entities/membership.entity';
import { OrganisationEntity } from './entities/organisation.entity';

export interface MembershipTarget {
  userId: string;
  organisationId: string;
  role: Role;
}

/**
 * The roles `actor` may give in `organisation` (by invitation, or by approving a request): a platform ADMIN any
 * role the organisation's kind allows; an organisation's administrator the self-service roles, and a TTO officer
 * also TTO_OFFICER in their institution.
 */
export function rolesGrantableBy(actor: Actor, organisation: Pick<OrganisationEntity, 'id' | 'kind'>): Role[] {
  const fitting = Object.values(Role).filter((role) => roleFitsOrganisation(role, organisation.kind));
  if (actor.isAdmin) return fitting;
  if (!actor.isOrgAdmin(organisation.id)) return [];
  const allowed: Role[] = [...SELF_SERVICE_ROLES];
  if (actor.hasRole(Role.TTO_OFFICER, organisation.id)) allowed.push(Role.TTO_OFFICER);
  return fitting.filter((role) => allowed.includes(role));
}

/**
 * Memberships and their decisions: requests to join wait PENDING for the organisation's administrators (its
 * ORG_ADMINs, an institution's TTO officers, or a platform ADMIN), who approve, reject with a reason, remove
 * members and give or take the ORG_ADMIN capability.
 */
@Injectable()
export class MembershipsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  // ---- moves used by registration, invitations and grants (inside the caller's transaction) ----

  /** Creates or reopens a PENDING request (a rejected or removed person may ask again). */
  async request(manager: EntityManager, target: MembershipTarget): Promise<MembershipEntity> {
    return this.move(manager, target, MembershipAction.REQUEST, { decidedById: null, clearReason: true });
  }

  /** Makes the membership ACTIVE at once (accepted invitation, administrator's grant, a new organisation's creator). */
  async admit(
    manager: EntityManager,
    target: MembershipTarget,
    decidedById: string | null,
    options: { orgAdmin?: boolean } = {},
  ): Promise<MembershipEntity> {
    return this.move(manager, target, MembershipAction.ADMIT, {
      decidedById,
      clearReason: true,
      orgAdmin: options.orgAdmin,
    });
  }

  // ---- the member's own view ----

  /** Every membership of these users, whatever its status (the `me` query shows pending and rejected ones). */
  allOfUsers(userIds: readonly string[]): Promise<MembershipEntity[]> {
    return this.dataSource
      .getRepository(MembershipEntity)
      .find({ where: { userId: In([...userIds]) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** A signed-in person asks to join an organisation in a self-service role. */
  async requestToJoin(actor: Actor, input: { organisationId: string; role: Role }): Promise<MembershipEntity> {
    if (!SELF_SERVICE_ROLES.includes(input.role)) {
      throw fail('ROLE_NOT_SELF_SERVICE', { field: 'role', role: input.role });
    }
    return this.dataSource.transaction(async (manager) => {
      const organisation = await manager.findOneBy(OrganisationEntity, { id: input.organisationId });
      if (!organisation) throw notFound('Organisation', input.organisationId);
      requireFittingRole(input.role, organisation.kind);
      return this.request(manager, { userId: actor.userId, organisationId: organisation.id, role: input.role });
    });
  }

  // ---- the organisation administrators' view ----

  async list(
    actor: Actor,
    organisationId: string,
    filter: { status?: MembershipStatus },
    page: { first: number; after?: string },
  ): Promise<Connection<MembershipEntity>> {
    await this.administeredOrganisation(actor, organisationId);
    const query = this.dataSource
      .getRepository(MembershipEntity)
      .createQueryBuilder('m')
      .where('m.organisation_id = :organisationId', { organisationId });
    if (filter.status) query.andWhere('m.status = :status', { status: filter.status });
    return pageNewestFirst(query, 'm', page);
  }

  async approve(actor: Actor, membershipId: string): Promise<MembershipEntity> {
    return this.decide(actor, membershipId, async (manager, membership, organisation) => {
      if (!rolesGrantableBy(actor, organisation).includes(membership.role)) {
        throw fail('ROLE_NOT_GRANTABLE', { role: membership.role });
      }
      return this.move(manager, membership, MembershipAction.APPROVE, { decidedById: actor.userId, clearReason: true });
    });
  }

  async reject(actor: Actor, membershipId: string, reason: string): Promise<MembershipEntity> {
    const why = reason.trim();
    if (!why) throw fail('REJECTION_REASON_REQUIRED', { field: 'reason' });
    return this.decide(actor, membershipId, (manager, membership) =>
      this.move(manager, membership, MembershipAction.REJECT, { decidedById: actor.userId, reason: why }),
    );
  }

  /** Removal counts from the member's next request: every request loads the member's ACTIVE memberships afresh. */
  async remove(actor: Actor, membershipId: string): Promise<MembershipEntity> {
    return this.decide(actor, membershipId, async (manager, membership) => {
      await this.keepAnAdministrator(manager, actor, membership);
      return this.move(manager, membership, MembershipAction.REMOVE, {
        decidedById: actor.userId,
        clearReason: true,
        orgAdmin: false,
      });
    });
  }

  /** Gives or takes the ORG_ADMIN capability (on every membership row of that person in the organisation). */
  async setOrgAdmin(actor: Actor, membershipId: string, orgAdmin: boolean): Promise<MembershipEntity> {
    return this.decide(actor, membershipId, async (manager, membership) => {
      if (membership.status !== MembershipStatus.ACTIVE) {
        throw fail('ORG_ADMIN_NEEDS_ACTIVE_MEMBER', { field: 'membershipId', status: membership.status });
      }
      if (!orgAdmin) await this.keepAnAdministrator(manager, actor, membership);
      await manager.update(
        MembershipEntity,
        { userId: membership.userId, organisationId: membership.organisationId, status: MembershipStatus.ACTIVE },
        { orgAdmin },
      );
      return manager.findOneByOrFail(MembershipEntity, { id: membership.id });
    });
  }

  /** The organisation, when `actor` administers it; FORBIDDEN otherwise (organisations are public). */
  async administeredOrganisation(
    actor: Actor,
    organisationId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<OrganisationEntity> {
    const organisation = await manager.findOneBy(OrganisationEntity, { id: organisationId });
    if (!organisation) throw notFound('Organisation', organisationId);
    if (!actor.isOrgAdmin(organisation.id)) {
      throw fail('ORGANISATION_ADMIN_REQUIRED');
    }
    return organisation;
  }

  // ---- internals ----

  /**
   * Locks the membership and runs a decision on it. A membership the actor may not see (not theirs, not of an
   * organisation they administer) does not exist for them.
   */
  private decide(
    actor: Actor,
    membershipId: string,
    apply: (
      manager: EntityManager,
      membership: MembershipEntity,
      organisation: OrganisationEntity,
    ) => Promise<MembershipEntity>,
  ): Promise<MembershipEntity> {
    return this.dataSource.transaction(async (manager) => {
      const membership = await manager.findOne(MembershipEntity, {
        where: { id: membershipId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!membership || (!actor.isOrgAdmin(membership.organisationId) && membership.userId !== actor.userId)) {
        throw notFound('Membership', membershipId);
      }
      if (!actor.isOrgAdmin(membership.organisationId)) {
        throw fail('ORGANISATION_ADMIN_REQUIRED');
      }
      const organisation = await manager.findOneByOrFail(OrganisationEntity, { id: membership.organisationId });
      return apply(manager, membership, organisation);
    });
  }

  /**
   * A self-service organisation keeps at least one ORG_ADMIN: its own administrators cannot remove or demote the
   * last one (a platform ADMIN can; institutions are administered by their TTO officers anyway).
   */
  private async keepAnAdministrator(manager: EntityManager, actor: Actor, membership: MembershipEntity): Promise<void> {
    if (actor.isAdmin || !membership.orgAdmin) return;
    const others = await manager
      .createQueryBuilder(MembershipEntity, 'm')
      .where('m.organisation_id = :organisationId AND m.user_id <> :userId', {
        organisationId: membership.organisationId,
        userId: membership.userId,
      })
      .andWhere('m.status = :active AND m.org_admin', { active: MembershipStatus.ACTIVE })
      .getCount();
    if (others === 0) {
      throw fail('LAST_ORGANISATION_ADMIN', { field: 'membershipId' });
    }
  }

  private async move(
    manager: EntityManager,
    target: MembershipTarget,
    action: MembershipAction,
    options: { decidedById: string | null; reason?: string; clearReason?: boolean; orgAdmin?: boolean },
  ): Promise<MembershipEntity> {
    const existing = await manager.findOne(MembershipEntity, {
      where: { userId: target.userId, organisationId: target.organisationId, role: target.role },
      lock: { mode: 'pessimistic_write' },
    });
    let status: MembershipStatus;
    try {
      status = nextMembershipStatus(existing?.status ?? null, action);
    } catch (error) {
      if (error instanceof MembershipTransitionError) throw transitionFailure(error);
      throw error;
    }
    const decided = action === MembershipAction.REQUEST ? null : this.clock.now();
    const values: Partial<MembershipEntity> = {
      status,
      decidedById: options.decidedById,
      decidedAt: decided,
      ...(options.reason !== undefined ? { rejectionReason: options.reason } : {}),
      ...(options.clearReason ? { rejectionReason: null } : {}),
      ...(options.orgAdmin !== undefined ? { orgAdmin: options.orgAdmin } : {}),
    };
    if (existing) {
      await manager.update(MembershipEntity, { id: existing.id }, values);
      return manager.findOneByOrFail(MembershipEntity, { id: existing.id });
    }
    // Two requests racing for the same (user, organisation, role): the unique index lets one insert win.
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(MembershipEntity)
      .values({
        userId: target.userId,
        organisationId: target.organisationId,
        role: target.role,
        orgAdmin: false,
        ...values,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    const id = (inserted.raw as Array<{ id: string }>)[0]?.id;
    if (!id) throw fail('MEMBERSHIP_CHANGED_CONCURRENTLY');
    return manager.findOneByOrFail(MembershipEntity, { id });
  }
}

/** The CONFLICT a membership move the table does not allow answers, with a reason per case the web app shows. */
function transitionFailure(error: MembershipTransitionError): DomainException {
  if (error.action === MembershipAction.REQUEST && error.from === MembershipStatus.ACTIVE) {
    return fail('ALREADY_A_MEMBER', { status: error.from, action: error.action });
  }
  if (error.action === MembershipAction.REQUEST && error.from === MembershipStatus.PENDING) {
    return fail('MEMBERSHIP_REQUEST_PENDING', { status: error.from, action: error.action });
  }
  return fail('MEMBERSHIP_TRANSITION_NOT_ALLOWED', { status: error.from ?? 'NONE', action: error.action });
}

export function requireFittingRole(role: Role, kind: OrganisationKind): void {
  if (!roleFitsOrganisation(role, kind)) {
    throw fail('ROLE_DOES_NOT_FIT_ORGANISATION', { field: 'role', role, kind });
  }
}
