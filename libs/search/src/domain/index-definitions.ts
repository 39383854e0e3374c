/**
 * What each search index holds and how it may be queried, declared once: the settings applied to Meilisearch,
 * the filters, facets and sorts the API accepts, and the fields it highlights all derive from these.
 */
export enum SearchKind {
  ACHIEVEMENT = 'ACHIEVEMENT',
  EXPERT = 'EXPERT',
  DEMAND = 'DEMAND',
}

export enum SearchSort {
  RELEVANCE = 'RELEVANCE',
  NEWEST = 'NEWEST',
  PRICE_ASC = 'PRICE_ASC',
  PRICE_DESC = 'PRICE_DESC',
}

/** The typed filters clients may send; the filter builder turns them into a Meilisearch expression. */
export interface SearchFilters {
  industryCodes?: string[];
  trlMin?: number;
  trlMax?: number;
  ipTypes?: string[];
  transferModes?: string[];
  regions?: string[];
  institutionId?: string;
  /** Demands: TECHNICAL_PROBLEM and/or APPLICATION_SCENARIO (any of). */
  demandKinds?: string[];
  priceMin?: number;
  priceMax?: number;
  language?: string;
  updatedSince?: Date;
}

export type FilterName = keyof SearchFilters;

export interface IndexDefinition {
  kind: SearchKind;
  /** The index uid without the deployment prefix. */
  baseName: string;
  /** Highest priority first: a match in a title outranks one in a summary. */
  searchableAttributes: string[];
  /** Attributes on which a typo would change the meaning (patent numbers, codes). */
  exactAttributes: string[];
  sortableAttributes: string[];
  /** Which document attribute each client filter reads; a filter missing here does not apply to this kind. */
  filters: Partial<Record<FilterName, string>>;
  /** Facets clients may ask counts for: public name → attribute. */
  facets: Record<string, string>;
  sorts: Partial<Record<SearchSort, string[]>>;
  /** Attributes returned highlighted (and cropped when long). */
  highlightAttributes: string[];
  cropAttributes: string[];
  /**
   * The public text embedded for the optional semantic layer (values joined in this order); absent: the kind
   * gets no vectors. Used only when an embedder is configured.
   */
  embeddedAttributes?: string[];
}

/** Fields every document carries. */
export interface BaseSearchDocument {
  id: string;
  /** Monotonic version of the object (its updatedAt in ms): what the index holds is never older than this. */
  version: number;
  updatedAt: number;
  language: string;
  [field: string]: unknown;
}

const COMMON_RANKING_RULES = ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'];

export const ACHIEVEMENT_INDEX: IndexDefinition = {
  kind: SearchKind.ACHIEVEMENT,
  baseName: 'achievements',
  searchableAttributes: [
    'title_zh',
    'title_en',
    'keywords',
    'patentNumbers',
    'summary_zh',
    'summary_en',
    'institutionName',
    'inventors',
    'industryNames',
  ],
  exactAttributes: ['patentNumbers', 'industryCodes'],
  sortableAttributes: ['listedAt', 'price', 'updatedAt'],
  filters: {
    industryCodes: 'industryCodes',
    trlMin: 'trl',
    trlMax: 'trl',
    ipTypes: 'ipTypes',
    transferModes: 'transferModes',
    regions: 'region',
    institutionId: 'institutionId',
    priceMin: 'price',
    priceMax: 'price',
    language: 'language',
    updatedSince: 'updatedAt',
  },
  facets: {
    industry: 'industryCodes',
    trl: 'trl',
    ipType: 'ipTypes',
    transferMode: 'transferModes',
    region: 'region',
    institution: 'institutionId',
    language: 'language',
  },
  sorts: {
    [SearchSort.NEWEST]: ['listedAt:desc'],
    [SearchSort.PRICE_ASC]: ['price:asc'],
    [SearchSort.PRICE_DESC]: ['price:desc'],
  },
  highlightAttributes: ['title_zh', 'title_en', 'summary_zh', 'summary_en', 'keywords'],
  cropAttributes: ['summary_zh', 'summary_en'],
  embeddedAttributes: ['title_zh', 'title_en', 'keywords', 'summary_zh', 'summary_en'],
};

