import { createEvent, type DateArray, type EventAttributes } from 'ics';

/**
 * `.ics` calendar entries (RFC 5545) for the confirmation emails, written by the `ics` package (properties,
 * escaping, CRLF). Its folding counts characters, RFC 5545 counts octets (a line of Chinese is three times longer
 * in UTF-8), so lines are folded again here at 75 octets, never inside a character. Times are written in UTC:
 * every calendar shows them in its owner's zone; the event's own zone is named in the description.
 */
export interface CalendarEntry {
  /** Stable per thing (`event-<id>@host`, `meeting-<id>@host`): re-sending updates the same entry. */
  uid: string;
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  location?: string | null;
  url?: string | null;
  /** Increases when the entry changes. */
  sequence?: number;
  /**
   * The entry is called off. Written as a PUBLISH update (same UID, higher SEQUENCE, STATUS:CANCELLED): our entries
   * have no ORGANIZER or ATTENDEE, which an iTIP CANCEL requires; calendars that imported the entry mark it cancelled.
   */
  cancelled?: boolean;
}

const utcArray = (instant: Date): DateArray => [
  instant.getUTCFullYear(),
  instant.getUTCMonth() + 1,
  instant.getUTCDate(),
  instant.getUTCHours(),
  instant.getUTCMinutes(),
];

export const CALENDAR_CONTENT_TYPE = 'text/calendar; charset=utf-8; method=PUBLISH';

export function calendarFile(entry: CalendarEntry): string {
  const attributes: EventAttributes = {
    productId: 'techtransfer/events',
    method: 'PUBLISH',
    uid: entry.uid,
    title: entry.title,
    description: entry.description,
    start: utcArray(entry.startsAt),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: utcArray(entry.endsAt),
    endInputType: 'utc',
    endOutputType: 'utc',
    status: entry.cancelled ? 'CANCELLED' : 'CONFIRMED',
    sequence: entry.sequence ?? 0,
    ...(entry.location ? { location: entry.location } : {}),
    ...(entry.url ? { url: entry.url } : {}),
  };
  const { error, value } = createEvent(attributes);
  if (error || !value) throw error ?? new Error('calendar entry not written');
  return foldOctets(value);
}

const MAX_OCTETS = 75;

/** Unfolds, then folds every content line at 75 octets (continuations start with a space, which counts). */
export function foldOctets(ics: string): string {
  const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n');
  const folded = lines.map((line) => {
    const parts: string[] = [];
    let current = '';
    let octets = 0;
    for (const char of line) {
      const size = Buffer.byteLength(char, 'utf8');
      const limit = parts.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
      if (octets + size > limit) {
        parts.push(current);
        current = '';
        octets = 0;
      }
      current += char;
      octets += size;
    }
    parts.push(current);
    return parts.join('\r\n ');
  });
  return folded.join('\r\n');
}
