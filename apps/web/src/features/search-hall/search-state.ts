import type { SearchFilterInput, SearchSort } from '../../gql/graphql';

/** The search hall's whole state lives in the URL, so a search can be shared and the back button works. */
export type SearchKindKey = 'achievements' | 'experts' | 'demands';
export type FacetName = 'industry' | 'transferMode' | 'ipType' | 'region' | 'language' | 'demandKind';

export interface SearchState {
  kind: SearchKindKey;
  query: string;
  page: number;
  sort: SearchSort;
  filters: Partial<Record<FacetName, string[]>>;
}

export const PAGE_SIZE = 10;
export const KINDS: readonly SearchKindKey[] = ['achievements', 'experts', 'demands'];
const SORTS: readonly SearchSort[] = ['RELEVANCE', 'NEWEST', 'PRICE_ASC', 'PRICE_DESC'];

/** Facets shown per kind: only those the API offers for the kind and can filter on. */
export const FACETS_BY_KIND: Record<SearchKindKey, readonly FacetName[]> = {
  achievements: ['industry', 'transferMode', 'ipType', 'region', 'language'],
  experts: ['region'],
  demands: ['demandKind', 'industry', 'region'],
};

export const SORTS_BY_KIND: Record<SearchKindKey, readonly SearchSort[]> = {
  achievements: SORTS,
  experts: ['RELEVANCE', 'NEWEST'],
  demands: SORTS,
};

export function parseSearchParams(params: URLSearchParams): SearchState {
  const kindParam = params.get('kind');
  const kind = KINDS.includes(kindParam as SearchKindKey) ? (kindParam as SearchKindKey) : 'achievements';
  const page = Math.max(1, Math.min(1000, Number.parseInt(params.get('page') ?? '1', 10) || 1));
  const sortParam = params.get('sort') as SearchSort | null;
  const sort = sortParam && SORTS_BY_KIND[kind].includes(sortParam) ? sortParam : 'RELEVANCE';
  const filters: SearchState['filters'] = {};
  for (const facet of FACETS_BY_KIND[kind]) {
    const values = params.getAll(facet).filter((value) => value.length > 0 && value.length <= 100);
    if (values.length > 0) filters[facet] = [...new Set(values)];
  }
  return { kind, query: (params.get('q') ?? '').slice(0, 200), page, sort, filters };
}

export function toSearchParams(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.kind !== 'achievements') params.set('kind', state.kind);
  if (state.query.trim()) params.set('q', state.query.trim());
  for (const facet of FACETS_BY_KIND[state.kind]) {
    for (const value of state.filters[facet] ?? []) params.append(facet, value);
  }
  if (state.sort !== 'RELEVANCE') params.set('sort', state.sort);
  if (state.page > 1) params.set('page', String(state.page));
  return params;
}

/** The API's filter input from the URL's facet values (never a filter string: the API builds it safely). */
export function toFilterInput(state: SearchState): SearchFilterInput | undefined {
  const { filters } = state;
  const input: SearchFilterInput = {};
  if (filters.industry?.length) input.industryCodes = filters.industry;
  if (filters.transferMode?.length) input.transferModes = filters.transferMode;
  if (filters.ipType?.length) input.ipTypes = filters.ipType;
  if (filters.region?.length) input.regions = filters.region;
  if (filters.demandKind?.length) input.demandKinds = filters.demandKind;
  // The API filters one language at a time.
  if (filters.language?.length === 1) input.language = filters.language[0];
  return Object.keys(input).length > 0 ? input : undefined;
}

/** A new state after toggling one facet value: back to the first page, as the result set changed. */
export function toggleFacet(state: SearchState, facet: FacetName, value: string): SearchState {
  const current = state.filters[facet] ?? [];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return { ...state, page: 1, filters: { ...state.filters, [facet]: next } };
}
