import { MeiliRequestError } from '@app/core';
import type { EnqueuedTask, Meilisearch, Task } from 'meilisearch';

/** A Meilisearch task that ended in any state but `succeeded`. */
export class MeiliTaskFailedError extends Error {
  constructor(
    readonly task: Pick<Task, 'uid' | 'status' | 'type' | 'indexUid'>,
    readonly code: string | undefined,
    detail: string,
  ) {
    super(`Meilisearch task ${task.uid} (${task.type} on ${task.indexUid ?? '-'}) ${task.status}: ${detail}`);
    this.name = 'MeiliTaskFailedError';
  }
}

export const TASK_TIMEOUT_MS = 60_000;
// Short polls: the index lag a user sees includes this interval.
const TASK_POLL_INTERVAL_MS = 10;

/** Waits for each task and throws unless every one succeeded. */
export async function awaitTasks(
  client: Meilisearch,
  enqueued: ReadonlyArray<EnqueuedTask | Promise<EnqueuedTask>>,
  options: { timeoutMs?: number; tolerate?: readonly string[] } = {},
): Promise<Task[]> {
  const tasks: Task[] = [];
  for (const pending of enqueued) {
    const { taskUid } = await pending;
    const task = await client.tasks.waitForTask(taskUid, {
      timeout: options.timeoutMs ?? TASK_TIMEOUT_MS,
      interval: TASK_POLL_INTERVAL_MS,
    });
    const code = task.error?.code;
    if (task.status !== 'succeeded' && !(code && options.tolerate?.includes(code))) {
      throw new MeiliTaskFailedError(task, code, task.error?.message ?? 'no error given');
    }
    tasks.push(task);
  }
  return tasks;
}

/** The Meilisearch error code of a failed call (`index_not_found`, …), wherever the client wrapped it. */
export function meiliErrorCode(error: unknown): string | undefined {
  for (let current: unknown = error; current; current = (current as { cause?: unknown }).cause) {
    if (current instanceof MeiliRequestError) return current.code;
    const code = (current as { cause?: { code?: unknown } }).cause?.code;
    if (current instanceof MeiliTaskFailedError) return current.code;
    if (typeof code === 'string' && (current as Error).name === 'MeiliSearchApiError') return code;
  }
  return undefined;
}

export function describeError(error: unknown): string {
  const messages: string[] = [];
  for (let current: unknown = error; current && messages.length < 4; current = (current as { cause?: unknown }).cause) {
    messages.push(current instanceof Error ? current.message : JSON.stringify(current));
  }
  return messages.join(' <- ').slice(0, 2000);
}
