import { createKeepAliveClient, HttpTimeoutError } from '../http/keep-alive-client';

/** A Meilisearch error answer, with the code Meilisearch gave (`index_not_found`, `invalid_search_filter`, …). */
export class MeiliRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'MeiliRequestError';
  }
}

type FetchInput = string | URL | Request;

/**
 * The `httpClient` the meilisearch client accepts, on the keep-alive client of `@app/core` (Node 20's global
 * fetch can stall tens of milliseconds per sequential request on loopback). Returns the parsed JSON body and
 * throws MeiliRequestError on a non-2xx answer (the client leaves error handling to a custom transport).
 */
export function createKeepAliveTransport(options: { maxSockets?: number; timeoutMs?: number } = {}) {
  const client = createKeepAliveClient(options);

  const request = async (input: FetchInput, init: RequestInit = {}): Promise<unknown> => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => (headers[key] = value));
    let answer;
    try {
      answer = await client.request(url, {
        method: init.method ?? 'GET',
        headers,
        body: typeof init.body === 'string' ? init.body : undefined,
        signal: init.signal ?? undefined,
      });
    } catch (error) {
      if (error instanceof HttpTimeoutError)
        throw new Error(`Meilisearch request timed out after ${error.timeoutMs} ms`);
      throw error;
    }
    let parsed: unknown = undefined;
    if (answer.text.length > 0) {
      try {
        parsed = JSON.parse(answer.text);
      } catch {
        parsed = answer.text;
      }
    }
    if (answer.status >= 200 && answer.status < 300) return parsed;
    const error = (parsed ?? {}) as { message?: string; code?: string };
    throw new MeiliRequestError(answer.status, error.code, error.message ?? `Meilisearch answered ${answer.status}`);
  };

  return Object.assign(request, { close: () => client.close() });
}
