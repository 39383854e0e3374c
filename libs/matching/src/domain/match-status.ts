/** What the people involved did with a proposed match. */
export enum MatchStatus {
  SUGGESTED = 'SUGGESTED',
  VIEWED = 'VIEWED',
  INTERESTED = 'INTERESTED',
  DECLINED = 'DECLINED',
  DISMISSED = 'DISMISSED',
}

/** Why a match was declined: a fixed list, so the engine can learn from it. */
export enum DeclineReason {
  NOT_RELEVANT = 'NOT_RELEVANT',
  TECHNICAL_MISMATCH = 'TECHNICAL_MISMATCH',
  TOO_EXPENSIVE = 'TOO_EXPENSIVE',
  NOT_MATURE_ENOUGH = 'NOT_MATURE_ENOUGH',
  COOPERATION_MODE = 'COOPERATION_MODE',
  ALREADY_IN_CONTACT = 'ALREADY_IN_CONTACT',
  OTHER = 'OTHER',
}

const ALLOWED: { readonly [S in MatchStatus]: readonly MatchStatus[] } = {
  [MatchStatus.SUGGESTED]: [MatchStatus.VIEWED, MatchStatus.INTERESTED, MatchStatus.DECLINED, MatchStatus.DISMISSED],
  [MatchStatus.VIEWED]: [MatchStatus.INTERESTED, MatchStatus.DECLINED, MatchStatus.DISMISSED],
  [MatchStatus.INTERESTED]: [MatchStatus.DECLINED, MatchStatus.DISMISSED],
  [MatchStatus.DECLINED]: [],
  [MatchStatus.DISMISSED]: [MatchStatus.INTERESTED],
};

/** Null when `from → to` is allowed (marking VIEWED again is a no-op, not an error), else the problem. */
export function statusChangeProblem(from: MatchStatus, to: MatchStatus): string | null {
  if (from === to) return null;
  if (to === MatchStatus.VIEWED && from !== MatchStatus.SUGGESTED) return null; // already past "viewed": keep it
  return ALLOWED[from].includes(to) ? null : `a ${from} match cannot become ${to}`;
}

/** The status to store: marking viewed never downgrades INTERESTED or DISMISSED. */
export function nextStatus(from: MatchStatus, to: MatchStatus): MatchStatus {
  return to === MatchStatus.VIEWED && from !== MatchStatus.SUGGESTED ? from : to;
}
