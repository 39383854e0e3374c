import { OrganisationKind, Role } from './roles';

export interface ActorMembership {
  readonly organisationId: string;
  readonly organisationKind: OrganisationKind;
  readonly role: Role;
}

/**
 * Who is acting: the authenticated user and the roles they hold where. Services take an Actor and decide;
 * resolvers and jobs share those decisions.
 */
export class Actor {
  constructor(
    readonly userId: string,
    readonly memberships: readonly ActorMembership[],
  ) {}

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
}
