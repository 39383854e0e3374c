import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, InjectMeili, OutboxSubject } from '@app/core';
import type { Meilisearch } from 'meilisearch';
import { DataSource, EntityManager } from 'typeorm';
import { IndexSettingsService } from './index-settings.service';
import { describeError } from './meili-tasks';
import { SearchIndexer } from './search-indexer.service';
import { KIND_OF_SUBJECT, SearchSources } from './search-sources';

/**
 * One drainer at a time writes to the live indexes (and the reindex takes the same lock for its catch-up and
 * swap): with every writer re-reading the database under this lock, Meilisearch receives states in commit
 * order, so a document never goes back to an older version.
 */
export const LIVE_INDEX_WRITE_LOCK = 7_370_001;
export const DEFAULT_DRAIN_BATCH = 500;

export interface DrainResult {
  status: 'busy' | 'idle' | 'drained';
  processed: number;
  failed: number;
}

interface PendingRow {
  id: string;
  subject: OutboxSubject;
  subject_id: string;
}

@Injectable()
export class OutboxDrainer {
  private readonly logger = new Logger(OutboxDrainer.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly indexer: SearchIndexer,
    private readonly settings: IndexSettingsService,
    private readonly sources: SearchSources,
    private readonly config: AppConfig,
    @InjectMeili() private readonly client: Meilisearch,
  ) {}

  /**
   * Takes the oldest pending rows (those that failed before last), syncs their objects subject by subject, and
   * marks rows processed once their Meilisearch tasks succeeded. When a subject's batch fails, its rows are synced
   * one by one, so that one bad row never holds back the others; a row failing `OUTBOX_MAX_ATTEMPTS` times is
   * dead-lettered (an ADMIN lists and retries it through GraphQL).
   */
  async drainOnce(batchSize = DEFAULT_DRAIN_BATCH): Promise<DrainResult> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query<Array<{ locked: boolean }>>(
        'SELECT pg_try_advisory_xact_lock($1) AS locked',
        [LIVE_INDEX_WRITE_LOCK],
      );
      if (!locked) return { status: 'busy', processed: 0, failed: 0 };
      const rows = await manager.query<PendingRow[]>(
        `SELECT id, subject, subject_id FROM outbox_events WHERE processed_at IS NULL AND dead_at IS NULL
         ORDER BY attempts, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [batchSize],
      );
      if (rows.length === 0) return { status: 'idle', processed: 0, failed: 0 };

      let failed = 0;
      let settingsError: Error | null = null;
      try {
        await this.settings.ensureLiveIndexes();
      } catch (error) {
        settingsError = error instanceof Error ? error : new Error(String(error));
      }
      const sync = async (subject: OutboxSubject, group: PendingRow[]) => {
        if (settingsError) throw settingsError;
        const kind = KIND_OF_SUBJECT[subject];
        // A savepoint: a database error reading one group's objects must not abort the whole batch.
        await manager.query('SAVEPOINT outbox_sync');
        try {
          // A kind without a registered source (its domain is not deployed) has nothing to index.
          if (this.sources.has(kind))
            await this.indexer.sync(
              manager,
              kind,
              group.map((row) => row.subject_id),
            );
          await markProcessed(
            manager,
            group.map((row) => row.id),
          );
          await manager.query('RELEASE SAVEPOINT outbox_sync');
        } catch (error) {
          await manager.query('ROLLBACK TO SAVEPOINT outbox_sync');
          throw error;
        }
      };
      for (const [subject, group] of groupBySubject(rows)) {
        try {
          await sync(subject, group);
        } catch (error) {
          // While Meilisearch is down every row fails alike: that is no reason to dead-letter any of them.
          const meiliUp = !settingsError && (await this.client.isHealthy());
          const maxAttempts = meiliUp ? this.config.OUTBOX_MAX_ATTEMPTS : 2_147_483_647; // int4: never reached
          let rest = group;
          if (meiliUp && group.length > 1) {
            // Find the bad rows: one by one, so the others are indexed now.
            rest = [];
            for (const row of group) {
              try {
                await sync(subject, [row]);
              } catch (rowError) {
                failed += 1;
                await markFailed(manager, [row.id], describeError(rowError), maxAttempts);
              }
            }
          }
          if (rest.length > 0) {
            failed += rest.length;
            await markFailed(
              manager,
              rest.map((row) => row.id),
              describeError(error),
              maxAttempts,
            );
          }
          this.logger.warn({ subject, rows: group.length, err: error }, 'Search sync failed; failed rows stay pending');
        }
      }
      return { status: 'drained', processed: rows.length - failed, failed };
    });
  }

  /** Drains batch after batch until nothing is pending, another drainer holds the lock, or a batch fails. */
  async drainUntilIdle(maxBatches = 100): Promise<{ processed: number; failed: number }> {
    const total = { processed: 0, failed: 0 };
    for (let batch = 0; batch < maxBatches; batch++) {
      const result = await this.drainOnce();
      total.processed += result.processed;
      total.failed += result.failed;
      if (result.status !== 'drained' || result.failed > 0) break;
    }
    return total;
  }

  /** Processed rows are only history; keep a week of it. */
  async purgeProcessed(olderThanDays = 7): Promise<number> {
    const result = await this.dataSource.query<[unknown, number]>(
      `DELETE FROM outbox_events WHERE processed_at IS NOT NULL AND processed_at < now() - make_interval(days => $1)`,
      [olderThanDays],
    );
    return result[1];
  }
}

function groupBySubject(rows: PendingRow[]): Map<OutboxSubject, PendingRow[]> {
  const groups = new Map<OutboxSubject, PendingRow[]>();
  for (const row of rows) {
    const group = groups.get(row.subject) ?? [];
    group.push(row);
    groups.set(row.subject, group);
  }
  return groups;
}

async function markProcessed(manager: EntityManager, ids: string[]): Promise<void> {
  await manager.query(
    `UPDATE outbox_events SET processed_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY($1::bigint[])`,
    [ids],
  );
}

/** One more failed attempt; the last allowed one dead-letters the row. */
async function markFailed(manager: EntityManager, ids: string[], error: string, maxAttempts: number): Promise<void> {
  await manager.query(
    `UPDATE outbox_events SET attempts = attempts + 1, last_error = $2,
       dead_at = CASE WHEN attempts + 1 >= $3 THEN now() ELSE NULL END
     WHERE id = ANY($1::bigint[])`,
    [ids, error, maxAttempts],
  );
}
