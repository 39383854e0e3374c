// One Jest run for the whole monorepo: unit specs (*.spec.ts) beside the code and integration specs
// (*.int-spec.ts) against the real Postgres, Redis and Meilisearch. Each worker gets its own database,
// index prefix and queue prefix (see libs/testing/src/jest).
const fs = require('node:fs');
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

/**
 * NestJS 12 and much of its tree ship as ES modules only; Node 20 runs them through require(esm), but Jest's
 * module system needs them compiled to CommonJS. Find every installed package that declares "type": "module".
 */
function esmPackages(nodeModules) {
  const names = new Set();
  const visit = (dir) => {
    let entries = [];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      if (entry.name.startsWith('@')) {
        for (const scoped of fs.readdirSync(path.join(dir, entry.name), { withFileTypes: true })) {
          if (scoped.isDirectory()) inspect(path.join(dir, entry.name, scoped.name), `${entry.name}/${scoped.name}`);
        }
      } else inspect(path.join(dir, entry.name), entry.name);
    }
  };
  const inspect = (packageDir, name) => {
    try {
      if (JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')).type === 'module') names.add(name);
    } catch {
      // not a package
    }
    visit(path.join(packageDir, 'node_modules'));
  };
  visit(nodeModules);
  return [...names].sort();
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace('/', '\\/')}$`,
    `<rootDir>/${target}`,
  ]),
);

const swcTransform = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/scripts', '<rootDir>/docker'],
  testMatch: ['**/*.spec.ts', '**/*.int-spec.ts'],
  // The web app has its own runners (vitest, Playwright) and its own node_modules.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/apps/web/'],
  modulePathIgnorePatterns: ['<rootDir>/apps/web/'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  transform: { '^.+\\.(t|j|mj)s$': swcTransform },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages(path.join(__dirname, 'node_modules')).map(escapeRegExp).join('|')})/)`],
  moduleNameMapper,
  globalSetup: '<rootDir>/libs/testing/src/jest/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/jest/global-teardown.ts',
  setupFiles: ['<rootDir>/libs/testing/src/jest/worker-env.ts'],
  testTimeout: 60_000,
  maxWorkers: 2,
};
