import { Global, Module } from '@nestjs/common';
import { AchievementsModule } from '@app/achievements';
import { INTRODUCTION_ACCESS } from '@app/core';
import { DemandsModule } from '@app/demands';
import { ExpertsModule } from '@app/experts';
import { FilesModule } from '@app/files';
import { IdentityModule } from '@app/identity';
import { MatchingModule } from '@app/matching';
import { NotificationsModule } from '@app/notifications';
import {
  DealLinksResolver,
  EntrustmentLinksResolver,
  IntroductionLinksResolver,
  MatchClaimLinksResolver,
  PriceNoticeLinksResolver,
} from './brokerage-links.resolver';
import { BrokerageJobs } from './brokerage.jobs';
import { BrokerageResolver, DealResolver, IntroductionResolver } from './brokerage.resolver';
import { BrokerageSettingsService } from './brokerage-settings.service';
import { ClaimsService } from './claims.service';
import { DealsService } from './deals.service';
import { BrokerAgencySettingsChangeEntity } from './entities/agency-settings-change.entity';
import { BrokerAgencySettingsEntity, BrokerProfileEntity } from './entities/brokerage-settings.entity';
import { DealActivityEntity, DealEntity, DealReminderEntity, DealTaskEntity } from './entities/deal.entity';
import { EntrustmentEntity } from './entities/entrustment.entity';
import {
  IntroductionAcknowledgementEntity,
  IntroductionEntity,
  IntroductionRevealEntity,
  ListingFeedbackEntity,
} from './entities/introduction.entity';
import { MatchClaimEntity } from './entities/match-claim.entity';
import { EntrustmentsService } from './entrustments.service';
import { IntroductionAccessProvider } from './introduction-access.provider';
import { IntroductionsService } from './introductions.service';
import { PartiesService } from './parties.service';
import { DealFileAccess } from './deal-file-access';

export const BROKERAGE_ENTITIES = [
  BrokerAgencySettingsEntity,
  BrokerAgencySettingsChangeEntity,
  BrokerProfileEntity,
  EntrustmentEntity,
  MatchClaimEntity,
  IntroductionEntity,
  IntroductionAcknowledgementEntity,
  IntroductionRevealEntity,
  ListingFeedbackEntity,
  DealEntity,
  DealActivityEntity,
  DealTaskEntity,
  DealReminderEntity,
];

/**
 * What introductions reveal, offered to experts and demands through the IntroductionAccess port. Global so their
 * modules see the token without importing brokerage (brokerage depends on them, never the reverse).
 */
@Global()
@Module({
  providers: [IntroductionAccessProvider, { provide: INTRODUCTION_ACCESS, useExisting: IntroductionAccessProvider }],
  exports: [IntroductionAccessProvider, INTRODUCTION_ACCESS],
})
export class BrokerageAccessModule {}

/** Entrustments, claims, introductions and deals, for every process. */
@Module({
  imports: [BrokerageAccessModule, DemandsModule, MatchingModule, NotificationsModule, FilesModule],
  providers: [
    PartiesService,
    BrokerageSettingsService,
    EntrustmentsService,
    ClaimsService,
    IntroductionsService,
    DealsService,
    DealFileAccess,
  ],
  exports: [
    PartiesService,
    BrokerageSettingsService,
    EntrustmentsService,
    ClaimsService,
    IntroductionsService,
    DealsService,
  ],
})
export class BrokerageModule {}

/** The GraphQL surface, imported by apps/api only. */
@Module({
  imports: [
    BrokerageModule,
    DemandsModule,
    AchievementsModule,
    ExpertsModule,
    IdentityModule,
    MatchingModule,
    FilesModule,
  ],
  providers: [
    BrokerageResolver,
    IntroductionResolver,
    DealResolver,
    MatchClaimLinksResolver,
    EntrustmentLinksResolver,
    IntroductionLinksResolver,
    DealLinksResolver,
    PriceNoticeLinksResolver,
  ],
})
export class BrokerageGraphqlModule {}

/** Idle-deal reminders and price-notice ends, imported by apps/worker only. */
@Module({ imports: [BrokerageModule], providers: [BrokerageJobs] })
export class BrokerageJobsModule {}
