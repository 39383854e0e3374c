import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { JobName, JobOutcome, JobPayloads, JobQueue, OnJob, QueueName } from '@app/core';
import { DealsService } from './deals.service';

export const IDLE_DEALS_SCHEDULER_ID = 'brokerage.remind-idle-deals';
/** Hourly: a broker hears of an idle deal within an hour of it falling idle. */
export const IDLE_DEALS_EVERY_MS = 3600_000;

export const PRICE_NOTICE_SWEEP_SCHEDULER_ID = 'brokerage.sweep-price-notices';
/** Every 10 minutes: a price notice whose end job was lost ends at most this late. */
export const PRICE_NOTICE_SWEEP_EVERY_MS = 600_000;

/** The worker's side of brokerage: idle-deal reminders and the end of price notices (by job, and swept). */
@Injectable()
export class BrokerageJobs implements OnApplicationBootstrap {
  constructor(
    private readonly deals: DealsService,
    private readonly jobs: JobQueue,
  ) {}

  /** Upserting by id keeps one schedule however often workers boot. */
  async onApplicationBootstrap(): Promise<void> {
    await this.jobs
      .queue(QueueName.Brokerage)
      .upsertJobScheduler(
        IDLE_DEALS_SCHEDULER_ID,
        { every: IDLE_DEALS_EVERY_MS },
        { name: JobName.RemindIdleDeals, data: {} },
      );
    await this.jobs
      .queue(QueueName.Brokerage)
      .upsertJobScheduler(
        PRICE_NOTICE_SWEEP_SCHEDULER_ID,
        { every: PRICE_NOTICE_SWEEP_EVERY_MS },
        { name: JobName.SweepPriceNotices, data: {} },
      );
  }

  @OnJob(JobName.SweepPriceNotices)
  async sweepPriceNotices(_payload: JobPayloads[JobName.SweepPriceNotices]): Promise<JobOutcome> {
    return (await this.deals.endOverduePriceNotices()) > 0 ? 'done' : 'skipped';
  }

  @OnJob(JobName.RemindIdleDeals)
  async remindIdleDeals(_payload: JobPayloads[JobName.RemindIdleDeals]): Promise<JobOutcome> {
    return (await this.deals.remindIdleDeals()) > 0 ? 'done' : 'skipped';
  }

  @OnJob(JobName.EndDealPriceNotice)
  endPriceNotice(payload: JobPayloads[JobName.EndDealPriceNotice]): Promise<JobOutcome> {
    return this.deals.endPriceNotice(payload.dealId, payload.noticeRound);
  }
}
