import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JobName, JobOutcome, JobPayloads, JobQueue, JOB_QUEUE, OnJob } from '@app/core';
import { AnalyticsService } from './analytics.service';

export const FUNNEL_REFRESH_SCHEDULER_ID = 'analytics.refresh-funnel';
/**
 * Every 5 minutes. Not for freshness (the funnel query refreshes the rollup itself before it reads): it keeps the
 * marks of a busy matching worker from piling up between two visits of the dashboard.
 */
export const FUNNEL_REFRESH_PATTERN = '*/5 * * * *';

@Injectable()
export class AnalyticsFunnelJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(AnalyticsFunnelJob.name);

  constructor(
    private readonly analytics: AnalyticsService,
    private readonly jobs: JobQueue,
  ) {}

  /** Registers the recurring run; upserting by a fixed id makes every worker boot idempotent. */
  async onApplicationBootstrap(): Promise<void> {
    await this.jobs
      .queue(JOB_QUEUE[JobName.RefreshAnalyticsFunnel])
      .upsertJobScheduler(
        FUNNEL_REFRESH_SCHEDULER_ID,
        { pattern: FUNNEL_REFRESH_PATTERN },
        { name: JobName.RefreshAnalyticsFunnel, data: {} satisfies JobPayloads[JobName.RefreshAnalyticsFunnel] },
      );
  }

  /** Also enqueued directly (e.g. by tests) to run once now. */
  @OnJob(JobName.RefreshAnalyticsFunnel)
  async refresh(_payload: JobPayloads[JobName.RefreshAnalyticsFunnel]): Promise<JobOutcome> {
    const refreshed = await this.analytics.refreshFunnel();
    if (refreshed === 0) return 'skipped';
    this.logger.log(`Refreshed the funnel rollup of ${refreshed} achievements`);
    return 'done';
  }
}
