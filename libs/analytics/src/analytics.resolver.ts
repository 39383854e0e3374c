import { Args, Info, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { selectedFields } from '@app/core';
import { Actor, CurrentActor } from '@app/identity';
import {
  AnalyticsArgs,
  AnalyticsOverviewObject,
  AnalyticsReport,
  AnalyticsRowObject,
  ContractTypeRowObject,
  LedgerArgs,
  LedgerCsvArgs,
  LedgerPageObject,
  rangeOf,
  BreakdownArgs,
  CsvArgs,
  FunnelStepObject,
  LeaderboardArgs,
  LeaderboardRowObject,
  OutcomesViewObject,
  ResponsivenessObject,
  StageDurationObject,
} from './analytics.object';
import { AnalyticsDimension, AnalyticsService } from './analytics.service';

/** The bureau's queries; the service refuses everyone but administrators. */
@Resolver()
export class AnalyticsResolver {
  constructor(private readonly analytics: AnalyticsService) {}

  @Query(() => AnalyticsOverviewObject, { description: 'Totals over the range (administrators)' })
  analyticsOverview(@CurrentActor() actor: Actor, @Args() args: AnalyticsArgs, @Info() info: GraphQLResolveInfo) {
    // Only the figures the query selects are computed (the dashboard's cards read seven of them).
    return this.analytics.overview(actor, rangeOf(args), selectedFields(info, []));
  }

  @Query(() => [AnalyticsRowObject], {
    description: 'Figures by industry, institution, broker or month (administrators)',
  })
  analyticsBreakdown(@CurrentActor() actor: Actor, @Args() args: BreakdownArgs) {
    return this.analytics.breakdown(actor, args.dimension, rangeOf(args));
  }

  @Query(() => [LeaderboardRowObject], { description: 'Institutions or brokers ranked by registered contract value' })
  analyticsLeaderboard(@CurrentActor() actor: Actor, @Args() args: LeaderboardArgs, @Info() info: GraphQLResolveInfo) {
    return this.analytics.leaderboard(actor, args.kind, rangeOf(args), args.first, selectedFields(info, []));
  }

  @Query(() => [FunnelStepObject], { description: 'Listing → match → introduction → deal → registered contract' })
  analyticsFunnel(@CurrentActor() actor: Actor, @Args() args: AnalyticsArgs) {
    return this.analytics.funnel(actor, rangeOf(args));
  }

  @Query(() => [StageDurationObject], { description: 'Median days deals spend in each stage' })
  analyticsDealStageDurations(@CurrentActor() actor: Actor, @Args() args: AnalyticsArgs) {
    return this.analytics.stageDurations(actor, rangeOf(args));
  }

  @Query(() => [ResponsivenessObject], {
    description: 'Median time institutions and enterprises take to answer introductions',
  })
  analyticsResponsiveness(@CurrentActor() actor: Actor, @Args() args: AnalyticsArgs) {
    return this.analytics.responsiveness(actor, rangeOf(args));
  }

  @Query(() => OutcomesViewObject, {
    description: 'Outcomes of the contracts registered in the range: products, companies, jobs, revenue by industry',
  })
  analyticsOutcomes(@CurrentActor() actor: Actor, @Args() args: AnalyticsArgs) {
    return this.analytics.outcomes(actor, rangeOf(args));
  }

  @Query(() => String, { description: 'A report as CSV text (UTF-8, CRLF)' })
  analyticsCsv(@CurrentActor() actor: Actor, @Args() args: CsvArgs) {
    if (args.report === AnalyticsReport.FUNNEL) return this.analytics.funnelCsv(actor, rangeOf(args));
    return this.analytics.breakdownCsv(actor, args.report as unknown as AnalyticsDimension, rangeOf(args));
  }

  @Query(() => [ContractTypeRowObject], {
    description: 'Registered contracts by technology-contract type (administrators)',
  })
  analyticsContractTypes(@CurrentActor() actor: Actor, @Args() args: AnalyticsArgs) {
    return this.analytics.contractTypes(actor, rangeOf(args));
  }

  @Query(() => LedgerPageObject, {
    description: 'The registered-contract ledger (技术合同登记台账), newest first (administrators)',
  })
  analyticsContractLedger(@CurrentActor() actor: Actor, @Args() args: LedgerArgs) {
    const filter = { ...rangeOf(args), contractType: args.contractType, region: args.region };
    return this.analytics.ledger(actor, filter, args.first, args.offset);
  }

  @Query(() => String, {
    description: 'The ledger as CSV for Excel: UTF-8 with a BOM, CRLF, headers in the chosen language (administrators)',
  })
  analyticsContractLedgerCsv(@CurrentActor() actor: Actor, @Args() args: LedgerCsvArgs) {
    const filter = { ...rangeOf(args), contractType: args.contractType, region: args.region };
    return this.analytics.ledgerCsv(actor, filter, args.language);
  }
}
