import { Injectable } from '@nestjs/common';
import type IORedis from 'ioredis';
import { Clock, InjectRedis, JobName, JobOutcome, JobPayloads, OnJob } from '@app/core';

export const HEARTBEAT_KEY = 'worker:heartbeat';

/** Records that a worker consumed a job: the launcher and tests use it to know the worker is live. */
@Injectable()
export class HeartbeatJob {
  constructor(
    @InjectRedis() private readonly redis: IORedis,
    private readonly clock: Clock,
  ) {}

  @OnJob(JobName.Heartbeat)
  async handle(payload: JobPayloads[JobName.Heartbeat]): Promise<JobOutcome> {
    await this.redis.set(
      HEARTBEAT_KEY,
      JSON.stringify({ requestedAt: payload.requestedAt, handledAt: this.clock.now().toISOString(), pid: process.pid }),
      'EX',
      3600,
    );
    return 'done';
  }
}
