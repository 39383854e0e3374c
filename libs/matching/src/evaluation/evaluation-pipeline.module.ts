import { DynamicModule, Module } from '@nestjs/common';
import { ImportModule } from '@app/catalog-import';
import { AppConfigModule, ClockModule, MeilisearchModule, QueuesModule, RedisModule } from '@app/core';
import { DatabaseModule } from '@app/database';
import { SearchModule } from '@app/search';
import { MatchingModule } from '../matching.module';

/**
 * What the evaluation pipeline runs (import → outbox → index → match), without the API or the workers: the
 * evaluation command and the engine-level tests build their application context from it. Not exported from
 * @app/matching: it imports @app/database, whose entity list imports libraries that import @app/matching.
 */
@Module({})
export class EvaluationPipelineModule {
  /** `applicationName` tells the caller's PostgreSQL connections apart (see DatabaseModule.forRoot). */
  static forRoot(applicationName: string): DynamicModule {
    return {
      module: EvaluationPipelineModule,
      imports: [
        AppConfigModule.forRoot(),
        ClockModule,
        DatabaseModule.forRoot(applicationName),
        RedisModule,
        QueuesModule,
        MeilisearchModule,
        ImportModule,
        SearchModule,
        MatchingModule,
      ],
    };
  }
}
