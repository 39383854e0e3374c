import { Module } from '@nestjs/common';
import { BrokerageModule } from '@app/brokerage';
import { FilesModule } from '@app/files';
import { IdentityModule } from '@app/identity';
import { NotificationsModule } from '@app/notifications';
import { AnnualReportResolver } from './annual-report.resolver';
import { AnnualReportService } from './annual-report.service';
import { CatalogueResolver } from './catalogue/catalogue.resolver';
import { CatalogueService } from './catalogue/catalogue.service';
import { EvaluationResolver, EvaluationResultResolver, EvaluationValueResolver } from './evaluation.resolver';
import { EvaluationService } from './evaluation.service';
import { FollowUpsResolver } from './follow-ups.resolver';
import { FollowUpsService } from './follow-ups.service';
import { HandoffResolver } from './handoff.resolver';
import { HandoffService } from './handoff.service';
import { ProgrammeFileAccess } from './programme-file-access';
import { ProgrammesJobs } from './programmes.jobs';
import { RewardsResolver } from './rewards.resolver';
import { RewardsService } from './rewards.service';

const SERVICES = [
  RewardsService,
  EvaluationService,
  FollowUpsService,
  HandoffService,
  AnnualReportService,
  CatalogueService,
];

/** The bureau's programmes (rewards, evaluation, follow-ups, exchange hand-off, annual reports), every process. */
@Module({
  imports: [IdentityModule, FilesModule, NotificationsModule, BrokerageModule],
  providers: [...SERVICES, ProgrammeFileAccess],
  exports: SERVICES,
})
export class ProgrammesModule {}

/** GraphQL surface, imported by apps/api only. */
@Module({
  imports: [ProgrammesModule, IdentityModule],
  providers: [
    RewardsResolver,
    EvaluationResolver,
    EvaluationResultResolver,
    EvaluationValueResolver,
    FollowUpsResolver,
    HandoffResolver,
    AnnualReportResolver,
    CatalogueResolver,
  ],
})
export class ProgrammesGraphqlModule {}

/** Job handlers and the sweep schedule, imported by apps/worker only. */
@Module({ imports: [ProgrammesModule], providers: [ProgrammesJobs] })
export class ProgrammesJobsModule {}
