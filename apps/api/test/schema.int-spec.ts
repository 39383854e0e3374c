import { readFileSync } from 'node:fs';
import { schemaDrift } from '@app/database';
import { startTestApi, TestApi } from '@app/testing';
import { printApiSchema, SCHEMA_FILE } from '../src/graphql/schema-printer';

describe('committed artefacts match the code', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('apps/api/schema.gql is current (run `npm run schema:generate` after changing the API)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(printApiSchema(api.app));
  });

  it('the committed migrations produce exactly the entities (run `npm run migration:generate -- <Name>`)', async () => {
    const drift = await schemaDrift(process.env.DATABASE_URL!);
    expect(drift.up).toEqual([]);
  });
});
