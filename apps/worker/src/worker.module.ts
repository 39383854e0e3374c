import { Module } from '@nestjs/common';
import { AchievementsJobsModule } from '@app/achievements';
import { AnalyticsJobsModule } from '@app/analytics';
import { BrokerageJobsModule } from '@app/brokerage';
import {
  AppConfigModule,
  ClockModule,
  MeilisearchModule,
  MetricsModule,
  QueuesModule,
  QueueWorkersModule,
  RedisModule,
} from '@app/core';
import { DatabaseModule } from '@app/database';
import { DemandsJobsModule } from '@app/demands';
import { DigestsJobsModule } from '@app/digests';
import { MatchingJobsModule } from '@app/matching';
import { NotificationsJobsModule } from '@app/notifications';
import { EventsJobsModule } from '@app/events';
import { ProgrammesJobsModule } from '@app/programmes';
import { SearchJobsModule } from '@app/search';
import { HeartbeatJob } from './heartbeat.job';
import { WorkerHealthServer } from './worker-health.server';

/** The worker: the same domain services as the API, plus every job handler, and no GraphQL. */
@Module({
  imports: [
    AppConfigModule.forRoot(),
    ClockModule,
    DatabaseModule.forRoot('techtransfer-worker'),
    RedisModule,
    QueuesModule,
    MeilisearchModule,
    MetricsModule,
    QueueWorkersModule,
    DemandsJobsModule,
    SearchJobsModule,
    AchievementsJobsModule,
    MatchingJobsModule,
    DigestsJobsModule,
    BrokerageJobsModule,
    NotificationsJobsModule,
    ProgrammesJobsModule,
    EventsJobsModule,
    AnalyticsJobsModule,
  ],
  providers: [HeartbeatJob, WorkerHealthServer],
})
export class WorkerModule {}
