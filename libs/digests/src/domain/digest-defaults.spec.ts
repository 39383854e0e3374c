import { DigestFrequency } from './digest-enums';
import {
  hourSlot,
  isDue,
  isValidTimeZone,
  languageOfLocale,
  localTime,
  nextDueSlot,
  periodOf,
} from './digest-defaults';

describe('digest schedule', () => {
  const weekly = { enabled: true, frequency: DigestFrequency.WEEKLY, dayOfWeek: 1, hour: 9 };

  it('makes Monday 09:00 Asia/Shanghai due in the Monday 01:00 UTC slot only', () => {
    const shanghai = { ...weekly, timeZone: 'Asia/Shanghai' };
    expect(isDue(shanghai, new Date('2026-05-04T01:00:00Z'))).toBe(true);
    expect(isDue(shanghai, new Date('2026-05-04T00:00:00Z'))).toBe(false);
    expect(isDue(shanghai, new Date('2026-05-04T09:00:00Z'))).toBe(false);
    expect(isDue({ ...shanghai, enabled: false }, new Date('2026-05-04T01:00:00Z'))).toBe(false);
  });

  it('follows daylight saving time in Europe/Berlin (07:00 UTC in summer, 08:00 UTC in winter)', () => {
    const berlin = { ...weekly, timeZone: 'Europe/Berlin' };
    expect(isDue(berlin, new Date('2026-05-04T07:00:00Z'))).toBe(true);
    expect(isDue(berlin, new Date('2026-05-04T01:00:00Z'))).toBe(false);
    expect(isDue(berlin, new Date('2026-01-05T08:00:00Z'))).toBe(true);
  });

  it('sends monthly digests on the first matching weekday of the month', () => {
    const monthly = { ...weekly, frequency: DigestFrequency.MONTHLY, timeZone: 'Asia/Shanghai' };
    expect(isDue(monthly, new Date('2026-05-04T01:00:00Z'))).toBe(true);
    expect(isDue(monthly, new Date('2026-05-11T01:00:00Z'))).toBe(false);
  });

  it('names ISO weeks and months, including week 53 and the week-year change', () => {
    expect(periodOf({ year: 2026, month: 5, day: 4 }, DigestFrequency.WEEKLY)).toBe('2026-W19');
    expect(periodOf({ year: 2021, month: 1, day: 3 }, DigestFrequency.WEEKLY)).toBe('2020-W53');
    expect(periodOf({ year: 2024, month: 12, day: 30 }, DigestFrequency.WEEKLY)).toBe('2025-W01');
    expect(periodOf({ year: 2026, month: 5, day: 4 }, DigestFrequency.MONTHLY)).toBe('2026-05');
  });

  it('reads local time, languages and time zones', () => {
    expect(localTime(new Date('2026-05-03T17:30:00Z'), 'Asia/Shanghai')).toEqual({
      year: 2026,
      month: 5,
      day: 4,
      dayOfWeek: 1,
      hour: 1,
    });
    expect(hourSlot(new Date('2026-05-04T01:59:59.999Z')).toISOString()).toBe('2026-05-04T01:00:00.000Z');
    expect(languageOfLocale('en-US')).toBe('en');
    expect(languageOfLocale('zh-CN')).toBe('zh');
    expect(languageOfLocale(null)).toBe('zh');
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('nextDueSlot', () => {
  const settings = {
    enabled: true,
    frequency: DigestFrequency.WEEKLY,
    dayOfWeek: 3,
    hour: 8,
    timeZone: 'Asia/Shanghai',
  };

  it('finds the next weekday and hour in the recipient’s time zone', () => {
    // Monday 2031-01-06 12:00 UTC → Wednesday 2031-01-08 08:00 in Shanghai = 00:00 UTC.
    expect(nextDueSlot(settings, new Date('2031-01-06T12:00:00Z'))?.toISOString()).toBe('2031-01-08T00:00:00.000Z');
    // Exactly at a slot: the next one, a week later.
    expect(nextDueSlot(settings, new Date('2031-01-08T00:00:00Z'))?.toISOString()).toBe('2031-01-15T00:00:00.000Z');
  });

  it('is null when digests are off', () => {
    expect(nextDueSlot({ ...settings, enabled: false }, new Date('2031-01-06T12:00:00Z'))).toBeNull();
  });
});
