import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JobName, JobOutcome, JobPayloads, JobQueue, OnJob, QueueName } from '@app/core';
import { FollowUpsService } from './follow-ups.service';
import { RewardsService } from './rewards.service';

export const PROGRAMMES_SWEEP_SCHEDULER_ID = 'programmes-sweep';
/** Hourly: a follow-up step whose delayed job was lost is performed within the hour. */
export const PROGRAMMES_SWEEP_EVERY_MS = 3600_000;

/** The worker's side of the programmes: registered contracts taken in, follow-up steps, emails, the sweep. */
@Injectable()
export class ProgrammesJobs implements OnApplicationBootstrap {
  private readonly logger = new Logger(ProgrammesJobs.name);

  constructor(
    private readonly followUps: FollowUpsService,
    private readonly rewards: RewardsService,
    private readonly jobs: JobQueue,
  ) {}

  /** Registers the sweep schedule; upserting by id keeps a single schedule however often workers boot. */
  async onApplicationBootstrap(): Promise<void> {
    await this.jobs
      .queue(QueueName.Programmes)
      .upsertJobScheduler(
        PROGRAMMES_SWEEP_SCHEDULER_ID,
        { every: PROGRAMMES_SWEEP_EVERY_MS },
        { name: JobName.SweepProgrammes, data: {} },
      );
  }

  @OnJob(JobName.ContractRegistered)
  contractRegistered(payload: JobPayloads[JobName.ContractRegistered]): Promise<JobOutcome> {
    return this.followUps.takeIn(payload.dealId);
  }

  @OnJob(JobName.RegistrationAmended)
  registrationAmended(payload: JobPayloads[JobName.RegistrationAmended]): Promise<JobOutcome> {
    return this.rewards.followRegistrationAmendment(payload.dealId, payload.amendmentId);
  }

  @OnJob(JobName.FollowUpStep)
  followUpStep(payload: JobPayloads[JobName.FollowUpStep]): Promise<JobOutcome> {
    return this.followUps.step(payload.followUpId);
  }

  @OnJob(JobName.DeliverProgrammeEmail)
  deliverEmail(payload: JobPayloads[JobName.DeliverProgrammeEmail]): Promise<JobOutcome> {
    return this.followUps.deliverEmail(payload.messageId);
  }

  @OnJob(JobName.SweepProgrammes)
  async sweep(): Promise<JobOutcome> {
    const result = await this.followUps.sweep();
    const total = result.takenIn + result.steps + result.emails;
    if (total > 0) this.logger.log(result);
    return total > 0 ? 'done' : 'skipped';
  }
}
