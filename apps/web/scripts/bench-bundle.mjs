// npm run bench:bundle — the JavaScript each role's home screen loads, from the production build's manifest: the
// entry chunk (index.html) and every chunk it imports, plus the lazily loaded chunks the home route needs (its page,
// what the page loads as soon as it shows, the signed-in menu, and the Chinese messages of their features) with
// their static imports — each file once,
// compressed as the API serves it (brotli quality 9, apps/api/src/web/web-app.ts; gzip -9 shown beside).
// Builds into a temporary directory (the served dist/ is left alone). Prints a table role → KB against the budget
// (≤ 400 KB compressed, issue #15) and exits 1 when a role is over it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

const WEB = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUDGET_KB = 400;
// The signed-in menu loads with the notifications' Chinese messages (the bell); each screen with its features'.
const SIGNED_IN_MENU = ['src/app/SignedInMenu.tsx', 'src/locales/zh-CN/notifications.json'];
const messages = (...features) => features.map((feature) => `src/locales/zh-CN/${feature}.json`);

/**
 * Each role's home screen (the first link of its workspace, WorkspacePage) and the lazily loaded modules it needs
 * to be usable. A role lands on /workspace after signing in; its home is one click further.
 */
const HOMES = [
  { role: 'visitor (signed out)', route: '/', lazy: [] },
  {
    role: 'researcher',
    route: '/workspace/achievements',
    lazy: [...SIGNED_IN_MENU, 'src/features/my-achievements/pages/MyAchievementsPage.tsx', ...messages('researcher')],
  },
  {
    role: 'TTO officer',
    route: '/workspace/reviews',
    lazy: [...SIGNED_IN_MENU, 'src/features/tto-workbench/pages/TtoWorkbenchPage.tsx', ...messages('ttoOffice')],
  },
  {
    role: 'enterprise',
    route: '/workspace/demands',
    lazy: [...SIGNED_IN_MENU, 'src/features/enterprise/pages/MyDemandsPage.tsx', ...messages('enterprise')],
  },
  {
    role: 'broker',
    route: '/workspace/broker/queue',
    lazy: [...SIGNED_IN_MENU, 'src/features/broker/pages/BrokerQueuePage.tsx', ...messages('broker')],
  },
  {
    role: 'bureau (administrator)',
    route: '/workspace/bureau',
    // The charts (hand-written SVG) are in the dashboard's own chunk.
    lazy: [
      ...SIGNED_IN_MENU,
      'src/features/bureau/pages/BureauDashboardPage.tsx',
      ...messages('bureau'),
    ],
  },
  {
    role: '(any signed-in role) /workspace',
    route: '/workspace',
    lazy: [
      ...SIGNED_IN_MENU,
      'src/features/account/pages/WorkspacePage.tsx',
      ...messages('broker', 'bureau', 'enterprise', 'expertCalls', 'programmes', 'researcher', 'ttoOffice'),
    ],
  },
];

function build(outDir) {
  const vite = join(WEB, 'node_modules', 'vite', 'bin', 'vite.js');
  const run = spawnSync(
    process.execPath,
    [vite, 'build', '--manifest', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    {
      cwd: WEB,
      stdio: 'inherit',
    },
  );
  if (run.status !== 0) throw new Error('Building the web app failed');
  return JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8'));
}

/** The JavaScript files of these manifest entries and of everything they import statically. */
function closure(manifest, keys) {
  const files = new Set();
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the build's manifest (renamed? update HOMES in bench-bundle.mjs)`);
    if (chunk.file.endsWith('.js')) files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return files;
}

function main() {
  const outDir = mkdtempSync(join(tmpdir(), 'bench-bundle-'));
  try {
    const manifest = build(outDir);
    const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
    const sizes = new Map();
    const size = (file) => {
      if (!sizes.has(file)) {
        const raw = readFileSync(join(outDir, file));
        sizes.set(file, {
          raw: raw.length,
          br: brotliCompressSync(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9 } }).length,
          gzip: gzipSync(raw, { level: 9 }).length,
        });
      }
      return sizes.get(file);
    };
    const kb = (bytes) => (bytes / 1024).toFixed(1);
    const entryFiles = closure(manifest, [entry]);
    console.log(`JavaScript per role's home screen (production build; budget ≤ ${BUDGET_KB} KB compressed)`);
    console.log(
      `  ${'role'.padEnd(34)} ${'home route'.padEnd(25)} ${'files'.padStart(5)} ${'raw KB'.padStart(8)} ${'gzip KB'.padStart(8)} ` +
        `${'brotli KB'.padStart(9)}  ${'of budget'.padStart(9)}`,
    );
    let over = 0;
    for (const home of HOMES) {
      const files = new Set([...entryFiles, ...closure(manifest, home.lazy)]);
      const total = { raw: 0, br: 0, gzip: 0 };
      for (const file of files) {
        const s = size(file);
        total.raw += s.raw;
        total.br += s.br;
        total.gzip += s.gzip;
      }
      const share = total.br / 1024 / BUDGET_KB;
      if (share > 1) over++;
      console.log(
        `  ${home.role.padEnd(34)} ${home.route.padEnd(25)} ${String(files.size).padStart(5)} ${kb(total.raw).padStart(8)} ` +
          `${kb(total.gzip).padStart(8)} ${kb(total.br).padStart(9)}  ${`${(share * 100).toFixed(0)} %`.padStart(9)}${share > 1 ? '  OVER' : ''}`,
      );
    }
    const entrySize = [...entryFiles].reduce((sum, file) => sum + size(file).br, 0);
    console.log(
      `  of which the entry (index.html and its imports, every page loads it): ${kb(entrySize)} KB brotli, ${entryFiles.size} files`,
    );
    if (over > 0) {
      console.log(`${over} home screen(s) over the ${BUDGET_KB} KB budget`);
      process.exitCode = 1;
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

main();
