import { ArgsType, Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ConnectionArgs } from '@app/core';
import { MatchTargetType } from '@app/matching';
import { DealStage, TechContractType } from './domain/deal-workflow';
import { PriceNoticeStatus } from './entities/deal.entity';
import { IntroductionDeclineReason, IntroductionSide, IntroductionStatus } from './domain/introduction-consent';
import { EntrustedSubject } from './entities/entrustment.entity';

@InputType()
export class EntrustInput {
  @Field(() => EntrustedSubject) @IsEnum(EntrustedSubject) subjectType: EntrustedSubject;
  @Field(() => ID) @IsUUID() subjectId: string;
  @Field(() => [ID], { nullable: true, description: 'Entrust to these brokers …' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  brokerIds?: string[];
  @Field(() => ID, { nullable: true, description: '… or to every broker of this agency' })
  @IsOptional()
  @IsUUID()
  agencyId?: string;
  @Field(() => Int, { nullable: true, description: 'Exclusive for this many days (only these trustees may claim)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  exclusiveDays?: number | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(2000) note?: string | null;
}

@InputType()
export class ProposeIntroductionInput {
  @Field(() => ID, { nullable: true, description: 'The claimed match, or …' }) @IsOptional() @IsUUID() matchId?:
    string | null;
  @Field(() => ID, { nullable: true, description: '… a pair of which one side is entrusted to you' })
  @IsOptional()
  @IsUUID()
  demandId?: string | null;
  @Field(() => MatchTargetType, { nullable: true })
  @IsOptional()
  @IsEnum(MatchTargetType)
  targetType?: MatchTargetType | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() targetId?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(4000) message?: string | null;
}

@InputType()
export class AnswerIntroductionInput {
  @Field(() => ID) @IsUUID() introductionId: string;
  @Field() @IsBoolean() accept: boolean;
  @Field(() => IntroductionSide, { nullable: true, description: 'Only needed when you stand on both sides' })
  @IsOptional()
  @IsEnum(IntroductionSide)
  side?: IntroductionSide | null;
  @Field(() => IntroductionDeclineReason, { nullable: true, description: 'Required when declining' })
  @IsOptional()
  @IsEnum(IntroductionDeclineReason)
  reason?: IntroductionDeclineReason | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(2000) comment?: string | null;
}

@InputType()
export class RegistrationInput {
  @Field({ description: '技术合同认定登记号' }) @IsString() @MinLength(1) @MaxLength(100) registrationNumber: string;
  @Field(() => TechContractType) @IsEnum(TechContractType) contractType: TechContractType;
  @Field(() => Float, { description: '万元' }) @IsNumber() @Min(0) contractValueWan: number;
  @Field(() => Float, { description: '技术交易额, 万元' }) @IsNumber() @Min(0) technicalIncomeWan: number;
}

@InputType()
export class MoveDealInput {
  @Field(() => ID) @IsUUID() dealId: string;
  @Field(() => DealStage) @IsEnum(DealStage) stage: DealStage;
  @Field(() => String, { nullable: true, description: 'Required for CLOSED_LOST' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  lostReason?: string | null;
  @Field(() => RegistrationInput, { nullable: true, description: 'Required for REGISTERED' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RegistrationInput)
  registration?: RegistrationInput | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(2000) comment?: string | null;
}

@InputType()
export class DealAmountsInput {
  @Field(() => ID) @IsUUID() dealId: string;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() @Min(0) agreedPriceWan?: number | null;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() @Min(0) contractValueWan?: number | null;
}

@InputType()
export class DealTaskInput {
  @Field(() => ID) @IsUUID() dealId: string;
  @Field() @IsString() @MinLength(1) @MaxLength(500) title: string;
  @Field(() => Date, { nullable: true }) @IsOptional() @Type(() => Date) @IsDate() dueAt?: Date | null;
}

@InputType()
export class AgencySettingsInput {
  @Field(() => ID) @IsUUID() agencyId: string;
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365 * 24 * 3600)
  claimPeriodSeconds?: number;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() @Min(0) @Max(100) commissionPercent?: number;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() @Min(0) commissionMinWan?: number | null;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() @Min(0) commissionCapWan?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(365) idleReminderDays?: number;
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365 * 24 * 3600)
  priceNoticePeriodSeconds?: number;
}

@ArgsType()
export class AgencySettingsHistoryArgs {
  @Field(() => ID) @IsUUID() agencyId: string;
  @Field(() => Int, { defaultValue: 20, description: 'How many changes, 1 to 100' })
  @IsInt()
  @Min(1)
  @Max(100)
  first = 20;
}

@ArgsType()
export class IntroductionsArgs extends ConnectionArgs {
  @Field(() => IntroductionStatus, { nullable: true })
  @IsOptional()
  @IsEnum(IntroductionStatus)
  status?: IntroductionStatus;
}

@ArgsType()
export class DealsArgs extends ConnectionArgs {
  @Field(() => DealStage, { nullable: true }) @IsOptional() @IsEnum(DealStage) stage?: DealStage;
}

@ArgsType()
export class PriceNoticesArgs extends ConnectionArgs {
  @Field(() => PriceNoticeStatus, {
    defaultValue: PriceNoticeStatus.OPEN,
    description: 'OPEN (default): running, ending soonest first; ENDED or OBJECTED: past notices, latest first',
  })
  @IsEnum(PriceNoticeStatus)
  status: PriceNoticeStatus = PriceNoticeStatus.OPEN;

  @Field(() => ID, { nullable: true, description: 'Only the notices of this achievement' })
  @IsOptional()
  @IsUUID()
  achievementId?: string;
}
