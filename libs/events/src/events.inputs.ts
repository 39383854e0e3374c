import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { MAX_SLOT_MINUTES, MIN_SLOT_MINUTES } from './domain/scheduler';
import { EventKind, MeetingOutcome } from './entities/event.entities';

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

@InputType()
export class CreateEventInput {
  @Field(() => EventKind) @IsEnum(EventKind) kind: EventKind;

  @Field() @IsString() @MinLength(2) @MaxLength(200) title: string;

  @Field({ defaultValue: '' }) @IsString() @MaxLength(5000) description: string;

  @Field(() => [String], { defaultValue: [], description: 'Themes: industry codes of the taxonomy' })
  @IsString({ each: true })
  @MaxLength(20, { each: true })
  @ArrayMaxSize(10)
  industryCodes: string[];

  @Field(() => [String], { defaultValue: [], description: 'Themes: key words' })
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(40, { each: true })
  @ArrayMaxSize(20)
  keywords: string[];

  @Field({ description: 'Wall-clock start in the event’s time zone, YYYY-MM-DDTHH:mm' })
  @Matches(LOCAL_TIME)
  startsAt: string;

  @Field({ description: 'Wall-clock end in the event’s time zone, YYYY-MM-DDTHH:mm' })
  @Matches(LOCAL_TIME)
  endsAt: string;

  @Field({ description: 'IANA time zone, e.g. Asia/Shanghai' }) @IsString() @MaxLength(64) timeZone: string;

  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(300) venue?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @MaxLength(500)
  onlineUrl?: string | null;

  @Field(() => Int) @IsInt() @Min(1) @Max(10_000) capacity: number;

  @Field(() => Int, { defaultValue: 20, description: 'Length of a one-to-one meeting slot, minutes' })
  @IsInt()
  @Min(MIN_SLOT_MINUTES)
  @Max(MAX_SLOT_MINUTES)
  slotMinutes: number;

  @Field(() => [ID], { defaultValue: [], description: 'Institutions presenting listings and experts' })
  @IsUUID('all', { each: true })
  @ArrayMaxSize(50)
  presentingInstitutionIds: string[];

  @Field(() => ID, { nullable: true, description: 'Organise for this organisation (default: the first fitting)' })
  @IsOptional()
  @IsUUID()
  organiserOrganisationId?: string | null;
}

/**
 * The organiser edits an event: every field optional (left out or null: unchanged; venue and online link: null or
 * empty clears). Times are wall-clock times in the event's zone (the new zone when it changes).
 */
@InputType()
export class UpdateEventInput {
  @Field(() => ID) @IsUUID() id: string;

  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MinLength(2) @MaxLength(200) title?:
    string | null;

  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(5000) description?: string | null;

  @Field(() => [String], { nullable: true, description: 'Themes: industry codes of the taxonomy' })
  @IsOptional()
  @IsString({ each: true })
  @MaxLength(20, { each: true })
  @ArrayMaxSize(10)
  industryCodes?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Themes: key words' })
  @IsOptional()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(40, { each: true })
  @ArrayMaxSize(20)
  keywords?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Wall-clock start in the event’s time zone, YYYY-MM-DDTHH:mm' })
  @IsOptional()
  @Matches(LOCAL_TIME)
  startsAt?: string | null;

  @Field(() => String, { nullable: true, description: 'Wall-clock end in the event’s time zone, YYYY-MM-DDTHH:mm' })
  @IsOptional()
  @Matches(LOCAL_TIME)
  endsAt?: string | null;

  @Field(() => String, { nullable: true, description: 'IANA time zone' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string | null;

  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(300) venue?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== '')
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @MaxLength(500)
  onlineUrl?: string | null;

  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(10_000) capacity?: number | null;

  @Field(() => [ID], { nullable: true, description: 'Institutions presenting listings and experts' })
  @IsOptional()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(50)
  presentingInstitutionIds?: string[] | null;
}

@InputType()
export class RegisterForEventInput {
  @Field(() => ID) @IsUUID() eventId: string;

  @Field(() => ID, { nullable: true, description: 'The organisation the person comes for' })
  @IsOptional()
  @IsUUID()
  organisationId?: string | null;

  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(1000) message?: string | null;
}

@InputType()
export class DecideRegistrationInput {
  @Field(() => ID) @IsUUID() registrationId: string;
  @Field() @IsBoolean() approve: boolean;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(500) reason?: string | null;
}

@InputType()
export class RequestMeetingInput {
  @Field(() => ID) @IsUUID() eventId: string;
  @Field(() => ID, { description: 'The other participant’s registration' }) @IsUUID() withRegistrationId: string;
  @Field(() => Int) @IsInt() @Min(0) @Max(10_000) slotIndex: number;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(1000) message?: string | null;
  @Field(() => ID, { nullable: true, description: 'The enterprise’s demand it is about' })
  @IsOptional()
  @IsUUID()
  demandId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The listing it is about' })
  @IsOptional()
  @IsUUID()
  achievementId?: string | null;
}

@InputType()
export class WithdrawRegistrationInput {
  @Field(() => ID) @IsUUID() eventId: string;
  @Field(() => String, { nullable: true, description: 'Told to the other party of each cancelled meeting' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string | null;
}

@InputType()
export class AnswerMeetingInput {
  @Field(() => ID) @IsUUID() meetingId: string;
  @Field() @IsBoolean() accept: boolean;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(500) reason?: string | null;
}

@InputType()
export class RecordMeetingOutcomeInput {
  @Field(() => ID) @IsUUID() meetingId: string;
  @Field(() => MeetingOutcome) @IsEnum(MeetingOutcome) outcome: MeetingOutcome;
  @Field(() => String, { nullable: true, description: 'Required when not interested' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string | null;
  @Field(() => ID, { nullable: true, description: 'Follow-up: the demand (default: the meeting’s)' })
  @IsOptional()
  @IsUUID()
  demandId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Follow-up: the listing (default: the meeting’s)' })
  @IsOptional()
  @IsUUID()
  achievementId?: string | null;
}

@ArgsType()
export class EventsArgs {
  @Field(() => Int, { defaultValue: 20 }) @IsInt() @Min(1) @Max(50) first: number;
  @Field(() => Int, { defaultValue: 0 }) @IsInt() @Min(0) @Max(10_000) offset: number;
  @Field(() => String, { nullable: true, description: 'UPCOMING (default) or PAST' })
  @IsOptional()
  @IsIn(['UPCOMING', 'PAST'])
  when?: 'UPCOMING' | 'PAST' | null;
}
