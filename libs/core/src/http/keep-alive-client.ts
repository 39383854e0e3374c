import http from 'node:http';
import https from 'node:https';

/** A whole answer: status and body text (the caller decides what a status means). */
export interface HttpAnswer {
  status: number;
  text: string;
}

/** No whole answer within the client's deadline (connect, send and answer together). */
export class HttpTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'HttpTimeoutError';
  }
}

class StaleSocketError extends Error {
  constructor(override readonly cause: Error) {
    super(cause.message);
  }
}

export interface KeepAliveClient {
  request(
    url: URL,
    init?: { method?: string; headers?: Record<string, string>; body?: string; signal?: AbortSignal },
  ): Promise<HttpAnswer>;
  close(): void;
}

/**
 * node:http(s) with keep-alive agents, for the services we call many times in a row (Meilisearch, an embeddings
 * endpoint): Node 20's global fetch can stall tens of milliseconds per sequential request on loopback, a pooled
 * socket answers in about one. A pooled socket the server closed while idle fails on reuse with ECONNRESET/EPIPE
 * before any answer — the request never reached the server — so it is sent once more on a fresh socket.
 */
export function createKeepAliveClient(options: { maxSockets?: number; timeoutMs?: number } = {}): KeepAliveClient {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 32, keepAliveMsecs: 10_000 };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent(agentOptions);
  const timeoutMs = options.timeoutMs ?? 30_000;

  const send = (url: URL, init: Parameters<KeepAliveClient['request']>[1] = {}): Promise<HttpAnswer> => {
    const headers = { ...init.headers };
    if (init.body !== undefined) headers['content-length'] = String(Buffer.byteLength(init.body));
    const secure = url.protocol === 'https:';
    return new Promise((resolve, reject) => {
      const req = (secure ? https : http).request(
        url,
        { method: init.method ?? 'GET', headers, agent: secure ? httpsAgent : httpAgent, signal: init.signal },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', (error) => {
            clearTimeout(deadline);
            reject(error);
          });
          res.on('end', () => {
            clearTimeout(deadline);
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
          });
        },
      );
      // A deadline for the whole exchange (the socket `timeout` option only measures idle time).
      const deadline = setTimeout(() => req.destroy(new HttpTimeoutError(timeoutMs)), timeoutMs);
      req.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(deadline);
        const stale = req.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE');
        reject(stale ? new StaleSocketError(error) : error);
      });
      req.end(init.body);
    });
  };

  return {
    async request(url, init) {
      try {
        return await send(url, init);
      } catch (error) {
        if (!(error instanceof StaleSocketError)) throw error;
        return send(url, init);
      }
    },
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
