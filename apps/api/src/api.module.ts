import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, APP_PIPE, ModuleRef } from '@nestjs/core';
import { GraphQLModule, GraphQLSchemaHost } from '@nestjs/graphql';
import { AchievementsGraphqlModule } from '@app/achievements';
import { AnalyticsGraphqlModule } from '@app/analytics';
import { BrokerageGraphqlModule } from '@app/brokerage';
import {
  AppConfig,
  AppConfigModule,
  ClockModule,
  MeilisearchSearchModule,
  MetricsModule,
  MetricsService,
  QueuesModule,
  RateLimitsModule,
  RedisModule,
} from '@app/core';
import { DatabaseModule } from '@app/database';
import { DemandsGraphqlModule } from '@app/demands';
import { DigestsGraphqlModule } from '@app/digests';
import { ExpertsGraphqlModule } from '@app/experts';
import { FilesHttpModule } from '@app/files';
import { DirectoryService, GraphqlAuthGuard, IdentityGraphqlModule } from '@app/identity';
import { MatchingGraphqlModule } from '@app/matching';
import { NotificationsGraphqlModule } from '@app/notifications';
import { EventsGraphqlModule } from '@app/events';
import { ExpertCallsGraphqlModule } from '@app/expert-calls';
import { ConsortiaGraphqlModule } from '@app/consortia';
import { ProgrammesGraphqlModule } from '@app/programmes';
import { SearchGraphqlModule } from '@app/search';
import { TaxonomyGraphqlModule } from '@app/taxonomy';
import { graphqlOptions } from './graphql/graphql-options';
import { RateLimitGuard } from './graphql/rate-limit.guard';
import { createValidationPipe } from './graphql/validation';
import { HealthModule } from './health/health.module';
import { RequestContextInterceptor } from './request-context.interceptor';

@Module({
  imports: [
    AppConfigModule.forRoot(),
    ClockModule,
    DatabaseModule.forRoot('techtransfer-api'),
    RedisModule,
    RateLimitsModule,
    QueuesModule,
    MeilisearchSearchModule,
    MetricsModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [AppConfig, ModuleRef],
      useFactory: (config: AppConfig, moduleRef: ModuleRef) =>
        graphqlOptions(
          config,
          () => moduleRef.get(GraphQLSchemaHost, { strict: false }),
          (userId) => moduleRef.get(DirectoryService, { strict: false }).localeOf(userId),
          () => moduleRef.get(MetricsService, { strict: false }),
        ),
    }),
    HealthModule,
    IdentityGraphqlModule,
    TaxonomyGraphqlModule,
    DemandsGraphqlModule,
    ExpertsGraphqlModule,
    SearchGraphqlModule,
    AchievementsGraphqlModule,
    MatchingGraphqlModule,
    NotificationsGraphqlModule,
    DigestsGraphqlModule,
    BrokerageGraphqlModule,
    AnalyticsGraphqlModule,
    ProgrammesGraphqlModule,
    EventsGraphqlModule,
    ExpertCallsGraphqlModule,
    ConsortiaGraphqlModule,
    FilesHttpModule,
  ],
  providers: [
    // In this order: the rate-limit guard counts per account, so it needs the actor the auth guard finds.
    { provide: APP_GUARD, useExisting: GraphqlAuthGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_INTERCEPTOR, useClass: RequestContextInterceptor },
  ],
})
export class ApiModule {}
