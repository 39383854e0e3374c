import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '@app/core';

// No Docker engine runs where the tests run, so the compose file is checked as data: it parses, it has every
// service a deployment needs, and the apps get every variable the configuration requires.
type Service = { environment?: Record<string, string>; command?: string[]; depends_on?: Record<string, unknown> };
const compose = parse(readFileSync(join(__dirname, 'compose.yaml'), 'utf8')) as { services: Record<string, Service> };

describe('docker/compose.yaml', () => {
  it('declares the whole stack', () => {
    expect(Object.keys(compose.services).sort()).toEqual([
      'api',
      'meilisearch',
      'migrate',
      'postgres',
      'redis',
      'worker',
    ]);
    expect(compose.services.worker.command).toEqual(['node', 'dist/apps/worker/src/main.js']);
    expect(compose.services.migrate.command).toEqual(['node', 'dist/scripts/migrate.js']);
    expect(Object.keys(compose.services.api.depends_on ?? {})).toContain('migrate');
  });

  it.each(['api', 'worker', 'migrate'])('gives %s a configuration that validates', (name) => {
    const environment = compose.services[name].environment ?? {};
    // Substitute placeholders the way compose would with a filled-in .env file.
    const filled = Object.fromEntries(
      Object.entries(environment).map(([key, value]) => [
        key,
        String(value).replace(/\$\{(\w+)[^}]*\}/g, (_, variable: string) =>
          variable === 'PUBLIC_URL'
            ? 'https://techtransfer.example'
            : `${variable.toLowerCase()}-value-long-enough-for-validation`,
        ),
      ]),
    );
    expect(() => loadConfig(filled)).not.toThrow();
    expect(loadConfig(filled).isProduction).toBe(true);
  });
});
