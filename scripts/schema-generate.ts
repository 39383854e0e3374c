/** Writes apps/api/schema.gql from the code-first schema (npm run schema:generate). */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { skipMeiliKeyDerivation } from '@app/core';
import { createApiApp } from '../apps/api/src/bootstrap';
import { printApiSchema, SCHEMA_FILE } from '../apps/api/src/graphql/schema-printer';

async function main(): Promise<void> {
  // The schema does not depend on secrets; placeholders let it be generated without a configured environment.
  process.env.JWT_SECRET ??= randomBytes(32).toString('hex');
  process.env.MEILI_MASTER_KEY ??= randomBytes(16).toString('hex');
  process.env.LOG_LEVEL ??= 'warn';
  // No table is read: any reachable database will do.
  process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
  // Nor does it search: no Meilisearch key is derived (none may be running).
  skipMeiliKeyDerivation();
  const app = await createApiApp();
  await app.init();
  writeFileSync(SCHEMA_FILE, printApiSchema(app));
  await app.close();
  console.log(`Wrote ${SCHEMA_FILE}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
