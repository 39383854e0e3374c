import { existsSync } from 'node:fs';

/** Flags that matter on these machines (root, small /dev/shm, no network for component updates). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/**
 * A Chromium to drive: E2E_CHROMIUM if set, the build shipped inside the @sparticuz/chromium npm package
 * (installed by `npm ci`), else Debian's. No browser is a failure with the way to get one, never a skip.
 */
export async function resolveChromium(): Promise<string> {
  const configured = process.env.E2E_CHROMIUM;
  if (configured) {
    if (!existsSync(configured)) throw new Error(`E2E_CHROMIUM=${configured} does not exist.`);
    return configured;
  }
  try {
    const { default: chromium } = await import('@sparticuz/chromium');
    const path = await chromium.executablePath();
    if (path && existsSync(path)) return path;
  } catch {
    // not installed or cannot unpack here: try Debian's below
  }
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  throw new Error(
    [
      'No Chromium for the browser tests. Either:',
      '  - run `npm ci` at the repository root (it installs @sparticuz/chromium into apps/web/node_modules), or',
      '  - install Debian’s: `apt-get install -y chromium fonts-noto-cjk` (as root), or',
      '  - set E2E_CHROMIUM to a Chromium executable.',
    ].join('\n'),
  );
}
