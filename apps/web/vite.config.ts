import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';

const GENERATED = fileURLToPath(new URL('./src/gql/graphql.ts', import.meta.url));
const DOCUMENT_MODULE = 'virtual:gql-document/';

/**
 * Each typed document in its own module (production build): src/gql/graphql.ts is one module, so Rollup kept every
 * document the app uses in the entry chunk (~10 KB compressed on every screen). Imports and re-exports of its
 * values (the `export const …Document` / `…FragmentDoc` lines) are rewritten to one virtual module per document,
 * which then lands in the chunk of the screens that use it. Types are untouched.
 */
function documentPerModule(): Plugin {
  let documents: Map<string, string> | null = null;
  const load = () => {
    documents ??= new Map(
      readFileSync(GENERATED, 'utf8')
        .split('\n')
        .flatMap((line) => {
          const found = /^export const (\w+) = (.*) as unknown as DocumentNode<.*>;$/.exec(line);
          return found ? [[found[1], found[2]] as [string, string]] : [];
        }),
    );
    return documents;
  };
  const statement = /\b(import|export)\s*\{([^}]*)\}\s*from\s*'((?:\.\.?\/)+gql\/graphql)';/g;
  return {
    name: 'document-per-module',
    apply: 'build',
    enforce: 'pre',
    resolveId: (id) => (id.startsWith(DOCUMENT_MODULE) ? `\0${id}` : null),
    load(id) {
      if (!id.startsWith(`\0${DOCUMENT_MODULE}`)) return null;
      const name = id.slice(DOCUMENT_MODULE.length + 1);
      const document = load().get(name);
      if (!document) this.error(`No document ${name} in src/gql/graphql.ts`);
      return `export const ${name} = ${document};`;
    },
    transform(code, id) {
      if (!/\.tsx?$/.test(id) || id === GENERATED || !code.includes('gql/graphql')) return null;
      const known = load();
      const rewritten = code.replace(statement, (whole, keyword: string, list: string, from: string) => {
        const specifiers = list
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const values = specifiers.filter((s) => known.has(s.split(/\s+as\s+/)[0]));
        if (values.length === 0) return whole;
        const rest = specifiers.filter((s) => !values.includes(s));
        return [
          ...values.map((s) => `${keyword} { ${s} } from '${DOCUMENT_MODULE}${s.split(/\s+as\s+/)[0]}';`),
          ...(rest.length > 0 ? [`${keyword} { ${rest.join(', ')} } from '${from}';`] : []),
        ].join('\n');
      });
      return rewritten === code ? null : { code: rewritten, map: null };
    },
  };
}

// In development the API runs separately (npm start or npm run api); Vite proxies its paths so the app talks
// to one origin, as it does in production where the API serves the built app.
const api = process.env.WEB_API_URL ?? 'http://localhost:3000';
const proxied = ['/graphql', '/files', '/health'];

export default defineConfig({
  plugins: [react(), documentPerModule()],
  server: {
    port: Number(process.env.WEB_DEV_PORT ?? 5173),
    proxy: Object.fromEntries(proxied.map((path) => [path, { target: api, changeOrigin: true }])),
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    chunkSizeWarningLimit: 1500,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
    css: false,
  },
});
