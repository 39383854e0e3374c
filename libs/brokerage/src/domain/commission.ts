/** How an agency charges: a percentage of the contract value, optionally bounded below and above. */
export interface CommissionRule {
  percent: number;
  minWan?: number | null;
  capWan?: number | null;
}

export const DEFAULT_COMMISSION_RULE: CommissionRule = { percent: 5, minWan: null, capWan: null };

/** Commission in 万元, rounded to the cent (0.0001 万元). Null while the contract value is unknown. */
export function commissionFor(contractValueWan: number | null | undefined, rule: CommissionRule): number | null {
  if (contractValueWan === null || contractValueWan === undefined) return null;
  if (contractValueWan < 0) throw new RangeError('contract value must not be negative');
  if (rule.percent < 0 || rule.percent > 100) throw new RangeError('percent must be between 0 and 100');
  let commission = (contractValueWan * rule.percent) / 100;
  if (rule.minWan !== null && rule.minWan !== undefined) commission = Math.max(commission, rule.minWan);
  // The commission never exceeds the cap, nor the contract value itself (a minimum on a tiny contract).
  if (rule.capWan !== null && rule.capWan !== undefined) commission = Math.min(commission, rule.capWan);
  commission = Math.min(commission, contractValueWan);
  return Math.round(commission * 10_000) / 10_000;
}
