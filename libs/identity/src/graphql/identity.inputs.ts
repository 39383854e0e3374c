import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
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
import { ConnectionArgs } from '@app/core';
import { MembershipStatus } from '../domain/membership-status';
import { OrganisationKind, Role } from '../domain/roles';
import { OrganisationVerificationStatus } from '../domain/verification';

/** Text inputs arrive trimmed; with a minimum length of 1, a whitespace-only value is refused by name. */
const Trim = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

@InputType()
export class NewOrganisationInput {
  @Field() @Trim() @IsString() @Length(2, 200) name: string;
  @Field(() => OrganisationKind) @IsEnum(OrganisationKind) kind: OrganisationKind;
  @Field({ nullable: true }) @IsOptional() @Trim() @IsString() @MaxLength(100) region?: string;
}

@InputType()
export class RegisterInput {
  @Field() @Trim() @IsEmail({}, { message: 'email must be a valid email address' }) @MaxLength(254) email: string;
  @Field() @IsString() @Length(1, 200) password: string;
  @Field()
  @Trim()
  @IsString()
  @Length(1, 100, { message: 'displayName must be 1 to 100 characters (not blank)' })
  displayName: string;
  @Field(() => Role, { nullable: true, description: 'Required unless registering with an invitation' })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;
  @Field({ nullable: true, defaultValue: 'zh' }) @IsOptional() @IsIn(['zh', 'en']) locale?: string;
  @Field(() => ID, { nullable: true, description: 'Ask to join this organisation (an administrator approves)' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
  @Field(() => NewOrganisationInput, {
    nullable: true,
    description: 'Create an enterprise or agency (you administer it)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => NewOrganisationInput)
  newOrganisation?: NewOrganisationInput;
  @Field({ nullable: true, description: 'The token of an invitation link sent to this email (active at once)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  invitationToken?: string;
}

@InputType()
export class LoginInput {
  @Field() @IsString() @MaxLength(254) email: string;
  @Field() @IsString() @MaxLength(200) password: string;
}

@InputType()
export class ChangePasswordInput {
  @Field() @IsString() @MaxLength(200) currentPassword: string;
  @Field() @IsString() @Length(1, 200) newPassword: string;
}

@InputType()
export class RequestPasswordResetInput {
  @Field() @Trim() @IsString() @MaxLength(254) email: string;
}

@InputType()
export class ResetPasswordInput {
  @Field({ description: 'The token of the link mailed by requestPasswordReset' })
  @Trim()
  @IsString()
  @Length(1, 200)
  token: string;
  @Field() @IsString() @Length(1, 200) newPassword: string;
}

@InputType()
export class GrantRoleInput {
  @Field(() => ID) @IsUUID() userId: string;
  @Field(() => ID) @IsUUID() organisationId: string;
  @Field(() => Role) @IsEnum(Role) role: Role;
}

@InputType()
export class CreateOrganisationInput {
  @Field() @Trim() @IsString() @Length(2, 200) name: string;
  @Field(() => OrganisationKind) @IsEnum(OrganisationKind) kind: OrganisationKind;
  @Field({ nullable: true }) @IsOptional() @Trim() @IsString() @MaxLength(100) region?: string;
}

@InputType()
export class RequestMembershipInput {
  @Field(() => ID) @IsUUID() organisationId: string;
  @Field(() => Role) @IsEnum(Role) role: Role;
}

@InputType()
export class RejectMembershipInput {
  @Field(() => ID) @IsUUID() membershipId: string;
  @Field()
  @Trim()
  @IsString()
  @Length(1, 500, { message: 'reason must be 1 to 500 characters (not blank)' })
  reason: string;
}

@InputType()
export class SetOrganisationAdminInput {
  @Field(() => ID) @IsUUID() membershipId: string;
  @Field() @IsBoolean() orgAdmin: boolean;
}

@InputType()
export class InviteMemberInput {
  @Field(() => ID) @IsUUID() organisationId: string;
  @Field() @Trim() @IsEmail({}, { message: 'email must be a valid email address' }) @MaxLength(254) email: string;
  @Field(() => Role) @IsEnum(Role) role: Role;
}

@InputType()
export class SubmitOrganisationVerificationInput {
  @Field(() => ID) @IsUUID() organisationId: string;
  @Field({ description: 'The name as registered (营业执照 / 法人证书)' })
  @Trim()
  @IsString()
  @Length(2, 200, { message: 'registeredName must be 2 to 200 characters (not blank)' })
  registeredName: string;
  @Field(() => String, {
    nullable: true,
    description: '统一社会信用代码 (18 characters; required for enterprises and agencies)',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(40)
  creditCode?: string | null;
  @Field(() => String, { nullable: true, description: 'Anything that helps the check' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2000)
  evidence?: string | null;
}

@InputType()
export class RejectOrganisationVerificationInput {
  @Field(() => ID) @IsUUID() requestId: string;
  @Field()
  @Trim()
  @IsString()
  @Length(1, 500, { message: 'reason must be 1 to 500 characters (not blank)' })
  reason: string;
}

@ArgsType()
export class OrganisationsArgs {
  @Field(() => OrganisationKind, { nullable: true }) @IsOptional() @IsEnum(OrganisationKind) kind?: OrganisationKind;
  @Field(() => OrganisationVerificationStatus, { nullable: true })
  @IsOptional()
  @IsEnum(OrganisationVerificationStatus)
  verificationStatus?: OrganisationVerificationStatus;
  @Field(() => String, { nullable: true, description: 'Only organisations whose name contains this (any case)' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  nameContains?: string | null;
  @Field(() => Int, { defaultValue: 50 }) @IsInt() @Min(1) @Max(100) first = 50;
  @Field(() => Int, { defaultValue: 0 }) @IsInt() @Min(0) @Max(100_000) offset = 0;
}

@ArgsType()
export class OrganisationMembershipsArgs extends ConnectionArgs {
  @Field(() => ID) @IsUUID() organisationId: string;
  @Field(() => MembershipStatus, { nullable: true, description: 'PENDING: the requests waiting for a decision' })
  @IsOptional()
  @IsEnum(MembershipStatus)
  status?: MembershipStatus;
}

@ArgsType()
export class OrganisationInvitationsArgs extends ConnectionArgs {
  @Field(() => ID) @IsUUID() organisationId: string;
}
