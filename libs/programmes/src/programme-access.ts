import { Brackets, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Actor, Role } from '@app/identity';

/**
 * Who acts for an institution in the programmes (applies for rewards, files evaluation reports, prepares exchange
 * hand-offs, reads its annual report): its tech-transfer office and its organisation admins (ORG_ADMIN) — an
 * ACTIVE membership, as every Actor holds. Unlike `Actor.isOrgAdmin`, platform administrators are not included:
 * the bureau reads and decides but does not act for an institution. The one place this is decided.
 */
export function speaksForInstitution(actor: Actor, institutionId: string): boolean {
  return actor.memberships.some(
    (m) => m.organisationId === institutionId && (m.role === Role.TTO_OFFICER || m.orgAdmin === true),
  );
}

/** The institutions the actor acts for. */
export function institutionsSpokenFor(actor: Actor): string[] {
  return [
    ...new Set(
      actor.memberships.filter((m) => m.role === Role.TTO_OFFICER || m.orgAdmin === true).map((m) => m.organisationId),
    ),
  ];
}

/** Whether the actor is a member of the enterprise (it answers follow-ups about its contracts). */
export function memberOfEnterprise(actor: Actor, enterpriseId: string): boolean {
  return actor.hasRole(Role.ENTERPRISE_MEMBER, enterpriseId);
}

/** The SQL twin of "on the achievement's team" for `alias.achievement_id`: owner, representative or inventor. */
export function onTeamSql(achievementColumn: string): string {
  return `EXISTS (SELECT 1 FROM achievements ta WHERE ta.id = ${achievementColumn}
    AND (ta.owner_id = :me OR ta.representative_id = :me
      OR EXISTS (SELECT 1 FROM achievement_inventors tai WHERE tai.achievement_id = ta.id AND tai.user_id = :me)))`;
}

/**
 * Restricts a query to rows the actor may see by their institution (`institutionColumn`) and, optionally, their
 * achievement's team (`achievementColumn`) or enterprise (`enterpriseColumn`). Administrators see all.
 */
export function restrictToViewer<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  actor: Actor,
  columns: { institution: string; achievement?: string; enterprise?: string },
): SelectQueryBuilder<T> {
  if (actor.isAdmin) return query;
  const institutions = institutionsSpokenFor(actor);
  const enterprises = actor.organisationsWithRole(Role.ENTERPRISE_MEMBER);
  return query.andWhere(
    new Brackets((mine) => {
      mine.where('FALSE');
      if (institutions.length)
        mine.orWhere(`${columns.institution} IN (:...viewerInstitutions)`, { viewerInstitutions: institutions });
      if (columns.achievement) mine.orWhere(onTeamSql(columns.achievement), { me: actor.userId });
      if (columns.enterprise && enterprises.length)
        mine.orWhere(`${columns.enterprise} IN (:...viewerEnterprises)`, { viewerEnterprises: enterprises });
    }),
  );
}
