import { ArgsType, Field, Float, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsEnum, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { AnalyticsDimension, LeaderboardKind } from './analytics.service';

export enum AnalyticsReport {
  INDUSTRY = 'INDUSTRY',
  INSTITUTION = 'INSTITUTION',
  BROKER = 'BROKER',
  MONTH = 'MONTH',
  FUNNEL = 'FUNNEL',
}

registerEnumType(AnalyticsDimension, { name: 'AnalyticsDimension' });
registerEnumType(LeaderboardKind, { name: 'LeaderboardKind' });
registerEnumType(AnalyticsReport, { name: 'AnalyticsReport' });

@InputType()
export class AnalyticsRangeInput {
  @Field(() => Date, { nullable: true, description: 'Inclusive' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Exclusive' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date | null;
}

@ArgsType()
export class AnalyticsArgs {
  @Field(() => AnalyticsRangeInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AnalyticsRangeInput)
  range?: AnalyticsRangeInput;
}

@ArgsType()
export class BreakdownArgs extends AnalyticsArgs {
  @Field(() => AnalyticsDimension) @IsEnum(AnalyticsDimension) dimension: AnalyticsDimension;
}

@ArgsType()
export class LeaderboardArgs extends AnalyticsArgs {
  @Field(() => LeaderboardKind) @IsEnum(LeaderboardKind) kind: LeaderboardKind;
  @Field(() => Int, { defaultValue: 20 }) @IsInt() @Min(1) @Max(100) first = 20;
}

@ArgsType()
export class CsvArgs extends AnalyticsArgs {
  @Field(() => AnalyticsReport) @IsEnum(AnalyticsReport) report: AnalyticsReport;
}

@ObjectType({ isAbstract: true })
abstract class FiguresObject {
  @Field(() => Int, { nullable: true }) achievementsListed: number | null;
  @Field(() => Int, { nullable: true }) rightsConfirmed: number | null;
  @Field(() => Float, { nullable: true, description: 'Median days from submission to rights confirmation' })
  medianDaysToRightsConfirmation: number | null;
  @Field(() => Int, { nullable: true }) demandsPosted: number | null;
  @Field(() => Int, { nullable: true }) matches: number | null;
  @Field(() => Int, { nullable: true }) introductions: number | null;
  @Field(() => Int, { nullable: true }) introductionsAccepted: number | null;
  @Field(() => Int, { nullable: true }) introductionsDeclined: number | null;
  @Field(() => Float, { nullable: true, description: 'Accepted / (accepted + declined)' }) acceptanceRate:
    number | null;
  @Field(() => Int, { nullable: true }) deals: number | null;
  @Field(() => Int, { nullable: true }) registeredContracts: number | null;
  @Field(() => Float, { nullable: true, description: 'Registered contract value, 万元' }) contractValueWan:
    number | null;
  @Field(() => Float, { nullable: true, description: 'Registered technical income, 万元' }) technicalIncomeWan:
    number | null;
  @Field(() => Float, { nullable: true, description: 'Brokers commission on registered contracts, 万元' })
  commissionWan: number | null;
}

@ObjectType('DealStageCount')
export class DealStageCountObject {
  @Field() stage: string;
  @Field(() => Int) count: number;
}

@ObjectType('AnalyticsOverview')
export class AnalyticsOverviewObject extends FiguresObject {
  @Field(() => [DealStageCountObject], { description: 'Deals created in the range, by their current stage' })
  dealsByStage: DealStageCountObject[];
}

@ObjectType('AnalyticsRow')
export class AnalyticsRowObject extends FiguresObject {
  @Field({ description: 'Industry code, organisation or user id, or YYYY-MM (Asia/Shanghai)' }) key: string;
  @Field() label: string;
}

@ObjectType('LeaderboardRow')
export class LeaderboardRowObject extends AnalyticsRowObject {
  @Field(() => Int) rank: number;
}

@ObjectType('FunnelStep')
export class FunnelStepObject {
  @Field() step: string;
  @Field(() => Int) count: number;
  @Field(() => Float, { nullable: true }) conversionFromPrevious: number | null;
  @Field(() => Float, { nullable: true }) medianDaysFromPrevious: number | null;
}

@ObjectType('DealStageDuration')
export class StageDurationObject {
  @Field() stage: string;
  @Field(() => Int) completedStays: number;
  @Field(() => Float, { nullable: true }) medianDaysInStage: number | null;
}

@ObjectType('Responsiveness')
export class ResponsivenessObject {
  @Field() organisationId: string;
  @Field() organisationName: string;
  @Field() side: string;
  @Field(() => Int) answered: number;
  @Field(() => Int) pending: number;
  @Field(() => Float, { nullable: true }) medianHoursToAnswer: number | null;
}

@ObjectType('OutcomeFigures')
export class OutcomeFiguresObject {
  @Field(() => Int) registeredContracts: number;
  @Field(() => Int, { description: 'Contracts with at least one answered follow-up' }) answered: number;
  @Field(() => Int, { description: 'Contracts whose enterprise reported a product launched' }) ledToProduct: number;
  @Field(() => Int) companiesFounded: number;
  @Field(() => Int, { description: 'From each contract’s latest answer' }) jobsCreated: number;
  @Field(() => Float) followOnInvestmentWan: number;
  @Field(() => Float) attributedRevenueWan: number;
}

@ObjectType('OutcomesByIndustry')
export class OutcomesByIndustryObject extends OutcomeFiguresObject {
  @Field() key: string;
  @Field() label: string;
}

@ObjectType('OutcomesView', { description: 'What registered contracts led to (outcome follow-ups)' })
export class OutcomesViewObject extends OutcomeFiguresObject {
  @Field(() => Float, { nullable: true }) productRate: number | null;
  @Field(() => [OutcomesByIndustryObject]) byIndustry: OutcomesByIndustryObject[];
}
