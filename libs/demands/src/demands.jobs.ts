import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JobName, JobOutcome, JobPayloads, JobQueue, JOB_QUEUE, OnJob } from '@app/core';
import { DemandsService } from './demands.service';

export const DEMAND_EXPIRY_SCHEDULER_ID = 'demands.expire-overdue';
/** Every 15 minutes: deadlines are dates, so a quarter-hour delay is invisible to users. */
export const DEMAND_EXPIRY_PATTERN = '*/15 * * * *';

@Injectable()
export class DemandExpiryJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemandExpiryJob.name);

  constructor(
    private readonly demands: DemandsService,
    private readonly jobs: JobQueue,
  ) {}

  /** Registers the recurring run; upserting by a fixed id makes every worker boot idempotent. */
  async onApplicationBootstrap(): Promise<void> {
    await this.jobs
      .queue(JOB_QUEUE[JobName.ExpireOverdueDemands])
      .upsertJobScheduler(
        DEMAND_EXPIRY_SCHEDULER_ID,
        { pattern: DEMAND_EXPIRY_PATTERN },
        { name: JobName.ExpireOverdueDemands, data: {} satisfies JobPayloads[JobName.ExpireOverdueDemands] },
      );
  }

  /** Also enqueued directly (e.g. by tests) to run once now. */
  @OnJob(JobName.ExpireOverdueDemands)
  async expireOverdue(_payload: JobPayloads[JobName.ExpireOverdueDemands]): Promise<JobOutcome> {
    const expired = await this.demands.expireOverdue();
    if (expired.length === 0) return 'skipped';
    this.logger.log(`Expired ${expired.length} overdue demands`);
    return 'done';
  }
}
