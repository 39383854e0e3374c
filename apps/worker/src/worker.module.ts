import { Module } from '@nestjs/common';
import { AppConfigModule, ClockModule, MeilisearchModule, QueuesModule, QueueWorkersModule, RedisModule } from '@app/core';
import { DatabaseModule } from '@app/database';
import { HeartbeatJob } from './heartbeat.job';

/** The worker: the same domain services as the API, plus every job handler, and no GraphQL. */
@Module({
  imports: [
    AppConfigModule.forRoot(),
    ClockModule,
    DatabaseModule.forRoot('techtransfer-worker'),
    RedisModule,
    QueuesModule,
    MeilisearchModule,
    QueueWorkersModule,
  ],
  providers: [HeartbeatJob],
})
export class WorkerModule {}
