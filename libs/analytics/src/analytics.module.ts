import { Module } from '@nestjs/common';
import { AnalyticsFunnelJob } from './analytics.jobs';
import { AnalyticsResolver } from './analytics.resolver';
import { AnalyticsService } from './analytics.service';

/** The bureau's figures, for every process (read-only SQL aggregates). */
@Module({ providers: [AnalyticsService], exports: [AnalyticsService] })
export class AnalyticsModule {}

/** The GraphQL surface, imported by apps/api only. */
@Module({ imports: [AnalyticsModule], providers: [AnalyticsResolver] })
export class AnalyticsGraphqlModule {}

/** The analytics jobs (the funnel rollup's periodic refresh), imported by apps/worker only. */
@Module({ imports: [AnalyticsModule], providers: [AnalyticsFunnelJob] })
export class AnalyticsJobsModule {}
