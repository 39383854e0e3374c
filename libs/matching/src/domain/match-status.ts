/** What the people involved did with a proposed match. */
export enum MatchStatus {
  SUGGESTED = 'SUGGESTED',
  VIEWED = 'VIEWED',
  INTERESTED = 'INTERESTED',
  DECLINED = 'DECLINED',
  DISMISSED = 'DISMISSED',
  /**
   * Its demand or target left the market (withdrawn, closed, expired, unlisted): no more work on it. Set by the
   * platform, never by people; a later ranking that proposes the pair again (the listing returned) reopens it.
   */
  CLOSED = 'CLOSED',
}

/**
 * Why a match was declined: a fixed list, so the engine can learn from it. The enterprise's list (the web's match
 * inbox) is 阶段过早 NOT_MATURE_ENOUGH, 优势不明确 UNCLEAR_BENEFIT, 商业化路径不清 NO_COMMERCIAL_ROUTE, 描述不清
 * UNCLEAR_DESCRIPTION, 不在业务范围 NOT_RELEVANT, 预算不匹配 TOO_EXPENSIVE, 已有方案 EXISTING_SOLUTION, 其他 OTHER;
 * the others stay for earlier feedback and for the target side.
 */
export enum DeclineReason {
  NOT_RELEVANT = 'NOT_RELEVANT',
  TECHNICAL_MISMATCH = 'TECHNICAL_MISMATCH',
  TOO_EXPENSIVE = 'TOO_EXPENSIVE',
  NOT_MATURE_ENOUGH = 'NOT_MATURE_ENOUGH',
  COOPERATION_MODE = 'COOPERATION_MODE',
  ALREADY_IN_CONTACT = 'ALREADY_IN_CONTACT',
  UNCLEAR_BENEFIT = 'UNCLEAR_BENEFIT',
  NO_COMMERCIAL_ROUTE = 'NO_COMMERCIAL_ROUTE',
  UNCLEAR_DESCRIPTION = 'UNCLEAR_DESCRIPTION',
  EXISTING_SOLUTION = 'EXISTING_SOLUTION',
  OTHER = 'OTHER',
}

const ALLOWED: { readonly [S in MatchStatus]: readonly MatchStatus[] } = {
  [MatchStatus.SUGGESTED]: [MatchStatus.VIEWED, MatchStatus.INTERESTED, MatchStatus.DECLINED, MatchStatus.DISMISSED],
  [MatchStatus.VIEWED]: [MatchStatus.INTERESTED, MatchStatus.DECLINED, MatchStatus.DISMISSED],
  [MatchStatus.INTERESTED]: [MatchStatus.DECLINED, MatchStatus.DISMISSED],
  [MatchStatus.DECLINED]: [],
  [MatchStatus.DISMISSED]: [MatchStatus.INTERESTED],
  [MatchStatus.CLOSED]: [],
};

/** Null when `from → to` is allowed (marking VIEWED again is a no-op, not an error), else the problem. */
export function statusChangeProblem(from: MatchStatus, to: MatchStatus): string | null {
  if (from === to) return null;
  if (to === MatchStatus.VIEWED && from !== MatchStatus.SUGGESTED) return null; // already past "viewed": keep it
  return ALLOWED[from].includes(to) ? null : `a ${from} match cannot become ${to}`;
}

/** Matches not (or no longer) listed: declined and dismissed (kept as feedback), closed (the listing left). */
export const HIDDEN_MATCH_STATUSES: readonly MatchStatus[] = [
  MatchStatus.DECLINED,
  MatchStatus.DISMISSED,
  MatchStatus.CLOSED,
];

/** The status to store: marking viewed never downgrades INTERESTED or DISMISSED. */
export function nextStatus(from: MatchStatus, to: MatchStatus): MatchStatus {
  return to === MatchStatus.VIEWED && from !== MatchStatus.SUGGESTED ? from : to;
}
