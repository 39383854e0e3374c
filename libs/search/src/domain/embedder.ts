/**
 * The optional semantic layer: something that turns texts into vectors. Off unless a deployment configures an
 * embeddings endpoint (EMBEDDING_URL); the indexer then stores each document's vector in Meilisearch as a
 * user-provided embedding and the matching engine adds a vector query to its candidates.
 */
export interface Embedder {
  /** The model the vectors come from: vectors of different models are not comparable. */
  readonly model: string;
  /** Length of every vector `embed` returns. */
  readonly dimensions: number;
  /** One vector per text, in the order of `texts`; rejects rather than return a vector of another length. */
  embed(texts: readonly string[]): Promise<number[][]>;
}

/** The embedder could not answer (endpoint down, non-2xx, malformed answer, timeout). */
export class EmbeddingError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EmbeddingError';
  }
}

/**
 * Longest text sent to the embedder. Embedding models take a few thousand tokens at most (8,191 for OpenAI's),
 * and a Chinese character is about one token: one over-long text would fail its whole batch.
 */
export const EMBEDDING_TEXT_MAX_CHARACTERS = 6_000;

/** The text embedded for a document or a demand: its non-empty string values, one per line, capped. */
export function embeddingText(values: readonly unknown[]): string {
  return values
    .flatMap((value): unknown[] => (Array.isArray(value) ? (value as unknown[]) : [value]))
    .filter((value): value is string => typeof value === 'string' && value.trim() !== '')
    .map((value) => value.trim())
    .join('\n')
    .slice(0, EMBEDDING_TEXT_MAX_CHARACTERS);
}

/**
 * The Meilisearch embedder name for this model and size. A change of either gives a new name, so vectors of the
 * old model are never compared with the new one's (the index settings drop the old embedder; see
 * IndexSettingsService).
 */
export function embedderName(embedder: Pick<Embedder, 'model' | 'dimensions'>): string {
  const model = embedder.model
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `semantic-${model || 'model'}-${embedder.dimensions}`;
}

/** Checks an embedder's answer: one vector per text, each of the declared length, finite numbers only. */
export function assertVectors(vectors: unknown, count: number, dimensions: number): asserts vectors is number[][] {
  if (!Array.isArray(vectors) || vectors.length !== count) {
    throw new EmbeddingError(
      `expected ${count} vectors, got ${Array.isArray(vectors) ? vectors.length : typeof vectors}`,
    );
  }
  vectors.forEach((vector: unknown, i) => {
    if (!Array.isArray(vector) || vector.length !== dimensions) {
      const got = Array.isArray(vector) ? `${vector.length} dimensions` : typeof vector;
      throw new EmbeddingError(`vector ${i} has ${got}, expected ${dimensions} dimensions`);
    }
    if (!vector.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      throw new EmbeddingError(`vector ${i} holds something other than finite numbers`);
    }
  });
}

export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * (b[i] ?? 0);
    normA += a[i] * a[i];
    normB += (b[i] ?? 0) * (b[i] ?? 0);
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

/**
 * Fails fast for a while after a failure, so a dead or hanging endpoint costs one timeout per pause instead of
 * one per indexing batch or per demand.
 */
export class CircuitBreakerEmbedder implements Embedder {
  private pausedUntil = 0;

  constructor(
    private readonly inner: Embedder,
    private readonly pauseMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get model(): string {
    return this.inner.model;
  }

  get dimensions(): number {
    return this.inner.dimensions;
  }

  /** True while failing fast (after a failure, for pauseMs). */
  get paused(): boolean {
    return this.now() < this.pausedUntil;
  }

  async embed(texts: readonly string[]): Promise<number[][]> {
    if (this.paused) {
      throw new EmbeddingError(
        `embedding endpoint paused after a failure (retried after ${new Date(this.pausedUntil).toISOString()})`,
      );
    }
    try {
      return await this.inner.embed(texts);
    } catch (error) {
      this.pausedUntil = this.now() + this.pauseMs;
      throw error;
    }
  }
}

/**
 * For tests and development, never for production: feature hashing of the text's tokens (Han character bigrams,
 * lower-cased Latin words and numbers) into `dimensions` signed buckets, L2-normalised. Equal texts give equal
 * vectors, texts sharing tokens are closer the more they share; it knows no meaning, so it cannot stand in for a
 * real model's quality — only for its plumbing.
 */
export class DeterministicEmbedder implements Embedder {
  readonly model: string;

  constructor(readonly dimensions = 64) {
    if (!Number.isInteger(dimensions) || dimensions < 2) throw new Error('dimensions must be an integer ≥ 2');
    this.model = `deterministic-hash-${dimensions}`;
  }

  async embed(texts: readonly string[]): Promise<number[][]> {
    return texts.map((text) => this.vectorOf(text));
  }

  vectorOf(text: string): number[] {
    const vector = new Array<number>(this.dimensions).fill(0);
    for (const token of hashingTokens(text)) {
      const hash = fnv1a(token);
      vector[hash % this.dimensions] += hash & 0x8000_0000 ? -1 : 1;
    }
    const norm = Math.sqrt(vector.reduce((sum, x) => sum + x * x, 0));
    return norm === 0 ? vector : vector.map((x) => x / norm);
  }
}

const TOKEN_RUN = /\p{Script=Han}+|[\p{L}\p{N}]+/gu;

/** Han runs as overlapping character bigrams (a lone character as itself), other words lower-cased. */
export function hashingTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const [run] of text.normalize('NFKC').toLowerCase().matchAll(TOKEN_RUN)) {
    if (/\p{Script=Han}/u.test(run)) {
      const chars = Array.from(run);
      if (chars.length === 1) tokens.push(chars[0]);
      for (let i = 0; i + 1 < chars.length; i++) tokens.push(chars[i] + chars[i + 1]);
    } else tokens.push(run);
  }
  return tokens;
}

/** 32-bit FNV-1a over the UTF-16 code units: stable across processes and platforms. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
