/**
 * Transfer rewards (赋权成果转化奖励) as pure rules: which rule version applies to a contract (the one in force on
 * its registration date), whether a deal qualifies, and how much it earns within the caps per item and per year.
 * No I/O: the service gathers the facts and stores the result.
 */
import { isCalendarDate, roundWan, shanghaiDate } from './calendar';

/** Ways a deal qualifies for a reward. */
export enum RewardQualification {
  /** A registered contract on a rights-confirmed (赋权) or institution-owned achievement with an enterprise in the district. */
  RIGHTS_CONFIRMED_CONTRACT_IN_DISTRICT = 'RIGHTS_CONFIRMED_CONTRACT_IN_DISTRICT',
  /** The inventors founded a company in the district with their achievement (told by an outcome follow-up). */
  INVENTOR_FOUNDED_COMPANY = 'INVENTOR_FOUNDED_COMPANY',
}

/** What a rule version says. Amounts in 万元, shares in percent. */
export interface RewardTerms {
  /** The qualifications this version rewards (a deal needs one of them). */
  qualifications: RewardQualification[];
  /** Regions that count as "in the district" (the enterprise's region must be one of them). */
  districtRegions: string[];
  /** 技术合同 types that qualify (TRANSFER, LICENSE, …); empty: any. */
  contractTypes: string[];
  /** The reward as a share of the registered technical income (技术交易额中的技术性收入). */
  sharePercent: number;
  /** Technical income below this does not qualify. */
  minTechnicalIncomeWan: number;
  /** At most this per application; null: no cap. */
  capPerItemWan: number | null;
  /** At most this per institution and award year, over its approved applications; null: no cap. */
  capPerYearWan: number | null;
  /** Evidence the applicant must attach, by label (技术合同, 赋权协议, 技术性收入发票, …). */
  requiredEvidence: string[];
}

/** One version of the rules, in force from `effectiveFrom` to `effectiveTo` (inclusive Shanghai dates; null: open). */
export interface RewardRuleVersionRef {
  id: string;
  version: number;
  effectiveFrom: string;
  effectiveTo: string | null;
}

export class RewardRuleProblem extends Error {
  constructor(
    readonly reason: 'REWARD_RULE_PERIOD_INVALID' | 'REWARD_RULE_PERIOD_OVERLAPS' | 'REWARD_RULE_TERMS_INVALID',
    readonly params: Record<string, string | number>,
  ) {
    super(reason);
  }
}

/** Checks a version's terms and period; throws a RewardRuleProblem naming the first thing wrong. */
export function checkRewardTerms(terms: RewardTerms): void {
  const invalid = (field: string) => new RewardRuleProblem('REWARD_RULE_TERMS_INVALID', { field });
  if (terms.qualifications.length === 0) throw invalid('qualifications');
  if (!(terms.sharePercent > 0 && terms.sharePercent <= 100)) throw invalid('sharePercent');
  if (!(terms.minTechnicalIncomeWan >= 0)) throw invalid('minTechnicalIncomeWan');
  if (terms.capPerItemWan !== null && !(terms.capPerItemWan > 0)) throw invalid('capPerItemWan');
  if (terms.capPerYearWan !== null && !(terms.capPerYearWan > 0)) throw invalid('capPerYearWan');
  if (
    terms.qualifications.includes(RewardQualification.RIGHTS_CONFIRMED_CONTRACT_IN_DISTRICT) &&
    terms.districtRegions.length === 0
  )
    throw invalid('districtRegions');
}

/**
 * Checks that a new version's period is a real range and overlaps no other version's. Returns the version whose
 * open end must be closed the day before the new one starts (the version then in force), if any.
 */
export function planNewVersionPeriod(
  existing: readonly RewardRuleVersionRef[],
  period: { effectiveFrom: string; effectiveTo: string | null },
): { closes: RewardRuleVersionRef | null } {
  if (!isCalendarDate(period.effectiveFrom))
    throw new RewardRuleProblem('REWARD_RULE_PERIOD_INVALID', { field: 'effectiveFrom' });
  if (period.effectiveTo !== null && (!isCalendarDate(period.effectiveTo) || period.effectiveTo < period.effectiveFrom))
    throw new RewardRuleProblem('REWARD_RULE_PERIOD_INVALID', { field: 'effectiveTo' });
  // An open-ended version that started earlier is closed by the new one rather than counted as overlapping.
  const closes =
    existing.find((version) => version.effectiveTo === null && version.effectiveFrom < period.effectiveFrom) ?? null;
  for (const version of existing) {
    const end = version === closes ? null : version.effectiveTo;
    if (version === closes) continue;
    const overlaps =
      (end === null || period.effectiveFrom <= end) &&
      (period.effectiveTo === null || version.effectiveFrom <= period.effectiveTo);
    if (overlaps) throw new RewardRuleProblem('REWARD_RULE_PERIOD_OVERLAPS', { version: version.version });
  }
  return { closes };
}

