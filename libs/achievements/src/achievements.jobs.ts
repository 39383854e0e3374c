import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JobName, JobOutcome, JobPayloads, JobQueue, OnJob, QueueName } from '@app/core';
import { AchievementsService } from './achievements.service';

export const ACHIEVEMENTS_SWEEP_SCHEDULER_ID = 'achievements-sweep';
/** Hourly: a listing turns STALE within an hour of its period running out. */
export const ACHIEVEMENTS_SWEEP_EVERY_MS = 3600_000;

/** The worker's side of achievements: the notice window's end and the periodic sweep. */
@Injectable()
export class AchievementsJobs implements OnApplicationBootstrap {
  private readonly logger = new Logger(AchievementsJobs.name);

  constructor(
    private readonly service: AchievementsService,
    private readonly jobs: JobQueue,
  ) {}

  /** Registers the sweep schedule; upserting by id keeps a single schedule however often workers boot. */
  async onApplicationBootstrap(): Promise<void> {
    await this.jobs
      .queue(QueueName.Achievements)
      .upsertJobScheduler(
        ACHIEVEMENTS_SWEEP_SCHEDULER_ID,
        { every: ACHIEVEMENTS_SWEEP_EVERY_MS },
        { name: JobName.SweepAchievements, data: {} },
      );
  }

  @OnJob(JobName.EndAchievementNotice)
  endNotice(payload: JobPayloads[JobName.EndAchievementNotice]): Promise<JobOutcome> {
    return this.service.endNotice(payload.achievementId, payload.noticeRound);
  }

  @OnJob(JobName.SweepAchievements)
  async sweep(): Promise<JobOutcome> {
    const result = await this.service.sweep();
    if (result.staled + result.noticesEnded > 0) this.logger.log(result);
    return result.staled + result.noticesEnded > 0 ? 'done' : 'skipped';
  }
}
