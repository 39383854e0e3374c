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
import { writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ImportModule } from '@app/catalog-import';
import { AppConfigModule, ClockModule, MeilisearchModule, QueuesModule, RedisModule } from '@app/core';
import { DatabaseModule } from '@app/database';
import {
  crossValidateRun,
  DEFAULT_FOLD_SEED,
  formatCrossValidation,
  formatEvaluation,
  MatchingModule,
  runMatchingEvaluation,
} from '@app/matching';
import { SearchModule } from '@app/search';
import { inThrowawayNamespace } from './support/throwaway-namespace';

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
  await inThrowawayNamespace('eval', async (defer) => {
    const app = await NestFactory.createApplicationContext(EvaluationModule, { logger: ['error', 'warn'] });
    defer(() => app.close());
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
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
