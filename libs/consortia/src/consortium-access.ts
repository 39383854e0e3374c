import { Actor, OrganisationKind, Role } from '@app/identity';
import { ConsortiumMemberEntity, ConsortiumMemberStatus } from './entities/consortium.entities';

/** The bureau: platform administrators list every consortium, recognise one and read its outputs. */
export function runsConsortia(actor: Actor | undefined): boolean {
  return actor?.isAdmin === true;
}

/** Organisations a consortium can invite: institutions and (supply-chain) enterprises. */
export const INVITABLE_KINDS: readonly OrganisationKind[] = [
  OrganisationKind.UNIVERSITY,
  OrganisationKind.RESEARCH_INSTITUTE,
  OrganisationKind.NEW_RD_INSTITUTION,
  OrganisationKind.ENTERPRISE,
];

/**
 * Who answers an organisation's invitation: its own administrators (the ORG_ADMIN capability, or an institution's
 * TTO officer). A platform administrator is not one of them: the bureau does not join consortia for others.
 */
export function administers(actor: Actor | undefined, organisationId: string): boolean {
  return (
    !!actor &&
    actor.memberships.some(
      (m) => m.organisationId === organisationId && (m.orgAdmin === true || m.role === Role.TTO_OFFICER),
    )
  );
}

/** Whether the actor belongs to an organisation that accepted (the lead included): the members-only space. */
export function inSpace(actor: Actor | undefined, members: readonly ConsortiumMemberEntity[]): boolean {
  return (
    !!actor && members.some((m) => m.status === ConsortiumMemberStatus.ACCEPTED && actor.belongsTo(m.organisationId))
  );
}
