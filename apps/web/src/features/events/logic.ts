/** Pure helpers of the events screens (no React, no Apollo): tested in logic.test.ts. */

export type Side = 'ENTERPRISE' | 'RESEARCHER' | 'OBSERVER';

export interface ParticipantLike {
  registrationId: string;
  side: Side;
  busySlotIndexes: readonly number[];
  isMe: boolean;
}

export interface SlotLike {
  index: number;
  startsAtLocal: string;
}

/** `HH:mm` of a `YYYY-MM-DDTHH:mm` wall-clock time (the event's zone, as the API gives it). */
export const clockOf = (local: string) => local.slice(11, 16);

/** `YYYY-MM-DD HH:mm` for display. */
export const wallTime = (local: string) => local.replace('T', ' ');

/** The people the viewer may book: approved participants on the other side of the table. */
export function bookable<P extends ParticipantLike>(participants: readonly P[]): P[] {
  const me = participants.find((p) => p.isMe);
  if (!me || me.side === 'OBSERVER') return [];
  return participants.filter((p) => !p.isMe && p.side !== 'OBSERVER' && p.side !== me.side);
}

/** Slots where neither the viewer nor the other person is booked. */
export function freeSlots<S extends SlotLike>(
  slots: readonly S[],
  participants: readonly ParticipantLike[],
  otherRegistrationId: string,
): S[] {
  const me = participants.find((p) => p.isMe);
  const other = participants.find((p) => p.registrationId === otherRegistrationId);
  const busy = new Set([...(me?.busySlotIndexes ?? []), ...(other?.busySlotIndexes ?? [])]);
  return slots.filter((slot) => !busy.has(slot.index));
}

export interface Figures {
  registrations: number;
  approved: number;
  meetingsAccepted: number;
  introductions: number;
  deals: number;
}

/** registrations → meetings → introductions → deals, each with its conversion from the step before (percent). */
export function funnel(figures: Figures): Array<{ key: string; value: number; conversion: number | null }> {
  const steps: Array<[string, number]> = [
    ['registrations', figures.registrations],
    ['meetings', figures.meetingsAccepted],
    ['introductions', figures.introductions],
    ['deals', figures.deals],
  ];
  return steps.map(([key, value], i) => {
    const previous = i === 0 ? null : steps[i - 1][1];
    return {
      key,
      value,
      conversion: previous === null ? null : previous === 0 ? 0 : Math.round((value / previous) * 100),
    };
  });
}

/** `YYYY-MM-DDTHH:mm` in the browser's zone, `hours` from now (the create form's default start). */
export function localInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
