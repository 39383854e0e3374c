// The offline GraphQL IDE: the page and every file it references are served by our own server,
// nothing points off-host, and only the whitelisted assets can be reached.
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createGraphiqlRouter } from './graphiql';

const MOUNT = '/graphiql';

let server: Server;
let origin: string;

beforeAll(async () => {
  const app = express();
  app.use(createGraphiqlRouter({ graphqlPath: '/graphql', mountPath: MOUNT }));
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
});

/** Sends the path exactly as given (fetch/URL would resolve "../" before sending). */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end();
  });
}

function attributeUrls(html: string): string[] {
  return [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
}

describe('GraphiQL IDE router', () => {
  it('serves the page with a strict CSP and only same-origin references', async () => {
    const res = await fetch(`${origin}${MOUNT}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();

    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    expect(csp).toContain("connect-src 'self'");
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(html).toContain(`nonce="${nonce}"`);
    // A fresh nonce per response.
    const again = await fetch(`${origin}${MOUNT}`);
    expect(again.headers.get('content-security-policy')).not.toContain(`'nonce-${nonce}'`);

    // No inline script: every <script> has a src.
    expect(html.match(/<script\b[^>]*>/g)?.every((tag) => /\ssrc="/.test(tag))).toBe(true);
    // Nothing points to another host, whatever the scheme.
    expect(html).not.toMatch(/(https?:)?\/\/[^\s"'<>]/);
    for (const url of attributeUrls(html)) {
      expect(url.startsWith(`${MOUNT}/assets/`) || url.startsWith('data:')).toBe(true);
    }

    // The bootstrap reads its settings from the page.
    const config = JSON.parse(
      (/data-config="([^"]*)"/.exec(html)?.[1] ?? '{}').replace(/&#(\d+);/g, (_, c: string) =>
        String.fromCharCode(Number(c)),
      ),
    ) as { graphqlPath: string; persistHeaders: boolean };
    expect(config.graphqlPath).toBe('/graphql');
    expect(config.persistHeaders).toBe(false);
  });

  it('serves every script and stylesheet the page references', async () => {
    const html = await (await fetch(`${origin}${MOUNT}`)).text();
    const scripts = [...html.matchAll(/<script\b[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]);
    const styles = [...html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*\shref="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts.map((u) => u.replace(/\?.*$/, ''))).toEqual([
      `${MOUNT}/assets/react.production.min.js`,
      `${MOUNT}/assets/react-dom.production.min.js`,
      `${MOUNT}/assets/graphiql.min.js`,
      `${MOUNT}/assets/graphiql-ide.js`,
    ]);
    expect(styles).toHaveLength(2);

    const minSize: Record<string, number> = {
      'react.production.min.js': 5_000,
      'react-dom.production.min.js': 100_000,
      'graphiql.min.js': 500_000,
      'graphiql.min.css': 100_000,
      'graphiql-ide.js': 300,
      'graphiql-ide.css': 50,
    };
    for (const [urls, type] of [
      [scripts, /^text\/javascript; charset=utf-8$/],
      [styles, /^text\/css; charset=utf-8$/],
    ] as const) {
      for (const url of urls) {
        const res = await fetch(`${origin}${url}`);
        const body = await res.text();
        const name = url.replace(/^.*\/assets\//, '').replace(/\?.*$/, '');
        expect({ url, status: res.status }).toEqual({ url, status: 200 });
        expect(res.headers.get('content-type')).toMatch(type);
        expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(body.length).toBeGreaterThan(minSize[name] ?? 1_000);
      }
    }

    const bootstrap = await (await fetch(`${origin}${MOUNT}/assets/graphiql-ide.js`)).text();
    expect(bootstrap).toContain('GraphiQL.createFetcher');
  });

  it('does not cache an asset long-term under an unversioned URL', async () => {
    const res = await fetch(`${origin}${MOUNT}/assets/graphiql.min.css`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
  });

  it('serves the source map graphiql.min.js points to, and the raw client reaches real assets', async () => {
    const map = await rawGet(`${MOUNT}/assets/index.umd.js.map`);
    expect(map.status).toBe(200);
    expect(JSON.parse(map.body)).toHaveProperty('mappings');
    expect((await rawGet(`${MOUNT}/assets/react.production.min.js`)).status).toBe(200);
  });

  it.each([
    '/assets/../../package.json',
    '/assets/../../../package.json',
    '/assets/..%2F..%2Fpackage.json',
    '/assets/..%2f..%2f..%2fpackage.json',
    '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/assets/..%252F..%252Fpackage.json',
    '/assets/..%5C..%5Cpackage.json',
    '/assets/graphiql.min.js%2F..%2F..%2Fpackage.json',
    '/assets/%2Fetc%2Fpasswd',
    '/assets/graphiql.min.js.map',
    '/assets/package.json',
    '/assets/__proto__',
    '/assets/constructor',
    '/assets/hasOwnProperty',
  ])('answers 404 for %s', async (suffix) => {
    const res = await rawGet(`${MOUNT}${suffix}`);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('"version"');
    expect(res.body).not.toContain('root:');
  });

  it('leaves other methods and paths to the rest of the app', async () => {
    expect((await fetch(`${origin}${MOUNT}`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${origin}${MOUNT}/other`)).status).toBe(404);
  });

  it('rejects unsafe options', () => {
    expect(() => createGraphiqlRouter({ graphqlPath: 'https://evil.example/graphql', mountPath: MOUNT })).toThrow();
    expect(() => createGraphiqlRouter({ graphqlPath: '//evil.example/graphql', mountPath: MOUNT })).toThrow();
    expect(() => createGraphiqlRouter({ graphqlPath: '/graphql', mountPath: '/ide/:x' })).toThrow();
  });
});
