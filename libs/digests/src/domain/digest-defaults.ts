import { DigestChannel, DigestFrequency, DigestLanguage } from './digest-enums';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
export const DEFAULT_DAY_OF_WEEK = 1;
export const DEFAULT_HOUR = 9;
export const DEFAULT_CHANNELS: readonly DigestChannel[] = [DigestChannel.EMAIL, DigestChannel.IN_APP];

export interface DigestSettings {
  enabled: boolean;
  frequency: DigestFrequency;
  channels: DigestChannel[];
  dayOfWeek: number;
  hour: number;
  timeZone: string;
  language: DigestLanguage;
  /** Whether `language` was chosen (false: it follows the user's locale). */
  languageChosen: boolean;
  topicIndustries: string[];
  topicKeywords: string[];
}

/** zh unless the locale is English (en, en-US, …). */
export function languageOfLocale(locale: string | null | undefined): DigestLanguage {
  return locale && /^en\b/i.test(locale) ? DigestLanguage.en : DigestLanguage.zh;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** 2026-W19 (ISO week) or 2026-05, for a recipient's period, validated before a re-run. */
export const PERIOD_PATTERN = /^\d{4}-(W(0[1-9]|[1-4]\d|5[0-3])|(0[1-9]|1[0-2]))$/;

/**
 * The period a local calendar date falls in: ISO week-year and week for weekly digests, year-month for
 * monthly ones. Mirrors the SQL of the planner (to_char IYYY-"W"IW / YYYY-MM), for tests and re-runs.
 */
export function periodOf(local: { year: number; month: number; day: number }, frequency: DigestFrequency): string {
  if (frequency === DigestFrequency.MONTHLY) return `${local.year}-${String(local.month).padStart(2, '0')}`;
  const date = new Date(Date.UTC(local.year, local.month - 1, local.day));
  const dayOfWeek = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - dayOfWeek); // the Thursday of this ISO week decides the year
  const weekYear = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(weekYear, 0, 1)) / 86_400_000 + 1) / 7);
  return `${weekYear}-W${String(week).padStart(2, '0')}`;
}

/** Calendar date, ISO weekday and hour of an instant in a time zone. */
export function localTime(
  instant: Date,
  timeZone: string,
): { year: number; month: number; day: number; dayOfWeek: number; hour: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      weekday: 'short',
      hour: 'numeric',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    dayOfWeek: weekdays.indexOf(parts.weekday) + 1,
    hour: Number(parts.hour),
  };
}

/**
 * Whether a digest is due in the hour slot starting at `slot` (pure twin of the planner's SQL). Monthly digests
 * go out on the first such weekday of the month.
 */
export function isDue(
  settings: Pick<DigestSettings, 'enabled' | 'frequency' | 'dayOfWeek' | 'hour' | 'timeZone'>,
  slot: Date,
): boolean {
  if (!settings.enabled) return false;
  const local = localTime(slot, settings.timeZone);
  if (local.dayOfWeek !== settings.dayOfWeek || local.hour !== settings.hour) return false;
  return settings.frequency === DigestFrequency.WEEKLY || local.day <= 7;
}

/** The start of the UTC hour an instant falls in. */
export function hourSlot(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / 3_600_000) * 3_600_000);
}

/** The next hour slot after `from` in which the digest is due (null when off, or none within ~5 weeks). Pure. */
export function nextDueSlot(
  settings: Pick<DigestSettings, 'enabled' | 'frequency' | 'dayOfWeek' | 'hour' | 'timeZone'>,
  from: Date,
): Date | null {
  if (!settings.enabled) return null;
  const first = hourSlot(from).getTime() + 3_600_000;
  for (let hour = 0; hour < 24 * 38; hour++) {
    const slot = new Date(first + hour * 3_600_000);
    if (isDue(settings, slot)) return slot;
  }
  return null;
}
