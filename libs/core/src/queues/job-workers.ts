import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Job, Worker } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { bullConnection } from '../redis/redis-connection';
import { JOB_QUEUE, JobName, JobOutcome, QUEUE_CONCURRENCY, QueueName } from './job-names';
import { bullPrefix } from './job-queue';
import { ON_JOB } from './on-job.decorator';

type JobHandler = (data: unknown, job: Job) => Promise<JobOutcome | void>;

export class JobRegistryError extends Error {}

export interface JobRegistration<H> {
  job: string;
  owner: string;
  handler: H;
}

/** Exactly one handler per expected job, or an error listing every job that has none or several. */
export function resolveJobHandlers<J extends string, H>(
  registrations: JobRegistration<H>[],
  expected: readonly J[],
): Map<J, H> {
  const problems: string[] = [];
  const handlers = new Map<J, H>();
  for (const job of expected) {
    const mine = registrations.filter((registration) => registration.job === job);
    if (mine.length === 0) problems.push(`job "${job}" has no handler`);
    else if (mine.length > 1)
      problems.push(`job "${job}" has ${mine.length} handlers: ${mine.map((r) => r.owner).join(', ')}`);
    else handlers.set(job, mine[0].handler);
  }
  for (const registration of registrations) {
    if (!expected.includes(registration.job as J))
      problems.push(`${registration.owner} handles unknown job "${registration.job}"`);
  }
  if (problems.length > 0) throw new JobRegistryError(`Job registry is inconsistent:\n  - ${problems.join('\n  - ')}`);
  return handlers;
}

/**
 * Finds every `@OnJob` method, refuses to start unless each job has exactly one handler, then runs one BullMQ
 * worker per queue that dispatches by job name.
 */
@Injectable()
export class JobWorkers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobWorkers.name);
  private readonly workers: Worker[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
  ) {}

  discoverHandlers(): Map<JobName, JobHandler> {
    const registrations: JobRegistration<JobHandler>[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        const method = (instance as Record<string, unknown>)[methodName];
        if (typeof method !== 'function') continue;
        const job = this.reflector.get<JobName | undefined>(ON_JOB, method as () => unknown);
        if (!job) continue;
        registrations.push({
          job,
          owner: `${instance.constructor.name}.${methodName}`,
          handler: (method as JobHandler).bind(instance),
        });
      }
    }
    return resolveJobHandlers(registrations, Object.values(JobName));
  }

  onApplicationBootstrap(): void {
    const handlers = this.discoverHandlers();
    for (const queueName of Object.values(QueueName)) {
      const worker = new Worker(
        queueName,
        async (job: Job) => {
          const handler = handlers.get(job.name as JobName);
          if (!handler || JOB_QUEUE[job.name as JobName] !== queueName) {
            throw new Error(`No handler for job "${job.name}" on queue "${queueName}"`);
          }
          return (await handler(job.data, job)) ?? 'done';
        },
        {
          connection: bullConnection(this.config.REDIS_URL),
          prefix: bullPrefix(this.config),
          concurrency: QUEUE_CONCURRENCY[queueName],
        },
      );
      worker.on('failed', (job, error) =>
        this.logger.warn({ queue: queueName, job: job?.name, jobId: job?.id, attempts: job?.attemptsMade, err: error }),
      );
      worker.on('error', (error) => this.logger.error({ queue: queueName, err: error }));
      this.workers.push(worker);
    }
    this.logger.log(`Consuming ${this.workers.length} queues with ${handlers.size} job handlers`);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
  }
}
