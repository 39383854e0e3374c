// The API serves the built web app at `/` without changing what it already answers: client routes get
// index.html (never cached), hashed assets a year's immutable cache, and the API's own paths stay the API's.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApi, TestApi } from '@app/testing';

const INDEX_HTML =
  '<!doctype html><html lang="zh-CN"><body><div id="root"></div><script src="/assets/index-AbC123.js"></script></body></html>';
const ASSET = 'console.log("科技成果");';

let api: TestApi;
const previousDist = process.env.WEB_DIST_DIR;

beforeAll(async () => {
  const dist = mkdtempSync(join(tmpdir(), 'tt-web-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), INDEX_HTML);
  writeFileSync(join(dist, 'assets', 'index-AbC123.js'), ASSET);
  writeFileSync(join(dist, 'robots.txt'), 'User-agent: *\n');
  process.env.WEB_DIST_DIR = dist;
  api = await startTestApi();
});

afterAll(async () => {
  await api?.close();
  if (previousDist === undefined) delete process.env.WEB_DIST_DIR;
  else process.env.WEB_DIST_DIR = previousDist;
});

describe('the web app served by the API', () => {
  it('answers / and client routes with index.html, never cached', async () => {
    for (const path of [
      '/',
      '/search?q=%E6%97%A0%E4%BA%BA%E6%9C%BA&page=2',
      '/achievements/3f0c/whatever',
      '/sign-in',
    ]) {
      const response = await fetch(`${api.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/unsafe-eval|upgrade-insecure-requests|https?:/);
      expect(await response.text()).toBe(INDEX_HTML);
    }
  });

  it('serves hashed assets with a year-long immutable cache, and 404 for a missing one', async () => {
    const asset = await fetch(`${api.url}/assets/index-AbC123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(await asset.text()).toBe(ASSET);

    const missing = await fetch(`${api.url}/assets/index-Gone99.js`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).not.toBe(INDEX_HTML);
  });

  it('compresses assets for clients that accept it', async () => {
    const { gunzipSync, brotliDecompressSync } = await import('node:zlib');
    const { request } = await import('node:http');
    const raw = (encoding: string) =>
      new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolveResponse, reject) => {
        const req = request(
          `${api.url}/assets/index-AbC123.js`,
          { headers: { 'accept-encoding': encoding } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => resolveResponse({ headers: res.headers, body: Buffer.concat(chunks) }));
          },
        );
        req.on('error', reject);
        req.end();
      });
    const gzip = await raw('gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gunzipSync(gzip.body).toString()).toBe(ASSET);
    const br = await raw('gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toBe(ASSET);
    const identity = await raw('identity');
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.body.toString()).toBe(ASSET);
  });

  it('serves other files of the build as they are', async () => {
    const robots = await fetch(`${api.url}/robots.txt`);
    expect(robots.status).toBe(200);
    expect(await robots.text()).toBe('User-agent: *\n');
  });

  it('leaves the API paths to the API', async () => {
    const graphql = await api.gql<{ industries: unknown[] }>('{ industries { code } }');
    expect(graphql.status).toBe(200);
    expect(Array.isArray(graphql.data?.industries)).toBe(true);

    const health = await fetch(`${api.url}/health`);
    expect(await health.text()).not.toBe(INDEX_HTML);
    expect(health.headers.get('content-type')).toMatch(/json/);

    const ide = await fetch(`${api.url}/graphiql`);
    expect(ide.status).toBe(200);
    expect(await ide.text()).toContain('graphiql');

    const queues = await fetch(`${api.url}/admin/queues`);
    expect(queues.status).toBe(401);

    const file = await fetch(`${api.url}/files/00000000-0000-4000-8000-000000000000`);
    expect(file.status).not.toBe(200);
    expect(await file.text()).not.toBe(INDEX_HTML);

    // The digest emails' unsubscribe link is the API's own page, not a client route.
    const unsubscribe = await fetch(`${api.url}/digests/unsubscribe?token=not-a-token`);
    expect(unsubscribe.status).toBe(400);
    expect(await unsubscribe.text()).not.toBe(INDEX_HTML);

    // A POST to a client route is not the web app's either.
    const post = await fetch(`${api.url}/search`, { method: 'POST' });
    expect(post.status).toBe(404);
  });
});
