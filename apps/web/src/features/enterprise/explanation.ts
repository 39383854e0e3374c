import type { CooperationMode, TransferMode } from '../../gql/graphql';

/** A stored match's explanation, as the API gives it. */
export interface MatchExplanationData {
  coverage: number;
  missingTerms: readonly string[];
  matchedTerms: ReadonlyArray<{ term: string; via?: string | null; fields: readonly string[] }>;
  /** `reason` is the engine's sentence in the demand's language; only figures (indicator) are shown from it. */
  factors: ReadonlyArray<{ factor: string; effect: number; reason?: string | null }>;
}

export interface ExplainedMatch {
  computedAt: string;
  explanation: MatchExplanationData;
  achievement?: {
    trl?: number | null;
    askingPriceWan?: number | null;
    transferModes: readonly TransferMode[];
    updatedAt: string;
  } | null;
  expert?: { updatedAt: string } | null;
}

export interface ExplainedDemand {
  industry?: { nameZh: string; nameEn: string } | null;
  cooperationModes: readonly CooperationMode[];
  budgetMinWan?: number | null;
  budgetMaxWan?: number | null;
}

/** One line of the explanation: a message key under `enterprise.explanation` and its values, raised or lowered. */
export interface ReadableFactor {
  key: string;
  values: Record<string, string | number>;
  /** The transfer modes to name (translated by the screen), for the transfer-mode lines. */
  modes?: TransferMode[];
  raises: boolean;
}

export interface ReadableTerm {
  term: string;
  via: string | null;
  /** Message keys under `enterprise.explanation.fields` (fields the screen cannot name are left out). */
  fields: string[];
}

export interface ReadableExplanation {
  terms: ReadableTerm[];
  missing: string[];
  factors: ReadableFactor[];
  /** Share of the demand's key terms found, in whole percent. */
  coveragePercent: number;
}

/** The engine's field names (libs/matching search-document-mapping) people can read. */
const FIELDS = new Set(['title', 'keywords', 'summary', 'fields', 'bio']);

/** The demand's cooperation modes as the listings' transfer modes (the engine compares them so). */
const AS_TRANSFER_MODE: Record<CooperationMode, TransferMode> = {
  TRANSFER: 'ASSIGNMENT',
  LICENSE: 'LICENSE',
  EQUITY: 'EQUITY_INVESTMENT',
  JOINT_DEVELOPMENT: 'JOINT_DEVELOPMENT',
  TECHNICAL_SERVICE: 'TECHNICAL_SERVICE',
};

const DAY = 86_400_000;

/**
 * A match's explanation as people read it: the demand's own words found in the listing (with the synonym or
 * translation that matched and where), the words it lacks, and each structured factor as a sentence built from
 * the demand and the listing — never the engine's codes. A factor the screen does not know becomes a generic
 * "another factor raised/lowered the rank".
 */
export function readableExplanation(
  match: ExplainedMatch,
  demand: ExplainedDemand,
  language: string,
): ReadableExplanation {
  const { explanation } = match;
  const terms = explanation.matchedTerms.map((term) => ({
    term: term.term,
    via: term.via && term.via !== term.term ? term.via : null,
    fields: [...new Set(term.fields.filter((field) => FIELDS.has(field)))],
  }));
  const factors: ReadableFactor[] = [];
  const achievement = match.achievement ?? null;
  const budget = demand.budgetMaxWan ?? demand.budgetMinWan ?? null;
  for (const { factor, effect, reason } of explanation.factors) {
    if (effect === 0) continue;
    const raises = effect > 0;
    switch (factor) {
      case 'industry': {
        const industry = demand.industry ? (language === 'en' ? demand.industry.nameEn : demand.industry.nameZh) : '';
        factors.push({ key: industry ? 'industry' : 'industryUnnamed', values: { industry }, raises });
        break;
      }
      case 'trl':
        factors.push({
          key: raises ? 'trlReady' : 'trlEarly',
          values: { trl: achievement?.trl ?? '' },
          raises,
        });
        break;
      case 'transferMode': {
        const offered = achievement?.transferModes ?? [];
        const wanted = new Set(demand.cooperationModes.map((mode) => AS_TRANSFER_MODE[mode]));
        const modes = raises ? offered.filter((mode) => wanted.has(mode)) : [...offered];
        factors.push({ key: raises ? 'modesOffered' : 'modesOnly', values: {}, modes, raises });
        break;
      }
      case 'budget': {
        const price = achievement?.askingPriceWan;
        if (typeof price === 'number' && budget !== null)
          factors.push({ key: raises ? 'withinBudget' : 'overBudget', values: { price, budget }, raises });
        else factors.push({ key: raises ? 'withinBudgetUnnamed' : 'overBudgetUnnamed', values: {}, raises });
        break;
      }
      case 'rights':
        factors.push({ key: 'rightsConfirmed', values: {}, raises });
        break;
      case 'freshness': {
        const updated = achievement?.updatedAt ?? match.expert?.updatedAt;
        const days = updated
          ? Math.max(0, Math.round((new Date(match.computedAt).getTime() - new Date(updated).getTime()) / DAY))
          : null;
        factors.push({ key: days === null ? 'staleUnnamed' : 'stale', values: days === null ? {} : { days }, raises });
        break;
      }
      case 'indicator':
        // The figures compared, as the engine wrote them in the demand's language ("能量密度 520 Wh/kg ≥ 500 Wh/kg").
        if (reason)
          factors.push({ key: raises ? 'indicatorMet' : 'indicatorShort', values: { figures: reason }, raises });
        else factors.push({ key: raises ? 'otherUp' : 'otherDown', values: {}, raises });
        break;
      default:
        factors.push({ key: raises ? 'otherUp' : 'otherDown', values: {}, raises });
    }
  }
  return {
    terms,
    missing: [...explanation.missingTerms],
    factors,
    coveragePercent: Math.round(Math.max(0, Math.min(1, explanation.coverage)) * 100),
  };
}