export const EXPERT_INDEX: IndexDefinition = {
  kind: SearchKind.EXPERT,
  baseName: 'experts',
  searchableAttributes: [
    'name',
    'expertise_zh',
    'expertise_en',
    'keywords',
    'headline_zh',
    'headline_en',
    'bio_zh',
    'bio_en',
    'institutionName',
  ],
  exactAttributes: [],
  sortableAttributes: ['updatedAt'],
  filters: {
    regions: 'region',
    institutionId: 'institutionId',
    language: 'languages',
    updatedSince: 'updatedAt',
  },
  facets: { region: 'region', institution: 'institutionId', language: 'languages', service: 'services' },
  sorts: { [SearchSort.NEWEST]: ['updatedAt:desc'] },
  highlightAttributes: ['name', 'expertise_zh', 'expertise_en', 'headline_zh', 'headline_en', 'bio_zh', 'bio_en'],
  cropAttributes: ['bio_zh', 'bio_en'],
  embeddedAttributes: ['expertise_zh', 'expertise_en', 'keywords', 'bio_zh', 'bio_en'],
};

export const DEMAND_INDEX: IndexDefinition = {
  kind: SearchKind.DEMAND,
  baseName: 'demands',
  searchableAttributes: [
    'title_zh',
    'title_en',
    'keywords',
    'summary_zh',
    'summary_en',
    'organisationName',
    'industryNames',
  ],
  exactAttributes: ['industryCodes'],
  sortableAttributes: ['publishedAt', 'price', 'updatedAt'],
  filters: {
    industryCodes: 'industryCodes',
    transferModes: 'transferModes',
    regions: 'region',
    demandKinds: 'demandKind',
    priceMin: 'price',
    priceMax: 'price',
    language: 'language',
    updatedSince: 'updatedAt',
  },
  facets: {
    industry: 'industryCodes',
    region: 'region',
    transferMode: 'transferModes',
    language: 'language',
    demandKind: 'demandKind',
  },
  sorts: {
    [SearchSort.NEWEST]: ['publishedAt:desc'],
    [SearchSort.PRICE_ASC]: ['price:asc'],
    [SearchSort.PRICE_DESC]: ['price:desc'],
  },
  highlightAttributes: ['title_zh', 'title_en', 'summary_zh', 'summary_en', 'keywords'],
  cropAttributes: ['summary_zh', 'summary_en'],
};

export const INDEX_DEFINITIONS: Readonly<Record<SearchKind, IndexDefinition>> = {
  [SearchKind.ACHIEVEMENT]: ACHIEVEMENT_INDEX,
  [SearchKind.EXPERT]: EXPERT_INDEX,
  [SearchKind.DEMAND]: DEMAND_INDEX,
};

export function indexUid(prefix: string, kind: SearchKind): string {
  return `${prefix}${INDEX_DEFINITIONS[kind].baseName}`;
}

/** The Meilisearch settings of an index, as one object so applying them twice changes nothing. */
export function meilisearchSettings(definition: IndexDefinition, synonyms: Record<string, string[]>) {
  const filterable = [...new Set([...Object.values(definition.filters), ...Object.values(definition.facets)])].sort();
  return {
    searchableAttributes: definition.searchableAttributes,
    displayedAttributes: ['*'],
    filterableAttributes: filterable,
    sortableAttributes: definition.sortableAttributes,
    rankingRules: [...COMMON_RANKING_RULES, 'updatedAt:desc'],
    typoTolerance: {
      enabled: true,
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
      disableOnNumbers: true,
      disableOnAttributes: definition.exactAttributes,
    },
    localizedAttributes: [
      { attributePatterns: ['*_zh'], locales: ['cmn' as const] },
      { attributePatterns: ['*_en'], locales: ['eng' as const] },
    ],
    synonyms,
    faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { '*': 'count' as const } },
    pagination: { maxTotalHits: 10_000 },
  };
}
