import { createKeepAliveClient, HttpAnswer, HttpTimeoutError, KeepAliveClient } from '@app/core';
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

const ERROR_DETAIL_CHARACTERS = 300;

/**
 * Any OpenAI-compatible `/embeddings` endpoint (OpenAI, Azure-style gateways, vLLM, Ollama, TEI, …):
 * POST `{ model, input: [...] }`, answer `{ data: [{ index, embedding }] }`, on the keep-alive client of `@app/core`
 * (as the Meilisearch transport: Node 20's global fetch stalls tens of ms per request here).
 * Batches are sent one after the other, to stay within an API's rate limits.
 */
export class OpenAiCompatibleEmbedder implements Embedder {
  readonly model: string;
  readonly dimensions: number;
  private readonly url: URL;
  private readonly client: KeepAliveClient;

  constructor(private readonly options: OpenAiCompatibleEmbedderOptions) {
    this.url = new URL(options.url);
    if (this.url.protocol !== 'http:' && this.url.protocol !== 'https:') {
      throw new Error(`The embeddings endpoint must be an http(s) URL, got ${this.url.protocol}`);
    }
    if (!Number.isInteger(options.batchSize) || options.batchSize < 1) throw new Error('batchSize must be ≥ 1');
    this.model = options.model;
    this.dimensions = options.dimensions;
    this.client = createKeepAliveClient({ maxSockets: 8, timeoutMs: options.timeoutMs });
  }

  async embed(texts: readonly string[]): Promise<number[][]> {
    const vectors: number[][] = [];
    for (let start = 0; start < texts.length; start += this.options.batchSize) {
      vectors.push(...(await this.embedBatch(texts.slice(start, start + this.options.batchSize))));
    }
    return vectors;
  }

  close(): void {
    this.client.close();
  }

  private async embedBatch(batch: readonly string[]): Promise<number[][]> {
    const body = JSON.stringify({ model: this.model, input: batch });
    return this.vectorsOf(await this.post(body), batch.length);
  }

  private vectorsOf({ status, text }: HttpAnswer, count: number): number[][] {
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

  private async post(body: string): Promise<HttpAnswer> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (this.options.apiKey) headers.authorization = `Bearer ${this.options.apiKey}`;
    try {
      return await this.client.request(this.url, { method: 'POST', headers, body });
    } catch (error) {
      if (error instanceof HttpTimeoutError) {
        throw new EmbeddingError(`embeddings endpoint gave no answer within ${error.timeoutMs} ms`);
      }
      throw new EmbeddingError(`embeddings endpoint unreachable: ${(error as Error).message}`, undefined, {
        cause: error,
      });
    }
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
