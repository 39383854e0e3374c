// Offline GraphQL IDE: a GraphiQL page whose JavaScript and CSS are served by our own server from
// npm packages in node_modules, so it works with no CDN (and no internet) at all.
//
// GraphiQL 4.1.x is the last line that ships pre-built UMD files (graphiql.min.js / .min.css); they
// expect React 18's UMD builds as the globals `React` and `ReactDOM` (React 19 ships no UMD builds).
// The page has a strict Content-Security-Policy: scripts and styles come only from 'self', the
// bootstrap code is a served file (no inline script), and the page's settings travel in a data
// attribute that the bootstrap reads. The one exception is a per-request style nonce: GraphiQL's
// dialogs (via react-remove-scroll) insert a <style> element whose text depends on the scrollbar
// width, so it cannot be hashed; that code tags the element with `__webpack_nonce__`, which the
// bootstrap sets from its own script element's nonce.
//
// Mount it on the Express instance of the Nest app, e.g. in main.ts:
//   app.use(createGraphiqlRouter({ graphqlPath: '/graphql', mountPath: '/graphiql' }));
// The router answers only GET/HEAD on `mountPath` and `mountPath/assets/<whitelisted file>`;
// everything else falls through to the rest of the app.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Router, type Request, type Response } from 'express';

export interface GraphiqlRouterOptions {
  /** Same-origin path of the GraphQL endpoint the IDE posts to, e.g. `/graphql`. */
  graphqlPath: string;
  /** Path the IDE page is served at, e.g. `/graphiql`; assets live under `<mountPath>/assets/`. */
  mountPath: string;
  /** Page title. */
  title?: string;
  /** Text of the query editor on first visit (GraphiQL keeps the user's own tabs afterwards). */
  defaultQuery?: string;
  /** JSON text of the headers editor on first visit. Empty by default so no bogus token is sent. */
  defaultHeaders?: string;
  /**
   * Whether GraphiQL may keep the headers (which hold bearer tokens) in localStorage. Off by
   * default: a pasted token then lives only as long as the tab.
   */
  persistHeaders?: boolean;
}

/** A file served from an installed npm package. */
interface NpmAssetSpec {
  pkg: string;
  file: string;
  contentType: string;
}
/** What the router serves under `<mountPath>/assets/<name>`: nothing outside this list. */
type Asset = { contentType: string; version: string } & (
  { kind: 'npm'; path: string } | { kind: 'inline'; body: string }
);

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

const NPM_ASSETS: Record<string, NpmAssetSpec> = {
  'react.production.min.js': { pkg: 'react', file: 'umd/react.production.min.js', contentType: JS },
  'react-dom.production.min.js': {
    pkg: 'react-dom',
    file: 'umd/react-dom.production.min.js',
    contentType: JS,
  },
  'graphiql.min.js': { pkg: 'graphiql', file: 'graphiql.min.js', contentType: JS },
  'graphiql.min.css': { pkg: 'graphiql', file: 'graphiql.min.css', contentType: CSS },
  // graphiql.min.js ends with `//# sourceMappingURL=index.umd.js.map`; browsers fetch it only
  // when the developer tools are open.
  'index.umd.js.map': { pkg: 'graphiql', file: 'dist/index.umd.js.map', contentType: JSON_TYPE },
};

const PAGE_CSS = `html, body { height: 100%; margin: 0; }
#graphiql { height: 100vh; }
.graphiql-ide-loading { font: 14px/1.5 system-ui, sans-serif; padding: 2rem; color: #555; }
`;

// Runs after React, ReactDOM and GraphiQL have set their globals. Reads its settings from the
// root element's data-config attribute (JSON), so no inline script is needed.
const BOOTSTRAP_JS = `(function () {
  'use strict';
  // Style elements created at run time (dialog scroll lock) carry this nonce; see the page CSP.
  var self = document.currentScript;
  if (self && self.nonce) window.__webpack_nonce__ = self.nonce;
  var root = document.getElementById('graphiql');
  var config = JSON.parse(root.getAttribute('data-config'));
  var fetcher = GraphiQL.createFetcher({ url: config.graphqlPath });
  var props = {
    fetcher: fetcher,
    defaultEditorToolsVisibility: 'headers',
    isHeadersEditorEnabled: true,
    shouldPersistHeaders: config.persistHeaders,
    defaultQuery: config.defaultQuery
  };
  if (config.defaultHeaders) props.defaultHeaders = config.defaultHeaders;
  root.textContent = '';
  ReactDOM.createRoot(root).render(React.createElement(GraphiQL, props));
})();
`;

const DEFAULT_QUERY = `# GraphQL IDE
#
# Operations for signed-in users
# need a token: open "Headers"
# below and paste
#
#  {"Authorization":"Bearer <token>"}
#
# Run: Ctrl-Enter
# Autocomplete: Ctrl-Space
# Schema: Docs (left sidebar)

query {
  __typename
}
`;

