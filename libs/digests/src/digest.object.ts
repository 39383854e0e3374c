import { ArgsType, Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { DeliveryStatus, DigestChannel, DigestFrequency, DigestLanguage } from './domain/digest-enums';
import { UnsubscribeChoice } from './digest-preferences.service';

registerEnumType(DigestChannel, { name: 'DigestChannel' });
registerEnumType(DigestFrequency, { name: 'DigestFrequency' });
registerEnumType(DigestLanguage, { name: 'DigestLanguage' });
registerEnumType(DeliveryStatus, { name: 'DigestDeliveryStatus' });
registerEnumType(UnsubscribeChoice, {
  name: 'UnsubscribeChoice',
  description: 'OFF stops digests; WEEKLY/MONTHLY switch frequency',
});

@ObjectType('DigestPreferences')
export class DigestPreferencesObject {
  @Field() enabled: boolean;
  @Field(() => DigestFrequency) frequency: DigestFrequency;
  @Field(() => [DigestChannel]) channels: DigestChannel[];
  @Field(() => Int, { description: 'ISO day of week: 1 = Monday … 7 = Sunday' }) dayOfWeek: number;
  @Field(() => Int, { description: 'Hour 0–23 in timeZone' }) hour: number;
  @Field({ description: 'IANA time zone' }) timeZone: string;
  @Field(() => DigestLanguage) language: DigestLanguage;
  @Field({ description: 'False: the language follows the account locale' }) languageChosen: boolean;
  @Field(() => [String], { description: 'Industry codes (brokers: the industries whose matches they get)' })
  topicIndustries: string[];
  @Field(() => [String]) topicKeywords: string[];
}

@InputType()
export class DigestPreferencesInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @Field(() => DigestFrequency, { nullable: true })
  @IsOptional()
  @IsEnum(DigestFrequency)
  frequency?: DigestFrequency;

  @Field(() => [DigestChannel], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @IsEnum(DigestChannel, { each: true })
  channels?: DigestChannel[];

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(7)
  dayOfWeek?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(23)
  hour?: number;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string;

  @Field(() => DigestLanguage, { nullable: true, description: 'Null follows the account locale' })
  @IsOptional()
  @IsIn([...Object.values(DigestLanguage), null])
  language?: DigestLanguage | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(32, { each: true })
  topicIndustries?: string[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  topicKeywords?: string[];
}

@ArgsType()
export class UnsubscribeArgs {
  @Field()
  @IsString()
  @MaxLength(200)
  token: string;

  @Field(() => UnsubscribeChoice, { defaultValue: UnsubscribeChoice.OFF })
  @IsEnum(UnsubscribeChoice)
  frequency: UnsubscribeChoice = UnsubscribeChoice.OFF;
}

@ArgsType()
export class RerunDigestArgs {
  @Field(() => ID)
  @IsUUID()
  userId: string;

  @Field({ description: '2026-W19 (weekly) or 2026-05 (monthly)' })
  @IsString()
  @Matches(/^\d{4}-(W\d{2}|\d{2})$/, { message: 'period must look like 2026-W19 or 2026-05' })
  period: string;
}

@ObjectType('DigestDelivery')
export class DigestDeliveryObject {
  @Field(() => ID) id: string;
  @Field(() => DigestChannel) channel: DigestChannel;
  @Field(() => DeliveryStatus) status: DeliveryStatus;
  @Field(() => Int) attempts: number;
  @Field(() => String, { nullable: true }) lastError: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) sentAt: Date | null;
}

@ObjectType('Digest')
export class DigestObject {
  @Field(() => ID) id: string;
  @Field(() => ID) userId: string;
  @Field() period: string;
  @Field(() => Int) version: number;
  @Field(() => GraphQLISODateTime) windowStart: Date;
  @Field(() => GraphQLISODateTime) windowEnd: Date;
  @Field(() => DigestLanguage) language: DigestLanguage;
  @Field(() => Int) itemCount: number;
  @Field(() => GraphQLISODateTime) createdAt: Date;
}

@ObjectType()
export class QueueDashboardTicket {
  @Field({ description: 'Open this URL in a browser: it sets a short-lived cookie for /admin/queues' }) url: string;
  @Field(() => GraphQLISODateTime) expiresAt: Date;
}

@ObjectType('DigestPreview', { description: 'My next digest as it would read if built now (nothing is sent)' })
export class DigestPreview {
  @Field({ description: 'The period it would be sent for (2026-W19 or 2026-05)' }) period: string;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'The hour it is due; null when digests are off' })
  nextSendAt: Date | null;
  @Field(() => DigestLanguage) language: DigestLanguage;
  @Field(() => [DigestChannel], { description: 'Where it would go (none when off)' }) channels: DigestChannel[];
  @Field(() => Int) itemCount: number;
  @Field() subject: string;
  @Field({ description: 'The email as plain text' }) text: string;
  @Field({ description: 'The email as HTML (render it sandboxed)' }) html: string;
}
