import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig, JobName, JobOutcome, JobQueue, JOB_QUEUE, OnJob } from '@app/core';
import { IndexHealthService } from './index-health.service';
import { IndexSettingsService } from './index-settings.service';
import { OutboxDrainer } from './outbox-drainer.service';
import { ReindexService } from './reindex.service';

export const DRAIN_SCHEDULER_ID = 'search.drain-outbox';
export const REINDEX_SCHEDULER_ID = 'search.reindex-nightly';
export const HEAL_SCHEDULER_ID = 'search.heal-indexes';
const DRAIN_EVERY_MS = 1_000;
/** 03:30 every night, server time: the quietest hour. */
const REINDEX_PATTERN = '30 3 * * *';

@Injectable()
export class SearchJobs implements OnApplicationBootstrap {
  private readonly logger = new Logger(SearchJobs.name);

  constructor(
    private readonly queue: JobQueue,
    private readonly settings: IndexSettingsService,
    private readonly drainer: OutboxDrainer,
    private readonly reindexer: ReindexService,
    private readonly health: IndexHealthService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Meilisearch down at boot must not stop the worker: the drainer applies the settings before its first sync.
    await this.settings
      .applyToLiveIndexes()
      .catch((error: unknown) =>
        this.logger.warn({ err: error }, 'Could not apply search settings at boot; will retry before indexing'),
      );
    const drainQueue = this.queue.queue(JOB_QUEUE[JobName.DrainSearchOutbox]);
    await drainQueue.upsertJobScheduler(
      DRAIN_SCHEDULER_ID,
      { every: DRAIN_EVERY_MS },
      {
        name: JobName.DrainSearchOutbox,
        data: {},
        opts: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
      },
    );
    await this.queue
      .queue(JOB_QUEUE[JobName.ReindexSearch])
      .upsertJobScheduler(
        REINDEX_SCHEDULER_ID,
        { pattern: REINDEX_PATTERN },
        { name: JobName.ReindexSearch, data: {}, opts: { attempts: 2 } },
      );
    const searchQueue = this.queue.queue(JOB_QUEUE[JobName.HealSearchIndexes]);
    await searchQueue.upsertJobScheduler(
      HEAL_SCHEDULER_ID,
      { every: this.config.SEARCH_HEAL_INTERVAL_MS },
      {
        name: JobName.HealSearchIndexes,
        data: {},
        opts: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
      },
    );
    // And once now: a Meilisearch that lost its data while the worker was down is rebuilt without waiting.
    await this.queue.enqueue(
      JobName.HealSearchIndexes,
      { requestedAt: new Date().toISOString() },
      { jobId: `heal-at-boot.${Date.now()}`, attempts: 3, removeOnComplete: { count: 100 } },
    );
  }

  @OnJob(JobName.HealSearchIndexes)
  async heal(): Promise<JobOutcome> {
    const report = await this.health.heal();
    return report.reindexed === true ? 'done' : 'skipped';
  }

  @OnJob(JobName.DrainSearchOutbox)
  async drain(): Promise<JobOutcome> {
    const { processed, failed } = await this.drainer.drainUntilIdle();
    return processed + failed > 0 ? 'done' : 'skipped';
  }

  @OnJob(JobName.ReindexSearch)
  async reindex(): Promise<JobOutcome> {
    const reports = await this.reindexer.reindexAll();
    if (reports === 'busy') return 'skipped';
    this.settings.forget();
    // Matching reads the index: its statistics and matches follow the reindex, never run beside it.
    await this.health.enqueueRematchAfterReindex();
    await this.drainer.purgeProcessed();
    return 'done';
  }
}
