// Runs after the root `npm ci` / `npm install`: installs the web app's own dependencies (apps/web has its own
// package and lockfile because it uses React 19, while the GraphQL IDE served by the API ships React 18's UMD
// build from the root). Skipped when apps/web/node_modules is already in step with its lockfile.
const { execFileSync } = require('node:child_process');
const { existsSync, statSync } = require('node:fs');
const { join } = require('node:path');

const web = join(__dirname, '..', 'apps', 'web');
const lock = join(web, 'package-lock.json');
const installed = join(web, 'node_modules', '.package-lock.json');
if (!existsSync(lock)) process.exit(0);
if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) process.exit(0);
console.log('Installing the web app’s dependencies (apps/web)…');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
execFileSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: web, stdio: 'inherit' });
