import { OrganisationKind, Role } from './roles';

/** An ACTIVE membership: pending, rejected and removed ones give no rights and never reach an Actor. */
export interface ActorMembership {
  readonly organisationId: string;
  readonly organisationKind: OrganisationKind;
  readonly role: Role;
  /** The organisation-admin capability (manages the organisation's members and settings). */
  readonly orgAdmin?: boolean;
}

export interface ActorOptions {
  /** Whether the account proved it owns its email address (publishing, claiming and objecting need it). */
  readonly emailVerified?: boolean;
  /** The sign-in session (refresh-token family) the request came with, when it came with one. */
  readonly sessionId?: string;
}

/**
 * Who is acting: the authenticated user and the roles they hold where — ACTIVE memberships only, loaded afresh
 * for every request, so an approval, a rejection or a removal counts from the next request on. Services take an
 * Actor and decide; resolvers and jobs share those decisions.
 */
export class Actor {
  readonly emailVerified: boolean;
  readonly sessionId: string | undefined;

  constructor(
    readonly userId: string,
    readonly memberships: readonly ActorMembership[],
    options: ActorOptions = {},
  ) {
    this.emailVerified = options.emailVerified ?? false;
    this.sessionId = options.sessionId;
  }

  hasRole(role: Role, organisationId?: string): boolean {
    return this.memberships.some(
      (m) => m.role === role && (organisationId === undefined || m.organisationId === organisationId),
    );
  }

  hasAnyRole(...roles: Role[]): boolean {
    return this.memberships.some((m) => roles.includes(m.role));
  }

  organisationsWithRole(role: Role): string[] {
    return this.memberships.filter((m) => m.role === role).map((m) => m.organisationId);
  }

  belongsTo(organisationId: string): boolean {
    return this.memberships.some((m) => m.organisationId === organisationId);
  }

  get isAdmin(): boolean {
    return this.hasRole(Role.ADMIN);
  }

  /**
   * Whether the actor administers the organisation: holds its ORG_ADMIN capability, is a TTO officer of it (an
   * institution's TTO administers it), or is a platform ADMIN (who may do all an ORG_ADMIN may).
   */
  isOrgAdmin(organisationId: string): boolean {
    return (
      this.isAdmin ||
      this.memberships.some(
        (m) => m.organisationId === organisationId && (m.orgAdmin === true || m.role === Role.TTO_OFFICER),
      )
    );
  }
}
