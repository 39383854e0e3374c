import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { JobName, JobOutcome, JobPayloads, JobQueue, JOB_QUEUE, OnJob, OutboxSubject } from '@app/core';
import { DataSource } from 'typeorm';
import { MatchTargetType } from './domain/match-document';
import { MatchesService } from './matches.service';
import { MatchingEngine } from './matching-engine';

export const FOLLOW_INDEXED_SCHEDULER_ID = 'matching.follow-indexed';
export const REMATCH_ALL_SCHEDULER_ID = 'matching.rematch-all';
/** 03:30 every night, after the nightly search reindex. */
export const REMATCH_ALL_PATTERN = '30 3 * * *';
const FOLLOW_EVERY_MS = 2_000;
const FOLLOW_BATCH = 1_000;
const REMATCH_PAGE = 500;
/** This consumer's row in `outbox_consumers`: the last processed outbox row turned into matching jobs. */
const FOLLOW_CONSUMER = 'matching';

interface ProcessedRow {
  id: string;
  subject: OutboxSubject;
  subject_id: string;
  processed_at: Date;
}

/**
 * Matching follows the search index: once the drainer has indexed a change (its outbox row is processed), the
 * change becomes a matching job, so the engine always sees what it is asked to match. Job ids name the outbox
 * row, so following the same rows twice enqueues nothing new, while every later edit enqueues again.
 */
@Injectable()
export class MatchingJobs implements OnApplicationBootstrap {
  private readonly logger = new Logger(MatchingJobs.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly matches: MatchesService,
    private readonly engine: MatchingEngine,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const queue = this.jobs.queue(JOB_QUEUE[JobName.FollowIndexedChanges]);
    await queue.upsertJobScheduler(
      FOLLOW_INDEXED_SCHEDULER_ID,
      { every: FOLLOW_EVERY_MS },
      {
        name: JobName.FollowIndexedChanges,
        data: {},
        opts: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
      },
    );
    await queue.upsertJobScheduler(
      REMATCH_ALL_SCHEDULER_ID,
      { pattern: REMATCH_ALL_PATTERN },
      { name: JobName.RematchAll, data: {} satisfies JobPayloads[JobName.RematchAll], opts: { attempts: 2 } },
    );
  }

  @OnJob(JobName.FollowIndexedChanges)
  async followIndexedChanges(_payload: JobPayloads[JobName.FollowIndexedChanges]): Promise<JobOutcome> {
    const [state] = await this.dataSource.query<Array<{ last_event_id: string }>>(
      'SELECT last_event_id FROM outbox_consumers WHERE consumer = $1',
      [FOLLOW_CONSUMER],
    );
    const cursor = state?.last_event_id ?? '0';
    // Processed rows in id order after the cursor; a row still pending (failed) stops the scan there, so it is
    // not skipped when it succeeds later.
    const rows = await this.dataSource.query<ProcessedRow[]>(
      `SELECT id, subject, subject_id, processed_at FROM outbox_events
       WHERE id > $1 AND id < COALESCE((SELECT min(id) FROM outbox_events WHERE processed_at IS NULL AND id > $1), 9223372036854775807)
       ORDER BY id LIMIT $2`,
      [cursor, FOLLOW_BATCH],
    );
    if (rows.length === 0) return 'skipped';
    const demandJobs: Array<{ data: JobPayloads[JobName.MatchDemand]; options: { jobId: string } }> = [];
    const targetJobs: Array<{ data: JobPayloads[JobName.MatchTarget]; options: { jobId: string } }> = [];
    const seen = new Set<string>();
    for (const row of [...rows].reverse()) {
      // Several changes of one object in a batch need one job (the newest row names it).
      const key = `${row.subject}:${row.subject_id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (row.subject === OutboxSubject.DEMAND) {
        demandJobs.push({
          data: { demandId: row.subject_id },
          options: { jobId: `match-demand.${row.subject_id}.${row.id}` },
        });
      } else {
        const targetType =
          row.subject === OutboxSubject.ACHIEVEMENT ? MatchTargetType.ACHIEVEMENT : MatchTargetType.EXPERT;
        targetJobs.push({
          data: { targetType, targetId: row.subject_id },
          options: { jobId: `match-target.${row.subject_id}.${row.id}` },
        });
      }
    }
    await this.jobs.enqueueBulk(JobName.MatchDemand, demandJobs);
    await this.jobs.enqueueBulk(JobName.MatchTarget, targetJobs);
    // After the jobs are enqueued (their ids are deterministic, so a crash before this line only re-adds them).
    await this.dataSource.query(
      `INSERT INTO outbox_consumers (consumer, last_event_id) VALUES ($1, $2)
       ON CONFLICT (consumer) DO UPDATE SET last_event_id = GREATEST(outbox_consumers.last_event_id, EXCLUDED.last_event_id)`,
      [FOLLOW_CONSUMER, rows[rows.length - 1].id],
    );
    return 'done';
  }

  @OnJob(JobName.MatchDemand)
  matchDemand(payload: JobPayloads[JobName.MatchDemand]): Promise<JobOutcome> {
    return this.matches.matchDemand(payload.demandId);
  }

  @OnJob(JobName.MatchTarget)
  matchTarget(payload: JobPayloads[JobName.MatchTarget]): Promise<JobOutcome> {
    return this.matches.matchTarget(payload.targetType as MatchTargetType, payload.targetId);
  }

  /** Corpus statistics drift as the catalogue grows: rebuild them, then enqueue every open demand. */
  @OnJob(JobName.RematchAll)
  async rematchAll(_payload: JobPayloads[JobName.RematchAll]): Promise<JobOutcome> {
    await this.engine.refreshCorpusStats();
    const day = new Date().toISOString().slice(0, 10);
    let after: string | null = null;
    let total = 0;
    for (;;) {
      const ids = await this.matches.openDemandIds(after, REMATCH_PAGE);
      if (ids.length === 0) break;
      await this.jobs.enqueueBulk(
        JobName.MatchDemand,
        ids.map((demandId) => ({ data: { demandId }, options: { jobId: `rematch.${day}.${demandId}` } })),
      );
      total += ids.length;
      after = ids[ids.length - 1];
    }
    this.logger.log(`Nightly rematch: ${total} open demands enqueued`);
    return total === 0 ? 'skipped' : 'done';
  }
}
