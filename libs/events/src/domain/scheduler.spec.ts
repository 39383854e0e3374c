import fc from 'fast-check';
import { bookInOrder, bookingProblem, eventSlots, freeSlotIndexes, mayApprove, Participant } from './scheduler';
import { instantToZoned, zonedToInstant } from './time-zones';

const ZONES = ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'UTC', 'Asia/Kolkata'];

/** A random event: participants on both sides (some observers), a slot grid, and booking attempts in any order. */
const scenario = fc
  .record({
    enterprises: fc.integer({ min: 1, max: 6 }),
    researchers: fc.integer({ min: 1, max: 6 }),
    observers: fc.integer({ min: 0, max: 2 }),
    slotCount: fc.integer({ min: 1, max: 12 }),
  })
  .chain(({ enterprises, researchers, observers, slotCount }) => {
    const people: Participant[] = [
      ...Array.from({ length: enterprises }, (_, i) => ({ id: `e${i}`, side: 'ENTERPRISE' as const })),
      ...Array.from({ length: researchers }, (_, i) => ({ id: `r${i}`, side: 'RESEARCHER' as const })),
      ...Array.from({ length: observers }, (_, i) => ({ id: `o${i}`, side: null })),
    ];
    const request = fc.record({
      requester: fc.constantFrom(...people),
      counterpart: fc.constantFrom(...people),
      // Sometimes out of range, to exercise the refusal.
      slotIndex: fc.integer({ min: -1, max: slotCount }),
    });
    return fc.record({
      slotCount: fc.constant(slotCount),
      requests: fc.array(request, { maxLength: 60 }),
    });
  });

