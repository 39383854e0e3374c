import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, InjectMeili, JobName, JobQueue } from '@app/core';
import type { Meilisearch } from 'meilisearch';
import { DataSource } from 'typeorm';
import { SearchKind } from './domain/index-definitions';
import { generationsIndexUid } from './index-generations';
import { meiliErrorCode } from './meili-tasks';
import { ReindexService } from './reindex.service';
import { kindToSubject, SearchSources } from './search-sources';

const COUNT_PAGE = 10_000;
/** A count mismatch must last this long (with nothing pending) before it counts: a change may be mid-flight. */
const RECHECK_AFTER_MS = 500;

export type IndexProblem = 'missing' | 'empty' | 'generation' | 'behind';

export interface IndexHealth {
  kind: SearchKind;
  problem: IndexProblem | null;
  databaseCount: number;
  indexCount: number | null;
}

export interface HealReport {
  health: IndexHealth[];
  /** Whether a full reindex ran (and a rematch was enqueued after it). */
  reindexed: boolean | 'busy';
}

/**
 * Compares each live index with the database — does it exist, is it empty while the database is not, does it
 * carry the generation the database recorded at the last full reindex, does its document count match once
 * nothing is pending — and rebuilds them by the atomic reindex when one is not whole. Matching follows: the
 * nightly rematch (corpus statistics, then every open demand) is enqueued after the reindex it depends on.
 * Runs at worker boot and every SEARCH_HEAL_INTERVAL_MS, so a Meilisearch that lost its data heals itself.
 */
@Injectable()
export class IndexHealthService {
  private readonly logger = new Logger(IndexHealthService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectMeili() private readonly client: Meilisearch,
    private readonly sources: SearchSources,
    private readonly reindexer: ReindexService,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
  ) {}

  async check(): Promise<IndexHealth[]> {
    const generations = await this.indexGenerations();
    const recorded = await this.recordedGenerations();
    const health: IndexHealth[] = [];
    for (const kind of this.sources.kinds) {
      let result = await this.checkOne(kind, generations, recorded);
      if (result.problem === 'behind') {
        // Counted while a change was being indexed? Look again before rebuilding everything.
        await new Promise((resolve) => setTimeout(resolve, RECHECK_AFTER_MS));
        result = await this.checkOne(kind, generations, recorded);
      }
      health.push(result);
    }
    return health;
  }

  /** Checks every index and, when one is not whole, reindexes and then enqueues the rematch. */
  async heal(): Promise<HealReport> {
    const health = await this.check();
    const unhealthy = health.filter((entry) => entry.problem !== null);
    if (unhealthy.length === 0) return { health, reindexed: false };
    this.logger.warn({ unhealthy }, 'Search indexes are not whole; rebuilding them from the database');
    const reports = await this.reindexer.reindexAll();
    if (reports === 'busy') return { health, reindexed: 'busy' };
    await this.enqueueRematchAfterReindex();
    return { health, reindexed: true };
  }

  /** Matching's statistics and matches depend on the index: they follow every full reindex. */
  async enqueueRematchAfterReindex(): Promise<void> {
    await this.jobs.enqueue(JobName.RematchAll, {}, { jobId: `rematch-after-reindex.${Date.now()}` });
  }

  private async checkOne(
    kind: SearchKind,
    generations: Map<string, string> | null,
    recorded: Map<string, string>,
  ): Promise<IndexHealth> {
    const databaseCount = await this.databaseCount(kind);
    let indexCount: number;
    try {
      indexCount = (await this.client.index(this.sources.liveUid(kind)).getStats()).numberOfDocuments;
    } catch (error) {
      if (meiliErrorCode(error) === 'index_not_found')
        return { kind, problem: 'missing', databaseCount, indexCount: null };
      throw error;
    }
    const expected = recorded.get(kind);
    const actual = generations?.get(kind);
    // A generation recorded on one side only, or two different ones: the index and the database went apart.
    if ((expected || actual) && expected !== actual) return { kind, problem: 'generation', databaseCount, indexCount };
    if (indexCount === 0 && databaseCount > 0) return { kind, problem: 'empty', databaseCount, indexCount };
    if (indexCount !== databaseCount && !(await this.anythingPending(kind)))
      return { kind, problem: 'behind', databaseCount, indexCount };
    return { kind, problem: null, databaseCount, indexCount };
  }

  private async databaseCount(kind: SearchKind): Promise<number> {
    let count = 0;
    let afterId: string | null = null;
    for (;;) {
      const ids = await this.sources.source(kind).searchableIds(this.dataSource.manager, afterId, COUNT_PAGE);
      count += ids.length;
      if (ids.length < COUNT_PAGE) return count;
      afterId = ids[ids.length - 1];
    }
  }

  private async anythingPending(kind: SearchKind): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      'SELECT 1 FROM outbox_events WHERE processed_at IS NULL AND subject = $1 LIMIT 1',
      [kindToSubject(kind)],
    );
    return rows.length > 0;
  }

  private async recordedGenerations(): Promise<Map<string, string>> {
    const rows = await this.dataSource.query<Array<{ kind: string; generation: string }>>(
      'SELECT kind, generation FROM search_index_generations',
    );
    return new Map(rows.map((row) => [row.kind, row.generation]));
  }

  /** The generations Meilisearch holds; null when it has none (never reindexed, or it lost its data). */
  private async indexGenerations(): Promise<Map<string, string> | null> {
    try {
      const { results } = await this.client
        .index<{ id: string; generation: string }>(generationsIndexUid(this.config.MEILI_INDEX_PREFIX))
        .getDocuments({ limit: 100 });
      return new Map(results.map((doc) => [doc.id, doc.generation]));
    } catch (error) {
      if (meiliErrorCode(error) === 'index_not_found') return null;
      throw error;
    }
  }
}
