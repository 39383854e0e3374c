/**
 * IANA time zones without a library: Intl knows the offsets (DST included). Pure: no I/O.
 */

/** Whether `zone` is an IANA time zone this runtime knows (`Asia/Shanghai`, `Europe/Berlin`, `UTC`). */
export function isTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** The wall-clock fields of an instant in a zone. */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function localParts(instant: Date, zone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const part of partsFormatter(zone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour === 24 ? 0 : parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

/** The zone's offset from UTC at an instant, in minutes (Shanghai: +480). */
export function offsetMinutes(instant: Date, zone: string): number {
  const p = localParts(instant, zone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The instant a wall-clock time (`2026-12-10T09:30`) names in a zone. A time skipped by a DST change moves
 * forward by the gap (as calendars do); a repeated one takes the earlier instant. Null for malformed text.
 */
export function zonedToInstant(local: string, zone: string): Date | null {
  const m = LOCAL_PATTERN.exec(local);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0));
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  // Try the offsets in force a day either side: one of them names the wall time (or the gap it falls in).
  const candidates = [
    offsetMinutes(new Date(wall - 86_400_000), zone),
    offsetMinutes(new Date(wall + 86_400_000), zone),
  ].sort((a, b) => b - a);
  for (const offset of candidates) {
    const instant = new Date(wall - offset * 60_000);
    if (offsetMinutes(instant, zone) === offset) return instant;
  }
  // In a gap: the later offset applied to the wall time lands after the gap.
  return new Date(wall - candidates[candidates.length - 1] * 60_000);
}

/** `YYYY-MM-DDTHH:mm` of an instant in a zone (the inverse of `zonedToInstant` outside DST gaps). */
export function instantToZoned(instant: Date, zone: string): string {
  const p = localParts(instant, zone);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}
