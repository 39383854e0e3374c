import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Clock, JobName, JobOutcome, JobPayloads, JobQueue, JOB_QUEUE, OnJob } from '@app/core';
import type { Job } from 'bullmq';
import { DigestBuilderService } from './digest-builder.service';
import { DigestDeliveryService } from './digest-delivery.service';
import { DigestPlanState } from './digest-plan-state';
import { hourSlot } from './domain/digest-defaults';

export const PLAN_DIGESTS_SCHEDULER_ID = 'digests.plan-hourly';
/** Every hour on the hour (UTC): each hour is a slot; recipients' local day and hour decide who is due. */
export const PLAN_DIGESTS_PATTERN = '0 * * * *';

@Injectable()
export class DigestsJobs implements OnApplicationBootstrap {
  private readonly logger = new Logger(DigestsJobs.name);

  constructor(
    private readonly planState: DigestPlanState,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    private readonly builder: DigestBuilderService,
    private readonly delivery: DigestDeliveryService,
  ) {}

  /** Upserting the scheduler by id at every boot keeps exactly one, whatever the number of restarts or workers. */
  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.queue(JOB_QUEUE[JobName.PlanDigests]).upsertJobScheduler(
      PLAN_DIGESTS_SCHEDULER_ID,
      { pattern: PLAN_DIGESTS_PATTERN, tz: 'UTC' },
      {
        name: JobName.PlanDigests,
        data: { catchUp: true } satisfies JobPayloads[JobName.PlanDigests],
        opts: { attempts: 3 },
      },
    );
  }

  /**
   * The slot is the hour the scheduler meant (its scheduled time), so a late run still plans the right hour. The
   * scheduled run (`catchUp`) plans every slot since the last one it planned, oldest first, remembering each once
   * planned: a worker down for a day, or a slot whose run failed, still sends those digests, once, late.
   */
  @OnJob(JobName.PlanDigests)
  async plan(payload: JobPayloads[JobName.PlanDigests], job?: Job): Promise<JobOutcome> {
    const scheduledAt = job ? job.timestamp + (job.opts.delay ?? 0) : this.clock.now().getTime();
    const slot = payload.slot ? hourSlot(new Date(payload.slot)) : hourSlot(new Date(scheduledAt));
    if (!payload.catchUp) return (await this.builder.plan(slot)) > 0 ? 'done' : 'skipped';
    let due = 0;
    for (const missed of await this.planState.slotsToPlan(slot)) {
      const count = await this.builder.plan(missed);
      if (missed.getTime() < slot.getTime())
        this.logger.warn({ slot: missed.toISOString(), recipients: count }, 'Planned a missed digest slot late');
      due += count;
      await this.planState.remember(missed);
    }
    return due > 0 ? 'done' : 'skipped';
  }

  @OnJob(JobName.BuildDigest)
  build(payload: JobPayloads[JobName.BuildDigest]): Promise<JobOutcome> {
    return this.builder.buildScheduled(payload.userId, payload.period, new Date(payload.slot));
  }

  @OnJob(JobName.BuildDigestBatch)
  async buildBatch(payload: JobPayloads[JobName.BuildDigestBatch]): Promise<JobOutcome> {
    const outcomes = await this.builder.buildScheduledBatch(payload.recipients, new Date(payload.slot));
    return [...outcomes.values()].includes('done') ? 'done' : 'skipped';
  }

  @OnJob(JobName.DeliverDigest)
  deliver(payload: JobPayloads[JobName.DeliverDigest], job?: Job): Promise<JobOutcome> {
    return this.delivery.deliver(payload.deliveryId, job);
  }

  @OnJob(JobName.DeliverDigestBatch)
  deliverBatch(payload: JobPayloads[JobName.DeliverDigestBatch]): Promise<JobOutcome> {
    return this.delivery.deliverBatch(payload.deliveryIds);
  }
}
