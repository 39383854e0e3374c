import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where `npm start` keeps what it generated (secrets) and what it started (service URLs). */
export const LOCAL_DATA_DIR = '.data';

interface LocalSecrets {
  jwtSecret?: string;
  meiliMasterKey?: string;
}

/**
 * Fills unset variables from what the launcher generated and started in `.data/` (`secrets.json`: the JWT secret
 * and the Meilisearch master key; `services.json`: the URLs it used), so that every script (`npm run
 * search:reindex`, `npm run cli`, …) reads the same configuration as `npm start` without the secrets ever being
 * passed on a command line. Variables already set win; tests (NODE_ENV=test) never read these files.
 */
export function applyLocalRuntime(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): NodeJS.ProcessEnv {
  if (env.NODE_ENV === 'test') return env;
  const dir = join(cwd, LOCAL_DATA_DIR);
  const services = readJson<Record<string, string>>(join(dir, 'services.json')) ?? {};
  for (const [name, value] of Object.entries(services)) {
    if (/^[A-Z0-9_]+$/.test(name) && typeof value === 'string' && !env[name]) env[name] = value;
  }
  const secrets = readJson<LocalSecrets>(join(dir, 'secrets.json'));
  if (secrets?.jwtSecret && !env.JWT_SECRET) env.JWT_SECRET = secrets.jwtSecret;
  // The generated key belongs to the Meilisearch the launcher started (MEILI_URL from services.json or unset).
  if (secrets?.meiliMasterKey && !env.MEILI_MASTER_KEY && (!env.MEILI_URL || env.MEILI_URL === services.MEILI_URL))
    env.MEILI_MASTER_KEY = secrets.meiliMasterKey;
  return env;
}

function readJson<T>(file: string): T | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}
