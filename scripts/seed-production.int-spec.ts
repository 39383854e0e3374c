import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** `npm run seed` writes demo logins with published passwords: never into a production database. */
describe('npm run seed with NODE_ENV=production', () => {
  it('refuses before touching any database', () => {
    const run = spawnSync(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'seed.ts')], {
      cwd: join(__dirname, '..'),
      // An unreachable database: reaching for it would hang or fail differently.
      env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/refused with NODE_ENV=production/);
  });
});
