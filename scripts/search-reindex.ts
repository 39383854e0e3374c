/**
 * Rebuilds every search index from the database and swaps it in atomically (npm run search:reindex).
 * Safe while the API and worker run: searches keep answering from the old index until the swap, and changes
 * committed meanwhile are caught up before it; the worker's rematch follows. Reads the same configuration as
 * `npm start` (its generated secrets in .data/ included). Exit codes: 0 done, 3 another reindex is running, 78 bad config.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  AppConfigModule,
  ClockModule,
  ConfigValidationError,
  MeilisearchModule,
  QueuesModule,
  RedisModule,
} from '@app/core';
import { DatabaseModule } from '@app/database';
import { IndexHealthService, IndexSettingsService, ReindexService, SearchModule } from '@app/search';

@Module({
  imports: [
    AppConfigModule.forRoot(),
    ClockModule,
    DatabaseModule.forRoot('techtransfer-search-reindex'),
    RedisModule,
    QueuesModule,
    MeilisearchModule,
    SearchModule,
  ],
})
class ReindexModule {}

async function main(): Promise<number> {
  const app = await NestFactory.createApplicationContext(ReindexModule, { logger: ['error', 'warn'] });
  try {
    const reports = await app.get(ReindexService).reindexAll();
    if (reports === 'busy') {
      console.error('Another reindex is running; nothing done.');
      return 3;
    }
    app.get(IndexSettingsService).forget();
    // The worker then rebuilds matching's statistics and matches from the new indexes.
    await app.get(IndexHealthService).enqueueRematchAfterReindex();
    for (const report of reports) {
      console.log(
        `${report.kind}: ${report.documents} documents, ${report.caughtUp} caught up, ${(report.durationMs / 1000).toFixed(1)} s`,
      );
    }
    return 0;
  } finally {
    await app.close();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error(error instanceof ConfigValidationError ? error.message : error);
    process.exit(error instanceof ConfigValidationError ? 78 : 1);
  });
