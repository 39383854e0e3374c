import { existsSync, readFileSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import express, { NextFunction, Request, Response, Router } from 'express';

/** Paths the API owns: never answered with the web app, whatever is mounted first. */
export const API_PATH_PREFIXES = [
  '/graphql',
  '/graphiql',
  '/health',
  '/metrics',
  '/admin/queues',
  '/files',
  '/digests',
] as const;

const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The page's own policy, replacing helmet's default for it: scripts, fonts and data from this origin only; inline
 * styles allowed (antd writes its CSS-in-JS into <style> elements); and no `upgrade-insecure-requests`, which
 * would break the app when it is reached over plain HTTP by an address (a LAN deployment without TLS).
 */
export const WEB_APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

function isApiPath(path: string): boolean {
  return API_PATH_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

const COMPRESSIBLE: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/**
 * Hashed text assets compressed once (brotli, else gzip) and kept in memory: their content never changes under
 * the same name, and the first page must stay small on slow networks. Other requests fall through to static.
 */
function compressedAsset(assetsDir: string) {
  const cache = new Map<string, Buffer>();
  return (req: Request, res: Response, next: NextFunction) => {
    const contentType = COMPRESSIBLE[extname(req.path)];
    const accepted = String(req.headers['accept-encoding'] ?? '');
    const encoding = /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : null;
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !contentType || !encoding) return next();
    const file = resolve(assetsDir, `.${req.path}`);
    if (!file.startsWith(assetsDir + sep) || !existsSync(file)) return next();
    const key = `${encoding}:${file}`;
    let body = cache.get(key);
    if (!body) {
      const raw = readFileSync(file);
      body =
        encoding === 'br'
          ? brotliCompressSync(raw, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 9 } })
          : gzipSync(raw, { level: 9 });
      cache.set(key, body);
    }
    res.setHeader('Content-Type', contentType);
    res.setHeader('Content-Encoding', encoding);
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('Cache-Control', IMMUTABLE);
    res.setHeader('Content-Length', String(body.length));
    if (req.method === 'HEAD') res.end();
    else res.end(body);
  };
}

const NOT_BUILT_PAGE = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>科技成果转化平台</title>
<body style="font-family:sans-serif;max-width:40rem;margin:4rem auto">
<h1>The web app is not built</h1><p>Run <code>npm run web:build</code> (or <code>npm start</code>, which builds it) and reload.</p>
<p>网页端尚未构建：请运行 <code>npm run web:build</code>（或 <code>npm start</code>）后刷新。</p></body></html>`;

/**
 * Serves the built single-page app: hashed files under `/assets` cached for a year (their names change with
 * their content), other files briefly, and `index.html` — never cached, so a deployment shows at once — for
 * every other GET that is not an API path (client routes such as `/search` or `/achievements/:id`).
 */
export function createWebAppRouter(distDir: string): Router {
  const root = resolve(distDir);
  const assetsDir = resolve(root, 'assets');
  const indexFile = resolve(root, 'index.html');
  const router = Router();
  router.use('/assets', compressedAsset(assetsDir));
  let indexHtml: string | null = null;
  const readIndex = (): string | null => {
    if (indexHtml === null && existsSync(indexFile)) indexHtml = readFileSync(indexFile, 'utf8');
    return indexHtml;
  };

  router.use(
    '/assets',
    express.static(resolve(root, 'assets'), {
      index: false,
      fallthrough: false,
      immutable: true,
      maxAge: '365d',
      setHeaders: (res) => res.setHeader('Cache-Control', IMMUTABLE),
    }),
  );
  router.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(req.path)) return next();
    express.static(root, {
      index: false,
      maxAge: '1h',
      setHeaders: (response, path) => {
        if (path === indexFile) response.setHeader('Cache-Control', 'no-cache');
      },
    })(req, res, () => {
      const html = readIndex();
      res.setHeader('Cache-Control', 'no-cache');
      res.setHeader('Content-Security-Policy', WEB_APP_CSP);
      res.type('html');
      if (html === null) {
        res.status(503).send(NOT_BUILT_PAGE);
        return;
      }
      res.send(html);
    });
  });
  return router;
}
