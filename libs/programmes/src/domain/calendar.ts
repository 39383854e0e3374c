/**
 * The bureau's calendar: years, days and months are those of Asia/Shanghai (UTC+8, no daylight saving), whatever
 * the server's time zone. Pure: no I/O.
 */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** `YYYY-MM-DD` of an instant in Shanghai. */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

export function shanghaiYear(instant: Date): number {
  return Number(shanghaiDate(instant).slice(0, 4));
}

/** The instants of one Shanghai year, half-open: [1 January 00:00, next 1 January 00:00). */
export function shanghaiYearRange(year: number): { from: Date; to: Date } {
  return {
    from: new Date(Date.UTC(year, 0, 1) - SHANGHAI_OFFSET_MS),
    to: new Date(Date.UTC(year + 1, 0, 1) - SHANGHAI_OFFSET_MS),
  };
}

/** Whether `text` is a real calendar date written `YYYY-MM-DD`. */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
}

/** The day before a `YYYY-MM-DD` date. */
export function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 24 * 3600_000).toISOString().slice(0, 10);
}

/**
 * The same wall-clock moment `months` later in Shanghai; a day the target month lacks becomes its last day
 * (31 August + 6 months = 28 or 29 February), as people count "six months after".
 */
export function addShanghaiMonths(instant: Date, months: number): Date {
  const local = new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const shifted = Date.UTC(
    year,
    month,
    Math.min(local.getUTCDate(), lastDay),
    local.getUTCHours(),
    local.getUTCMinutes(),
    local.getUTCSeconds(),
    local.getUTCMilliseconds(),
  );
  return new Date(shifted - SHANGHAI_OFFSET_MS);
}

/** Amounts in 万元 are kept to 4 decimals (as the database stores them). */
export function roundWan(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
