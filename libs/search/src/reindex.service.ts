import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { AppConfig, Clock, InjectMeili } from '@app/core';
import type { Meilisearch } from 'meilisearch';
import { DataSource, EntityManager } from 'typeorm';
import { SearchKind } from './domain/index-definitions';
import { generationsIndexUid } from './index-generations';
import { IndexSettingsService } from './index-settings.service';
import { awaitTasks } from './meili-tasks';
import { LIVE_INDEX_WRITE_LOCK } from './outbox-drainer.service';
import { SearchIndexer } from './search-indexer.service';
import { kindToSubject, SearchSources } from './search-sources';

const REINDEX_LOCK = 7_370_002;
const REINDEX_PAGE = 1_000;
/** Outbox rows this much older than the reindex start are caught up too (covers transactions still open then). */
const CATCH_UP_MARGIN_SECONDS = 300;

export interface ReindexReport {
  kind: SearchKind;
  documents: number;
  caughtUp: number;
  durationMs: number;
}

/**
 * Builds a fresh index per kind from the database, applies the settings, catches up the changes committed
 * meanwhile and swaps it with the live one in one Meilisearch task: searches never see an empty index.
 */
@Injectable()
export class ReindexService {
  private readonly logger = new Logger(ReindexService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectMeili() private readonly client: Meilisearch,
    private readonly sources: SearchSources,
    private readonly settings: IndexSettingsService,
    private readonly indexer: SearchIndexer,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async reindexAll(): Promise<ReindexReport[] | 'busy'> {
    // A session lock on a dedicated connection: only one reindex at a time across processes.
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [REINDEX_LOCK])) as Array<{
        locked: boolean;
      }>;
      if (!locked) return 'busy';
      try {
        const reports: ReindexReport[] = [];
        for (const kind of this.sources.kinds) reports.push(await this.reindex(kind));
        return reports;
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [REINDEX_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }

  private async reindex(kind: SearchKind): Promise<ReindexReport> {
    const startedAt = this.clock.now();
    const live = this.sources.liveUid(kind);
    const fresh = `${live}_${startedAt.getTime()}`;
    await this.settings.apply(kind, fresh);
    try {
      let documents = 0;
      let afterId: string | null = null;
      for (;;) {
        const ids = await this.sources.source(kind).searchableIds(this.dataSource.manager, afterId, REINDEX_PAGE);
        if (ids.length === 0) break;
        documents += (await this.indexer.sync(this.dataSource.manager, kind, ids, fresh)).upserted;
        afterId = ids[ids.length - 1];
      }
      // The live index must exist for the swap (first deployment, or Meilisearch lost its data).
      await this.settings.apply(kind, live);

      const caughtUp = await this.dataSource.transaction(async (manager) => {
        // Drainers are held off from here to the swap, so no change lands in the old index only.
        await manager.query('SELECT pg_advisory_xact_lock($1)', [LIVE_INDEX_WRITE_LOCK]);
        const changed = await manager.query<Array<{ subject_id: string }>>(
          `SELECT DISTINCT subject_id FROM outbox_events
           WHERE subject = $1 AND created_at >= $2::timestamptz - make_interval(secs => $3)`,
          [kindToSubject(kind), startedAt.toISOString(), CATCH_UP_MARGIN_SECONDS],
        );
        await this.indexer.sync(
          manager,
          kind,
          changed.map((row) => row.subject_id),
          fresh,
        );
        await awaitTasks(this.client, [this.client.swapIndexes([{ indexes: [live, fresh], rename: false }])]);
        await this.recordGeneration(manager, kind);
        return changed.length;
      });
      const durationMs = this.clock.now().getTime() - startedAt.getTime();
      this.logger.log({ kind, documents, caughtUp, durationMs }, `Reindexed ${live}`);
      return { kind, documents, caughtUp, durationMs };
    } finally {
      // After the swap `fresh` names the old contents; on failure, the half-built index. Either way: gone.
      await awaitTasks(this.client, [this.client.deleteIndex(fresh)], { tolerate: ['index_not_found'] }).catch(
        (error: unknown) => this.logger.warn({ err: error, index: fresh }, 'Could not delete the previous index'),
      );
    }
  }

  /**
   * A new generation for the index just swapped in, in Meilisearch and in the database (in the swap's
   * transaction): the index health check rebuilds an index whose generation the database does not know.
   */
  private async recordGeneration(manager: EntityManager, kind: SearchKind): Promise<void> {
    const generation = randomUUID();
    const uid = generationsIndexUid(this.config.MEILI_INDEX_PREFIX);
    await awaitTasks(this.client, [this.client.createIndex(uid, { primaryKey: 'id' })], {
      tolerate: ['index_already_exists'],
    });
    await awaitTasks(this.client, [this.client.index(uid).addDocuments([{ id: kind, generation }])]);
    await manager.query(
      `INSERT INTO search_index_generations (kind, generation, built_at) VALUES ($1, $2, now())
       ON CONFLICT (kind) DO UPDATE SET generation = EXCLUDED.generation, built_at = EXCLUDED.built_at`,
      [kind, generation],
    );
  }
}
