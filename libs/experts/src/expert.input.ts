import { Field, ID, InputType, OmitType, PartialType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { ExpertService, ExpertVisibility } from './domain/expert-service';

@InputType()
export class CreateExpertInput {
  @Field() @IsString() @Length(1, 100) name: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(100) title?: string | null;
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  researchFields?: string[];
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  keywords?: string[];
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(10000) bio?: string;
  @Field(() => [ExpertService], { nullable: true })
  @IsOptional()
  @ArrayUnique()
  @IsEnum(ExpertService, { each: true })
  services?: ExpertService[];
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(500) availability?: string | null;
  @Field(() => [String], { nullable: true, description: 'Language codes, e.g. zh, en' })
  @IsOptional()
  @ArrayMaxSize(10)
  @Matches(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/, {
    each: true,
    message: 'languages must be language codes such as zh or en',
  })
  languages?: string[];
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(100) region?: string | null;
  @Field(() => ExpertVisibility, { nullable: true })
  @IsOptional()
  @IsEnum(ExpertVisibility)
  visibility?: ExpertVisibility;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'contactEmail must be a valid email address' })
  @MaxLength(254)
  contactEmail?: string | null;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{5,30}$/, { message: 'contactPhone must be a phone number' })
  contactPhone?: string | null;
  @Field(() => ID, { nullable: true, description: 'The institution; defaults to your only one' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
  @Field(() => ID, {
    nullable: true,
    description:
      "TTO officers: the staff member's account (a member of the institution); omit for a staff member without one",
  })
  @IsOptional()
  @IsUUID()
  userId?: string;
}

/** Every field optional: absent = unchanged, null clears a nullable field. */
@InputType()
export class UpdateExpertInput extends PartialType(OmitType(CreateExpertInput, ['organisationId', 'userId'] as const)) {
  @Field({ nullable: true }) @IsOptional() @IsBoolean() listed?: boolean;
}
