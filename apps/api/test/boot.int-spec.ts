import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');

function boot(entry: string, env: Record<string, string | undefined>) {
  return spawnSync(process.execPath, ['-r', '@swc-node/register', entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, NODE_ENV: 'test', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('booting with bad configuration', () => {
  it.each(['apps/api/src/main.ts', 'apps/worker/src/main.ts'])(
    '%s stops with a message naming each variable',
    (entry) => {
      const result = boot(entry, { PORT: 'abc', MEILI_MASTER_KEY: 'x'.repeat(20), DATABASE_URL: 'not a url' });
      expect(result.status).toBe(78);
      expect(result.stderr).toContain('Invalid configuration');
      expect(result.stderr).toMatch(/PORT: .*"abc"/);
      expect(result.stderr).toMatch(/DATABASE_URL: DATABASE_URL must be a postgres:\/\/ URL/);
      expect(result.stderr).toMatch(/JWT_SECRET is required/);
      expect(result.stderr).not.toMatch(/^\s+at /m);
    },
  );
});
