import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveChromium } from './browser';

const WEB = join(dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = join(WEB, '..', '..');

function newestSource(path: string): number {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newestSource(join(path, entry))));
}

/** The browser tests run against the production build, as the API serves it. */
function ensureBuild(): void {
  const index = join(WEB, 'dist', 'index.html');
  const sources = Math.max(newestSource(join(WEB, 'src')), newestSource(join(WEB, 'index.html')));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const result = spawnSync(
    process.execPath,
    [join(WEB, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: WEB,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) throw new Error('Building the web app failed');
}

/** Starts scripts/e2e-stack.ts (fresh database, demo data, search index, API) and waits until it answers. */
function startStack(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'scripts/e2e-stack.ts'], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error('The test stack did not start within 4 minutes')), 240_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /E2E_READY (\S+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve({ child, url: ready[1] });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The test stack exited (code ${code}) before it was ready`));
    });
  });
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  process.env.E2E_CHROMIUM = await resolveChromium();
  ensureBuild();
  // Against a stack already running (e.g. `node -r @swc-node/register scripts/e2e-stack.ts` kept open while
  // writing tests): E2E_BASE_URL names it and nothing is started.
  if (process.env.E2E_BASE_URL) return async () => undefined;
  const { child, url } = await startStack();
  process.env.E2E_BASE_URL = url;
  return async () => {
    if (child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  };
}