/**
 * Page CSP: only our own origin for scripts, styles, fetches and images (plus data: images, which
 * GraphiQL's CSS uses for small icons). No inline script is allowed at all; the only inline style
 * allowed is one carrying this response's nonce.
 */
function pageCsp(nonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const IMMUTABLE = 'public, max-age=31536000, immutable';
const SAFE_PATH = /^(\/[A-Za-z0-9._~-]+)+$/;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

function packageRoot(pkg: string): { dir: string; version: string } {
  const manifest = require.resolve(`${pkg}/package.json`);
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return { dir: dirname(manifest), version };
}

/** Builds an Express router serving the GraphiQL page at `mountPath` and its whitelisted assets. */
export function createGraphiqlRouter(options: GraphiqlRouterOptions): Router {
  const mountPath = options.mountPath.replace(/\/+$/, '');
  if (!SAFE_PATH.test(mountPath)) {
    throw new Error(`GraphiQL mountPath must be a plain absolute path, got "${options.mountPath}"`);
  }
  const { graphqlPath } = options;
  if (!SAFE_PATH.test(graphqlPath)) {
    throw new Error(`GraphiQL graphqlPath must be a same-origin absolute path, got "${graphqlPath}"`);
  }

  // Resolve every file up front so a missing package fails at start-up, not on first visit.
  const assets = new Map<string, Asset>();
  const roots = new Map<string, { dir: string; version: string }>();
  for (const [name, spec] of Object.entries(NPM_ASSETS)) {
    let root = roots.get(spec.pkg);
    if (!root) {
      root = packageRoot(spec.pkg);
      roots.set(spec.pkg, root);
    }
    assets.set(name, {
      kind: 'npm',
      path: join(root.dir, spec.file),
      contentType: spec.contentType,
      version: root.version,
    });
  }
  assets.set('graphiql-ide.css', {
    kind: 'inline',
    body: PAGE_CSS,
    contentType: CSS,
    version: shortHash(PAGE_CSS),
  });
  assets.set('graphiql-ide.js', {
    kind: 'inline',
    body: BOOTSTRAP_JS,
    contentType: JS,
    version: shortHash(BOOTSTRAP_JS),
  });

  const assetUrl = (name: string): string => {
    const asset = assets.get(name);
    if (!asset) throw new Error(`unknown GraphiQL asset ${name}`);
    return `${mountPath}/assets/${name}?v=${encodeURIComponent(asset.version)}`;
  };

  const config = {
    graphqlPath,
    persistHeaders: options.persistHeaders ?? false,
    defaultQuery: options.defaultQuery ?? DEFAULT_QUERY,
    defaultHeaders: options.defaultHeaders ?? '',
  };
  const title = options.title ?? 'GraphQL IDE';
  const renderPage = (nonce: string): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${escapeHtml(assetUrl('graphiql.min.css'))}">
<link rel="stylesheet" href="${escapeHtml(assetUrl('graphiql-ide.css'))}">
</head>
<body>
<div id="graphiql" data-config="${escapeHtml(JSON.stringify(config))}"><p class="graphiql-ide-loading">Loading GraphiQL…</p></div>
<noscript>The GraphQL IDE needs JavaScript.</noscript>
<script src="${escapeHtml(assetUrl('react.production.min.js'))}"></script>
<script src="${escapeHtml(assetUrl('react-dom.production.min.js'))}"></script>
<script src="${escapeHtml(assetUrl('graphiql.min.js'))}"></script>
<script src="${escapeHtml(assetUrl('graphiql-ide.js'))}" nonce="${nonce}"></script>
</body>
</html>
`;

  const router = Router();

  router.get(mountPath, (_req: Request, res: Response) => {
    const nonce = randomBytes(18).toString('base64');
    res.set({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': pageCsp(nonce),
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
    });
    res.send(renderPage(nonce));
  });

  // `:file` never matches a "/" (encoded %2F is decoded only after matching), and the name must
  // be a key of the whitelist, so nothing outside the listed files can be reached.
  router.get(`${mountPath}/assets/:file`, (req: Request, res: Response, next) => {
    const asset = assets.get(String(req.params.file));
    if (!asset) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    // Long-lived caching only for the exact versioned URL the page links to.
    const versioned = req.query.v === asset.version;
    res.set({
      'Content-Type': asset.contentType,
      'Cache-Control': versioned ? IMMUTABLE : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      'Cross-Origin-Resource-Policy': 'same-origin',
    });
    if (asset.kind === 'inline') {
      res.send(asset.body);
      return;
    }
    // The path comes from the whitelist, never from the request; 'allow' only keeps `send` from
    // refusing a node_modules that sits below a dot-directory (e.g. pnpm's node_modules/.pnpm).
    res.sendFile(asset.path, { cacheControl: false, dotfiles: 'allow' }, (err?: Error) => {
      if (err && !res.headersSent) next(err);
    });
  });

  return router;
}
