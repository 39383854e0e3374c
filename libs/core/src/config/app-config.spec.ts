import { ConfigValidationError, loadConfig } from './app-config';

const valid = {
  MEILI_MASTER_KEY: 'a-master-key-of-some-length',
  JWT_SECRET: 'x'.repeat(40),
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('loadConfig', () => {
  it('applies documented defaults and converts types', () => {
    const config = loadConfig({ ...valid, PORT: '4000', GRAPHQL_IDE: 'false' });
    expect(config.PORT).toBe(4000);
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/techtransfer');
    expect(config.ideEnabled).toBe(false);
    expect(config.introspectionEnabled).toBe(true);
  });

  it('turns the IDE and introspection off in production unless asked', () => {
    const production = loadConfig({ ...valid, NODE_ENV: 'production' });
    expect(production.ideEnabled).toBe(false);
    expect(production.introspectionEnabled).toBe(false);
    expect(loadConfig({ ...valid, NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' }).introspectionEnabled).toBe(
      true,
    );
  });

  it('names every missing required variable', () => {
    expect(problemsOf({})).toEqual([
      expect.stringMatching(/^MEILI_MASTER_KEY is required/),
      expect.stringMatching(/^JWT_SECRET is required/),
    ]);
  });

  it('names malformed variables and what is expected, without echoing secrets', () => {
    const problems = problemsOf({
      ...valid,
      PORT: 'eighty',
      DATABASE_URL: 'mysql://root@localhost/x',
      JWT_SECRET: 'short-secret',
      GRAPHQL_IDE: 'perhaps',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PORT: .*integer.*"eighty"/),
        expect.stringMatching(/^DATABASE_URL: DATABASE_URL must be a postgres:\/\/ URL/),
        expect.stringMatching(
          /^JWT_SECRET: JWT_SECRET must be at least 32 characters \(got a value that is not shown\)/,
        ),
        expect.stringMatching(/^GRAPHQL_IDE: .*boolean/),
      ]),
    );
    expect(problems.join('\n')).not.toContain('short-secret');
    expect(problems.join('\n')).not.toContain('mysql://root');
  });

  it('sizes the database pool from DATABASE_POOL_SIZE within 1..100', () => {
    expect(loadConfig(valid).DATABASE_POOL_SIZE).toBe(10);
    expect(loadConfig({ ...valid, DATABASE_POOL_SIZE: '24' }).DATABASE_POOL_SIZE).toBe(24);
    expect(problemsOf({ ...valid, DATABASE_POOL_SIZE: '0' })).toEqual([
      expect.stringMatching(/^DATABASE_POOL_SIZE: .*not be less than 1/),
    ]);
    expect(problemsOf({ ...valid, DATABASE_POOL_SIZE: 'many' })).toEqual([
      expect.stringMatching(/^DATABASE_POOL_SIZE: .*integer/),
    ]);
  });

  it('leaves the semantic layer off by default and requires a model and vector length with its endpoint', () => {
    const off = loadConfig(valid);
    expect(off.embeddingEnabled).toBe(false);
    expect(off.EMBEDDING_URL).toBeUndefined();
    expect(off.EMBEDDING_BATCH_SIZE).toBe(64);
    expect(problemsOf({ ...valid, EMBEDDING_URL: 'http://127.0.0.1:8080/v1/embeddings' })).toEqual([
      expect.stringMatching(/^EMBEDDING_MODEL is required: .*needed with EMBEDDING_URL/),
      expect.stringMatching(/^EMBEDDING_DIMENSIONS is required: .*needed with EMBEDDING_URL/),
    ]);
    const on = loadConfig({
      ...valid,
      EMBEDDING_URL: 'https://api.openai.com/v1/embeddings',
      EMBEDDING_MODEL: 'text-embedding-3-small',
      EMBEDDING_DIMENSIONS: '1536',
      EMBEDDING_API_KEY: 'sk-secret-embedding-key',
    });
    expect(on).toMatchObject({ embeddingEnabled: true, EMBEDDING_DIMENSIONS: 1536, EMBEDDING_TIMEOUT_MS: 15_000 });
    const problems = problemsOf({
      ...valid,
      EMBEDDING_URL: 'ftp://example.com/embeddings',
      EMBEDDING_MODEL: 'm',
      EMBEDDING_DIMENSIONS: '1',
      EMBEDDING_API_KEY: 'sk-secret-embedding-key',
      EMBEDDING_BATCH_SIZE: '0',
    });
    expect(problems).toEqual([
      expect.stringMatching(/^EMBEDDING_URL: .*http\(s\):\/\/ URL/),
      expect.stringMatching(/^EMBEDDING_DIMENSIONS: .*between 2 and 8192/),
      expect.stringMatching(/^EMBEDDING_BATCH_SIZE: /),
    ]);
    expect(problemsOf({ ...valid, EMBEDDING_API_KEY: '', EMBEDDING_DIMENSIONS: 'wide' })).toEqual([
      expect.stringMatching(/^EMBEDDING_DIMENSIONS: .*integer/),
    ]);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ ...valid, PORT: '' }).PORT).toBe(3000);
  });
});
