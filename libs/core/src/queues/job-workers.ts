import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ConnectionOptions, Job, WaitingError, Worker } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { requestIdOfJob, runWithRequestContext } from '../logging/request-context';
import { bullConnection, closeBullConnection } from '../redis/redis-connection';
import { JOB_QUEUE, JobName, JobOutcome, QUEUE_CONCURRENCY, QueueName } from './job-names';
import { bullPrefix } from './job-queue';
import { ON_JOB } from './on-job.decorator';

/**
 * How long a job's lock lives without renewal: a dead worker's job goes to another worker after this (BullMQ's
 * default, stated here because the digests' abandonment threshold depends on it).
 */
export const JOB_LOCK_MS = 30_000;

type JobHandler = (data: unknown, job: Job) => Promise<JobOutcome | void>;

/** The reason a running job's signal is aborted with when a shutdown's bound has passed. */
export const HAND_BACK_REASON = 'worker shutting down: job handed back';

/** Settles (rejects) when the signal aborts: a running job stops waiting for its handler. */
function whenAborted(signal: AbortSignal | undefined): Promise<never> {
  return new Promise<never>((_, reject) => {
    if (!signal) return;
    const abort = () => reject(new HandBack());
    if (signal.aborted) abort();
    else signal.addEventListener('abort', abort, { once: true });
  });
}

class HandBack extends Error {}

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
export class JobWorkers implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(JobWorkers.name);
  private readonly workers: Worker[] = [];
  private readonly connections: ConnectionOptions[] = [];
  /** Jobs handed back at the last shutdown (for the drill's report). */
  handedBack = 0;

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
      const connection = bullConnection(this.config);
      this.connections.push(connection);
      const worker = new Worker(
        queueName,
        // The third parameter (the abort signal) makes BullMQ track a controller per job: a shutdown past its bound
        // aborts it, and the job goes back to its queue (not failed, no attempt spent) for another worker.
        async (job: Job, token?: string, signal?: AbortSignal) => {
          const handler = handlers.get(job.name as JobName);
          if (!handler || JOB_QUEUE[job.name as JobName] !== queueName) {
            throw new Error(`No handler for job "${job.name}" on queue "${queueName}"`);
          }
          const run = async () => {
            const outcome = (await handler(job.data, job)) ?? 'done';
            // Jobs a request caused are logged (with its id); the many periodic ones only at debug level.
            const line = { queue: queueName, job: job.name, jobId: job.id, outcome, msg: 'job done' };
            if (requestId) this.logger.log(line);
            else this.logger.debug(line);
            return outcome;
          };
          // A job caused by a request logs with that request's id.
          const requestId = requestIdOfJob(job.data);
          const running = requestId ? runWithRequestContext({ requestId }, run) : run();
          try {
            return await Promise.race([running, whenAborted(signal)]);
          } catch (error) {
            if (!(error instanceof HandBack) || !token) throw error;
            // The handler may still be running; handlers are idempotent (the database holds the truth), so another
            // worker running the job again is safe, and nothing is lost.
            running.catch(() => undefined);
            await job.moveToWait(token);
            this.handedBack++;
            this.logger.warn({ queue: queueName, job: job.name, jobId: job.id, requestId, msg: 'job handed back' });
            throw new WaitingError();
          }
        },
        {
          connection,
          prefix: bullPrefix(this.config),
          concurrency: QUEUE_CONCURRENCY[queueName],
          lockDuration: JOB_LOCK_MS,
        },
      );
      worker.on('failed', (job, error) =>
        this.logger.warn({
          queue: queueName,
          job: job?.name,
          jobId: job?.id,
          attempts: job?.attemptsMade,
          requestId: requestIdOfJob(job?.data),
          err: error,
        }),
      );
      worker.on('error', (error) => this.logger.error({ queue: queueName, err: error }));
      this.workers.push(worker);
    }
    this.logger.log(`Consuming ${this.workers.length} queues with ${handlers.size} job handlers`);
  }

  /**
   * SIGTERM (and every close): no new job is taken; running jobs get SHUTDOWN_TIMEOUT_MS to finish, then the ones
   * still running are handed back to their queues. Before every other shutdown hook, so jobs still have their
   * database and Redis connections while they finish.
   */
  async beforeApplicationShutdown(): Promise<void> {
    const closing = Promise.all(this.workers.map((worker) => worker.close()));
    const timer = setTimeout(() => {
      for (const worker of this.workers) worker.cancelAllJobs(HAND_BACK_REASON);
    }, this.config.SHUTDOWN_TIMEOUT_MS);
    try {
      await closing;
    } finally {
      clearTimeout(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
    await Promise.all(this.connections.map(closeBullConnection));
  }
}
