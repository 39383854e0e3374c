import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Clock, Connection, fail, notFound, pageNewestFirst } from '@app/core';
import { AccountLinks, AccountMailQueue } from './account-mail.service';
import { INVITATION_TTL_DAYS } from './domain/account-lifetimes';
import { Actor } from './domain/actor';
import { normaliseEmail } from './domain/email';
import { LinkPurpose } from './domain/link-token';
import { Role } from './domain/roles';
import { MembershipEntity } from './entities/membership.entity';
import { MembershipInvitationEntity } from './entities/membership-invitation.entity';
import { OrganisationEntity } from './entities/organisation.entity';
import { UserEntity } from './entities/user.entity';
import { MembershipsService, requireFittingRole, rolesGrantableBy } from './memberships.service';

export interface InvitationPreview {
  organisation: OrganisationEntity;
  role: Role;
  email: string;
  expiresAt: Date;
}

/**
 * Invitations by email: an organisation's administrator invites an address to a role; the mailed link (signed,
 * 7 days, single use) admits whoever accepts it with that address — signed in, or registering with it.
 */
@Injectable()
export class InvitationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly memberships: MembershipsService,
    private readonly links: AccountLinks,
    private readonly mail: AccountMailQueue,
    private readonly clock: Clock,
  ) {}

  async invite(
    actor: Actor,
    input: { organisationId: string; email: string; role: Role },
  ): Promise<MembershipInvitationEntity> {
    const email = normaliseEmail(input.email);
    const invitation = await this.dataSource.transaction(async (manager) => {
      const organisation = await this.memberships.administeredOrganisation(actor, input.organisationId, manager);
      requireFittingRole(input.role, organisation.kind);
      if (!rolesGrantableBy(actor, organisation).includes(input.role)) {
        throw fail('ROLE_NOT_GRANTABLE', { field: 'role', role: input.role });
      }
      const now = this.clock.now();
      // A new invitation replaces an open one to the same address and role (one live link at a time).
      await manager.update(
        MembershipInvitationEntity,
        { organisationId: organisation.id, email, role: input.role, acceptedAt: IsNull(), revokedAt: IsNull() },
        { revokedAt: now },
      );
      const saved = await manager.save(
        manager.create(MembershipInvitationEntity, {
          organisationId: organisation.id,
          email,
          role: input.role,
          invitedById: actor.userId,
          expiresAt: new Date(now.getTime() + INVITATION_TTL_DAYS * 86_400_000),
          acceptedAt: null,
          acceptedById: null,
          revokedAt: null,
        }),
      );
      // The invitation email commits with the invitation (a job intent): a crash before the enqueue loses none.
      await this.mail.record(manager, 'INVITATION', saved.id);
      return saved;
    });
    await this.mail.relay();
    return invitation;
  }

  async list(
    actor: Actor,
    organisationId: string,
    page: { first: number; after?: string },
  ): Promise<Connection<MembershipInvitationEntity>> {
    await this.memberships.administeredOrganisation(actor, organisationId);
    const query = this.dataSource
      .getRepository(MembershipInvitationEntity)
      .createQueryBuilder('i')
      .where('i.organisation_id = :organisationId', { organisationId });
    return pageNewestFirst(query, 'i', page);
  }

  async revoke(actor: Actor, invitationId: string): Promise<MembershipInvitationEntity> {
    return this.dataSource.transaction(async (manager) => {
      const invitation = await manager.findOne(MembershipInvitationEntity, {
        where: { id: invitationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!invitation || !actor.isOrgAdmin(invitation.organisationId)) throw notFound('Invitation', invitationId);
      if (!invitation.acceptedAt && !invitation.revokedAt) {
        invitation.revokedAt = this.clock.now();
        await manager.save(invitation);
      }
      return invitation;
    });
  }

  /** What an invitation link offers (the web app shows it before the person accepts or registers). */
  async preview(token: string): Promise<InvitationPreview> {
    const invitation = await this.openInvitation(this.dataSource.manager, token);
    const organisation = await this.dataSource
      .getRepository(OrganisationEntity)
      .findOneByOrFail({ id: invitation.organisationId });
    return { organisation, role: invitation.role, email: invitation.email, expiresAt: invitation.expiresAt };
  }

  /** A signed-in person accepts: the invitation must be for their address; it also proves that address. */
  async accept(actor: Actor, token: string): Promise<MembershipEntity> {
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.findOneByOrFail(UserEntity, { id: actor.userId });
      return this.consume(manager, token, user);
    });
  }

  /**
   * Uses the invitation for `user` inside the caller's transaction (registration calls it for a new account):
   * marks it accepted (once: the row is locked and re-checked), admits the membership, verifies the address.
   */
  async consume(manager: EntityManager, token: string, user: UserEntity): Promise<MembershipEntity> {
    const invitation = await this.openInvitation(manager, token, { lock: true });
    if (invitation.email !== user.email) {
      throw fail('INVITATION_FOR_ANOTHER_ADDRESS');
    }
    const now = this.clock.now();
    await manager.update(MembershipInvitationEntity, { id: invitation.id }, { acceptedAt: now, acceptedById: user.id });
    if (!user.emailVerifiedAt) await manager.update(UserEntity, { id: user.id }, { emailVerifiedAt: now });
    return this.memberships.admit(
      manager,
      { userId: user.id, organisationId: invitation.organisationId, role: invitation.role },
      invitation.invitedById,
    );
  }

  /** The invitation a token names, while it can be accepted; one answer (INVALID_OR_EXPIRED_INVITATION) otherwise. */
  async openInvitation(
    manager: EntityManager,
    token: string,
    options: { lock?: boolean } = {},
  ): Promise<MembershipInvitationEntity> {
    const id = this.links.rowId(LinkPurpose.INVITATION, token);
    const invitation = id
      ? await manager.findOne(MembershipInvitationEntity, {
          where: { id },
          ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
        })
      : null;
    if (
      !invitation ||
      invitation.acceptedAt ||
      invitation.revokedAt ||
      invitation.expiresAt.getTime() <= this.clock.now().getTime()
    ) {
      throw fail('INVALID_OR_EXPIRED_INVITATION', { field: 'token' });
    }
    return invitation;
  }
}
