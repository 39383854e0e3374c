import { Global, Module } from '@nestjs/common';
import { AchievementsModule } from '@app/achievements';
import { BROKER_ACCESS, INTRODUCTION_ACCESS, MARKET_EXIT } from '@app/core';
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
import { BrokerAccessProvider } from './broker-access.provider';
import { BrokerCredentialsResolver } from './broker-credentials.resolver';
import { BrokerCredentialsService } from './broker-credentials.service';
import { BrokerageJobs } from './brokerage.jobs';
import { BrokerageResolver, DealResolver, IntroductionResolver } from './brokerage.resolver';
import { BrokerageSettingsService } from './brokerage-settings.service';
import { ClaimsService } from './claims.service';
import { DealsService } from './deals.service';
import { BrokerAgencySettingsChangeEntity } from './entities/agency-settings-change.entity';
import {
  BrokerAgencySettingsEntity,
  BrokerConfidentialReadEntity,
  BrokerProfileEntity,
} from './entities/brokerage-settings.entity';
import {
  DealActivityEntity,
  DealAmendmentEntity,
  DealEntity,
  DealReminderEntity,
  DealTaskEntity,
} from './entities/deal.entity';
import { EntrustmentEntity } from './entities/entrustment.entity';
import {
  IntroductionAcknowledgementEntity,
  IntroductionEntity,
  IntroductionRevealEntity,
  ListingFeedbackEntity,
} from './entities/introduction.entity';
import { ListingInterestEntity } from './entities/listing-interest.entity';
import { MatchClaimEntity } from './entities/match-claim.entity';
import { MarketResolver } from './market.resolver';
import { MarketService } from './market.service';
import { PerformanceService } from './performance.service';
import { EntrustmentsService } from './entrustments.service';
import { IntroductionAccessProvider } from './introduction-access.provider';
import { IntroductionsService } from './introductions.service';
import { MarketExitProvider } from './market-exit.provider';
import { PartiesService } from './parties.service';
import { PlatformSettingsResolver } from './platform-settings.resolver';
import { PlatformSettingsService } from './platform-settings.service';
import { DealFileAccess } from './deal-file-access';

export const BROKERAGE_ENTITIES = [
  BrokerAgencySettingsEntity,
  BrokerAgencySettingsChangeEntity,
  BrokerProfileEntity,
  BrokerConfidentialReadEntity,
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
  DealAmendmentEntity,
  ListingInterestEntity,
];

/**
 * What introductions reveal and what brokers' work lets them read, offered to experts, demands, achievements and
 * matching through the IntroductionAccess and BrokerAccess ports; what a listing leaving the market closes, through
 * the MarketExit port. Global so their
 * modules see the token without importing brokerage (brokerage depends on them, never the reverse).
 */
@Global()
@Module({
  imports: [NotificationsModule],
  providers: [
    IntroductionAccessProvider,
    { provide: INTRODUCTION_ACCESS, useExisting: IntroductionAccessProvider },
    BrokerAccessProvider,
    { provide: BROKER_ACCESS, useExisting: BrokerAccessProvider },
    MarketExitProvider,
    { provide: MARKET_EXIT, useExisting: MarketExitProvider },
  ],
  exports: [
    IntroductionAccessProvider,
    INTRODUCTION_ACCESS,
    BrokerAccessProvider,
    BROKER_ACCESS,
    MarketExitProvider,
    MARKET_EXIT,
  ],
})
export class BrokerageAccessModule {}

/** Entrustments, claims, introductions and deals, for every process. */
@Module({
  imports: [BrokerageAccessModule, DemandsModule, MatchingModule, NotificationsModule, FilesModule],
  providers: [
    PartiesService,
    PlatformSettingsService,
    BrokerCredentialsService,
    BrokerageSettingsService,
    EntrustmentsService,
    ClaimsService,
    IntroductionsService,
    DealsService,
    DealFileAccess,
    MarketService,
    PerformanceService,
  ],
  exports: [
    PartiesService,
    PlatformSettingsService,
    BrokerCredentialsService,
    BrokerageSettingsService,
    EntrustmentsService,
    ClaimsService,
    IntroductionsService,
    DealsService,
    MarketService,
    PerformanceService,
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
    BrokerCredentialsResolver,
    PlatformSettingsResolver,
    IntroductionResolver,
    DealResolver,
    MatchClaimLinksResolver,
    EntrustmentLinksResolver,
    IntroductionLinksResolver,
    DealLinksResolver,
    PriceNoticeLinksResolver,
    MarketResolver,
  ],
})
export class BrokerageGraphqlModule {}

/** Idle-deal reminders and price-notice ends, imported by apps/worker only. */
@Module({ imports: [BrokerageModule], providers: [BrokerageJobs] })
export class BrokerageJobsModule {}
