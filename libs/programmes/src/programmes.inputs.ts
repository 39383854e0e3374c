import { ArgsType, Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsDate,
  IsEnum,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ConnectionArgs } from '@app/core';
import { IndicatorSource, PlatformMetric, ScoringMethod } from './domain/evaluation-scoring';
import { FollowUpStatus } from './domain/follow-up-schedule';
import { RewardQualification } from './domain/reward-rules';
import { ExchangeResult } from './entities/handoff.entities';
import { RewardApplicationStatus } from './entities/reward.entities';
import { RewardTotalsDimension } from './rewards.service';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CONTRACT_TYPES = ['TRANSFER', 'LICENSE', 'DEVELOPMENT', 'SERVICE', 'CONSULTING'];
const MAX_WAN = 1e9;

// ---- rewards ----

@InputType()
export class RewardTermsInput {
  @Field(() => [RewardQualification])
  @IsEnum(RewardQualification, { each: true })
  @ArrayMaxSize(10)
  qualifications: RewardQualification[];

  @Field(() => [String])
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  @ArrayMaxSize(50)
  districtRegions: string[];

  @Field(() => [String], { description: 'TechContractType values (TRANSFER, LICENSE, …); empty: any' })
  @IsIn(CONTRACT_TYPES, { each: true })
  @ArrayMaxSize(5)
  contractTypes: string[];

  @Field(() => Float) @IsNumber() @Min(0) @Max(100) sharePercent: number;
  @Field(() => Float, { defaultValue: 0 }) @IsNumber() @Min(0) @Max(MAX_WAN) minTechnicalIncomeWan: number;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() @Min(0) @Max(MAX_WAN) capPerItemWan?: number | null;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() @Min(0) @Max(MAX_WAN) capPerYearWan?: number | null;

  @Field(() => [String])
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  @ArrayMaxSize(20)
  requiredEvidence: string[];
}

@InputType()
export class CreateRewardRuleVersionInput {
  @Field() @IsString() @MinLength(1) @MaxLength(200) name: string;
  @Field({ description: 'YYYY-MM-DD (Shanghai)' }) @Matches(DATE) effectiveFrom: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(DATE) effectiveTo?: string | null;
  @Field(() => RewardTermsInput) @ValidateNested() @Type(() => RewardTermsInput) terms: RewardTermsInput;
}

@InputType()
export class RewardEvidenceInput {
  @Field(() => ID, { description: 'An uploaded file (POST /files)' }) @IsUUID() fileId: string;
  @Field({ description: 'One of the rule version’s required evidence, or another label' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  label: string;
}

@InputType()
export class UpdateRewardApplicationInput {
  @Field(() => ID) @IsUUID() applicationId: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(4000) applicantNote?: string | null;
  @Field(() => [RewardEvidenceInput], { nullable: true, description: 'Replaces the list' })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => RewardEvidenceInput)
  @ArrayMaxSize(30)
  evidence?: RewardEvidenceInput[];
}

@InputType()
export class RecordRewardPaymentInput {
  @Field(() => ID) @IsUUID() applicationId: string;
  @Field(() => Float) @IsNumber() @Min(0) @Max(MAX_WAN) paidAmountWan: number;
  @Field() @Type(() => Date) @IsDate() paidAt: Date;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200) reference?: string | null;
}

@ArgsType()
export class RewardApplicationsArgs extends ConnectionArgs {
  @Field(() => RewardApplicationStatus, { nullable: true })
  @IsOptional()
  @IsEnum(RewardApplicationStatus)
  status?: RewardApplicationStatus;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(2000) @Max(2100) awardYear?: number;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() institutionId?: string;
}

@ArgsType()
export class RewardTotalsArgs {
  @Field(() => RewardTotalsDimension) @IsEnum(RewardTotalsDimension) groupBy: RewardTotalsDimension;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(2000) @Max(2100) awardYear?: number;
}

// ---- evaluation ----

@InputType()
export class ThresholdInput {
  @Field(() => Float) @IsNumber() min: number;
  @Field(() => Float) @IsNumber() @Min(0) @Max(100) points: number;
}

