import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, InjectMeili } from '@app/core';
import { indexUid, SearchKind } from '@app/search';
import { Meilisearch } from 'meilisearch';
import { CorpusStats, CorpusStatsBuilder } from './domain/corpus-stats';
import { MatchDemand, MatchDocument, MatchTargetType } from './domain/match-document';
import { buildMatchQuery, MatchQuery } from './domain/match-query';
import { DEFAULT_MATCHING_CONFIG, MatchingConfig } from './domain/matching-config';
import { analyzeDocument, AnalyzedDocument, scoreCandidates, ScoredMatch } from './domain/scoring';
import { fromIndex, IndexedDocument, MATCH_ATTRIBUTES } from './domain/search-document-mapping';
import { dictionaryLexicon } from './dictionary-lexicon';

const KIND_OF_TARGET: Record<MatchTargetType, SearchKind> = {
  [MatchTargetType.ACHIEVEMENT]: SearchKind.ACHIEVEMENT,
  [MatchTargetType.EXPERT]: SearchKind.EXPERT,
};
const TARGET_TYPES = [MatchTargetType.ACHIEVEMENT, MatchTargetType.EXPERT];
/** Corpus statistics older than this are rebuilt on the next match (the nightly rematch rebuilds them too). */
const STATS_TTL_MS = 6 * 3600_000;
const ANALYSIS_CACHE_SIZE = 50_000;
const STATS_PAGE = 1_000;

/** The Meilisearch error code, whether the client reports it itself or wraps our transport's error. */
function meiliErrorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } };
  const code = typeof e?.code === 'string' ? e.code : e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

export interface RankOptions {
  /** `${type}:${id}` pairs never to propose (declined). */
  excluded?: ReadonlySet<string>;
  limit?: number;
}

/**
 * The matching engine over the live search indexes: candidates from several short Meilisearch queries (listed
 * achievements and public experts only — the index holds nothing else), reranked by the pure scoring function.
 */
@Injectable()
export class MatchingEngine {
  private readonly logger = new Logger(MatchingEngine.name);
  private stats: { value: CorpusStats; builtAt: number; kinds: MatchTargetType[] } | null = null;
  private building: Promise<void> | null = null;
  private readonly analysed = new Map<string, AnalyzedDocument>();
  readonly config: MatchingConfig = DEFAULT_MATCHING_CONFIG;

  constructor(
    @InjectMeili() private readonly meili: Meilisearch,
    private readonly appConfig: AppConfig,
  ) {}

  uid(type: MatchTargetType): string {
    return indexUid(this.appConfig.MEILI_INDEX_PREFIX, KIND_OF_TARGET[type]);
  }

  /** Rebuilds the document-frequency table from the indexes (a pass over every indexed document). */
  async refreshCorpusStats(): Promise<CorpusStats> {
    const builder = new CorpusStatsBuilder();
    const kinds: MatchTargetType[] = [];
    for (const type of TARGET_TYPES) {
      const index = this.meili.index<IndexedDocument>(this.uid(type));
      try {
        for (let offset = 0; ; offset += STATS_PAGE) {
          const page = await index.getDocuments({ offset, limit: STATS_PAGE, fields: MATCH_ATTRIBUTES[type] });
          for (const doc of page.results) builder.add(fromIndex(type, doc));
          if (page.results.length < STATS_PAGE) break;
        }
        kinds.push(type);
      } catch (error) {
        if (meiliErrorCode(error) !== 'index_not_found') throw error;
      }
    }
    const value = builder.build();
    this.stats = { value, builtAt: Date.now(), kinds };
    this.analysed.clear();
    this.logger.log(`Corpus statistics: ${value.documentCount} documents, ${Object.keys(value.df).length} terms`);
    return value;
  }

  private async currentStats() {
    if (!this.stats || Date.now() - this.stats.builtAt > STATS_TTL_MS) {
      this.building ??= this.refreshCorpusStats()
        .then(() => undefined)
        .finally(() => (this.building = null));
      await this.building;
    }
    return this.stats!;
  }

  async query(demand: MatchDemand): Promise<MatchQuery> {
    const { value } = await this.currentStats();
    return buildMatchQuery(demand, value, dictionaryLexicon, this.config);
  }

  /** Candidates of every query, deduplicated; one multi-search round trip. */
  async candidates(query: MatchQuery, kinds: readonly MatchTargetType[]): Promise<MatchDocument[]> {
    const queries = kinds.flatMap((type) =>
      query.searchQueries.map((q) => ({
        indexUid: this.uid(type),
        q,
        limit: this.config.candidatesPerQuery,
        attributesToRetrieve: MATCH_ATTRIBUTES[type],
        matchingStrategy: 'frequency' as const,
      })),
    );
    if (queries.length === 0) return [];
    const { results } = await this.meili.multiSearch({ queries });
    const seen = new Map<string, MatchDocument>();
    for (const result of results) {
      const type = TARGET_TYPES.find((t) => this.uid(t) === result.indexUid)!;
      for (const hit of result.hits) {
        const key = `${type}:${hit.id}`;
        if (!seen.has(key)) seen.set(key, fromIndex(type, hit as IndexedDocument));
      }
    }
    return [...seen.values()];
  }

  /**
   * Open demands a target may fit (reverse direction): the demand index searched with the target's own key
   * terms, built exactly as a demand's query is. Empty when the target is not indexed (not listed / not public).
   */
  async demandsForTarget(type: MatchTargetType, id: string, limit: number): Promise<string[]> {
    let doc: MatchDocument;
    try {
      doc = fromIndex(type, await this.meili.index(this.uid(type)).getDocument<IndexedDocument>(id, { fields: MATCH_ATTRIBUTES[type] }));
    } catch (error) {
      const code = meiliErrorCode(error);
      if (code === 'document_not_found' || code === 'index_not_found') return [];
      throw error;
    }
    const [title, ...rest] = Object.values(doc.fields);
    const query = await this.query({ id, title: title ?? '', description: rest.join('\n') });
    const demandIndex = indexUid(this.appConfig.MEILI_INDEX_PREFIX, SearchKind.DEMAND);
    try {
      const { results } = await this.meili.multiSearch({
        queries: query.searchQueries.map((q) => ({ indexUid: demandIndex, q, limit, attributesToRetrieve: ['id'], matchingStrategy: 'frequency' as const })),
      });
      return [...new Set(results.flatMap((result) => result.hits.map((hit) => String(hit.id))))];
    } catch (error) {
      if (meiliErrorCode(error) === 'index_not_found') return [];
      throw error;
    }
  }

  private analyse(doc: MatchDocument): AnalyzedDocument {
    const key = `${doc.type}:${doc.id}:${doc.updatedAt ?? ''}`;
    let analysed = this.analysed.get(key);
    if (!analysed) {
      analysed = analyzeDocument(doc);
      if (this.analysed.size >= ANALYSIS_CACHE_SIZE) this.analysed.delete(this.analysed.keys().next().value!);
      this.analysed.set(key, analysed);
    }
    return analysed;
  }

  /** The ranked targets for a demand, best first. */
  async rank(demand: MatchDemand, options: RankOptions = {}, now = new Date()): Promise<ScoredMatch[]> {
    const { value, kinds } = await this.currentStats();
    const query = buildMatchQuery(demand, value, dictionaryLexicon, this.config);
    const candidates = (await this.candidates(query, kinds)).filter((doc) => !options.excluded?.has(`${doc.type}:${doc.id}`));
    const config = options.limit ? { ...this.config, limit: options.limit } : this.config;
    return scoreCandidates(demand, query, candidates.map((doc) => this.analyse(doc)), value, config, now);
  }
}
