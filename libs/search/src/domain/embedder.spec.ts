import {
  assertVectors,
  CircuitBreakerEmbedder,
  cosineSimilarity,
  DeterministicEmbedder,
  Embedder,
  EMBEDDING_TEXT_MAX_CHARACTERS,
  EmbeddingError,
  embedderName,
  embeddingText,
  hashingTokens,
} from './embedder';

describe('DeterministicEmbedder', () => {
  const embedder = new DeterministicEmbedder(64);

  it('gives equal texts equal unit vectors of the declared length', async () => {
    const [a, b, c] = await embedder.embed(['低温锂电池电解液', '低温锂电池电解液', 'Cold lithium cells']);
    expect(a).toHaveLength(64);
    expect(a).toEqual(b);
    expect(Math.hypot(...a)).toBeCloseTo(1, 12);
    expect(Math.hypot(...c)).toBeCloseTo(1, 12);
    expect(embedder.model).toBe('deterministic-hash-64');
  });

  it('puts texts that share more tokens closer', () => {
    const demand = embedder.vectorOf('锂电池低温放电容量不足');
    const close = embedder.vectorOf('锂电池低温放电容量提升方案');
    const far = embedder.vectorOf('水性环氧防腐涂料耐盐雾');
    expect(cosineSimilarity(demand, close)).toBeGreaterThan(0.6);
    expect(cosineSimilarity(demand, close)).toBeGreaterThan(cosineSimilarity(demand, far) + 0.4);
    const english = embedder.vectorOf('RFID tags for metal server racks');
    expect(cosineSimilarity(english, embedder.vectorOf('rfid TAGS on metal racks'))).toBeGreaterThan(
      cosineSimilarity(english, embedder.vectorOf('corrosion resistant coating')),
    );
  });

  it('tokenises Han runs as bigrams and Latin words lower-cased', () => {
    expect(hashingTokens('锂电池 RFID-Tag 5G 水')).toEqual(['锂电', '电池', 'rfid', 'tag', '5g', '水']);
    expect(embedder.vectorOf('')).toEqual(new Array(64).fill(0));
  });
});

describe('embedding helpers', () => {
  it('joins the non-empty values of a document, arrays flattened, capped in length', () => {
    expect(embeddingText(['标题', null, ['关键词一', ' '], undefined, 7, ' 摘要 '])).toBe('标题\n关键词一\n摘要');
    expect(embeddingText([])).toBe('');
    expect(embeddingText(['x'.repeat(EMBEDDING_TEXT_MAX_CHARACTERS + 10)])).toHaveLength(EMBEDDING_TEXT_MAX_CHARACTERS);
  });

  it('names the Meilisearch embedder after the model and its size', () => {
    expect(embedderName({ model: 'text-embedding-3-small', dimensions: 1536 })).toBe(
      'semantic-text-embedding-3-small-1536',
    );
    expect(embedderName({ model: 'BAAI/bge-m3', dimensions: 1024 })).toBe('semantic-baai-bge-m3-1024');
    expect(embedderName({ model: 'BAAI/bge-m3', dimensions: 512 })).not.toBe(
      embedderName({ model: 'BAAI/bge-m3', dimensions: 1024 }),
    );
  });

  it('refuses answers of the wrong count, length or content', () => {
    expect(() => assertVectors([[1, 0]], 1, 2)).not.toThrow();
    expect(() => assertVectors([[1, 0]], 2, 2)).toThrow(/expected 2 vectors, got 1/);
    expect(() => assertVectors([[1, 0, 0]], 1, 2)).toThrow(/vector 0 has 3 dimensions, expected 2/);
    expect(() => assertVectors([[1, Number.NaN]], 1, 2)).toThrow(/finite numbers/);
    expect(() => assertVectors([['1', 0]], 1, 2)).toThrow(EmbeddingError);
    expect(() => assertVectors({ data: [] }, 1, 2)).toThrow(/expected 1 vectors, got object/);
  });

  it('computes cosine similarity, 0 against a zero vector', () => {
    expect(cosineSimilarity([1, 0], [2, 0])).toBeCloseTo(1, 12);
    expect(cosineSimilarity([1, 0], [0, 3])).toBeCloseTo(0, 12);
    expect(cosineSimilarity([1, 1], [0, 0])).toBe(0);
  });
});

describe('CircuitBreakerEmbedder', () => {
  it('fails fast for the pause after a failure, then asks the endpoint again', async () => {
    let now = 1_000;
    let failing = true;
    let calls = 0;
    const inner: Embedder = {
      model: 'm',
      dimensions: 2,
      embed: async (texts) => {
        calls++;
        if (failing) throw new EmbeddingError('endpoint down');
        return texts.map(() => [1, 0]);
      },
    };
    const breaker = new CircuitBreakerEmbedder(inner, 30_000, () => now);
    expect(breaker.model).toBe('m');
    expect(breaker.dimensions).toBe(2);

    await expect(breaker.embed(['a'])).rejects.toThrow('endpoint down');
    expect(breaker.paused).toBe(true);
    failing = false;
    now += 29_999;
    await expect(breaker.embed(['a'])).rejects.toThrow(/paused after a failure/);
    expect(calls).toBe(1);
    now += 1;
    await expect(breaker.embed(['a', 'b'])).resolves.toEqual([
      [1, 0],
      [1, 0],
    ]);
    expect(calls).toBe(2);
    expect(breaker.paused).toBe(false);
  });
});
