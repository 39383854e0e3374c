import { Module } from '@nestjs/common';
import { AppConfigModule, ClockModule, MeilisearchModule, QueuesModule, RedisModule } from '@app/core';
import { DatabaseModule } from '@app/database';
import { SearchJobsModule } from '@app/search';

/**
 * The search indexer on its own: settings at boot, outbox drained on NOTIFY (with retries), no BullMQ consumers.
 * For the reindex/benchmark scripts and tests that need the indexer without every other domain's jobs.
 */
@Module({
  imports: [
    AppConfigModule.forRoot(),
    ClockModule,
    DatabaseModule.forRoot('techtransfer-search-indexer'),
    RedisModule,
    QueuesModule,
    MeilisearchModule,
    SearchJobsModule,
  ],
})
export class SearchIndexerAppModule {}