/** The version in force on the Shanghai date of `registeredAt`, or null when none is. */
export function ruleVersionInForce<V extends RewardRuleVersionRef>(
  versions: readonly V[],
  registeredAt: Date,
): V | null {
  const day = shanghaiDate(registeredAt);
  const inForce = versions.filter(
    (version) => version.effectiveFrom <= day && (version.effectiveTo === null || day <= version.effectiveTo),
  );
  // Periods never overlap (planNewVersionPeriod); should they, the latest version wins.
  return inForce.sort((a, b) => b.version - a.version)[0] ?? null;
}

/** What the platform knows of a deal when judging it. */
export interface RewardFacts {
  /** The achievement's rights are confirmed (赋权) or it is institution-owned; false for an expert's deal. */
  rightsConfirmed: boolean;
  /** The enterprise's region. */
  enterpriseRegion: string | null;
  contractType: string | null;
  technicalIncomeWan: number | null;
  /** A follow-up answered that the inventors founded a company with the achievement. */
  companyFoundedByInventors: boolean;
}

export type EligibilityProblem =
  | 'NOT_RIGHTS_CONFIRMED'
  | 'ENTERPRISE_OUTSIDE_DISTRICT'
  | 'CONTRACT_TYPE_NOT_COVERED'
  | 'TECHNICAL_INCOME_TOO_LOW'
  | 'NO_COMPANY_FOUNDED';

export interface Eligibility {
  eligible: boolean;
  /** The first qualification the deal meets (in the order of the terms). */
  qualification: RewardQualification | null;
  /** Why each qualification of the terms is not met (empty when eligible). */
  problems: EligibilityProblem[];
}

export function assessEligibility(terms: RewardTerms, facts: RewardFacts): Eligibility {
  const problems: EligibilityProblem[] = [];
  const income = facts.technicalIncomeWan ?? 0;
  const common = (): EligibilityProblem[] => {
    const found: EligibilityProblem[] = [];
    if (!facts.rightsConfirmed) found.push('NOT_RIGHTS_CONFIRMED');
    if (terms.contractTypes.length > 0 && !terms.contractTypes.includes(facts.contractType ?? ''))
      found.push('CONTRACT_TYPE_NOT_COVERED');
    if (facts.technicalIncomeWan === null || income < terms.minTechnicalIncomeWan)
      found.push('TECHNICAL_INCOME_TOO_LOW');
    return found;
  };
  for (const qualification of terms.qualifications) {
    const missing = common();
    switch (qualification) {
      case RewardQualification.RIGHTS_CONFIRMED_CONTRACT_IN_DISTRICT:
        if (!facts.enterpriseRegion || !terms.districtRegions.includes(facts.enterpriseRegion))
          missing.push('ENTERPRISE_OUTSIDE_DISTRICT');
        break;
      case RewardQualification.INVENTOR_FOUNDED_COMPANY:
        if (!facts.companyFoundedByInventors) missing.push('NO_COMPANY_FOUNDED');
        break;
    }
    if (missing.length === 0) return { eligible: true, qualification, problems: [] };
    for (const problem of missing) if (!problems.includes(problem)) problems.push(problem);
  }
  return { eligible: false, qualification: null, problems };
}

export interface RewardAmount {
  /** The share of the technical income before any cap. */
  uncappedWan: number;
  /** What the rules allow now: the share within the item cap and what is left of the year's cap. */
  amountWan: number;
  /** Which cap bound the amount (the tighter one), or null. */
  cappedBy: 'ITEM' | 'YEAR' | null;
  /** What is left of the year's cap after this amount; null without a year cap. */
  yearRemainingWan: number | null;
}

/**
 * The reward the rules allow for a technical income, given what the institution's approved applications of the
 * same award year already took. Never negative; a year cap already reached gives 0.
 */
export function rewardAmount(
  terms: RewardTerms,
  technicalIncomeWan: number,
  approvedThisYearWan: number,
): RewardAmount {
  if (!(technicalIncomeWan >= 0)) throw new RangeError('technical income must be ≥ 0');
  const uncappedWan = roundWan((technicalIncomeWan * terms.sharePercent) / 100);
  let amountWan = uncappedWan;
  let cappedBy: RewardAmount['cappedBy'] = null;
  if (terms.capPerItemWan !== null && amountWan > terms.capPerItemWan) {
    amountWan = terms.capPerItemWan;
    cappedBy = 'ITEM';
  }
  let yearRemainingWan: number | null = null;
  if (terms.capPerYearWan !== null) {
    const left = Math.max(0, roundWan(terms.capPerYearWan - approvedThisYearWan));
    if (amountWan > left) {
      amountWan = left;
      cappedBy = 'YEAR';
    }
    yearRemainingWan = roundWan(left - amountWan);
  }
  return { uncappedWan, amountWan: roundWan(amountWan), cappedBy, yearRemainingWan };
}

/** An approval within the rules: positive, at most what the caps leave. */
export function approvalProblem(
  terms: RewardTerms,
  technicalIncomeWan: number,
  approvedThisYearWan: number,
  amountWan: number,
): { maxWan: number } | null {
  const { amountWan: maxWan } = rewardAmount(terms, technicalIncomeWan, approvedThisYearWan);
  if (!(amountWan > 0) || amountWan > maxWan) return { maxWan };
  return null;
}
