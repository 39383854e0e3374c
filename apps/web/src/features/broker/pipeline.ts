import type { DealStage } from '../../gql/graphql';

/**
 * The broker's pipeline board as people read it — 线索 → 引荐 → 洽谈 → 签约 → 技术合同登记 → 结案 — over the API's
 * deal stages. Leads are claimed matches (no deal yet); 引荐 holds introductions awaiting answers and deals at
 * INTRODUCED / NDA_SIGNED. Which moves are allowed always comes from the API (`Deal.allowedStages`); this file
 * only says what a drop on a column means and what a move needs first.
 */
export const BOARD_COLUMNS = ['LEAD', 'INTRODUCTION', 'NEGOTIATION', 'SIGNED', 'REGISTRATION', 'CLOSED'] as const;
export type BoardColumn = (typeof BOARD_COLUMNS)[number];

const COLUMN_OF_STAGE: Record<DealStage, BoardColumn> = {
  INTRODUCED: 'INTRODUCTION',
  NDA_SIGNED: 'INTRODUCTION',
  NEGOTIATING: 'NEGOTIATION',
  CONTRACT_SIGNED: 'SIGNED',
  REGISTERED: 'REGISTRATION',
  CLOSED_WON: 'CLOSED',
  CLOSED_LOST: 'CLOSED',
};

export function columnOfStage(stage: DealStage): BoardColumn {
  return COLUMN_OF_STAGE[stage];
}

export function isClosedStage(stage: DealStage): boolean {
  return stage === 'CLOSED_WON' || stage === 'CLOSED_LOST';
}

/**
 * The stage a deal moves to when dropped on `column`, or null when the workflow does not allow it from here.
 * A drop on 结案 means CLOSED_WON after registration and CLOSED_LOST (with a reason) before.
 */
export function stageForDrop(
  deal: { stage: DealStage; allowedStages: readonly DealStage[] },
  column: BoardColumn,
): DealStage | null {
  if (column === columnOfStage(deal.stage)) return null;
  const candidates = deal.allowedStages.filter((stage) => columnOfStage(stage) === column);
  if (candidates.length === 0) return null;
  if (candidates.includes('CLOSED_WON')) return 'CLOSED_WON';
  return candidates[0];
}

/** The columns a deal may be dropped on now (for highlighting the drop targets while dragging). */
export function dropTargets(deal: { stage: DealStage; allowedStages: readonly DealStage[] }): BoardColumn[] {
  return BOARD_COLUMNS.filter((column) => stageForDrop(deal, column) !== null);
}

/** What a move asks for before it can be sent: a reason to close as lost, the registration's data. */
export type MoveRequirement = 'LOST_REASON' | 'REGISTRATION' | null;

export function requirementOf(to: DealStage): MoveRequirement {
  if (to === 'CLOSED_LOST') return 'LOST_REASON';
  if (to === 'REGISTERED') return 'REGISTRATION';
  return null;
}

export interface OverdueInput {
  stage: DealStage;
  lastActivityAt: string;
  /** 暂停: a deal on hold waits on purpose (the API does not idle-remind it either). */
  onHoldSince?: string | null;
  tasks: ReadonlyArray<{ dueAt?: string | null; doneAt?: string | null }>;
}

export type OverdueReason = 'TASK_OVERDUE' | 'IDLE';

const DAY_MS = 86_400_000;

/**
 * Why an open deal needs attention now: an open task past its due date, or no activity for the agency's idle
 * period (the same period the API's idle reminder uses). Closed deals and deals on hold are never overdue.
 */
export function overdueReasons(deal: OverdueInput, now: Date, idleDays: number): OverdueReason[] {
  if (isClosedStage(deal.stage) || deal.onHoldSince) return [];
  const reasons: OverdueReason[] = [];
  const late = deal.tasks.some((task) => !task.doneAt && task.dueAt && new Date(task.dueAt).getTime() < now.getTime());
  if (late) reasons.push('TASK_OVERDUE');
  if (now.getTime() - new Date(deal.lastActivityAt).getTime() >= idleDays * DAY_MS) reasons.push('IDLE');
  return reasons;
}

/** A claim runs out within this many days: the lead card is flagged so the broker introduces or releases it. */
export const CLAIM_EXPIRY_WARNING_DAYS = 2;

export function claimExpiresSoon(expiresAt: string, now: Date): boolean {
  return new Date(expiresAt).getTime() - now.getTime() < CLAIM_EXPIRY_WARNING_DAYS * DAY_MS;
}

/** Whole days since a moment (for "in queue 3 days"). */
export function daysSince(moment: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - new Date(moment).getTime()) / DAY_MS));
}

/** The API's default idle period, used until the agency's own setting has loaded. */
export const DEFAULT_IDLE_DAYS = 7;

/**
 * Leads (线索): the claims not yet introduced — a claim whose match already has a proposed introduction or a deal
 * sits in a later column (the claim keeps holding while the introduction is alive).
 */
export function leadsOf<Claim extends { matchId: string }>(
  claims: readonly Claim[],
  introducedMatchIds: ReadonlyArray<string | null | undefined>,
): Claim[] {
  const introduced = new Set(introducedMatchIds.filter((id): id is string => !!id));
  return claims.filter((claim) => !introduced.has(claim.matchId));
}
