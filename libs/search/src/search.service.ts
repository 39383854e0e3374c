import { Injectable } from '@nestjs/common';
import { badInput, InjectMeili } from '@app/core';
import type { Actor } from '@app/identity';
import type { Hit, Meilisearch, SearchParams, SearchResponse } from 'meilisearch';
import { applicableFilters, buildFilter, facetAttributes, SearchInputError } from './domain/filter-builder';
import { highlightFieldName, HIGHLIGHT_POST, HIGHLIGHT_PRE, toHighlightHtml } from './domain/highlight';
import { IndexDefinition, SearchFilters, SearchKind, SearchSort } from './domain/index-definitions';
import { containsHan } from './domain/localized-text';
import { SearchSources } from './search-sources';

export const MAX_SEARCH_PAGE_SIZE = 50;
export const MAX_QUERY_LENGTH = 200;
const CROP_LENGTH = 40;

export interface SearchRequest {
  query?: string;
  filter?: SearchFilters;
  facets?: string[];
  sort?: SearchSort;
  page?: number;
  pageSize?: number;
}

export interface SearchHighlight {
  field: string;
  snippet: string;
}

export interface SearchHitResult<T = unknown> {
  kind: SearchKind;
  id: string;
  object: T;
  rankingScore: number | null;
  highlights: SearchHighlight[];
}

/**
 * The GraphQL fields a query selects on the hits' objects, so hits load only the columns those need; without one,
 * every column is loaded.
 */
export type HitSelection = ReadonlySet<string>;

export interface FacetResult {
  name: string;
  values: Array<{ value: string; count: number }>;
}

export interface SearchResult<T = unknown> {
  hits: Array<SearchHitResult<T>>;
  totalHits: number;
  page: number;
  pageSize: number;
  totalPages: number;
  facets: FacetResult[];
  /** Hits Meilisearch returned whose object the viewer may no longer see (dropped from `hits`). */
  droppedHits: number;
  processingTimeMs: number;
}

/**
 * Queries Meilisearch with typed, validated parameters and resolves every hit to the current database object
 * as the viewer may see it: the index only decides what matches, never what is shown.
 */
@Injectable()
export class SearchService {
  constructor(
    @InjectMeili() private readonly client: Meilisearch,
    private readonly sources: SearchSources,
  ) {}

  /** The Meilisearch query a request becomes (validated): what `search` sends, and what the benchmark replays raw. */
  describeQuery(kind: SearchKind, request: SearchRequest) {
    const definition = this.definitionOf(kind);
    const { page, pageSize } = pagination(request);
    const facets = guard(() => facetAttributes(definition, request.facets));
    const params: SearchParams = {
      ...this.queryParams(
        definition,
        request,
        guard(() => buildFilter(definition, request.filter)),
      ),
      page,
      hitsPerPage: pageSize,
      facets: facets.size > 0 ? [...facets.values()] : undefined,
    };
    return { uid: this.sources.liveUid(kind), q: request.query?.trim() ?? '', params, facets, page, pageSize };
  }

  async search<T = unknown>(
    kind: SearchKind,
    request: SearchRequest,
    actor: Actor | undefined,
    selection?: HitSelection,
  ): Promise<SearchResult<T>> {
    const { uid, q, params, facets, page, pageSize } = this.describeQuery(kind, request);
    // With `page` set, Meilisearch answers exhaustive totalHits/totalPages.
    const response = (await this.client.index(uid).search(q, params)) as SearchResponse & {
      totalHits?: number;
      totalPages?: number;
    };
    const hits = await this.resolve<T>(
      response.hits.map((hit) => ({ kind, hit })),
      actor,
      selection && { [kind]: selection },
    );
    return {
      hits,
      totalHits: response.totalHits ?? response.hits.length,
      page,
      pageSize,
      totalPages: response.totalPages ?? 1,
      facets: [...facets].map(([name, attribute]) => ({
        name,
        values: Object.entries(response.facetDistribution?.[attribute] ?? {}).map(([value, count]) => ({
          value,
          count,
        })),
      })),
      droppedHits: response.hits.length - hits.length,
      processingTimeMs: response.processingTimeMs,
    };
  }

