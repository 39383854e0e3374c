import { Field, ID, InputType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { ConsortiumLinkKind, ConsortiumRole } from './entities/consortium.entities';

@InputType()
export class CreateConsortiumInput {
  @Field(() => ID, { description: 'The leading enterprise (the caller is one of its members)' })
  @IsUUID()
  leadOrganisationId: string;

  @Field() @IsString() @MinLength(2) @MaxLength(200) name: string;

  @Field({ description: 'What the consortium sets out to achieve (攻关目标)' })
  @IsString()
  @MinLength(2)
  @MaxLength(5000)
  goal: string;

  @Field(() => String, { nullable: true, description: 'An industry code of the taxonomy' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  industryCode?: string | null;
}

@InputType()
export class ConsortiumInvitee {
  @Field(() => ID) @IsUUID() organisationId: string;

  @Field(() => ConsortiumRole, { description: 'SUPPORT (支撑) or COLLABORATE (协同); LEAD is the leading enterprise' })
  @IsEnum(ConsortiumRole)
  role: ConsortiumRole;
}

@InputType()
export class InviteConsortiumMembersInput {
  @Field(() => ID) @IsUUID() consortiumId: string;

  @Field(() => [ConsortiumInvitee])
  @ValidateNested({ each: true })
  @Type(() => ConsortiumInvitee)
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  invitees: ConsortiumInvitee[];
}

@InputType()
export class AnswerConsortiumInvitationInput {
  @Field(() => ID, { description: 'The invited organisation’s membership in the consortium' })
  @IsUUID()
  memberId: string;

  @Field() @IsBoolean() accept: boolean;
}

@InputType()
export class LinkConsortiumItemInput {
  @Field(() => ID) @IsUUID() consortiumId: string;

  @Field(() => ConsortiumLinkKind) @IsEnum(ConsortiumLinkKind) kind: ConsortiumLinkKind;

  @Field(() => ID, { description: 'A demand of a member enterprise, or an achievement of a member institution' })
  @IsUUID()
  targetId: string;
}

@InputType()
export class AttachConsortiumDocumentsInput {
  @Field(() => ID) @IsUUID() consortiumId: string;

  @Field(() => [ID], { description: 'Files uploaded through POST /files' })
  @IsUUID('all', { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  fileIds: string[];
}

@InputType()
export class AddConsortiumMilestoneInput {
  @Field(() => ID) @IsUUID() consortiumId: string;

  @Field() @IsString() @MinLength(1) @MaxLength(300) title: string;

  @Field({ description: 'YYYY-MM-DD' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  dueDate: string;
}

@InputType()
export class SetConsortiumMilestoneDoneInput {
  @Field(() => ID) @IsUUID() milestoneId: string;

  @Field() @IsBoolean() done: boolean;
}
