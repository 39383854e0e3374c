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

/** The create / edit form's values (lists as comma-separated text, as typed). */
export interface EventFormValues {
  kind: 'MATCHMAKING' | 'POLICY_SESSION' | 'ROADSHOW';
  title: string;
  description?: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  venue?: string | null;
  onlineUrl?: string | null;
  capacity: number;
  slotMinutes: number;
  keywords?: string;
  industryCodes?: string;
  presentingInstitutionIds?: string[];
}

/** `a, b，c、d` → `['a', 'b', 'c', 'd']`. */
export const splitList = (text?: string | null) =>
  (text ?? '')
    .split(/[,，、]/)
    .map((item) => item.trim())
    .filter(Boolean);

/** The fields both createEvent and updateEvent take, from the form. */
function commonInput(values: EventFormValues) {
  return {
    title: values.title,
    description: values.description ?? '',
    startsAt: values.startsAt,
    endsAt: values.endsAt,
    timeZone: values.timeZone,
    venue: values.venue || null,
    onlineUrl: values.onlineUrl || null,
    capacity: values.capacity,
    keywords: splitList(values.keywords),
    industryCodes: splitList(values.industryCodes),
    presentingInstitutionIds: values.presentingInstitutionIds ?? [],
  };
}

export const createEventInput = (values: EventFormValues) => ({
  ...commonInput(values),
  kind: values.kind,
  slotMinutes: values.slotMinutes,
});

/** The kind and the slot length are fixed once created (meetings are booked on the grid). */
export const updateEventInput = (id: string, values: EventFormValues) => ({ id, ...commonInput(values) });

export interface EditableEvent {
  kind: EventFormValues['kind'];
  title: string;
  description: string;
  startsAtLocal: string;
  endsAtLocal: string;
  timeZone: string;
  venue?: string | null;
  onlineUrl?: string | null;
  capacity: number;
  slotMinutes: number;
  keywords: readonly string[];
  industryCodes: readonly string[];
  presentingInstitutionIds: readonly string[];
}

/** The edit form's starting values: the event as it is. */
export const formValuesOf = (event: EditableEvent): EventFormValues => ({
  kind: event.kind,
  title: event.title,
  description: event.description,
  startsAt: event.startsAtLocal,
  endsAt: event.endsAtLocal,
  timeZone: event.timeZone,
  venue: event.venue ?? '',
  onlineUrl: event.onlineUrl ?? '',
  capacity: event.capacity,
  slotMinutes: event.slotMinutes,
  keywords: event.keywords.join('、'),
  industryCodes: event.industryCodes.join(', '),
  presentingInstitutionIds: [...event.presentingInstitutionIds],
});
