import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { bullConnection } from '../redis/redis-connection';
import { JOB_QUEUE, JobName, JobPayloads, QueueName } from './job-names';

/** Retries with backoff by default, and bounded retention so Redis does not grow without end. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 24 * 3600, count: 1_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
};

export function bullPrefix(config: AppConfig): string {
  return `${config.REDIS_PREFIX}:bull`;
}

/** The producer side: the API and the worker enqueue through this, never through raw queues. */
@Injectable()
export class JobQueue implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(private readonly config: AppConfig) {}

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: bullConnection(this.config.REDIS_URL),
        prefix: bullPrefix(this.config),
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      });
      this.queues.set(name, queue);
    }
    return queue;
  }

  /**
   * Enqueue one job. Pass a deterministic `jobId` for anything that could be enqueued twice: BullMQ ignores a
   * second add with the same id while the first is still kept.
   */
  async enqueue<N extends JobName>(name: N, data: JobPayloads[N], options: JobsOptions = {}): Promise<void> {
    await this.queue(JOB_QUEUE[name]).add(name, data, options);
  }

  async enqueueBulk<N extends JobName>(
    name: N,
    jobs: ReadonlyArray<{ data: JobPayloads[N]; options?: JobsOptions }>,
  ): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue(JOB_QUEUE[name]).addBulk(jobs.map((job) => ({ name, data: job.data, opts: job.options })));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}
