export const DEFAULT_CLAIM_PERIOD_SECONDS = 14 * 24 * 3600;
export const DEFAULT_IDLE_REMINDER_DAYS = 7;
export const DEFAULT_PRICE_NOTICE_PERIOD_SECONDS = 15 * 24 * 3600;

/**
 * A deal is idle once nothing happened for `idleDays`; the idle period is named by the last activity, so one
 * reminder per (deal, quiet spell) and a new one after the next activity falls quiet again.
 */
export function idlePeriodKey(lastActivityAt: Date): string {
  return lastActivityAt.toISOString();
}

export function isIdle(lastActivityAt: Date, idleDays: number, now: Date): boolean {
  return now.getTime() - lastActivityAt.getTime() >= idleDays * 24 * 3600_000;
}
