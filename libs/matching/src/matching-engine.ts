import { Injectable, Logger, Optional } from '@nestjs/common';
import { AppConfig, InjectMeili } from '@app/core';
import { indexUid, SearchKind } from '@app/search';
import { Meilisearch } from 'meilisearch';
import {
  addLatinWords,
  CorpusStats,
  CorpusStatsBuilder,
  documentLatinWords,
  documentTerms,
} from './domain/corpus-stats';
import { MatchDemand, MatchDocument, MatchTargetType } from './domain/match-document';
import { feedbackFrom, SalientWord, salientWords } from './domain/feedback';
import { buildMatchQuery, MatchQuery, SearchTerm } from './domain/match-query';
import { DEFAULT_MATCHING_CONFIG, MatchingConfig } from './domain/matching-config';
import { analyzeDocument, AnalyzedDocument, scoreCandidates, ScoredMatch } from './domain/scoring';
import { fromIndex, IndexedDocument, MATCH_ATTRIBUTES } from './domain/search-document-mapping';
import { dictionaryLexicon } from './dictionary-lexicon';
import { semanticRelevance } from './domain/semantic-relevance';
import { SemanticCandidates, SemanticFound } from './semantic-candidates';

const KIND_OF_TARGET: Record<MatchTargetType, SearchKind> = {
  [MatchTargetType.ACHIEVEMENT]: SearchKind.ACHIEVEMENT,
  [MatchTargetType.EXPERT]: SearchKind.EXPERT,
};
const TARGET_TYPES = [MatchTargetType.ACHIEVEMENT, MatchTargetType.EXPERT];
/** The text the engine scores; names, institutions and codes are left to the search page. */
const SEARCHED_ATTRIBUTES: Record<MatchTargetType, string[]> = {
  [MatchTargetType.ACHIEVEMENT]: ['title_zh', 'title_en', 'keywords', 'summary_zh', 'summary_en'],
  [MatchTargetType.EXPERT]: [
    'expertise_zh',
    'expertise_en',
    'keywords',
    'headline_zh',
    'headline_en',
    'bio_zh',
    'bio_en',
  ],
};
/** Corpus statistics older than this are rebuilt on the next match (the nightly rematch rebuilds them too). */
const STATS_TTL_MS = 6 * 3600_000;
const INCOMPLETE_STATS_TTL_MS = 10_000;
const SMALL_CORPUS_DOCUMENTS = 2_000;
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
  /** Only matches at or above the calibration's threshold (what is stored and sent); all candidates otherwise. */
  aboveThreshold?: boolean;
  /** When given, filled with milliseconds per phase (and Meilisearch's own processing time) for profiling. */
  timings?: RankTimings;
}

export type RankTimings = Record<string, number>;

const addTime = (timings: RankTimings | undefined, phase: string, ms: number) => {
  if (timings) timings[phase] = (timings[phase] ?? 0) + ms;
};

/**
 * The matching engine over the live search indexes: candidates from several short Meilisearch queries (listed
 * achievements and public experts only — the index holds nothing else), reranked by the pure scoring function.
 */
@Injectable()
export class MatchingEngine {
  private readonly logger = new Logger(MatchingEngine.name);
  private stats: { value: CorpusStats; builtAt: number; kinds: MatchTargetType[] } | null = null;
  private building: Promise<void> | null = null;
  /** Analysed documents by `${type}:${id}`, with the indexed version (updatedAt) they were analysed from. */
  private readonly analysed = new Map<string, { version: unknown; analysed: AnalyzedDocument }>();
  /** Types whose index has every attribute of SEARCHED_ATTRIBUTES (known at the last statistics refresh). */
  private restrictable = new Set<MatchTargetType>();
  private readonly salientCache = new WeakMap<AnalyzedDocument, SalientWord[]>();
  /** Documents counted into the statistics since they were read (see noteIndexed). */
  private notedSinceStats = new Set<string>();
  readonly config: MatchingConfig = DEFAULT_MATCHING_CONFIG;

  constructor(
    @InjectMeili() private readonly meili: Meilisearch,
    private readonly appConfig: AppConfig,
    @Optional() private readonly semantic?: SemanticCandidates,
  ) {}

  uid(type: MatchTargetType): string {
    return indexUid(this.appConfig.MEILI_INDEX_PREFIX, KIND_OF_TARGET[type]);
  }

