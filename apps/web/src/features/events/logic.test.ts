import { describe, expect, it } from 'vitest';
import {
  bookable,
  clockOf,
  createEventInput,
  formValuesOf,
  freeSlots,
  funnel,
  type ParticipantLike,
  splitList,
  updateEventInput,
} from './logic';

const participants: ParticipantLike[] = [
  { registrationId: 'me', side: 'ENTERPRISE', busySlotIndexes: [0, 2], isMe: true },
  { registrationId: 'r1', side: 'RESEARCHER', busySlotIndexes: [1], isMe: false },
  { registrationId: 'r2', side: 'RESEARCHER', busySlotIndexes: [], isMe: false },
  { registrationId: 'e2', side: 'ENTERPRISE', busySlotIndexes: [], isMe: false },
  { registrationId: 'o1', side: 'OBSERVER', busySlotIndexes: [], isMe: false },
];
const slots = [0, 1, 2, 3].map((index) => ({
  index,
  startsAtLocal: `2026-12-10T09:${String(index * 20).padStart(2, '0')}`,
}));

describe('events logic', () => {
  it('offers only the other side of the table, never observers or oneself', () => {
    expect(bookable(participants).map((p) => p.registrationId)).toEqual(['r1', 'r2']);
    expect(bookable(participants.map((p) => (p.isMe ? { ...p, side: 'OBSERVER' as const } : p)))).toEqual([]);
  });

  it('free slots are those where neither person is booked', () => {
    expect(freeSlots(slots, participants, 'r1').map((s) => s.index)).toEqual([3]);
    expect(freeSlots(slots, participants, 'r2').map((s) => s.index)).toEqual([1, 3]);
    expect(clockOf(slots[1].startsAtLocal)).toBe('09:20');
  });

  it('the funnel converts step by step, a zero step gives 0 %', () => {
    expect(funnel({ registrations: 10, approved: 8, meetingsAccepted: 5, introductions: 2, deals: 0 })).toEqual([
      { key: 'registrations', value: 10, conversion: null },
      { key: 'meetings', value: 5, conversion: 50 },
      { key: 'introductions', value: 2, conversion: 40 },
      { key: 'deals', value: 0, conversion: 0 },
    ]);
    expect(
      funnel({ registrations: 0, approved: 0, meetingsAccepted: 0, introductions: 0, deals: 0 })[1].conversion,
    ).toBe(0);
  });

  it('the event form: lists split on Chinese and Latin commas; an edit round-trips and clears an emptied link', () => {
    expect(splitList('无人机， 视觉导航、 eVTOL,')).toEqual(['无人机', '视觉导航', 'eVTOL']);
    const values = formValuesOf({
      kind: 'ROADSHOW',
      title: '路演',
      description: '',
      startsAtLocal: '2026-12-10T09:00',
      endsAtLocal: '2026-12-10T12:00',
      timeZone: 'Asia/Shanghai',
      venue: '会展中心',
      onlineUrl: null,
      capacity: 30,
      slotMinutes: 15,
      keywords: ['无人机', '导航'],
      industryCodes: ['low_altitude'],
      presentingInstitutionIds: ['u1'],
    });
    expect(updateEventInput('e1', values)).toEqual({
      id: 'e1',
      title: '路演',
      description: '',
      startsAt: '2026-12-10T09:00',
      endsAt: '2026-12-10T12:00',
      timeZone: 'Asia/Shanghai',
      venue: '会展中心',
      onlineUrl: null,
      capacity: 30,
      keywords: ['无人机', '导航'],
      industryCodes: ['low_altitude'],
      presentingInstitutionIds: ['u1'],
    });
    expect(createEventInput({ ...values, presentingInstitutionIds: undefined })).toMatchObject({
      kind: 'ROADSHOW',
      slotMinutes: 15,
      presentingInstitutionIds: [],
    });
  });
});
