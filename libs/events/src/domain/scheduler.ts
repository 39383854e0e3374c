/**
 * The one-to-one meeting scheduler of an event: fixed-length slots from the event's start, and the rules that keep
 * anyone from being double-booked. Pure: no I/O. The database backs the same rule with unique indexes on
 * (participant, slot) over active meetings, so a race loses with a conflict instead of a double booking.
 */

export const MIN_SLOT_MINUTES = 5;
export const MAX_SLOT_MINUTES = 240;
/** A bound on the grid (a three-day event of 10-minute slots is 432): enough, and keeps pages small. */
export const MAX_SLOTS = 500;

export interface SlotGrid {
  startsAt: Date;
  endsAt: Date;
  slotMinutes: number;
}

export interface Slot {
  index: number;
  startsAt: Date;
  endsAt: Date;
}

/**
 * The slots of an event: back to back from its start, each `slotMinutes` long in real time (a DST change inside
 * the event does not stretch or shrink a slot), the last one ending no later than the event.
 */
export function eventSlots(grid: SlotGrid): Slot[] {
  const length = grid.slotMinutes * 60_000;
  if (!Number.isInteger(grid.slotMinutes) || grid.slotMinutes < MIN_SLOT_MINUTES) return [];
  const slots: Slot[] = [];
  for (let start = grid.startsAt.getTime(); start + length <= grid.endsAt.getTime(); start += length) {
    if (slots.length === MAX_SLOTS) break;
    slots.push({ index: slots.length, startsAt: new Date(start), endsAt: new Date(start + length) });
  }
  return slots;
}

/** Which side of the table a participant sits on: meetings pair an enterprise with a researcher or expert. */
export type MeetingSide = 'ENTERPRISE' | 'RESEARCHER';

export interface Participant {
  id: string;
  side: MeetingSide | null;
}

/** An active meeting (requested or accepted): it holds its slot for both participants. */
export interface Booking {
  slotIndex: number;
  participantIds: readonly [string, string];
}

export type BookingProblem =
  | 'SLOT_OUT_OF_RANGE'
  | 'NOT_A_MEETING_SIDE'
  | 'SAME_SIDE'
  | 'REQUESTER_BUSY'
  | 'COUNTERPART_BUSY'
  | 'PAIR_ALREADY_MEETS';

/** Why a requester may not book the counterpart in a slot, or null when they may. */
export function bookingProblem(input: {
  slotCount: number;
  bookings: readonly Booking[];
  requester: Participant;
  counterpart: Participant;
  slotIndex: number;
}): BookingProblem | null {
  const { slotCount, bookings, requester, counterpart, slotIndex } = input;
  if (!Number.isInteger(slotIndex) || slotIndex < 0 || slotIndex >= slotCount) return 'SLOT_OUT_OF_RANGE';
  if (!requester.side || !counterpart.side) return 'NOT_A_MEETING_SIDE';
  if (requester.side === counterpart.side || requester.id === counterpart.id) return 'SAME_SIDE';
  const busy = (id: string) => bookings.some((b) => b.slotIndex === slotIndex && b.participantIds.includes(id));
  if (busy(requester.id)) return 'REQUESTER_BUSY';
  if (busy(counterpart.id)) return 'COUNTERPART_BUSY';
  const pairMeets = bookings.some(
    (b) => b.participantIds.includes(requester.id) && b.participantIds.includes(counterpart.id),
  );
  if (pairMeets) return 'PAIR_ALREADY_MEETS';
  return null;
}

/** The slot indexes where none of the participants is booked. */
export function freeSlotIndexes(
  slotCount: number,
  bookings: readonly Booking[],
  participantIds: readonly string[],
): number[] {
  const taken = new Set(
    bookings.filter((b) => b.participantIds.some((id) => participantIds.includes(id))).map((b) => b.slotIndex),
  );
  const free: number[] = [];
  for (let index = 0; index < slotCount; index++) if (!taken.has(index)) free.push(index);
  return free;
}

/** Whether one more registration may be approved (capacity counts approved registrations). */
export function capacityLeft(approved: number, capacity: number): number {
  return Math.max(0, capacity - approved);
}

/** Whether an approval is allowed: false once approved registrations reach the capacity. */
export function mayApprove(approved: number, capacity: number): boolean {
  return capacityLeft(approved, capacity) > 0;
}

/**
 * Runs booking requests in order, keeping those the rules allow: what the service does one request at a time.
 * Returns the bookings made and the problem of each request refused.
 */
export function bookInOrder(
  slotCount: number,
  requests: ReadonlyArray<{ requester: Participant; counterpart: Participant; slotIndex: number }>,
): { bookings: Booking[]; refused: Array<{ request: number; problem: BookingProblem }> } {
  const bookings: Booking[] = [];
  const refused: Array<{ request: number; problem: BookingProblem }> = [];
  requests.forEach((request, position) => {
    const problem = bookingProblem({ slotCount, bookings, ...request });
    if (problem) refused.push({ request: position, problem });
    else
      bookings.push({ slotIndex: request.slotIndex, participantIds: [request.requester.id, request.counterpart.id] });
  });
  return { bookings, refused };
}
