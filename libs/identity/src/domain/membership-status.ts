/**
 * A membership's life: a request waits (PENDING) until the organisation's administrators approve (ACTIVE) or
 * reject it (REJECTED, with a reason); an active member can be removed (REMOVED). An accepted invitation or a
 * grant by an administrator makes a membership ACTIVE whatever it was. Only ACTIVE memberships carry rights.
 */
export enum MembershipStatus {
  PENDING = 'PENDING',
  ACTIVE = 'ACTIVE',
  REJECTED = 'REJECTED',
  REMOVED = 'REMOVED',
}

export enum MembershipAction {
  /** A person asks to join (by registering, or signed in). */
  REQUEST = 'REQUEST',
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
  REMOVE = 'REMOVE',
  /** An invitation accepted, or a role granted by an administrator: active at once. */
  ADMIT = 'ADMIT',
}

/** The membership is not in a status the action applies to (the API answers CONFLICT). */
export class MembershipTransitionError extends Error {
  constructor(
    readonly from: MembershipStatus | null,
    readonly action: MembershipAction,
  ) {
    super(describe(from, action));
    this.name = 'MembershipTransitionError';
  }
}

const TRANSITIONS: { readonly [A in MembershipAction]: ReadonlyArray<[MembershipStatus | null, MembershipStatus]> } = {
  [MembershipAction.REQUEST]: [
    [null, MembershipStatus.PENDING],
    [MembershipStatus.REJECTED, MembershipStatus.PENDING],
    [MembershipStatus.REMOVED, MembershipStatus.PENDING],
  ],
  [MembershipAction.APPROVE]: [[MembershipStatus.PENDING, MembershipStatus.ACTIVE]],
  [MembershipAction.REJECT]: [[MembershipStatus.PENDING, MembershipStatus.REJECTED]],
  [MembershipAction.REMOVE]: [[MembershipStatus.ACTIVE, MembershipStatus.REMOVED]],
  [MembershipAction.ADMIT]: [
    [null, MembershipStatus.ACTIVE],
    [MembershipStatus.PENDING, MembershipStatus.ACTIVE],
    [MembershipStatus.REJECTED, MembershipStatus.ACTIVE],
    [MembershipStatus.REMOVED, MembershipStatus.ACTIVE],
    [MembershipStatus.ACTIVE, MembershipStatus.ACTIVE],
  ],
};

/** The status after `action` on a membership in status `from` (null: there is none yet); throws when not allowed. */
export function nextMembershipStatus(from: MembershipStatus | null, action: MembershipAction): MembershipStatus {
  const edge = TRANSITIONS[action].find(([source]) => source === from);
  if (edge) return edge[1];
  throw new MembershipTransitionError(from, action);
}

/** Whether a membership in this status gives its role's rights. */
export function membershipGrantsRights(status: MembershipStatus): boolean {
  return status === MembershipStatus.ACTIVE;
}

function describe(from: MembershipStatus | null, action: MembershipAction): string {
  if (from === null) return 'There is no such membership';
  switch (action) {
    case MembershipAction.REQUEST:
      return from === MembershipStatus.ACTIVE
        ? 'You are already a member of this organisation'
        : 'Your request to join this organisation is already waiting for approval';
    case MembershipAction.APPROVE:
      return `A ${from} membership cannot be approved (only PENDING requests)`;
    case MembershipAction.REJECT:
      return `A ${from} membership cannot be rejected (only PENDING requests)`;
    case MembershipAction.REMOVE:
      return `A ${from} membership cannot be removed (only ACTIVE members; reject a PENDING request)`;
    case MembershipAction.ADMIT:
      return `A ${from} membership cannot be admitted`;
  }
}
