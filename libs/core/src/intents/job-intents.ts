import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';
import { JobName, JobPayloads } from '../queues/job-names';
import { withRequestId } from '../logging/request-context';
import { JobQueue } from '../queues/job-queue';

const RELAY_BATCH = 200;

/**
 * Records that job `name` must run once this transaction commits (never if it rolls back). Call it with the
 * EntityManager of the transaction that made the change, then `JobIntentRelay.relayNow()` after the commit.
 * `jobId` must be deterministic (BullMQ adds a second job with the same id only once the first is gone).
 */
export async function recordJobIntent<N extends JobName>(
  manager: EntityManager,
  name: N,
  data: JobPayloads[N],
  options: { jobId: string; runAt?: Date | null },
): Promise<void> {
  await manager.query('INSERT INTO job_intents (job_name, payload, job_id, run_at) VALUES ($1, $2::jsonb, $3, $4)', [
    name,
    // The request that caused the job travels with it, into the worker's log lines.
    JSON.stringify(withRequestId(data)),
    options.jobId,
    options.runAt ?? null,
  ]);
}

interface PendingIntent {
  id: string;
  job_name: JobName;
  payload: Record<string, unknown>;
  job_id: string;
  run_at: Date | null;
}

/**
 * The one relay from `job_intents` to BullMQ, used by every lib: the process that committed calls `relayNow()`
 * (bounded: with Redis down it returns after the producer's command timeout, the intent stays), and the worker
 * sweeps every JOB_INTENT_RELAY_INTERVAL_MS. Rows are taken `FOR UPDATE SKIP LOCKED`, so relays in several
 * processes never take the same row at once; a row is marked relayed only after BullMQ accepted its job.
 */
@Injectable()
export class JobIntentRelay {
  private readonly logger = new Logger(JobIntentRelay.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
  ) {}

  /** After a commit: relays what is pending; never throws (what fails waits for the worker's sweep). */
  async relayNow(): Promise<number> {
    try {
      return (await this.relayPending()).relayed;
    } catch (error) {
      this.logger.warn({ err: error }, 'Job intents not relayed now; the worker relays them later');
      return 0;
    }
  }

  /** Relays pending intents batch by batch until none is left or one fails (Redis down: the rest waits). */
  async relayPending(maxBatches = 50): Promise<{ relayed: number; failed: number }> {
    const total = { relayed: 0, failed: 0 };
    for (let batch = 0; batch < maxBatches; batch++) {
      const result = await this.relayBatch();
      total.relayed += result.relayed;
      total.failed += result.failed;
      if (result.failed > 0 || result.relayed < RELAY_BATCH) break;
    }
    return total;
  }

  /** How many intents wait to be relayed, and the age of the oldest (for metrics and tests). */
  async pending(): Promise<{ count: number; oldestAgeSeconds: number }> {
    const [row] = await this.dataSource.query<Array<{ count: number; oldest: number | null }>>(
      `SELECT count(*)::int AS count, extract(epoch FROM now() - min(created_at))::float AS oldest
       FROM job_intents WHERE relayed_at IS NULL`,
    );
    return { count: row.count, oldestAgeSeconds: row.oldest ?? 0 };
  }

  private relayBatch(): Promise<{ relayed: number; failed: number }> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<PendingIntent[]>(
        `SELECT id, job_name, payload, job_id, run_at FROM job_intents WHERE relayed_at IS NULL
         ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [RELAY_BATCH],
      );
      const relayed: string[] = [];
      let failed = 0;
      for (const row of rows) {
        const delay = row.run_at ? Math.max(0, new Date(row.run_at).getTime() - this.clock.now().getTime()) : 0;
        try {
          await this.jobs.enqueue(row.job_name, row.payload, { jobId: row.job_id, delay });
          relayed.push(row.id);
        } catch (error) {
          failed += 1;
          await manager.query('UPDATE job_intents SET attempts = attempts + 1, last_error = $2 WHERE id = $1', [
            row.id,
            error instanceof Error ? error.message.slice(0, 1000) : String(error),
          ]);
          break;
        }
      }
      if (relayed.length > 0)
        await manager.query('UPDATE job_intents SET relayed_at = now() WHERE id = ANY($1::bigint[])', [relayed]);
      return { relayed: relayed.length, failed };
    });
  }

  /** Relayed intents are history; a week of it is kept. */
  async purgeRelayed(olderThanDays = 7): Promise<number> {
    const result = await this.dataSource.query<[unknown, number]>(
      `DELETE FROM job_intents WHERE relayed_at IS NOT NULL AND relayed_at < now() - make_interval(days => $1)`,
      [olderThanDays],
    );
    return result[1];
  }
}