describe('meeting scheduler (property-based)', () => {
  it('never double-books anyone, whatever the order of requests', () => {
    fc.assert(
      fc.property(scenario, ({ slotCount, requests }) => {
        const { bookings } = bookInOrder(slotCount, requests);
        const held = new Set<string>();
        for (const booking of bookings) {
          for (const id of booking.participantIds) {
            const key = `${id}@${booking.slotIndex}`;
            expect(held.has(key)).toBe(false);
            held.add(key);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('books only enterprise ↔ researcher pairs, inside the grid, each pair at most once', () => {
    fc.assert(
      fc.property(scenario, ({ slotCount, requests }) => {
        const { bookings } = bookInOrder(slotCount, requests);
        const pairs = new Set<string>();
        for (const booking of bookings) {
          expect(booking.slotIndex).toBeGreaterThanOrEqual(0);
          expect(booking.slotIndex).toBeLessThan(slotCount);
          const sides = booking.participantIds.map((id) => id[0]).sort();
          expect(sides).toEqual(['e', 'r']);
          const pair = [...booking.participantIds].sort().join('+');
          expect(pairs.has(pair)).toBe(false);
          pairs.add(pair);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a request only for a reason the bookings so far explain; a free slot of both is always taken', () => {
    fc.assert(
      fc.property(scenario, ({ slotCount, requests }) => {
        const { bookings, refused } = bookInOrder(slotCount, requests);
        // Replaying: each accepted request was allowed at its turn, each refused one has a true reason.
        expect(bookings.length + refused.length).toBe(requests.length);
        for (const { request, problem } of refused) {
          const { requester, counterpart, slotIndex } = requests[request];
          if (problem === 'SLOT_OUT_OF_RANGE') expect(slotIndex < 0 || slotIndex >= slotCount).toBe(true);
          if (problem === 'NOT_A_MEETING_SIDE') expect(requester.side === null || counterpart.side === null).toBe(true);
          if (problem === 'SAME_SIDE') expect(requester.side).toBe(counterpart.side);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('free slots of two people are exactly the slots where neither is booked', () => {
    fc.assert(
      fc.property(scenario, ({ slotCount, requests }) => {
        const { bookings } = bookInOrder(slotCount, requests);
        const free = freeSlotIndexes(slotCount, bookings, ['e0', 'r0']);
        for (let index = 0; index < slotCount; index++) {
          const busy = bookings.some(
            (b) => b.slotIndex === index && (b.participantIds.includes('e0') || b.participantIds.includes('r0')),
          );
          expect(free.includes(index)).toBe(!busy);
        }
        // Booking e0 with r0 in a free slot succeeds unless they already meet.
        if (free.length) {
          const problem = bookingProblem({
            slotCount,
            bookings,
            requester: { id: 'e0', side: 'ENTERPRISE' },
            counterpart: { id: 'r0', side: 'RESEARCHER' },
            slotIndex: free[0],
          });
          const meet = bookings.some((b) => b.participantIds.includes('e0') && b.participantIds.includes('r0'));
          expect(problem).toBe(meet ? 'PAIR_ALREADY_MEETS' : null);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('capacity: approvals stop exactly at the capacity', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 400 }), (capacity, requests) => {
        let approved = 0;
        for (let i = 0; i < requests; i++) if (mayApprove(approved, capacity)) approved++;
        expect(approved).toBe(Math.min(capacity, requests));
      }),
    );
  });
});

describe('slot grid and time zones (property-based)', () => {
  it('slots are back to back, of the fixed length in real time, inside the event', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 10, max: 12 * 60 }),
        fc.constantFrom(5, 10, 15, 20, 30, 45, 60),
        (start, minutes, slotMinutes) => {
          const startsAt = new Date(Math.floor(start.getTime() / 60_000) * 60_000);
          const endsAt = new Date(startsAt.getTime() + minutes * 60_000);
          const slots = eventSlots({ startsAt, endsAt, slotMinutes });
          expect(slots.length).toBe(Math.floor(minutes / slotMinutes));
          slots.forEach((slot, i) => {
            expect(slot.index).toBe(i);
            expect(slot.endsAt.getTime() - slot.startsAt.getTime()).toBe(slotMinutes * 60_000);
            expect(slot.startsAt.getTime()).toBe(startsAt.getTime() + i * slotMinutes * 60_000);
          });
          if (slots.length) expect(slots[slots.length - 1].endsAt.getTime()).toBeLessThanOrEqual(endsAt.getTime());
        },
      ),
    );
  });

  it('wall-clock ↔ instant round-trips in every zone (outside DST gaps, the instant names that wall time)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2031-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom(...ZONES),
        (date, zone) => {
          const instant = new Date(Math.floor(date.getTime() / 60_000) * 60_000);
          const local = instantToZoned(instant, zone);
          const back = zonedToInstant(local, zone)!;
          // Same wall time; the same instant unless the wall time repeats (autumn fall-back), then the earlier one.
          expect(instantToZoned(back, zone)).toBe(local);
          expect(back.getTime()).toBeLessThanOrEqual(instant.getTime());
          expect(instant.getTime() - back.getTime()).toBeLessThanOrEqual(60 * 60_000);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('known offsets: Shanghai +8 all year, Berlin and New York across their DST changes', () => {
    expect(zonedToInstant('2026-12-10T09:00', 'Asia/Shanghai')!.toISOString()).toBe('2026-12-10T01:00:00.000Z');
    expect(zonedToInstant('2026-07-10T09:00', 'Asia/Shanghai')!.toISOString()).toBe('2026-07-10T01:00:00.000Z');
    expect(zonedToInstant('2026-01-15T09:00', 'Europe/Berlin')!.toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect(zonedToInstant('2026-07-15T09:00', 'Europe/Berlin')!.toISOString()).toBe('2026-07-15T07:00:00.000Z');
    // 02:30 on 8 March 2026 does not exist in New York: it lands after the gap.
    expect(zonedToInstant('2026-03-08T02:30', 'America/New_York')!.toISOString()).toBe('2026-03-08T07:30:00.000Z');
    // 01:30 on 1 November 2026 happens twice: the earlier (EDT) instant.
    expect(zonedToInstant('2026-11-01T01:30', 'America/New_York')!.toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(zonedToInstant('2026-02-30T09:00', 'Asia/Shanghai')).toBeNull();
    expect(zonedToInstant('tomorrow', 'Asia/Shanghai')).toBeNull();
  });

  it('a meeting grid over a DST change keeps real-time slot lengths; local labels show the jump', () => {
    const startsAt = zonedToInstant('2026-03-29T01:00', 'Europe/Berlin')!;
    const endsAt = zonedToInstant('2026-03-29T04:00', 'Europe/Berlin')!;
    const slots = eventSlots({ startsAt, endsAt, slotMinutes: 30 });
    // 01:00 → 04:00 local on the spring-forward night is two real hours.
    expect(slots).toHaveLength(4);
    expect(slots.map((s) => instantToZoned(s.startsAt, 'Europe/Berlin').slice(11))).toEqual([
      '01:00',
      '01:30',
      '03:00',
      '03:30',
    ]);
  });
});
