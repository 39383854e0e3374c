import {
  allowedDemandActions,
  DemandAction,
  DemandStatus,
  DemandTransitionError,
  isDemandEditable,
  isDemandPublic,
  isOverdue,
  nextDemandStatus,
} from './demand-status';

describe('demand status machine', () => {
  it.each([
    [DemandStatus.DRAFT, DemandAction.PUBLISH, DemandStatus.OPEN],
    [DemandStatus.DRAFT, DemandAction.CLOSE, DemandStatus.CLOSED],
    [DemandStatus.OPEN, DemandAction.START_PROGRESS, DemandStatus.IN_PROGRESS],
    [DemandStatus.OPEN, DemandAction.CLOSE, DemandStatus.CLOSED],
    [DemandStatus.OPEN, DemandAction.EXPIRE, DemandStatus.EXPIRED],
    [DemandStatus.IN_PROGRESS, DemandAction.MARK_SOLVED, DemandStatus.SOLVED],
    [DemandStatus.IN_PROGRESS, DemandAction.CLOSE, DemandStatus.CLOSED],
    [DemandStatus.EXPIRED, DemandAction.PUBLISH, DemandStatus.OPEN],
    [DemandStatus.EXPIRED, DemandAction.CLOSE, DemandStatus.CLOSED],
  ])('%s --%s--> %s', (from, action, to) => {
    expect(nextDemandStatus(from, action)).toBe(to);
  });

  it('allows exactly the listed transitions (every other pair is refused)', () => {
    const allowedPairs = new Set([
      'DRAFT:PUBLISH',
      'DRAFT:CLOSE',
      'OPEN:START_PROGRESS',
      'OPEN:CLOSE',
      'OPEN:EXPIRE',
      'IN_PROGRESS:MARK_SOLVED',
      'IN_PROGRESS:CLOSE',
      'EXPIRED:PUBLISH',
      'EXPIRED:CLOSE',
    ]);
    for (const from of Object.values(DemandStatus)) {
      for (const action of Object.values(DemandAction)) {
        const allowed = allowedPairs.has(`${from}:${action}`);
        if (allowed) expect(() => nextDemandStatus(from, action)).not.toThrow();
        else expect(() => nextDemandStatus(from, action)).toThrow(DemandTransitionError);
      }
    }
  });

  it('names the current status and the allowed actions when refusing', () => {
    try {
      nextDemandStatus(DemandStatus.DRAFT, DemandAction.MARK_SOLVED);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(DemandTransitionError);
      const refusal = error as DemandTransitionError;
      expect(refusal.from).toBe(DemandStatus.DRAFT);
      expect(refusal.allowedActions).toEqual([DemandAction.PUBLISH, DemandAction.CLOSE]);
      expect(refusal.message).toContain('DRAFT');
      expect(refusal.message).toContain('PUBLISH, CLOSE');
    }
  });

  it('treats SOLVED and CLOSED as final', () => {
    expect(allowedDemandActions(DemandStatus.SOLVED)).toEqual([]);
    expect(allowedDemandActions(DemandStatus.CLOSED)).toEqual([]);
    expect(isDemandEditable(DemandStatus.SOLVED)).toBe(false);
    expect(isDemandEditable(DemandStatus.CLOSED)).toBe(false);
    expect(isDemandEditable(DemandStatus.DRAFT)).toBe(true);
  });

  it('shows only OPEN, IN_PROGRESS and SOLVED demands publicly', () => {
    expect(Object.values(DemandStatus).filter(isDemandPublic)).toEqual([
      DemandStatus.OPEN,
      DemandStatus.IN_PROGRESS,
      DemandStatus.SOLVED,
    ]);
  });

  it('finds a demand overdue only when OPEN with a past deadline', () => {
    const now = new Date('2030-06-01T00:00:00Z');
    const past = new Date('2030-05-31T23:59:59Z');
    const future = new Date('2030-06-01T00:00:01Z');
    expect(isOverdue(DemandStatus.OPEN, past, now)).toBe(true);
    expect(isOverdue(DemandStatus.OPEN, future, now)).toBe(false);
    expect(isOverdue(DemandStatus.OPEN, null, now)).toBe(false);
    expect(isOverdue(DemandStatus.IN_PROGRESS, past, now)).toBe(false);
    expect(isOverdue(DemandStatus.DRAFT, past, now)).toBe(false);
  });
});
