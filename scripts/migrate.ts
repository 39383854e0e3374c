/** Applies pending migrations to DATABASE_URL (npm run migrate). */
import { runMigrations } from '@app/database';

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/techtransfer';

runMigrations(databaseUrl)
  .then((applied) => {
    if (process.env.TT_MIGRATE_QUIET) return;
    console.log(applied.length === 0 ? 'Database is up to date.' : `Applied: ${applied.join(', ')}`);
  })
  .catch((error: unknown) => {
    console.error('Migration failed:', error);
    process.exit(1);
  });