  /**
   * One ranked list across all kinds (Meilisearch federated multi-search). A filter applies to the kinds that
   * have its attribute; kinds can be narrowed with `kinds`. A kind missing from `selectionByKind` loads every column.
   */
  async searchAll(
    request: SearchRequest & { kinds?: SearchKind[] },
    actor: Actor | undefined,
    selectionByKind?: Partial<Record<SearchKind, HitSelection>>,
  ): Promise<Omit<SearchResult, 'facets' | 'totalPages'> & { totalPages: number }> {
    if (request.facets?.length)
      throw badInput('facets are not available on the federated search; search one kind', { field: 'facets' });
    if (request.sort && request.sort !== SearchSort.RELEVANCE) {
      throw badInput('The federated search is ranked by relevance only', { field: 'sort' });
    }
    const { page, pageSize } = pagination(request);
    const kinds = (request.kinds?.length ? request.kinds : this.sources.kinds).filter((kind) => this.sources.has(kind));
    const queries = kinds.map((kind) => {
      const definition = this.definitionOf(kind);
      const filter = guard(() => buildFilter(definition, applicableFilters(definition, request.filter)));
      return {
        indexUid: this.sources.liveUid(kind),
        q: request.query?.trim() ?? '',
        ...this.queryParams(definition, request, filter),
      };
    });
    if (queries.length === 0) {
      return { hits: [], totalHits: 0, page, pageSize, totalPages: 0, droppedHits: 0, processingTimeMs: 0 };
    }
    const response = await this.client.multiSearch({
      federation: { limit: pageSize, offset: (page - 1) * pageSize },
      queries,
    });
    const raw = response.hits.map((hit) => {
      const kind = this.sources.kindOfUid(hit._federation?.indexUid ?? '');
      if (!kind) throw new Error(`Federated hit from an unknown index ${hit._federation?.indexUid}`);
      return { kind, hit };
    });
    const hits = await this.resolve(raw, actor, selectionByKind);
    const totalHits = response.estimatedTotalHits ?? response.totalHits ?? hits.length;
    return {
      hits,
      totalHits,
      page,
      pageSize,
      totalPages: Math.ceil(totalHits / pageSize),
      droppedHits: raw.length - hits.length,
      processingTimeMs: response.processingTimeMs,
    };
  }

  private definitionOf(kind: SearchKind): IndexDefinition {
    if (!this.sources.has(kind)) throw badInput(`Search over ${kind} is not available`, { field: 'kind' });
    return this.sources.definition(kind);
  }

  private queryParams(definition: IndexDefinition, request: SearchRequest, filter: string[]): SearchParams {
    const query = request.query?.trim() ?? '';
    if (query.length > MAX_QUERY_LENGTH) {
      throw badInput(`query must be at most ${MAX_QUERY_LENGTH} characters`, { field: 'query' });
    }
    const sort = request.sort && request.sort !== SearchSort.RELEVANCE ? definition.sorts[request.sort] : undefined;
    if (request.sort && request.sort !== SearchSort.RELEVANCE && !sort) {
      throw badInput(`sort ${request.sort} does not apply to ${definition.baseName}`, { field: 'sort' });
    }
    return {
      filter: filter.length > 0 ? filter : undefined,
      sort,
      attributesToRetrieve: ['id', ...definition.highlightAttributes],
      attributesToHighlight: definition.highlightAttributes,
      attributesToCrop: definition.cropAttributes,
      cropLength: CROP_LENGTH,
      highlightPreTag: HIGHLIGHT_PRE,
      highlightPostTag: HIGHLIGHT_POST,
      showRankingScore: true,
      // Han characters alone are ambiguous (Japanese kanji); say it is Chinese so the query is segmented as such.
      locales: containsHan(query) ? ['cmn'] : undefined,
    };
  }

  private async resolve<T>(
    raw: Array<{ kind: SearchKind; hit: Hit }>,
    actor: Actor | undefined,
    selectionByKind: Partial<Record<SearchKind, HitSelection>> | undefined,
  ): Promise<Array<SearchHitResult<T>>> {
    const idsByKind = new Map<SearchKind, string[]>();
    for (const { kind, hit } of raw) idsByKind.set(kind, [...(idsByKind.get(kind) ?? []), String(hit.id)]);
    const objects = new Map<SearchKind, Map<string, unknown>>();
    await Promise.all(
      [...idsByKind].map(async ([kind, ids]) => {
        const source = this.sources.source(kind);
        const selection = selectionByKind?.[kind];
        const columns = selection ? source.columnsFor(selection) : undefined;
        objects.set(kind, await source.visibleToViewer(ids, actor, columns));
      }),
    );
    const results: Array<SearchHitResult<T>> = [];
    for (const { kind, hit } of raw) {
      const id = String(hit.id);
      const object = objects.get(kind)?.get(id);
      if (object === undefined) continue;
      results.push({
        kind,
        id,
        object: object as T,
        rankingScore: hit._rankingScore ?? null,
        highlights: highlightsOf(hit),
      });
    }
    return results;
  }
}

function pagination(request: SearchRequest): { page: number; pageSize: number } {
  const page = request.page ?? 1;
  const pageSize = request.pageSize ?? 20;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_SEARCH_PAGE_SIZE) {
    throw badInput(`pageSize must be 1 to ${MAX_SEARCH_PAGE_SIZE}`, { field: 'pageSize' });
  }
  if (!Number.isInteger(page) || page < 1 || page > 1_000) throw badInput('page must be 1 to 1000', { field: 'page' });
  return { page, pageSize };
}

function guard<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof SearchInputError) throw badInput(error.message, { field: error.field });
    throw error;
  }
}

function highlightsOf(hit: Hit): SearchHighlight[] {
  const highlights = new Map<string, string>();
  for (const [attribute, value] of Object.entries(hit._formatted ?? {})) {
    const snippet = toHighlightHtml(value);
    const field = highlightFieldName(attribute);
    if (snippet && !highlights.has(field)) highlights.set(field, snippet);
  }
  return [...highlights].map(([field, snippet]) => ({ field, snippet }));
}
