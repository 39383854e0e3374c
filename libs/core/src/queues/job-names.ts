/**
 * Every queue and every job, with its payload, in one place: `JobQueue.enqueue(name, data)` is type-checked
 * against this map and the worker refuses to start when a job has no handler or two.
 * Payloads carry ids only; handlers re-read the database, which holds the truth.
 */
export enum QueueName {
  Maintenance = 'maintenance',
}

export enum JobName {
  /** Proves the worker is consuming; used by health checks and tests. */
  Heartbeat = 'maintenance.heartbeat',
}

export interface JobPayloads {
  [JobName.Heartbeat]: { requestedAt: string };
}

export const JOB_QUEUE: { readonly [N in JobName]: QueueName } = {
  [JobName.Heartbeat]: QueueName.Maintenance,
};

/** How many jobs of a queue one worker process runs at once (2 cores: keep it small). */
export const QUEUE_CONCURRENCY: { readonly [Q in QueueName]: number } = {
  [QueueName.Maintenance]: 1,
};

/** What a handler reports; `skipped` when the job no longer applies (the entity is gone, the state moved on). */
export type JobOutcome = 'done' | 'skipped';
