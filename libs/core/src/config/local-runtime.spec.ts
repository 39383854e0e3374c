import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './app-config';
import { applyLocalRuntime } from './local-runtime';

describe('applyLocalRuntime (scripts read what npm start generated)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'local-runtime-'));
    mkdirSync(join(dir, '.data'));
    writeFileSync(
      join(dir, '.data', 'secrets.json'),
      JSON.stringify({ jwtSecret: 'j'.repeat(64), meiliMasterKey: 'm'.repeat(48) }),
    );
    writeFileSync(
      join(dir, '.data', 'services.json'),
      JSON.stringify({ MEILI_URL: 'http://127.0.0.1:7791', REDIS_URL: 'redis://127.0.0.1:6390' }),
    );
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('fills the generated secrets and the services started, so the configuration validates', () => {
    const env = applyLocalRuntime({ NODE_ENV: 'development' }, dir);
    const config = loadConfig(env);
    expect(config.JWT_SECRET).toBe('j'.repeat(64));
    expect(config.MEILI_MASTER_KEY).toBe('m'.repeat(48));
    expect(config.MEILI_URL).toBe('http://127.0.0.1:7791');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6390');
  });

  it('never overrides what is set, nor pairs the generated key with another Meilisearch', () => {
    const env = applyLocalRuntime(
      { NODE_ENV: 'development', JWT_SECRET: 's'.repeat(40), MEILI_URL: 'http://meili:7700' },
      dir,
    );
    expect(env.JWT_SECRET).toBe('s'.repeat(40));
    expect(env.MEILI_URL).toBe('http://meili:7700');
    expect(env.MEILI_MASTER_KEY).toBeUndefined();
  });

  it('is not read by tests', () => {
    expect(applyLocalRuntime({ NODE_ENV: 'test' }, dir).JWT_SECRET).toBeUndefined();
  });
});
