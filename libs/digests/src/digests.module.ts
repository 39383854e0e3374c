import { Module } from '@nestjs/common';
import { IdentityModule } from '@app/identity';
import { NotificationsModule } from '@app/notifications';
import { AllMatchesUnclaimed, BrokerDigestSource } from './broker-digest-source';
import { DigestBuilderService } from './digest-builder.service';
import { DigestDeliveryService } from './digest-delivery.service';
import { DigestPreferencesService } from './digest-preferences.service';
import { DigestPlanState } from './digest-plan-state';
import { DigestsJobs } from './digests.jobs';
import { DigestsResolver } from './digests.resolver';
import { QueueDashboardService } from './queue-dashboard';
import { UnsubscribeController } from './unsubscribe.controller';

/** Preferences, building and delivering digests, for every process. */
@Module({
  imports: [NotificationsModule],
  providers: [
    DigestPreferencesService,
    DigestBuilderService,
    DigestDeliveryService,
    // Replaced by brokerage's implementation once libs/brokerage provides one (see broker-digest-source.ts).
    { provide: BrokerDigestSource, useClass: AllMatchesUnclaimed },
  ],
  exports: [DigestPreferencesService, DigestBuilderService, DigestDeliveryService, NotificationsModule],
})
export class DigestsModule {}

/** GraphQL, the unsubscribe links and the queue dashboard guard; imported by apps/api only. */
@Module({
  imports: [DigestsModule, IdentityModule],
  providers: [DigestsResolver, QueueDashboardService],
  controllers: [UnsubscribeController],
  exports: [QueueDashboardService],
})
export class DigestsGraphqlModule {}

/** The hourly planner, builds and deliveries; imported by apps/worker only. */
@Module({ imports: [DigestsModule], providers: [DigestsJobs, DigestPlanState] })
export class DigestsJobsModule {}
