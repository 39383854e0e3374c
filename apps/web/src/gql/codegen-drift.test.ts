import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../../codegen';

const WEB = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('generated GraphQL types', () => {
  it('match apps/api/schema.gql and the documents (run `npm run web:codegen` after changing either)', async () => {
    const outputs = await generate({ ...config, cwd: WEB, silent: true }, false);
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) {
      const committed = readFileSync(join(WEB, output.filename), 'utf8');
      expect(committed, `${relative(WEB, join(WEB, output.filename))} is out of date`).toBe(output.content);
    }
  }, 60_000);
});
