import { startTestApi, TestApi } from '@app/testing';

/** Issue 12, item 7: helmet's headers on every answer, without breaking the offline IDE's own stricter CSP. */
describe('security headers', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('sends helmet headers on the API', async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self'/);
    // Tests run with NODE_ENV=test over http: requests are not upgraded to https (production does).
    expect(csp).not.toMatch(/upgrade-insecure-requests/);
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('keeps the IDE usable: its page carries its own nonce CSP, and its scripts load', async () => {
    const response = await fetch(`${api.url}/graphiql`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toMatch(/style-src 'self' 'nonce-[^']+'/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b[^>]*\ssrc="([^"]+)"/g)].map((match) => match[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect((await fetch(new URL(script, `${api.url}/graphiql/`))).status).toBe(200);
  });
});
