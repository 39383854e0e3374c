import { MatchDemand, MatchDocument, MatchTargetType } from './match-document';

/**
 * How a search-index document (as libs/search writes it: per-language `_zh` / `_en` fields) becomes what the
 * matching engine ranks. Text of both languages lands in the same field, since the analysis handles both.
 */
const text = (...values: unknown[]): string =>
  values
    .flatMap((value): unknown[] => (Array.isArray(value) ? (value as unknown[]) : [value]))
    .filter((value): value is string => typeof value === 'string' && value.trim() !== '')
    .join('\n');

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
const numberOrNull = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;
const isoDate = (value: unknown): string | null =>
  typeof value === 'number' ? new Date(value).toISOString() : typeof value === 'string' ? value : null;

export type IndexedDocument = Record<string, unknown> & { id: string };

export function achievementFromIndex(doc: IndexedDocument): MatchDocument {
  return {
    type: MatchTargetType.ACHIEVEMENT,
    id: doc.id,
    fields: {
      title: text(doc.title_zh, doc.title_en),
      keywords: text(doc.keywords),
      summary: text(doc.summary_zh, doc.summary_en),
    },
    industries: strings(doc.industryCodes),
    trl: numberOrNull(doc.trl),
    transferModes: strings(doc.transferModes),
    askingPriceWan: numberOrNull(doc.price),
    rightsStatus: typeof doc.rightsStatus === 'string' ? doc.rightsStatus : null,
    updatedAt: isoDate(doc.updatedAt),
  };
}

export function expertFromIndex(doc: IndexedDocument): MatchDocument {
  return {
    type: MatchTargetType.EXPERT,
    id: doc.id,
    fields: {
      fields: text(doc.expertise_zh, doc.expertise_en, doc.keywords),
      bio: text(doc.headline_zh, doc.headline_en, doc.bio_zh, doc.bio_en),
    },
    industries: strings(doc.industryCodes),
    updatedAt: isoDate(doc.updatedAt),
  };
}

/** The attributes the engine reads: ask Meilisearch for these only. */
export const MATCH_ATTRIBUTES: Record<MatchTargetType, string[]> = {
  [MatchTargetType.ACHIEVEMENT]: [
    'id', 'title_zh', 'title_en', 'keywords', 'summary_zh', 'summary_en', 'industryCodes', 'trl', 'transferModes', 'price',
    'rightsStatus', 'updatedAt',
  ],
  [MatchTargetType.EXPERT]: [
    'id', 'expertise_zh', 'expertise_en', 'keywords', 'headline_zh', 'headline_en', 'bio_zh', 'bio_en', 'industryCodes', 'updatedAt',
  ],
}; // prettier-ignore

export function fromIndex(type: MatchTargetType, doc: IndexedDocument): MatchDocument {
  return type === MatchTargetType.ACHIEVEMENT ? achievementFromIndex(doc) : expertFromIndex(doc);
}

/** A demand as the engine reads it, from the fields the demands domain stores. */
export function demandForMatching(demand: {
  id: string;
  title: string;
  summary: string;
  technicalIndicators?: ReadonlyArray<{
    name: string;
    current?: string | null;
    target?: string | null;
    mustHave?: boolean | null;
  }> | null;
  industryCode?: string | null;
  budgetMinWan?: number | null;
  budgetMaxWan?: number | null;
  cooperationModes?: readonly string[] | null;
}): MatchDemand {
  return {
    id: demand.id,
    title: demand.title,
    description: text(
      demand.summary,
      (demand.technicalIndicators ?? []).map((i) => i.name),
    ),
    industry: demand.industryCode ?? null,
    budgetWan: demand.budgetMaxWan ?? demand.budgetMinWan ?? null,
    cooperationModes: demand.cooperationModes ?? [],
    indicators: (demand.technicalIndicators ?? [])
      .filter((i) => typeof i.target === 'string' && i.target.trim() !== '')
      .map((i) => ({ name: i.name, current: i.current ?? null, target: i.target!, mustHave: i.mustHave === true })),
  };
}
