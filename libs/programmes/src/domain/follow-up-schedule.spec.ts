import { addShanghaiMonths, shanghaiYearRange, shanghaiYear } from './calendar';
import { dueFollowUpStep, followUpDueDates, FollowUpStatus, nextFollowUpStep } from './follow-up-schedule';

const DAY = 24 * 3600_000;

describe('follow-up schedule', () => {
  it('is due 6, 12 and 36 months after registration, in Shanghai months', () => {
    const registeredAt = new Date('2026-03-15T02:00:00Z');
    expect(followUpDueDates(registeredAt).map((d) => [d.monthsAfter, d.dueAt.toISOString()])).toEqual([
      [6, '2026-09-15T02:00:00.000Z'],
      [12, '2027-03-15T02:00:00.000Z'],
      [36, '2029-03-15T02:00:00.000Z'],
    ]);
  });

  it.each([
    // a day the target month lacks becomes its last day; the Shanghai date decides the day
    ['2026-08-31T04:00:00Z', 6, '2027-02-28T04:00:00.000Z'],
    ['2027-08-31T04:00:00Z', 6, '2028-02-29T04:00:00.000Z'],
    ['2026-08-30T17:00:00Z', 6, '2027-02-27T17:00:00.000Z'], // 31 August 01:00 in Shanghai → 28 February 01:00
    ['2026-12-31T04:00:00Z', 12, '2027-12-31T04:00:00.000Z'],
  ])('%s + %p months = %s', (from, months, expected) => {
    expect(addShanghaiMonths(new Date(from), months).toISOString()).toBe(expected);
  });

  it('asks when due, reminds after 7 and 21 days, lapses after 60, and stops once answered', () => {
    const dueAt = new Date('2026-09-15T02:00:00Z');
    const askedAt = new Date(dueAt.getTime() + 3600_000);
    const state = { status: FollowUpStatus.SCHEDULED, dueAt, askedAt: null, remindersSent: 0 };
    expect(nextFollowUpStep(state)).toEqual({ kind: 'ASK', at: dueAt, key: 'ask' });
    expect(dueFollowUpStep(state, new Date(dueAt.getTime() - 1))).toBeNull();
    expect(dueFollowUpStep(state, dueAt)?.kind).toBe('ASK');

    const asked = { ...state, status: FollowUpStatus.ASKED, askedAt };
    expect(nextFollowUpStep(asked)).toEqual({
      kind: 'REMIND',
      at: new Date(askedAt.getTime() + 7 * DAY),
      key: 'remind-1',
      reminder: 1,
    });
    expect(nextFollowUpStep({ ...asked, remindersSent: 1 })).toMatchObject({
      key: 'remind-2',
      at: new Date(askedAt.getTime() + 21 * DAY),
    });
    expect(nextFollowUpStep({ ...asked, remindersSent: 2 })).toEqual({
      kind: 'LAPSE',
      at: new Date(askedAt.getTime() + 60 * DAY),
      key: 'lapse',
    });
    expect(nextFollowUpStep({ ...asked, status: FollowUpStatus.ANSWERED })).toBeNull();
    expect(nextFollowUpStep({ ...asked, status: FollowUpStatus.LAPSED })).toBeNull();
  });

  it('counts years in Shanghai', () => {
    expect(shanghaiYear(new Date('2025-12-31T16:00:00Z'))).toBe(2026);
    expect(shanghaiYear(new Date('2025-12-31T15:59:59Z'))).toBe(2025);
    expect(shanghaiYearRange(2026)).toEqual({
      from: new Date('2025-12-31T16:00:00Z'),
      to: new Date('2026-12-31T16:00:00Z'),
    });
  });
});
