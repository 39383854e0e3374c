import { Args, Query, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor } from '@app/identity';
import {
  AnalyticsArgs,
  AnalyticsOverviewObject,
  AnalyticsReport,
  AnalyticsRowObject,
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
  analyticsOverview(@CurrentActor() actor: Actor, @Args() args: AnalyticsArgs) {
    return this.analytics.overview(actor, args.range ?? {});
  }

  @Query(() => [AnalyticsRowObject], {
    description: 'Figures by industry, institution, broker or month (administrators)',
  })
  analyticsBreakdown(@CurrentActor() actor: Actor, @Args() args: BreakdownArgs) {
    return this.analytics.breakdown(actor, args.dimension, args.range ?? {});
  }

  @Query(() => [LeaderboardRowObject], { description: 'Institutions or brokers ranked by registered contract value' })
  analyticsLeaderboard(@CurrentActor() actor: Actor, @Args() args: LeaderboardArgs) {
    return this.analytics.leaderboard(actor, args.kind, args.range ?? {}, args.first);
  }

  @Query(() => [FunnelStepObject], { description: 'Listing → match → introduction → deal → registered contract' })
  analyticsFunnel(@CurrentActor() actor: Actor, @Args() args: AnalyticsArgs) {
    return this.analytics.funnel(actor, args.range ?? {});
  }

  @Query(() => [StageDurationObject], { description: 'Median days deals spend in each stage' })
  analyticsDealStageDurations(@CurrentActor() actor: Actor, @Args() args: AnalyticsArgs) {
    return this.analytics.stageDurations(actor, args.range ?? {});
  }

  @Query(() => [ResponsivenessObject], {
    description: 'Median time institutions and enterprises take to answer introductions',
  })
  analyticsResponsiveness(@CurrentActor() actor: Actor, @Args() args: AnalyticsArgs) {
    return this.analytics.responsiveness(actor, args.range ?? {});
  }

  @Query(() => OutcomesViewObject, {
    description: 'Outcomes of the contracts registered in the range: products, companies, jobs, revenue by industry',
  })
  analyticsOutcomes(@CurrentActor() actor: Actor, @Args() args: AnalyticsArgs) {
    return this.analytics.outcomes(actor, args.range ?? {});
  }

  @Query(() => String, { description: 'A report as CSV text (UTF-8, CRLF)' })
  analyticsCsv(@CurrentActor() actor: Actor, @Args() args: CsvArgs) {
    if (args.report === AnalyticsReport.FUNNEL) return this.analytics.funnelCsv(actor, args.range ?? {});
    return this.analytics.breakdownCsv(actor, args.report as unknown as AnalyticsDimension, args.range ?? {});
  }
}
