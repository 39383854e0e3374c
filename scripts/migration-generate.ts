/**
 * Writes a migration for whatever the entities changed: applies the committed migrations to a scratch
 * database, asks TypeORM for the remaining difference, and writes it as a new migration file.
 * Usage: npm run migration:generate -- AddAchievements
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@app/core';
import { createDatabase, databaseUrlWithName, dropDatabase, runMigrations, schemaDrift } from '@app/database';

const MIGRATIONS_DIR = join(__dirname, '../libs/database/src/migrations');

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    console.error('Usage: npm run migration:generate -- <PascalCaseName>');
    process.exit(2);
  }
  const baseUrl = process.env.DATABASE_URL ?? loadConfigUrl();
  const scratch = `tt_migration_scratch_${process.pid}`;
  await createDatabase(baseUrl, scratch);
  try {
    const scratchUrl = databaseUrlWithName(baseUrl, scratch);
    await runMigrations(scratchUrl);
    const drift = await schemaDrift(scratchUrl);
    if (drift.up.length === 0) {
      console.log('The entities match the migrations: nothing to generate.');
      return;
    }
    const timestamp = Date.now();
    const className = `${name}${timestamp}`;
    const fileName = `${timestamp}-${name}`;
    const statement = (sql: string) => `    await queryRunner.query(${JSON.stringify(sql)});`;
    writeFileSync(
      join(MIGRATIONS_DIR, `${fileName}.ts`),
      `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${drift.up.map(statement).join('\n')}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${[...drift.down].reverse().map(statement).join('\n')}
  }
}
`,
    );
    const indexPath = join(MIGRATIONS_DIR, 'index.ts');
    const index = readFileSync(indexPath, 'utf8')
      .replace(/^(\/\/.*\n)/, `$1import { ${className} } from './${fileName}';\n`)
      .replace(/export const MIGRATIONS = \[(.*)\];/s, (_, list: string) => {
        const items = list
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        return `export const MIGRATIONS = [${[...items, className].join(', ')}];`;
      });
    writeFileSync(indexPath, index);
    // Generated code is formatted like the rest, so `npm run lint` stays green.
    execFileSync(
      process.execPath,
      [require.resolve('prettier/bin/prettier.cjs'), '--write', join(MIGRATIONS_DIR, `${fileName}.ts`), indexPath],
      {
        stdio: 'ignore',
      },
    );
    console.log(`Wrote libs/database/src/migrations/${fileName}.ts (${drift.up.length} statements)`);
  } finally {
    await dropDatabase(baseUrl, scratch);
  }
}

function loadConfigUrl(): string {
  try {
    return loadConfig().DATABASE_URL;
  } catch {
    return 'postgres://postgres@127.0.0.1:5432/techtransfer';
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
