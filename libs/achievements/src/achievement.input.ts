import { ArgsType, Field, Float, ID, InputType, Int, OmitType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ConnectionArgs, IsNotBlank, Trim } from '@app/core';
import {
  AchievementLanguage,
  AchievementStatus,
  IpType,
  RightsProposalKind,
  TransferMode,
} from './domain/achievement-enums';

@InputType()
export class FileMetadataInput {
  @Field(() => ID, {
    nullable: true,
    description: 'A file you uploaded (POST /files): its name, type, size and hash are taken from it',
  })
  @IsOptional()
  @IsUUID()
  fileId?: string | null;
  @Field() @Trim() @IsNotBlank() @IsString() @Length(1, 300) name: string;
  @Field(() => String, { nullable: true, description: 'An https:// link, or /files/<id> of your upload' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  // Only https (and our own download path): http leaks the link in transit, javascript:/data: run in the viewer.
  @Matches(/^(https:\/\/[^\s/?#@]+[^\s]*|\/files\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, {
    message: 'url must be an https:// URL (or /files/<id> of an upload)',
  })
  url?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200) mimeType?: string | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) sizeBytes?: number | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(/^[0-9a-f]{64}$/i) sha256?: string | null;
}

@InputType()
export class InventorInput {
  @Field(() => ID, { nullable: true, description: 'A platform user; omit for a named person without an account' })
  @IsOptional()
  @IsUUID()
  userId?: string | null;
  @Field(() => String, { nullable: true, description: "Defaults to the user's display name" })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  name?: string | null;
  @Field(() => Float, { description: 'Contribution share in percent' })
  @IsNumber({ maxDecimalPlaces: 4 })
  @Min(0.0001)
  @Max(100)
  contributionShare: number;
}

/** The editable fields; all optional so the same shape serves create and update. */
@InputType()
export class AchievementFieldsInput {
  @Field({ nullable: true }) @IsOptional() @Trim() @IsNotBlank() @IsString() @Length(2, 300) title?: string;
  @Field({ nullable: true }) @IsOptional() @Trim() @IsString() @MaxLength(2000) summary?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(50_000) description?: string;
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @Trim()
  @IsString({ each: true })
  @IsNotBlank({ each: true })
  @MaxLength(50, { each: true })
  keywords?: string[];
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(/^[a-z0-9_]{1,50}$/) industryCode?: string | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(9) trl?: number | null;
  @Field(() => IpType, { nullable: true }) @IsOptional() @IsEnum(IpType) ipType?: IpType | null;
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  ipRegistrationNumbers?: string[];
  @Field(() => [TransferMode], { nullable: true })
  @IsOptional()
  @IsArray()
  @IsEnum(TransferMode, { each: true })
  transferModes?: TransferMode[];
  @Field(() => Float, { nullable: true, description: 'In 万元; null = 面议 (negotiable)' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(1e10)
  askingPriceWan?: number | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Trim() @IsString() @MaxLength(100) region?: string | null;
  @Field(() => AchievementLanguage, { nullable: true })
  @IsOptional()
  @IsEnum(AchievementLanguage)
  language?: AchievementLanguage;
  @Field(() => [FileMetadataInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => FileMetadataInput)
  attachments?: FileMetadataInput[];
  @Field(() => String, { nullable: true, description: '转化实施方案' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  conversionPlan?: string | null;
  @Field(() => ID, { nullable: true, description: '赋权代表 (defaults to the creator)' })
  @IsOptional()
  @IsUUID()
  representativeId?: string | null;
}

@InputType()
export class CreateAchievementInput extends OmitType(AchievementFieldsInput, ['title'] as const, InputType) {
  @Field() @Trim() @IsNotBlank() @IsString() @Length(2, 300) title: string;
  @Field(() => ID) @IsUUID() institutionId: string;
  @Field(() => [InventorInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => InventorInput)
  inventors?: InventorInput[];
}

@InputType()
export class RightsProposalInput {
  @Field(() => RightsProposalKind) @IsEnum(RightsProposalKind) kind: RightsProposalKind;
  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  teamSharePercent?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(99) useRightYears?: number | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Trim() @IsString() @MaxLength(2000) note?: string | null;
}

/** Comment (a reason where one is required) and supporting documents of a workflow step. */
@InputType()
export class TransitionInput {
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(5000) comment?: string | null;
  @Field(() => [FileMetadataInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => FileMetadataInput)
  documents?: FileMetadataInput[];
}

@InputType()
export class AchievementSettingsInput {
  @Field(() => Int, { nullable: true, description: 'Public notice length in seconds (15 days = 1296000)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365 * 24 * 3600)
  noticePeriodSeconds?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(3650) stalePeriodDays?: number;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() @Min(0) @Max(100) minTeamSharePercent?: number;
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() @Min(0) @Max(100) maxTeamSharePercent?: number;
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  negativeList?: string[];
}

@InputType()
export class AchievementFilterInput {
  @Field(() => [AchievementStatus], { nullable: true })
  @IsOptional()
  @IsArray()
  @IsEnum(AchievementStatus, { each: true })
  statuses?: AchievementStatus[];
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  industryCodes?: string[];
  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  institutionIds?: string[];
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(9) trlMin?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(9) trlMax?: number;
  @Field(() => Boolean, {
    nullable: true,
    description: "Only the viewer's own achievements (owner, representative or inventor); 我的成果",
  })
  @IsOptional()
  @IsBoolean()
  mine?: boolean;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Only achievements with an objection not yet triaged (the TTO workbench counter and triage list)',
  })
  @IsOptional()
  @IsBoolean()
  withOpenObjections?: boolean;
}

@ArgsType()
export class AchievementsArgs extends ConnectionArgs {
  @Field(() => AchievementFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AchievementFilterInput)
  filter?: AchievementFilterInput;
}

@ArgsType()
export class PublicNoticesArgs extends ConnectionArgs {
  @Field(() => ID, { nullable: true, description: 'Only the notices of this institution' })
  @IsOptional()
  @IsUUID()
  institutionId?: string;
}
