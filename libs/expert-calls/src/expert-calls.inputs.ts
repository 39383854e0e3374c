import { Field, ID, InputType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsDate,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';

@InputType()
export class CreateExpertCallInput {
  @Field() @IsString() @MinLength(2) @MaxLength(200) title: string;

  @Field({ description: 'The research question (政府决策课题), Chinese or English' })
  @IsString()
  @MinLength(2)
  @MaxLength(5000)
  question: string;

  @Field(() => [String], { defaultValue: [], description: 'Industry codes of the taxonomy' })
  @IsString({ each: true })
  @MaxLength(20, { each: true })
  @ArrayMaxSize(10)
  industryCodes: string[];

  @Field(() => [String], { defaultValue: [], description: 'Key words the proposed experts are searched with' })
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(40, { each: true })
  @ArrayMaxSize(20)
  keywords: string[];

  @Field({ description: 'Answers and responses are taken until then' }) @IsDate() deadline: Date;
}

@InputType()
export class InviteExpertsInput {
  @Field(() => ID) @IsUUID() callId: string;

  @Field(() => [ID]) @IsUUID('all', { each: true }) @ArrayMinSize(1) @ArrayMaxSize(50) expertIds: string[];
}

@InputType()
export class AnswerExpertCallInvitationInput {
  @Field(() => ID) @IsUUID() invitationId: string;

  @Field() @IsBoolean() accept: boolean;

  @Field(() => String, { nullable: true, description: 'Why not (a decline only, optional)' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string | null;
}

@InputType()
export class SubmitExpertCallResponseInput {
  @Field(() => ID) @IsUUID() invitationId: string;

  @Field() @IsString() @MinLength(1) @MaxLength(20000) text: string;

  @Field(() => [ID], {
    defaultValue: [],
    description: 'Files uploaded through POST /files, attached to the response (added to any attached before)',
  })
  @IsUUID('all', { each: true })
  @ArrayMaxSize(5)
  attachmentFileIds: string[];
}
