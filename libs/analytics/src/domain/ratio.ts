/** Ratio rounded to 4 decimals; null when there is nothing to divide by. */
export function ratio(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  return Math.round((numerator / denominator) * 10_000) / 10_000;
}
