/**
 * npm run eval:matching -- <dataset-folder> [--folds 5] [--seed 18] [--label any|graded] [--pools-out <file>]
 * Imports a judged folder (see the evaluation README) into a fresh namespace — its own database created from the
 * migrations, its own Meilisearch index prefix and Redis prefix, all removed afterwards — runs the real pipeline
 * (import → outbox → index → matching) and prints the metrics table, then one JSON line.
 * With --folds k: the demands are split into k folds; the calibration is fit on the training folds only and the
 * table is the test folds' (mean and spread), the JSON line its figures. --pools-out writes every demand's
 * candidates with their features and the judgements (for `npm run matching:train`; keep it outside the project).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ImportModule } from '@app/catalog-import';
import {
  AppConfigModule,
  ClockModule,
  createMeiliClient,
  createRedisClient,
  MeilisearchModule,
  QueuesModule,
  RedisModule,
} from '@app/core';
import { createDatabase, databaseUrlWithName, DatabaseModule, dropDatabase, runMigrations } from '@app/database';
import { startMeilisearch, type ManagedMeilisearch } from '@app/dev-services';
import {
  crossValidateRun,
  DEFAULT_FOLD_SEED,
  formatCrossValidation,
  formatEvaluation,
  MatchingModule,
  runMatchingEvaluation,
} from '@app/matching';
import { SearchModule } from '@app/search';

@Module({
  imports: [
    AppConfigModule.forRoot(),
    ClockModule,
    DatabaseModule.forRoot('techtransfer-eval'),
    RedisModule,
    QueuesModule,
    MeilisearchModule,
    ImportModule,
    SearchModule,
    MatchingModule,
  ],
})
class EvaluationModule {}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const index = args.indexOf(`--${name}`);
    return index >= 0 ? args[index + 1] : undefined;
  };
  const valued = new Set(
    ['--folds', '--seed', '--label', '--pools-out']
      .map((o) => args.indexOf(o))
      .filter((i) => i >= 0)
      .map((i) => i + 1),
  );
  const folder = args.find((arg, i) => !arg.startsWith('-') && !valued.has(i));
  const folds = option('folds') ? Number(option('folds')) : 0;
  const seed = option('seed') ? Number(option('seed')) : DEFAULT_FOLD_SEED;
  const label = option('label') === 'any' ? 'any' : 'graded';
  const poolsOut = option('pools-out');
  if (!folder) throw new Error('usage: npm run eval:matching -- <dataset-folder>');
  const directory = resolve(folder);
  const dataset = basename(directory);
  const namespace = `tt_eval_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const cleanups: Array<() => unknown> = [];

  try {
    await createDatabase(baseUrl, namespace);
    cleanups.push(() => dropDatabase(baseUrl, namespace));
    const databaseUrl = databaseUrlWithName(baseUrl, namespace);
    await runMigrations(databaseUrl);

    let meili: ManagedMeilisearch | null = null;
    if (!process.env.MEILI_URL) {
      const dataDir = mkdtempSync(join(tmpdir(), 'tt-eval-meili-'));
      meili = await startMeilisearch({ dataDir });
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
      cleanups.push(() => meili?.stop());
    }
    Object.assign(process.env, {
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      MEILI_URL: meili?.url ?? process.env.MEILI_URL,
      MEILI_MASTER_KEY: meili?.masterKey ?? process.env.MEILI_MASTER_KEY,
      MEILI_INDEX_PREFIX: `${namespace}_`,
      REDIS_PREFIX: namespace,
      JWT_SECRET: process.env.JWT_SECRET ?? randomBytes(32).toString('hex'),
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    });
    // Indexes under our prefix are removed even when an external Meilisearch is used.
    cleanups.push(async () => {
      const { client, close } = createMeiliClient(process.env.MEILI_URL!, process.env.MEILI_MASTER_KEY!);
      try {
        const { results } = await client.getIndexes({ limit: 1000 });
        for (const index of results.filter((i) => i.uid.startsWith(`${namespace}_`)))
          await client.deleteIndex(index.uid).waitTask();
      } finally {
        close();
      }
    });
    cleanups.push(async () => {
      const redis = createRedisClient(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
      try {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${namespace}:*`, 'COUNT', 1000);
          if (keys.length > 0) await redis.del(...keys);
          cursor = next;
        } while (cursor !== '0');
      } finally {
        redis.disconnect();
      }
    });

    const app = await NestFactory.createApplicationContext(EvaluationModule, { logger: ['error', 'warn'] });
    cleanups.push(() => app.close());
    const run = await runMatchingEvaluation(app, directory, dataset);
    if (poolsOut) {
      writeFileSync(
        poolsOut,
        JSON.stringify({
          dataset,
          pools: [...run.pools],
          language: [...run.language],
          qrels: [...run.qrels].map(([id, judged]) => [id, [...judged]]),
        }),
      );
    }
    if (folds > 0) {
      // The whole-set table first (the engine as configured), then the honest one.
      console.log(formatEvaluation(run).split('\n').slice(0, -1).join('\n'));
      console.log(formatCrossValidation(crossValidateRun(run, folds, seed, { label })));
    } else console.log(formatEvaluation(run));
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error('cleanup failed:', error);
      }
    }
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
