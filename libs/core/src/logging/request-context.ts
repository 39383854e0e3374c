import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What travels with one HTTP request into everything it causes (jobs included) and into their log lines. */
export interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** A client's X-Request-Id is kept only when it is short and plain (it ends up in logs and job data). */
const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export const REQUEST_ID_HEADER = 'x-request-id';

/** The incoming id when valid, else a new UUID. */
export function requestIdFrom(incoming: unknown): string {
  return typeof incoming === 'string' && VALID_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

export function runWithRequestContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

/** The request id of the request (or job) being handled, if any. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** A job's data with the current request id added (a payload that names one already keeps its own). */
export function withRequestId<T>(data: T): T {
  const requestId = currentRequestId();
  if (!requestId || data === null || typeof data !== 'object' || Array.isArray(data)) return data;
  if ('requestId' in data) return data;
  return { ...data, requestId };
}

/** The request id a job's data carries, when valid. */
export function requestIdOfJob(data: unknown): string | undefined {
  const value = (data as { requestId?: unknown } | null)?.requestId;
  return typeof value === 'string' && VALID_REQUEST_ID.test(value) ? value : undefined;
}
