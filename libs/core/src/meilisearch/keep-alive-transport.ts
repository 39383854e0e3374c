import http from 'node:http';
import https from 'node:https';

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

class StaleSocketError extends Error {
  constructor(override readonly cause: Error) {
    super(cause.message);
  }
}

type FetchInput = string | URL | Request;

/**
 * The `httpClient` the meilisearch client accepts: node:http with a keep-alive agent. Node 20's global fetch
 * can stall tens of milliseconds per sequential request on loopback; a pooled socket answers in about one.
 * Returns the parsed JSON body and throws MeiliRequestError on a non-2xx answer (the client leaves error
 * handling to a custom transport).
 */
export function createKeepAliveTransport(options: { maxSockets?: number; timeoutMs?: number } = {}) {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 32, keepAliveMsecs: 10_000 };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent(agentOptions);
  const timeoutMs = options.timeoutMs ?? 30_000;

  // A pooled socket the server closed while idle (or a restarted server) fails on reuse with ECONNRESET/EPIPE
  // before any answer: the request never reached Meilisearch, so sending it once more on a fresh socket is safe.
  const request = async (input: FetchInput, init: RequestInit = {}): Promise<unknown> => {
    try {
      return await send(input, init);
    } catch (error) {
      if (!(error instanceof StaleSocketError)) throw error;
      return send(input, init);
    }
  };

  const send = (input: FetchInput, init: RequestInit): Promise<unknown> => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => (headers[key] = value));
    const body = typeof init.body === 'string' ? init.body : undefined;
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    const transport = url.protocol === 'https:' ? https : http;

    return new Promise((resolve, reject) => {
      const req = transport.request(
        url,
        {
          method: init.method ?? 'GET',
          headers,
          agent: url.protocol === 'https:' ? httpsAgent : httpAgent,
          signal: init.signal ?? undefined,
          timeout: timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = undefined;
            if (text.length > 0) {
              try {
                parsed = JSON.parse(text);
              } catch {
                parsed = text;
              }
            }
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) return resolve(parsed);
            const error = (parsed ?? {}) as { message?: string; code?: string };
            reject(new MeiliRequestError(status, error.code, error.message ?? `Meilisearch answered ${status}`));
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`Meilisearch request timed out after ${timeoutMs} ms`)));
      req.on('error', (error: NodeJS.ErrnoException) => {
        const stale = req.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE');
        reject(stale ? new StaleSocketError(error) : error);
      });
      if (body !== undefined) req.write(body);
      req.end();
    });
  };

  return Object.assign(request, {
    close: () => {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  });
}
