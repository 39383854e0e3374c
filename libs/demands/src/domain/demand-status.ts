/** The life of an enterprise demand. EXPIRED is only ever set by the expiry job. */
export enum DemandStatus {
  DRAFT = 'DRAFT',
  OPEN = 'OPEN',
  IN_PROGRESS = 'IN_PROGRESS',
  SOLVED = 'SOLVED',
  CLOSED = 'CLOSED',
  EXPIRED = 'EXPIRED',
}

export enum DemandAction {
  PUBLISH = 'PUBLISH',
  START_PROGRESS = 'START_PROGRESS',
  MARK_SOLVED = 'MARK_SOLVED',
  CLOSE = 'CLOSE',
  EXPIRE = 'EXPIRE',
}

/** From each status, which action leads where. An expired demand may be published again (with a new deadline). */
const TRANSITIONS: { readonly [S in DemandStatus]: Partial<Record<DemandAction, DemandStatus>> } = {
  [DemandStatus.DRAFT]: { [DemandAction.PUBLISH]: DemandStatus.OPEN, [DemandAction.CLOSE]: DemandStatus.CLOSED },
  [DemandStatus.OPEN]: {
    [DemandAction.START_PROGRESS]: DemandStatus.IN_PROGRESS,
    [DemandAction.CLOSE]: DemandStatus.CLOSED,
    [DemandAction.EXPIRE]: DemandStatus.EXPIRED,
  },
  [DemandStatus.IN_PROGRESS]: {
    [DemandAction.MARK_SOLVED]: DemandStatus.SOLVED,
    [DemandAction.CLOSE]: DemandStatus.CLOSED,
  },
  [DemandStatus.EXPIRED]: { [DemandAction.PUBLISH]: DemandStatus.OPEN, [DemandAction.CLOSE]: DemandStatus.CLOSED },
  [DemandStatus.SOLVED]: {},
  [DemandStatus.CLOSED]: {},
};

/** Statuses anyone may see; the others are visible to the posting organisation (and administrators) only. */
export const PUBLIC_DEMAND_STATUSES: readonly DemandStatus[] = [
  DemandStatus.OPEN,
  DemandStatus.IN_PROGRESS,
  DemandStatus.SOLVED,
];

/** Statuses in which the posting organisation may still edit the content. */
const EDITABLE: readonly DemandStatus[] = [
  DemandStatus.DRAFT,
  DemandStatus.OPEN,
  DemandStatus.IN_PROGRESS,
  DemandStatus.EXPIRED,
];

export class DemandTransitionError extends Error {
  constructor(
    readonly from: DemandStatus,
    readonly action: DemandAction,
    readonly allowedActions: DemandAction[],
  ) {
    super(
      `Cannot ${action} a demand that is ${from}; allowed from ${from}: ${allowedActions.length ? allowedActions.join(', ') : 'none'}`,
    );
    this.name = 'DemandTransitionError';
  }
}

export function allowedDemandActions(from: DemandStatus): DemandAction[] {
  return Object.keys(TRANSITIONS[from]) as DemandAction[];
}

/** The status after `action`, or a DemandTransitionError naming the current status and what is allowed. */
export function nextDemandStatus(from: DemandStatus, action: DemandAction): DemandStatus {
  const to = TRANSITIONS[from][action];
  if (!to) throw new DemandTransitionError(from, action, allowedDemandActions(from));
  return to;
}

export function isDemandEditable(status: DemandStatus): boolean {
  return EDITABLE.includes(status);
}

export function isDemandPublic(status: DemandStatus): boolean {
  return PUBLIC_DEMAND_STATUSES.includes(status);
}

/** An OPEN demand whose deadline has passed is due to expire; a demand without a deadline never is. */
export function isOverdue(status: DemandStatus, deadline: Date | null, now: Date): boolean {
  return status === DemandStatus.OPEN && deadline !== null && deadline.getTime() < now.getTime();
}