@InputType()
export class IndicatorInput {
  @Field({ description: 'a–z, 0–9 and _, starting with a letter' }) @IsString() @MaxLength(40) key: string;
  @Field() @IsString() @MinLength(1) @MaxLength(100) label: string;
  @Field(() => Float) @IsNumber() @Min(0) @Max(1000) weight: number;
  @Field(() => IndicatorSource) @IsEnum(IndicatorSource) source: IndicatorSource;
  @Field(() => PlatformMetric, { nullable: true })
  @IsOptional()
  @IsEnum(PlatformMetric)
  platformMetric?: PlatformMetric | null;
  @Field(() => ScoringMethod) @IsEnum(ScoringMethod) method: ScoringMethod;
  @Field(() => [ThresholdInput], { defaultValue: [] })
  @ValidateNested({ each: true })
  @Type(() => ThresholdInput)
  @ArrayMaxSize(20)
  thresholds: ThresholdInput[];
}

@InputType()
export class TierThresholdsInput {
  @Field(() => Float) @IsNumber() @Min(0) @Max(100) excellent: number;
  @Field(() => Float) @IsNumber() @Min(0) @Max(100) good: number;
  @Field(() => Float) @IsNumber() @Min(0) @Max(100) pass: number;
}

@InputType()
export class EvaluationSchemeInput {
  @Field(() => Int) @IsInt() @Min(2000) @Max(2100) year: number;
  @Field() @IsString() @MinLength(1) @MaxLength(200) title: string;
  @Field(() => [IndicatorInput])
  @ValidateNested({ each: true })
  @Type(() => IndicatorInput)
  @ArrayMaxSize(40)
  indicators: IndicatorInput[];
  @Field(() => TierThresholdsInput) @ValidateNested() @Type(() => TierThresholdsInput) tiers: TierThresholdsInput;
}

@InputType()
export class EvaluationValueInput {
  @Field() @IsString() @MaxLength(40) indicatorKey: string;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() @Min(0) @Max(1e12) value?: number | null;
  @Field(() => [ID], { nullable: true, description: 'Uploaded files (POST /files) attached to the value' })
  @IsOptional()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(10)
  fileIds?: string[];
}

@InputType()
export class SaveEvaluationValuesInput {
  @Field(() => ID) @IsUUID() reportId: string;
  @Field(() => [EvaluationValueInput])
  @ValidateNested({ each: true })
  @Type(() => EvaluationValueInput)
  @ArrayMaxSize(40)
  values: EvaluationValueInput[];
}

@InputType()
export class VerifyEvaluationIndicatorInput {
  @Field(() => ID) @IsUUID() reportId: string;
  @Field() @IsString() @MaxLength(40) indicatorKey: string;
  @Field() @IsBoolean() accepted: boolean;
  @Field(() => String, { nullable: true, description: 'Required when not accepted' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

// ---- follow-ups ----

@InputType()
export class AnswerFollowUpInput {
  @Field(() => ID) @IsUUID() followUpId: string;
  @Field() @IsBoolean() productLaunched: boolean;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() @Min(0) @Max(MAX_WAN) revenueWan?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(10_000_000) jobsCreated?: number | null;
  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(MAX_WAN)
  followOnInvestmentWan?: number | null;
  @Field() @IsBoolean() companyFounded: boolean;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200) companyName?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(4000) note?: string | null;
}

@ArgsType()
export class FollowUpsArgs extends ConnectionArgs {
  @Field(() => FollowUpStatus, { nullable: true }) @IsOptional() @IsEnum(FollowUpStatus) status?: FollowUpStatus;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() dealId?: string;
}

// ---- exchange hand-off ----

@InputType()
export class PrepareExchangeHandoffInput {
  @Field(() => ID, { nullable: true, description: 'From a listing (exactly one of achievementId and dealId)' })
  @IsOptional()
  @IsUUID()
  achievementId?: string | null;
  @Field(() => ID, { nullable: true, description: 'From a deal' }) @IsOptional() @IsUUID() dealId?: string | null;
}

@InputType()
export class RecordExchangeResultInput {
  @Field(() => ID) @IsUUID() handoffId: string;
  @Field(() => ExchangeResult) @IsEnum(ExchangeResult) result: ExchangeResult;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() @Min(0) @Max(MAX_WAN) priceWan?: number | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(2000) note?: string | null;
}

@ArgsType()
export class InstitutionYearArgs {
  @Field(() => ID) @IsUUID() institutionId: string;
  @Field(() => Int) @IsInt() @Min(2000) @Max(2100) year: number;
}

@ArgsType()
export class YearArgs {
  @Field(() => Int) @IsInt() @Min(2000) @Max(2100) year: number;
}
