import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ConnectionOptions, JobsOptions, Queue } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { bullConnection, closeBullConnection } from '../redis/redis-connection';
import { withRequestId } from '../logging/request-context';
import { JOB_QUEUE, JobName, JobPayloads, QueueName } from './job-names';

/** Retries with backoff by default, and bounded retention so Redis does not grow without end. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 24 * 3600, count: 1_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
};

/** Redis did not answer an enqueue within the producer's bound. */
export class RedisTimeoutError extends Error {
  constructor(limitMs: number) {
    super(`Redis did not answer within ${limitMs} ms`);
    this.name = 'RedisTimeoutError';
  }
}

export function bullPrefix(config: AppConfig): string {
  return `${config.REDIS_PREFIX}:bull`;
}

/** The producer side: the API and the worker enqueue through this, never through raw queues. */
@Injectable()
export class JobQueue implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();
  private readonly connections: ConnectionOptions[] = [];

  constructor(private readonly config: AppConfig) {}

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      // A producer gives up instead of waiting for Redis without end (workers keep BullMQ's retry-forever).
      const connection = bullConnection(this.config, { maxRetriesPerRequest: 1 });
      this.connections.push(connection);
      queue = new Queue(name, {
        connection,
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
    await this.bounded(this.queue(JOB_QUEUE[name]).add(name, withRequestId(data), options), 1);
  }

  async enqueueBulk<N extends JobName>(
    name: N,
    jobs: ReadonlyArray<{ data: JobPayloads[N]; options?: JobsOptions }>,
  ): Promise<void> {
    if (jobs.length === 0) return;
    await this.bounded(
      this.queue(JOB_QUEUE[name]).addBulk(
        jobs.map((job) => ({ name, data: withRequestId(job.data), opts: job.options })),
      ),
      1 + Math.floor(jobs.length / 500),
    );
  }

  /**
   * At most REDIS_COMMAND_TIMEOUT_MS (times `scale` for bulk adds): while Redis is down a caller gets an error
   * within the bound instead of waiting. What it was adding is kept by its caller (a job intent, an outbox row).
   */
  private bounded<T>(operation: Promise<T>, scale: number): Promise<T> {
    const limitMs = this.config.REDIS_COMMAND_TIMEOUT_MS * scale;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RedisTimeoutError(limitMs)), limitMs);
    });
    operation.catch(() => undefined); // a late rejection after the timeout must not be unhandled
    return Promise.race([operation, timeout]).finally(() => clearTimeout(timer));
  }

  /** Jobs waiting, active, delayed and failed in one queue (for metrics), within the producer's bound. */
  async countJobs(name: QueueName): Promise<Record<'waiting' | 'active' | 'delayed' | 'failed', number>> {
    const counts = await this.bounded(
      this.queue(name).getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed'),
      1,
    );
    return {
      // Prioritized jobs (a rematch's backlog) wait too, only behind the others.
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      failed: counts.failed ?? 0,
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    await Promise.all(this.connections.map(closeBullConnection));
  }
}
