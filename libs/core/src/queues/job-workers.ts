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
    const found = new Map<JobName, { handler: JobHandler; owners: string[] }>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        const method = (instance as Record<string, unknown>)[methodName];
        if (typeof method !== 'function') continue;
        const jobName = this.reflector.get<JobName | undefined>(ON_JOB, method as () => unknown);
        if (!jobName) continue;
        const owner = `${instance.constructor.name}.${methodName}`;
        const entry = found.get(jobName);
        if (entry) entry.owners.push(owner);
        else found.set(jobName, { handler: (method as JobHandler).bind(instance), owners: [owner] });
      }
    }
    const problems: string[] = [];
    for (const name of Object.values(JobName)) {
      const entry = found.get(name);
      if (!entry) problems.push(`job "${name}" has no handler`);
      else if (entry.owners.length > 1) problems.push(`job "${name}" has ${entry.owners.length} handlers: ${entry.owners.join(', ')}`);
    }
    if (problems.length > 0) throw new JobRegistryError(`Job registry is inconsistent:\n  - ${problems.join('\n  - ')}`);
    return new Map([...found].map(([name, entry]) => [name, entry.handler]));
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
