import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { TechContractType } from '@app/brokerage';
import { AnalyticsDimension, AnalyticsRange, CsvLanguage, LeaderboardKind } from './analytics.service';

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
registerEnumType(CsvLanguage, {
  name: 'CsvLanguage',
  description: 'The language of an export’s headers and labels (the file is UTF-8 with a BOM, for Excel)',
});

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

  @Field(() => String, { nullable: true, description: 'Only this industry (an industry code, see `industries`)' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9_]{1,64}$/, { message: 'industry must be an industry code' })
  industry?: string | null;
}

/** The range and industry filter of the arguments, as the service takes them. */
export function rangeOf(args: AnalyticsArgs): AnalyticsRange {
  return { from: args.range?.from ?? null, to: args.range?.to ?? null, industry: args.industry ?? null };
}

@ArgsType()
export class LedgerArgs extends AnalyticsArgs {
  @Field(() => TechContractType, { nullable: true })
  @IsOptional()
  @IsEnum(TechContractType)
  contractType?: TechContractType | null;
  @Field(() => String, { nullable: true, description: 'Either party’s region starting with this text, e.g. 杭州' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  region?: string | null;
  @Field(() => Int, { defaultValue: 50 }) @IsInt() @Min(1) @Max(200) first = 50;
  @Field(() => Int, { defaultValue: 0 }) @IsInt() @Min(0) @Max(1_000_000) offset = 0;
}

@ArgsType()
export class LedgerCsvArgs extends AnalyticsArgs {
  @Field(() => TechContractType, { nullable: true })
  @IsOptional()
  @IsEnum(TechContractType)
  contractType?: TechContractType | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(50) region?: string | null;
  @Field(() => CsvLanguage, { defaultValue: CsvLanguage.ZH_CN }) @IsEnum(CsvLanguage) language: CsvLanguage =
    CsvLanguage.ZH_CN;
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
  @Field(() => Int, { nullable: true, description: 'Deals whose technology contract was signed in the range (签约)' })
  contractsSigned: number | null;
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

@ObjectType('ContractTypeFigures', { description: 'Registered contracts of one technology-contract type' })
export class ContractTypeRowObject {
  @Field(() => TechContractType) contractType: TechContractType;
  @Field(() => Int) registeredContracts: number;
  @Field(() => Float, { description: '合同成交额, 万元' }) contractValueWan: number;
  @Field(() => Float, { description: '技术交易额, 万元' }) technicalIncomeWan: number;
}

@ObjectType('ContractLedgerRow', { description: 'A registered technology contract (技术合同登记台账)' })
export class LedgerRowObject {
  @Field(() => ID) dealId: string;
  @Field({ description: '技术合同认定登记号' }) registrationNumber: string;
  @Field(() => String, { nullable: true, description: '登记机构' }) registrationAuthority: string | null;
  @Field() registeredAt: Date;
  @Field(() => TechContractType, { nullable: true }) contractType: TechContractType | null;
  @Field(() => Float, { nullable: true, description: '合同成交额, 万元' }) contractValueWan: number | null;
  @Field(() => Float, { nullable: true, description: '技术交易额, 万元' }) technicalIncomeWan: number | null;
  @Field(() => String, { nullable: true, description: 'The demand’s industry (技术领域)' }) industryCode: string | null;
  @Field(() => String, { nullable: true }) industryNameZh: string | null;
  @Field(() => String, { nullable: true }) industryNameEn: string | null;
  @Field(() => ID, { description: '卖方 (technology provider)' }) sellerId: string;
  @Field() sellerName: string;
  @Field(() => String, { nullable: true }) sellerRegion: string | null;
  @Field(() => ID, { description: '买方 (technology recipient)' }) buyerId: string;
  @Field() buyerName: string;
  @Field(() => String, { nullable: true }) buyerRegion: string | null;
  @Field(() => String, { nullable: true }) brokerName: string | null;
}

@ObjectType('ContractLedgerPage')
export class LedgerPageObject {
  @Field(() => Int, { description: 'Contracts matching the filter' }) totalCount: number;
  @Field(() => Float, { description: 'Their 合同成交额, 万元' }) contractValueWan: number;
  @Field(() => Float, { description: 'Their 技术交易额, 万元' }) technicalIncomeWan: number;
  @Field(() => [LedgerRowObject]) rows: LedgerRowObject[];
}
