import { Field, Float, GraphQLISODateTime, ID, InputType, OmitType, PartialType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsBoolean,
  IsDate,
  IsEnum,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsNotBlank, Trim } from '@app/core';
import { CooperationMode } from './domain/cooperation-mode';
import { DemandKind } from './domain/demand-kind';

@InputType()
export class TechnicalIndicatorInput {
  @Field() @Trim() @IsNotBlank() @IsString() @Length(1, 200) name: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(500) current?: string | null;
  @Field() @Trim() @IsNotBlank() @IsString() @Length(1, 500) target: string;
  @Field({ nullable: true, defaultValue: false, description: '必须满足 (true) or 最好满足 (false, the default)' })
  @IsOptional()
  @IsBoolean()
  mustHave?: boolean;
}

@InputType()
export class CreateDemandInput {
  @Field() @Trim() @IsNotBlank() @IsString() @Length(2, 200) title: string;
  @Field({ description: 'Public summary' }) @Trim() @IsNotBlank() @IsString() @Length(1, 5000) summary: string;
  @Field(() => String, {
    nullable: true,
    description: 'Visible to the posting organisation, brokers and administrators only',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(20000)
  confidentialDetails?: string | null;
  @Field({ description: 'Industry code, Chinese or English name (see `industries`)' })
  @IsString()
  @MaxLength(100)
  industryCode: string;
  @Field(() => [TechnicalIndicatorInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => TechnicalIndicatorInput)
  technicalIndicators?: TechnicalIndicatorInput[];
  @Field(() => Float, { nullable: true, description: '万元' }) @IsOptional() @IsNumber() @Min(0) budgetMinWan?:
    number | null;
  @Field(() => Float, { nullable: true, description: '万元' }) @IsOptional() @IsNumber() @Min(0) budgetMaxWan?:
    number | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) @IsOptional() @IsDate() deadline?: Date | null;
  @Field(() => [CooperationMode], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsEnum(CooperationMode, { each: true })
  cooperationModes?: CooperationMode[];
  @Field(() => String, { nullable: true }) @IsOptional() @Trim() @IsString() @MaxLength(100) region?: string | null;
  @Field(() => String, { nullable: true, description: 'Application scenario: the site (场景地点)' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  site?: string | null;
  @Field(() => String, { nullable: true, description: 'Application scenario: the data and facilities available' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(5000)
  dataAvailable?: string | null;
  @Field(() => String, { nullable: true, description: 'Application scenario: the timeline (实施周期)' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(1000)
  timeline?: string | null;
  @Field({ nullable: true, defaultValue: false, description: 'Hide the company name from the public' })
  @IsOptional()
  @IsBoolean()
  anonymous?: boolean;
  @Field(() => ID, { nullable: true, description: 'The posting enterprise; defaults to your only enterprise' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
  @Field(() => DemandKind, {
    nullable: true,
    defaultValue: DemandKind.TECHNICAL_PROBLEM,
    description:
      'APPLICATION_SCENARIO (应用场景): verified government bodies and state-owned enterprises only; fixed once created',
  })
  @IsOptional()
  @IsEnum(DemandKind)
  kind?: DemandKind;
  @Field({ nullable: true, defaultValue: false, description: 'Open it right away instead of keeping a draft' })
  @IsOptional()
  @IsBoolean()
  publish?: boolean;
}

/** Every field optional: absent = unchanged, null clears a nullable field. */
@InputType()
export class UpdateDemandInput extends PartialType(
  OmitType(CreateDemandInput, ['organisationId', 'publish', 'kind'] as const),
) {}
