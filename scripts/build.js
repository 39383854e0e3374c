// Compiles apps/, libs/ and scripts/ to dist/ with SWC (type checking is `npm run lint`'s job), rewriting the
// @app/* path aliases to relative requires so `node dist/apps/api/src/main.js` runs without any loader.
// SWC wants an absolute baseUrl, so the config is written for this checkout at build time.
const { execFileSync } = require('node:child_process');
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { compilerOptions } = require('../tsconfig.base.json');

const root = join(__dirname, '..');
const paths = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [alias, [`./${target}`]]),
);
const config = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
    baseUrl: root,
    paths,
  },
  module: { type: 'commonjs', strictMode: true },
  sourceMaps: true,
};
const dir = mkdtempSync(join(tmpdir(), 'tt-build-'));
const configFile = join(dir, '.swcrc');
writeFileSync(configFile, JSON.stringify(config));
rmSync(join(root, 'dist'), { recursive: true, force: true });
try {
  execFileSync(
    process.execPath,
    [
      require.resolve('@swc/cli/bin/swc.js'),
      'apps',
      'libs',
      'scripts',
      '--out-dir',
      'dist',
      '--config-file',
      configFile,
      '--copy-files',
      '--ignore',
      // The web app is built by Vite (npm run web:build), not here.
      '**/*.spec.ts,**/*.int-spec.ts,**/test/**,apps/web/**',
    ],
    { cwd: root, stdio: 'inherit' },
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
