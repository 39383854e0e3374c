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
import {
  ConnectionArgs,
  IsNotBlank,
  IsTechContractRegistrationNumber,
  NormaliseRegistrationNumber,
  Trim,
} from '@app/core';
import { MatchTargetType } from '@app/matching';
import { DealStage, TechContractType } from './domain/deal-workflow';
import { PriceNoticeStatus } from './entities/deal.entity';
import { BrokerCredentialLevel } from './domain/broker-credential';
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

const REGISTRATION_NUMBER_DESCRIPTION =
  '技术合同登记号: 4-digit year + 6-digit region code of the registration office + 4–8 digit sequence ' +
  '(14–18 digits, e.g. 2024110108000123; spaces and hyphens are removed)';

@InputType()
export class RegistrationInput {
  @Field({ description: REGISTRATION_NUMBER_DESCRIPTION })
  @NormaliseRegistrationNumber()
  @IsTechContractRegistrationNumber()
  registrationNumber: string;
  @Field(() => String, { nullable: true, description: '登记机构 (the registration office)' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  registrationAuthority?: string | null;
  @Field(() => TechContractType) @IsEnum(TechContractType) contractType: TechContractType;
  @Field(() => Float, { description: '万元' }) @IsNumber() @Min(0) contractValueWan: number;
  @Field(() => Float, { description: '技术交易额, 万元' }) @IsNumber() @Min(0) technicalIncomeWan: number;
  @Field(() => Boolean, {
    nullable: true,
    description:
      'For a LICENSE: exclusive (独占/排他) uses the listing up (TRANSFERRED); non-exclusive keeps it listed',
  })
  @IsOptional()
  @IsBoolean()
  exclusiveLicence?: boolean | null;
  @Field(() => String, {
    nullable: true,
    description: 'Required when the registered value differs from the noticed agreed price (协议定价公示): why',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2000)
  valueDifferenceReason?: string | null;
}

@InputType({ description: 'A correction of a registered contract: the fields given replace the recorded ones' })
export class AmendDealRegistrationInput {
  @Field(() => ID) @IsUUID() dealId: string;
  @Field(() => String, { nullable: true, description: REGISTRATION_NUMBER_DESCRIPTION })
  @IsOptional()
  @NormaliseRegistrationNumber()
  @IsTechContractRegistrationNumber()
  registrationNumber?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Trim() @IsString() @MaxLength(200) registrationAuthority?:
    string | null;
  @Field(() => Float, { nullable: true, description: '万元' }) @IsOptional() @IsNumber() @Min(0) contractValueWan?:
    number | null;
  @Field(() => Float, { nullable: true, description: '技术交易额, 万元' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  technicalIncomeWan?: number | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Trim() @IsString() @MaxLength(2000) valueDifferenceReason?:
    string | null;
  @Field({ description: 'Why the registration is corrected (kept with the amendment)' })
  @Trim()
  @IsNotBlank()
  @MaxLength(2000)
  reason: string;
}

@InputType()
export class MoveDealInput {
  @Field(() => ID) @IsUUID() dealId: string;
  @Field(() => DealStage) @IsEnum(DealStage) stage: DealStage;
  @Field(() => String, { nullable: true, description: 'Required for CLOSED_LOST' })
  @IsOptional()
  @Trim()
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
  @Field() @Trim() @IsNotBlank() @IsString() @MinLength(1) @MaxLength(500) title: string;
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

@InputType({ description: '技术经纪人 credential, reviewed by the platform' })
export class BrokerCredentialInput {
  @Field(() => BrokerCredentialLevel) @IsEnum(BrokerCredentialLevel) level: BrokerCredentialLevel;
  @Field({ description: 'Certificate number' }) @IsString() @MaxLength(64) certificateNumber: string;
  @Field({ description: 'Issuing body' }) @IsString() @MaxLength(200) issuingBody: string;
  @Field(() => Date, { description: 'Expiry of the certificate' }) @Type(() => Date) @IsDate() expiresAt: Date;
}

@ArgsType()
export class WorkQueueArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true, description: "The demand's or the achievement's industry code" })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  industryCode?: string;

  @Field(() => ID, { nullable: true, description: 'The institution of the achievement or the expert' })
  @IsOptional()
  @IsUUID()
  institutionId?: string;

  @Field(() => Int, { nullable: true, description: 'Only matches proposed within this many days' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  maxAgeDays?: number;

  @Field(() => Boolean, { nullable: true, description: 'Only pairs an enterprise asked to be introduced to' })
  @IsOptional()
  @IsBoolean()
  interestOnly?: boolean;
}

@InputType({ description: "An enterprise's request for an introduction to a listed achievement" })
export class ListingInterestInput {
  @Field(() => ID) @IsUUID() achievementId: string;
  @Field(() => ID, {
    description: "One of your organisation's open demands (the introduction pairs it with the achievement)",
  })
  @IsUUID()
  demandId: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(2000) message?: string | null;
}
