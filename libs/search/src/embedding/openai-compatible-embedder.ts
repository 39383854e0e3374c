import http from 'node:http';
import https from 'node:https';
import { assertVectors, Embedder, EmbeddingError } from '../domain/embedder';

export interface OpenAiCompatibleEmbedderOptions {
  /** The full endpoint URL, e.g. https://api.openai.com/v1/embeddings. */
  url: string;
  model: string;
  /** Length of the model's vectors: an answer of another length is refused. */
  dimensions: number;
  /** Sent as `Authorization: Bearer <apiKey>` when given. */
  apiKey?: string;
  /** Texts per request. */
  batchSize: number;
  /** Whole-request deadline (connect, send, answer), per batch. */
  timeoutMs: number;
}

/** A reused keep-alive socket the server had closed: the request never reached it, so sending again is safe. */
class StaleSocketError extends Error {}

const ERROR_DETAIL_CHARACTERS = 300;

/**
 * Any OpenAI-compatible `/embeddings` endpoint (OpenAI, Azure-style gateways, vLLM, Ollama, TEI, …):
 * POST `{ model, input: [...] }`, answer `{ data: [{ index, embedding }] }`. node:http with a keep-alive agent,
 * as the Meilisearch transport of `@app/core` (Node 20's global fetch stalls tens of ms per request here).
 * Batches are sent one after the other, to stay within an API's rate limits.
 */
export class OpenAiCompatibleEmbedder implements Embedder {
  readonly model: string;
  readonly dimensions: number;
  private readonly url: URL;
  private readonly agent: http.Agent;

  constructor(private readonly options: OpenAiCompatibleEmbedderOptions) {
    this.url = new URL(options.url);
    if (this.url.protocol !== 'http:' && this.url.protocol !== 'https:') {
      throw new Error(`The embeddings endpoint must be an http(s) URL, got ${this.url.protocol}`);
    }
    if (!Number.isInteger(options.batchSize) || options.batchSize < 1) throw new Error('batchSize must be ≥ 1');
    this.model = options.model;
    this.dimensions = options.dimensions;
    const agentOptions = { keepAlive: true, maxSockets: 8, keepAliveMsecs: 10_000 };
    this.agent = this.url.protocol === 'https:' ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
  }

  async embed(texts: readonly string[]): Promise<number[][]> {
    const vectors: number[][] = [];
    for (let start = 0; start < texts.length; start += this.options.batchSize) {
      vectors.push(...(await this.embedBatch(texts.slice(start, start + this.options.batchSize))));
    }
    return vectors;
  }

  close(): void {
    this.agent.destroy();
  }

  private async embedBatch(batch: readonly string[]): Promise<number[][]> {
    const body = JSON.stringify({ model: this.model, input: batch });
    let answer: { status: number; text: string };
    try {
      answer = await this.post(body);
    } catch (error) {
      if (!(error instanceof StaleSocketError)) throw error;
      answer = await this.post(body);
    }
    return this.vectorsOf(answer, batch.length);
  }

  private vectorsOf({ status, text }: { status: number; text: string }, count: number): number[][] {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (status < 200 || status >= 300) {
      throw new EmbeddingError(`embeddings endpoint answered ${status}: ${errorDetail(parsed, text)}`, status);
    }
    const data = (parsed as { data?: unknown } | undefined)?.data;
    if (!Array.isArray(data)) {
      throw new EmbeddingError(
        `malformed embeddings answer (no data array): ${text.slice(0, ERROR_DETAIL_CHARACTERS)}`,
        status,
      );
    }
    const items = data as Array<{ index?: unknown; embedding?: unknown }>;
    // OpenAI answers in input order and says so with `index`; honour it when every item carries one.
    const indexed = items.every((item) => Number.isInteger(item?.index));
    const ordered = indexed ? new Array<unknown>(items.length) : items.map((item) => item?.embedding);
    if (indexed) {
      for (const item of items) {
        const index = item.index as number;
        if (index < 0 || index >= items.length || ordered[index] !== undefined) {
          throw new EmbeddingError(`malformed embeddings answer: index ${index} out of place`, status);
        }
        ordered[index] = item.embedding;
      }
    }
    try {
      assertVectors(ordered, count, this.dimensions);
    } catch (error) {
      throw new EmbeddingError(`malformed embeddings answer from ${this.model}: ${(error as Error).message}`, status);
    }
    return ordered;
  }

  private post(body: string): Promise<{ status: number; text: string }> {
    const transport = this.url.protocol === 'https:' ? https : http;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
      'content-length': String(Buffer.byteLength(body)),
    };
    if (this.options.apiKey) headers.authorization = `Bearer ${this.options.apiKey}`;
    return new Promise((resolve, reject) => {
      const request = transport.request(this.url, { method: 'POST', headers, agent: this.agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          clearTimeout(deadline);
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
        });
      });
      // A deadline for the whole exchange (the socket `timeout` option only measures idle time).
      const deadline = setTimeout(
        () =>
          request.destroy(new EmbeddingError(`embeddings endpoint gave no answer within ${this.options.timeoutMs} ms`)),
        this.options.timeoutMs,
      );
      request.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(deadline);
        if (request.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) {
          return reject(new StaleSocketError(error.message));
        }
        reject(
          error instanceof EmbeddingError
            ? error
            : new EmbeddingError(`embeddings endpoint unreachable: ${error.message}`, undefined, { cause: error }),
        );
      });
      request.end(body);
    });
  }
}

/** The reason an endpoint gave: OpenAI's `{ error: { message } }`, else `message` / `detail`, else the raw text. */
function errorDetail(parsed: unknown, text: string): string {
  const body = parsed as { error?: unknown; message?: unknown; detail?: unknown } | undefined;
  const nested = body?.error as { message?: unknown } | undefined;
  const candidates = [nested?.message, body?.error, body?.message, body?.detail];
  const found = candidates.find((value) => typeof value === 'string' && value.length > 0) as string | undefined;
  return (found ?? (text || '(empty body)')).slice(0, ERROR_DETAIL_CHARACTERS);
}
