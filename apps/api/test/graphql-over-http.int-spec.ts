import { auditServer } from 'graphql-http';
import { startTestApi, TestApi } from '@app/testing';

/** The GraphQL-over-HTTP spec's own audit suite, run against the real API. Every MUST must pass. */
describe('GraphQL over HTTP compliance', () => {
  let api: TestApi;
  let results: Awaited<ReturnType<typeof auditServer>>;

  beforeAll(async () => {
    api = await startTestApi();
    results = await auditServer({ url: `${api.url}/graphql` });
  });
  afterAll(() => api.close());

  it('passes every MUST audit', () => {
    const failures = results
      .filter((result) => result.name.startsWith('MUST') && result.status !== 'ok')
      .map((result) => `${result.name}: ${'reason' in result ? result.reason : ''}`);
    expect(failures).toEqual([]);
    expect(results.filter((result) => result.name.startsWith('MUST')).length).toBeGreaterThan(10);
  });

  it('refuses batched requests', async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(response.status).toBe(400);
  });
});
