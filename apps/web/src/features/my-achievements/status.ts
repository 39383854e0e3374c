import type { AchievementStatus } from '../../gql/graphql';
import { TAG_COLOURS } from '../../shared/ui/tag-colours';

/**
 * The researcher-facing stages (状态) of an achievement. The API's workflow has finer states; several review
 * states read the same to the team, and a rejection puts the achievement back to DRAFT with a reason, which the
 * team sees as 已退回 (returned) rather than as a plain draft.
 */
export type AchievementStage =
  | 'DRAFT'
  | 'RETURNED'
  | 'IN_REVIEW'
  | 'PUBLIC_NOTICE'
  | 'AWAITING_CONFIRMATION'
  | 'RIGHTS_CONFIRMED'
  | 'LISTED'
  | 'IN_NEGOTIATION'
  | 'TRANSFERRED'
  | 'WITHDRAWN';

const STAGE_OF: Record<AchievementStatus, AchievementStage> = {
  DRAFT: 'DRAFT',
  SUBMITTED: 'IN_REVIEW',
  DEPARTMENT_REVIEW: 'IN_REVIEW',
  TTO_REVIEW: 'IN_REVIEW',
  PUBLIC_NOTICE: 'PUBLIC_NOTICE',
  // After the notice the agreement is signed and the TTO confirms the rights: 待确权.
  APPROVED: 'AWAITING_CONFIRMATION',
  AGREEMENT_SIGNED: 'AWAITING_CONFIRMATION',
  RIGHTS_CONFIRMED: 'RIGHTS_CONFIRMED',
  LISTED: 'LISTED',
  // A stale listing is still listed; reconfirming renews it.
  STALE: 'LISTED',
  IN_NEGOTIATION: 'IN_NEGOTIATION',
  TRANSFERRED: 'TRANSFERRED',
  WITHDRAWN: 'WITHDRAWN',
};

export function achievementStage(status: AchievementStatus, rejectionReason?: string | null): AchievementStage {
  if (status === 'DRAFT' && rejectionReason) return 'RETURNED';
  return STAGE_OF[status];
}

export const STAGE_COLOURS: Record<AchievementStage, string> = {
  DRAFT: 'default',
  RETURNED: TAG_COLOURS.danger,
  IN_REVIEW: 'blue',
  PUBLIC_NOTICE: TAG_COLOURS.warning,
  AWAITING_CONFIRMATION: 'purple',
  RIGHTS_CONFIRMED: TAG_COLOURS.mode,
  LISTED: TAG_COLOURS.mode,
  IN_NEGOTIATION: 'geekblue',
  TRANSFERRED: TAG_COLOURS.mode,
  WITHDRAWN: 'default',
};

/** The team may submit a draft (and re-submit a returned one). */
export function canSubmit(status: AchievementStatus): boolean {
  return status === 'DRAFT';
}

/** Mine: I own it or I am one of its inventors (a researcher also sees others' listed achievements). */
export function isMine(
  achievement: { ownerId?: string | null; inventors: ReadonlyArray<{ userId?: string | null }> },
  userId: string,
): boolean {
  return achievement.ownerId === userId || achievement.inventors.some((inventor) => inventor.userId === userId);
}

/** The stages a researcher filters 我的成果 by (a returned draft is a draft), in workflow order. */
export const FILTER_STAGES = [
  'DRAFT',
  'IN_REVIEW',
  'PUBLIC_NOTICE',
  'AWAITING_CONFIRMATION',
  'RIGHTS_CONFIRMED',
  'LISTED',
  'IN_NEGOTIATION',
  'TRANSFERRED',
  'WITHDRAWN',
] as const satisfies readonly AchievementStage[];

/** The API statuses of a stage: what the server filters by. */
export function statusesOfStage(stage: AchievementStage): AchievementStatus[] {
  const target = stage === 'RETURNED' ? 'DRAFT' : stage;
  return (Object.keys(STAGE_OF) as AchievementStatus[]).filter((status) => STAGE_OF[status] === target);
}