  /** Rebuilds the document-frequency table from the indexes (a pass over every indexed document). */
  async refreshCorpusStats(): Promise<CorpusStats> {
    const builder = new CorpusStatsBuilder();
    const kinds: MatchTargetType[] = [];
    const restrictable = new Set<MatchTargetType>();
    for (const type of TARGET_TYPES) {
      const index = this.meili.index<IndexedDocument>(this.uid(type));
      try {
        for (let offset = 0; ; offset += STATS_PAGE) {
          const page = await index.getDocuments({ offset, limit: STATS_PAGE, fields: MATCH_ATTRIBUTES[type] });
          for (const doc of page.results) builder.add(fromIndex(type, doc));
          if (page.results.length < STATS_PAGE) break;
        }
        kinds.push(type);
        const { fieldDistribution } = await index.getStats();
        if (SEARCHED_ATTRIBUTES[type].every((field) => (fieldDistribution[field] ?? 0) > 0)) restrictable.add(type);
      } catch (error) {
        if (meiliErrorCode(error) !== 'index_not_found') throw error;
      }
    }
    const value = builder.build();
    this.stats = { value, builtAt: Date.now(), kinds };
    this.notedSinceStats = new Set();
    this.restrictable = restrictable;
    this.analysed.clear();
    this.logger.log(`Corpus statistics: ${value.documentCount} documents, ${Object.keys(value.df).length} terms`);
    return value;
  }

