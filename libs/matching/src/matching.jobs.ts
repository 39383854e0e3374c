import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { JobName, JobOutcome, JobPayloads, JobQueue, JOB_QUEUE, OnJob, OutboxSubject } from '@app/core';
import { DataSource } from 'typeorm';
import { MatchTargetType } from './domain/match-document';
import { MatchesService } from './matches.service';
import { MatchingEngine } from './matching-engine';

export const FOLLOW_INDEXED_SCHEDULER_ID = 'matching.follow-indexed';
/** The former nightly rematch schedule: the rematch now follows each full reindex (enqueued by search). */
export const REMATCH_ALL_SCHEDULER_ID = 'matching.rematch-all';
const FOLLOW_EVERY_MS = 2_000;
const FOLLOW_BATCH = 1_000;
const REMATCH_PAGE = 500;
/**
 * The rematch's backlog (every open demand) waits behind fresh work: jobs without a priority run first in BullMQ,
 * so a demand published during a rematch of 20,000 others is matched within seconds, not after all of them.
 */
export const REMATCH_PRIORITY = 100;

interface ProcessedRow {
  id: string;
  subject: OutboxSubject;
  subject_id: string;
}

/**
 * Matching follows the search index: once the drainer has indexed a change (its outbox row is processed), the
 * change becomes a matching job and the row is marked followed, so the engine always sees what it is asked to
 * match. Job ids name the outbox row, so following the same rows twice enqueues nothing new, while every later
 * edit enqueues again.
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
    // It ran at the same minute as the nightly reindex, beside it instead of after it.
    await queue.removeJobScheduler(REMATCH_ALL_SCHEDULER_ID);
  }

  @OnJob(JobName.FollowIndexedChanges)
  async followIndexedChanges(_payload: JobPayloads[JobName.FollowIndexedChanges]): Promise<JobOutcome> {
    // Indexed rows not yet followed, each marked on the row: a row that commits (or is indexed) after a row with a
    // higher id was followed is still found, which a cursor over ids would skip. SKIP LOCKED: two workers follow
    // disjoint rows. The marks commit only once the jobs are enqueued (their ids are deterministic, so a crash in
    // between only re-adds them).
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<ProcessedRow[]>(
        `SELECT id, subject, subject_id FROM outbox_events
         WHERE processed_at IS NOT NULL AND followed_at IS NULL
         ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [FOLLOW_BATCH],
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
      await manager.query('UPDATE outbox_events SET followed_at = now() WHERE id = ANY($1::bigint[])', [
        rows.map((row) => row.id),
      ]);
      return 'done';
    });
  }

  @OnJob(JobName.MatchDemand)
  matchDemand(payload: JobPayloads[JobName.MatchDemand]): Promise<JobOutcome> {
    return this.matches.matchDemand(payload.demandId);
  }

  @OnJob(JobName.MatchTarget)
  matchTarget(payload: JobPayloads[JobName.MatchTarget]): Promise<JobOutcome> {
    return this.matches.matchTarget(payload.targetType as MatchTargetType, payload.targetId);
  }

  /**
   * After a full reindex (search enqueues it when the reindex is done): rebuild the corpus statistics from the new
   * index, then enqueue every open demand.
   */
  @OnJob(JobName.RematchAll)
  async rematchAll(_payload: JobPayloads[JobName.RematchAll]): Promise<JobOutcome> {
    await this.engine.refreshCorpusStats();
    // One id per run: a rematch after a healing reindex must not be dropped as a repeat of the nightly one.
    const run = Date.now().toString(36);
    let after: string | null = null;
    let total = 0;
    for (;;) {
      const ids = await this.matches.openDemandIds(after, REMATCH_PAGE);
      if (ids.length === 0) break;
      await this.jobs.enqueueBulk(
        JobName.MatchDemand,
        ids.map((demandId) => ({
          data: { demandId },
          options: { jobId: `rematch.${run}.${demandId}`, priority: REMATCH_PRIORITY },
        })),
      );
      total += ids.length;
      after = ids[ids.length - 1];
    }
    this.logger.log(`Rematch: ${total} open demands enqueued`);
    return total === 0 ? 'skipped' : 'done';
  }
}
