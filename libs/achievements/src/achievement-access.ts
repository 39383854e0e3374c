import { Actor, Role } from '@app/identity';
import { PUBLIC_STATUSES, WorkflowRole } from './domain/rights-workflow';
import { AchievementEntity } from './entities/achievement.entity';

/**
 * The columns the rules below read (besides the inventors). A loader that reads only some columns (search hits)
 * keeps these, or the rules would answer for a row they cannot see.
 */
export const ACHIEVEMENT_ACCESS_COLUMNS = [
  'institutionId',
  'ownerId',
  'representativeId',
  'status',
] as const satisfies ReadonlyArray<keyof AchievementEntity>;

type Ownable = Pick<AchievementEntity, (typeof ACHIEVEMENT_ACCESS_COLUMNS)[number]>;
type InventorRef = { userId: string | null };

/** Owner, representative or inventor: the people the achievement is about (regardless of their roles). */
export function isOnTeam(actor: Actor, achievement: Ownable, inventors: readonly InventorRef[]): boolean {
  return (
    achievement.ownerId === actor.userId ||
    achievement.representativeId === actor.userId ||
    inventors.some((inventor) => inventor.userId === actor.userId)
  );
}

/**
 * The workflow roles an actor holds for one achievement. TEAM needs the RESEARCHER role in the achievement's
 * institution as well as a place on the team; TTO is any TTO officer of that institution.
 */
export function workflowRolesOf(
  actor: Actor | null,
  achievement: Ownable,
  inventors: readonly InventorRef[],
): Set<WorkflowRole> {
  if (!actor) return new Set([WorkflowRole.SYSTEM]);
  const roles = new Set([WorkflowRole.SIGNED_IN]);
  if (actor.hasRole(Role.TTO_OFFICER, achievement.institutionId)) roles.add(WorkflowRole.TTO);
  if (actor.hasRole(Role.RESEARCHER, achievement.institutionId) && isOnTeam(actor, achievement, inventors)) {
    roles.add(WorkflowRole.TEAM);
  }
  return roles;
}

/** Who sees the workflow side (drafts, reviews, timeline, proposal): the team, the institution's TTO, admins. */
export function canFollowWorkflow(
  actor: Actor | undefined,
  achievement: Ownable,
  inventors: readonly InventorRef[],
): boolean {
  if (!actor) return false;
  return (
    actor.isAdmin ||
    actor.hasRole(Role.TTO_OFFICER, achievement.institutionId) ||
    isOnTeam(actor, achievement, inventors)
  );
}

/** Public fields: everyone once listed; before that only those who follow the workflow. */
export function canView(actor: Actor | undefined, achievement: Ownable, inventors: readonly InventorRef[]): boolean {
  return PUBLIC_STATUSES.includes(achievement.status) || canFollowWorkflow(actor, achievement, inventors);
}

/**
 * Confidential fields (detailed description, attachments, conversion plan) as decided without brokerage: the
 * institution's members, the team, administrators. Brokers (only while they work on it) and the demand side of a
 * revealed introduction are added by `AchievementsService.canSeeConfidential` through the brokerage ports — there
 * is no blanket broker rule.
 */
export function canSeeConfidentialDirectly(
  actor: Actor | undefined,
  achievement: Ownable,
  inventors: readonly InventorRef[],
): boolean {
  if (!actor || !canView(actor, achievement, inventors)) return false;
  return actor.isAdmin || actor.belongsTo(achievement.institutionId) || isOnTeam(actor, achievement, inventors);
}
