import { Injectable, Logger, Optional } from '@nestjs/common';
import { AppConfig, InjectMeili } from '@app/core';
import {
  Embedder,
  embedderName,
  embeddingText,
  indexUid,
  InjectEmbedder,
  meiliErrorCode,
  SearchKind,
} from '@app/search';
import { Meilisearch } from 'meilisearch';
import { MatchDemand, MatchTargetType } from './domain/match-document';
import { cosineFromRankingScore, SemanticHit } from './domain/semantic-relevance';

const KIND_OF_TARGET: Record<MatchTargetType, SearchKind> = {
  [MatchTargetType.ACHIEVEMENT]: SearchKind.ACHIEVEMENT,
  [MatchTargetType.EXPERT]: SearchKind.EXPERT,
};
/** Demand embeddings kept (by text): a rematch of an unchanged demand does not call the endpoint again. */
const DEMAND_VECTOR_CACHE_SIZE = 1_000;
/** The same failure is logged at most this often (every demand would otherwise log it). */
const WARN_EVERY_MS = 10 * 60_000;

export interface SemanticFound extends SemanticHit {
  /** The indexed version (updatedAt), for the engine's analysis cache. */
  version: unknown;
}

/**
 * The optional semantic layer of matching: the targets nearest the demand's embedding, one pure vector query
 * per index (sent together). Never fails a match: when the embedder fails, or an index has no embedder yet
 * (documents indexed before the layer was turned on, until the next full reindex), it finds nothing there and
 * the ranking stays lexical.
 */
@Injectable()
export class SemanticCandidates {
  private readonly logger = new Logger(SemanticCandidates.name);
  private readonly demandVectors = new Map<string, number[]>();
  private readonly warnedAt = new Map<string, number>();

  constructor(
    @Optional() @InjectEmbedder() private readonly embedder: Embedder | null,
    @InjectMeili() private readonly meili: Meilisearch,
    private readonly appConfig: AppConfig,
  ) {}

  get enabled(): boolean {
    return Boolean(this.embedder);
  }

  async nearest(
    demand: MatchDemand,
    kinds: readonly MatchTargetType[],
    quota: Record<MatchTargetType, number>,
    excluded: ReadonlySet<string> | undefined,
    timings?: Record<string, number>,
  ): Promise<SemanticFound[]> {
    if (!this.embedder) return [];
    let started = performance.now();
    const vector = await this.demandVector(demand);
    add(timings, 'semantic.embed', performance.now() - started);
    if (!vector) return [];
    const embedder = embedderName(this.embedder);
    started = performance.now();
    const found = await Promise.all(
      kinds
        .filter((type) => quota[type] > 0)
        .map(async (type): Promise<SemanticFound[]> => {
          const uid = indexUid(this.appConfig.MEILI_INDEX_PREFIX, KIND_OF_TARGET[type]);
          try {
            const { hits } = await this.meili.index<{ id: string; updatedAt: unknown }>(uid).search(null, {
              vector,
              hybrid: { embedder, semanticRatio: 1 },
              limit: quota[type],
              attributesToRetrieve: ['id', 'updatedAt'],
              showRankingScore: true,
            });
            return hits.flatMap((hit) => {
              const id = String(hit.id);
              const similarity = cosineFromRankingScore(hit._rankingScore);
              // No score: a document indexed while the endpoint was down carries no vector.
              if (similarity === undefined || excluded?.has(`${type}:${id}`)) return [];
              return [{ type, id, similarity, version: hit.updatedAt }];
            });
          } catch (error) {
            // Started alongside the lexical queries, so it must not reject: a failure here leaves the match lexical
            // (and a Meilisearch that is down fails the lexical queries anyway).
            const code = meiliErrorCode(error);
            const reason =
              code === 'invalid_search_embedder'
                ? `${uid} has no embedder ${embedder} yet (documents predate it: full reindex pending)`
                : `The vector query on ${uid} failed: matching stays lexical there`;
            this.warnOnce(`index:${uid}:${code}`, error, reason);
            return [];
          }
        }),
    );
    add(timings, 'semantic.search', performance.now() - started);
    return found.flat();
  }

  private async demandVector(demand: MatchDemand): Promise<number[] | null> {
    const text = embeddingText([demand.title, demand.description]);
    if (!text) return null;
    const cached = this.demandVectors.get(text);
    if (cached) return cached;
    try {
      const [vector] = await this.embedder!.embed([text]);
      if (this.demandVectors.size >= DEMAND_VECTOR_CACHE_SIZE) {
        this.demandVectors.delete(this.demandVectors.keys().next().value!);
      }
      this.demandVectors.set(text, vector);
      return vector;
    } catch (error) {
      this.warnOnce('embed', error, 'Embedding the demand failed: matching stays lexical for now');
      return null;
    }
  }

  private warnOnce(key: string, error: unknown, message: string): void {
    const last = this.warnedAt.get(key) ?? -Infinity;
    if (Date.now() - last < WARN_EVERY_MS) return;
    this.warnedAt.set(key, Date.now());
    this.logger.warn({ err: error }, message);
  }
}

const add = (timings: Record<string, number> | undefined, phase: string, ms: number) => {
  if (timings) timings[phase] = (timings[phase] ?? 0) + ms;
};