  private async currentStats() {
    // An index that did not exist yet (a fresh deployment) is looked for again soon, not in six hours; so is a small
    // corpus (cheap to read again), whose word list changes with every listing: a word missing from the statistics
    // is not searched for (see occursInCorpus).
    const ttl =
      this.stats &&
      (this.stats.kinds.length < TARGET_TYPES.length || this.stats.value.documentCount < SMALL_CORPUS_DOCUMENTS)
        ? INCOMPLETE_STATS_TTL_MS
        : STATS_TTL_MS;
    if (!this.stats || Date.now() - this.stats.builtAt > ttl) {
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

  /**
   * Per index, all at once: one multi-search request with its terms (ids only), then the documents it found. Each
   * document found scores the summed weight of the terms that found it (a cheap stand-in for BM25); the best
   * `quota` of its type not yet in the pool are loaded (from the analysis cache, else in one documents request)
   * and added to it. Each index's documents load as soon as its own search answers.
   */
  private async gather(
    termsByType: Partial<Record<MatchTargetType, readonly SearchTerm[]>>,
    quota: Partial<Record<MatchTargetType, number>>,
    pool: Map<string, AnalyzedDocument>,
    excluded: ReadonlySet<string> | undefined,
    timings?: RankTimings,
    round = 'first',
  ): Promise<void> {
    const searched = TARGET_TYPES.filter((type) => (quota[type] ?? 0) > 0 && (termsByType[type]?.length ?? 0) > 0);
    // One request per index: Meilisearch runs a multi-search's queries one after the other, and two requests run
    // on two threads.
    await Promise.all(
      searched.map((type) => this.gatherType(type, termsByType[type]!, quota[type]!, pool, excluded, timings, round)),
    );
  }

  private async gatherType(
    type: MatchTargetType,
    terms: readonly SearchTerm[],
    quota: number,
    pool: Map<string, AnalyzedDocument>,
    excluded: ReadonlySet<string> | undefined,
    timings: RankTimings | undefined,
    round: string,
  ): Promise<void> {
    let started = performance.now();
    // One query per form of each term; a document found by several forms of one term counts that term once.
    const searches = terms.flatMap((term, termIndex) => term.queries.map((q) => ({ q, termIndex })));
    const { results } = await this.meili.multiSearch({
      queries: searches.map(({ q }) => ({
        indexUid: this.uid(type),
        q,
        limit: round === 'feedback' ? this.config.feedback.hitsPerQuery : this.config.retrieval.hitsPerQuery,
        attributesToRetrieve: ['id', 'updatedAt'],
        // Restricting the attributes makes a query cheaper, but Meilisearch refuses an attribute no document has yet.
        ...(this.restrictable.has(type) ? { attributesToSearchOn: SEARCHED_ATTRIBUTES[type] } : {}),
        matchingStrategy: 'all' as const,
      })),
    });
    addTime(timings, `${round}.search.${type}`, performance.now() - started);
    addTime(timings, `${round}.queries`, searches.length);
    const found = new Map<string, { byTerm: Map<number, number>; version: unknown }>();
    results.forEach((result, i) => {
      addTime(timings, `${round}.search.server`, result.processingTimeMs ?? 0);
      const { termIndex } = searches[i];
      result.hits.forEach((hit, rank) => {
        const id = String(hit.id);
        if (pool.has(`${type}:${id}`) || excluded?.has(`${type}:${id}`)) return;
        // Meilisearch's own order (title before summary) breaks ties between documents found by the same terms.
        const weight = terms[termIndex].weight * (1 - (0.1 * rank) / result.hits.length);
        const entry = found.get(id) ?? { byTerm: new Map<number, number>(), version: hit.updatedAt };
        entry.byTerm.set(termIndex, Math.max(entry.byTerm.get(termIndex) ?? 0, weight));
        found.set(id, entry);
      });
    });
    const byId = new Map(
      [...found].map(([id, { byTerm, version }]) => [
        id,
        { weight: [...byTerm.values()].reduce((a, b) => a + b, 0), version },
      ]),
    );
    started = performance.now();
    const chosen = [...byId].sort((a, b) => b[1].weight - a[1].weight || a[0].localeCompare(b[0])).slice(0, quota);
    const loaded = await this.loadIntoPool(
      type,
      chosen.map(([id, { version }]) => ({ id, version })),
      pool,
    );
    addTime(timings, `${round}.load.docs`, loaded);
    addTime(timings, `${round}.load.${type}`, performance.now() - started);
  }

  /**
   * Adds these documents of one index to the pool (those not in it yet): from the analysis cache while their
   * indexed version is unchanged, else in one documents request. Returns how many were requested.
   */
  private async loadIntoPool(
    type: MatchTargetType,
    targets: ReadonlyArray<{ id: string; version: unknown }>,
    pool: Map<string, AnalyzedDocument>,
  ): Promise<number> {
    const missing: string[] = [];
    for (const { id, version } of targets) {
      const key = `${type}:${id}`;
      if (pool.has(key)) continue;
      const cached = this.analysed.get(key);
      if (cached && cached.version === version) pool.set(key, cached.analysed);
      else missing.push(id);
    }
    if (missing.length === 0) return 0;
    const { results } = await this.meili
      .index<IndexedDocument>(this.uid(type))
      .getDocuments({ ids: missing, fields: MATCH_ATTRIBUTES[type], limit: missing.length });
    for (const doc of results) pool.set(`${type}:${doc.id}`, this.analyse(type, doc));
    return missing.length;
  }

  /**
   * Open demands a target may fit (reverse direction): the demand index searched with the target's own key
   * terms, built exactly as a demand's query is. Empty when the target is not indexed (not listed / not public).
   */
  async demandsForTarget(type: MatchTargetType, id: string, limit: number): Promise<string[]> {
    let doc: MatchDocument;
    try {
      doc = fromIndex(
        type,
        await this.meili.index(this.uid(type)).getDocument<IndexedDocument>(id, { fields: MATCH_ATTRIBUTES[type] }),
      );
    } catch (error) {
      const code = meiliErrorCode(error);
      if (code === 'document_not_found' || code === 'index_not_found') return [];
      throw error;
    }
    const [title, ...rest] = Object.values(doc.fields);
    await this.currentStats();
    this.noteIndexed(type, id, doc);
    const query = await this.query({ id, title: title ?? '', description: rest.join('\n') });
    const demandIndex = indexUid(this.appConfig.MEILI_INDEX_PREFIX, SearchKind.DEMAND);
    try {
      // Bare words (prefix matching), not the phrases a demand's query uses: the word forms known are the
      // listings' own, and demands may write a word otherwise. One query per listing change is cheap enough.
      const { results } = await this.meili.multiSearch({
        queries: query.searchTerms.map((term) => ({
          indexUid: demandIndex,
          q: term.text,
          limit,
          attributesToRetrieve: ['id'],
          matchingStrategy: 'all' as const,
        })),
      });
      return [...new Set(results.flatMap((result) => result.hits.map((hit) => String(hit.id))))];
    } catch (error) {
      if (meiliErrorCode(error) === 'index_not_found') return [];
      throw error;
    }
  }

  /**
   * Counts a document indexed since the statistics were read (once per document until they are read again), so
   * its words are known: a listing's rarest word is often one no older document has, and a word the statistics
   * lack is not searched for.
   */
  private noteIndexed(type: MatchTargetType, id: string, doc: MatchDocument): void {
    if (!this.stats || this.notedSinceStats.has(`${type}:${id}`)) return;
    this.notedSinceStats.add(`${type}:${id}`);
    const { value } = this.stats;
    value.documentCount++;
    for (const term of documentTerms(doc)) value.df[term] = (value.df[term] ?? 0) + 1;
    addLatinWords(value, documentLatinWords(doc));
  }

  private analyse(type: MatchTargetType, raw: IndexedDocument): AnalyzedDocument {
    const analysed = analyzeDocument(fromIndex(type, raw));
    const key = `${type}:${raw.id}`;
    this.analysed.delete(key);
    if (this.analysed.size >= ANALYSIS_CACHE_SIZE) this.analysed.delete(this.analysed.keys().next().value!);
    this.analysed.set(key, { version: raw.updatedAt, analysed });
    return analysed;
  }

  private salient(doc: AnalyzedDocument, stats: CorpusStats): SalientWord[] {
    let words = this.salientCache.get(doc);
    if (!words) this.salientCache.set(doc, (words = salientWords(doc, stats)));
    return words;
  }

  /**
   * The ranked targets for a demand, best first: candidates from the demand's terms, a first pass over the
   * achievements found, candidates from the feedback words of its best ones, then one scoring of them all.
   */
  async rank(demand: MatchDemand, options: RankOptions = {}, now = new Date()): Promise<ScoredMatch[]> {
    const { timings } = options;
    const { value: stats, kinds } = await this.currentStats();
    let started = performance.now();
    const query = buildMatchQuery(demand, stats, dictionaryLexicon, this.config);
    addTime(timings, 'query', performance.now() - started);
    const config = options.limit ? { ...this.config, limit: options.limit } : this.config;
    const pool = new Map<string, AnalyzedDocument>();
    // Optional semantic layer (off unless an embedder is configured): asked alongside the first round.
    const nearest = this.semantic?.enabled
      ? this.semantic.nearest(demand, kinds, config.semantic.candidates, options.excluded, timings)
      : undefined;
    started = performance.now();
    const { translationQueries } = config.retrieval;
    const firstTerms = Object.fromEntries(
      kinds.map((type) => [
        type,
        [...query.keyTermQueries, ...query.translationQueries.slice(0, translationQueries[type])],
      ]),
    );
    await this.gather(firstTerms, config.retrieval.candidates, pool, options.excluded, timings);
    addTime(timings, 'first', performance.now() - started);
    const semantic = nearest && (await this.addSemanticCandidates(await nearest, pool, timings));

    const { documents, terms } = config.feedback;
    if (documents > 0 && terms > 0) {
      started = performance.now();
      const achievements = [...pool.values()].filter((doc) => doc.doc.type === MatchTargetType.ACHIEVEMENT);
      // Uncalibrated: the candidate pool must not depend on the fitted calibration (cross-validation refits it
      // per fold on the same pools).
      const first = scoreCandidates(
        demand,
        query,
        achievements,
        stats,
        { ...config, calibration: null, limit: documents },
        now,
        semantic,
      );
      const top = first.map((match) => {
        const doc = pool.get(`${match.type}:${match.id}`)!;
        return { doc, score: match.score, salient: this.salient(doc, stats) };
      });
      addTime(timings, 'feedback.firstScoring', performance.now() - started);
      if (top.length > 0) {
        started = performance.now();
        const feedback = feedbackFrom(query, top, stats, config);
        query.feedbackWeights = feedback.tokenWeights;
        addTime(timings, 'feedback.words', performance.now() - started);
        // Achievements found by the feedback words are scored on the demand's own words only, but they are
        // found: a listing in the academic wording of the best one (四氢嘧啶 for 依克多因) is often the answer.
        const { candidates } = config.retrieval;
        const quota = {
          [MatchTargetType.ACHIEVEMENT]: Math.round(candidates[MatchTargetType.ACHIEVEMENT] / 3),
          [MatchTargetType.EXPERT]: candidates[MatchTargetType.EXPERT],
        };
        started = performance.now();
        const { searchTerms } = config.feedback;
        const termsByType = Object.fromEntries(
          kinds.map((type) => [type, feedback.searchTerms.slice(0, searchTerms[type])]),
        );
        await this.gather(termsByType, quota, pool, options.excluded, timings, 'feedback');
        addTime(timings, 'feedback', performance.now() - started);
      }
    }
    started = performance.now();
    const ranked = scoreCandidates(demand, query, [...pool.values()], stats, config, now, semantic);
    addTime(timings, 'scoring', performance.now() - started);
    addTime(timings, 'candidates', pool.size);
    const { calibration } = config;
    return options.aboveThreshold && calibration
      ? ranked.filter((match) => match.score >= calibration.threshold)
      : ranked;
  }

  /**
   * Optional semantic layer: the nearest targets not yet in the pool join it (from the analysis cache, else one
   * documents request per type); returns their semantic relevance for the scoring.
   */
  private async addSemanticCandidates(
    found: SemanticFound[],
    pool: Map<string, AnalyzedDocument>,
    timings?: RankTimings,
  ): Promise<Map<string, number> | undefined> {
    // Nothing found (embedder failing, no embedder in the index yet): the ranking stays purely lexical.
    if (found.length === 0) return undefined;
    const started = performance.now();
    await Promise.all(
      TARGET_TYPES.map((type) =>
        this.loadIntoPool(
          type,
          found.filter((target) => target.type === type),
          pool,
        ),
      ),
    );
    addTime(timings, 'semantic.load', performance.now() - started);
    addTime(timings, 'semantic.found', found.length);
    return semanticRelevance(found);
  }
}
