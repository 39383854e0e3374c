import { Field, ID, InputType, Int, ArgsType } from '@nestjs/graphql';
import {
  IsEmail,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { OrganisationKind, Role } from '../domain/roles';

@InputType()
export class NewOrganisationInput {
  @Field() @IsString() @Length(2, 200) name: string;
  @Field(() => OrganisationKind) @IsEnum(OrganisationKind) kind: OrganisationKind;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) region?: string;
}

@InputType()
export class RegisterInput {
  @Field() @IsEmail({}, { message: 'email must be a valid email address' }) @MaxLength(254) email: string;
  @Field() @IsString() @Length(1, 200) password: string;
  @Field() @IsString() @Length(1, 100) displayName: string;
  @Field(() => Role) @IsEnum(Role) role: Role;
  @Field({ nullable: true, defaultValue: 'zh' }) @IsOptional() @IsIn(['zh', 'en']) locale?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() organisationId?: string;
  @Field(() => NewOrganisationInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => NewOrganisationInput)
  newOrganisation?: NewOrganisationInput;
}

@InputType()
export class LoginInput {
  @Field() @IsString() @MaxLength(254) email: string;
  @Field() @IsString() @MaxLength(200) password: string;
}

@InputType()
export class GrantRoleInput {
  @Field(() => ID) @IsUUID() userId: string;
  @Field(() => ID) @IsUUID() organisationId: string;
  @Field(() => Role) @IsEnum(Role) role: Role;
}

@ArgsType()
export class OrganisationsArgs {
  @Field(() => OrganisationKind, { nullable: true }) @IsOptional() @IsEnum(OrganisationKind) kind?: OrganisationKind;
  @Field(() => Int, { defaultValue: 50 }) @IsInt() @Min(1) @Max(100) first = 50;
  @Field(() => Int, { defaultValue: 0 }) @IsInt() @Min(0) @Max(100_000) offset = 0;
}
