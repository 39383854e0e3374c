import { Actor, OrganisationKind, Role } from '@app/identity';
import { EventEntity, EventStatus } from './entities/event.entities';

/** Roles that organise events, in the organisation kinds they organise for. */
const ORGANISER_ROLES: readonly Role[] = [Role.ADMIN, Role.TTO_OFFICER, Role.BROKER];

/**
 * Who runs an event: platform administrators (the bureau), and the organising organisation's TTO officers,
 * brokers and organisation admins. Decided here only, so resolvers and services agree.
 */
export function organises(actor: Actor | undefined, event: EventEntity): boolean {
  if (!actor) return false;
  if (actor.isAdmin) return true;
  return actor.memberships.some(
    (m) =>
      m.organisationId === event.organiserOrganisationId && (m.orgAdmin === true || ORGANISER_ROLES.includes(m.role)),
  );
}

/** Published events are public; drafts (and cancelled ones never published) only for their organisers. */
export function canSeeEvent(actor: Actor | undefined, event: EventEntity): boolean {
  return event.publishedAt !== null || event.status === EventStatus.PUBLISHED || organises(actor, event);
}

/**
 * The organisation an actor organises for: the one named, when they hold an organiser role there; else their
 * first (the bureau before an institution before an agency). Null when they organise for none.
 */
export function organiserOrganisationOf(actor: Actor, requested?: string | null): string | null {
  const eligible = actor.memberships.filter(
    (m) =>
      ORGANISER_ROLES.includes(m.role) && (m.role !== Role.ADMIN || m.organisationKind === OrganisationKind.GOVERNMENT),
  );
  if (requested) return eligible.some((m) => m.organisationId === requested) ? requested : null;
  const order = (role: Role) => ORGANISER_ROLES.indexOf(role);
  return [...eligible].sort((a, b) => order(a.role) - order(b.role))[0]?.organisationId ?? null;
}
