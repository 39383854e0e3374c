import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Paginated } from '@app/core';
import { MembershipStatus } from '../domain/membership-status';
import { OrganisationKind, Role } from '../domain/roles';
import { OrganisationVerificationStatus, VerificationRequestStatus } from '../domain/verification';

registerEnumType(OrganisationKind, { name: 'OrganisationKind', description: 'What kind of body an organisation is' });
registerEnumType(Role, { name: 'Role', description: 'What a user may do within an organisation' });
registerEnumType(MembershipStatus, {
  name: 'MembershipStatus',
  description: "A membership's state: only ACTIVE memberships give the role's rights",
});
registerEnumType(OrganisationVerificationStatus, {
  name: 'OrganisationVerificationStatus',
  description: 'The public verification badge of an organisation',
});
registerEnumType(VerificationRequestStatus, { name: 'VerificationRequestStatus' });

@ObjectType('Organisation')
export class OrganisationObject {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => OrganisationKind) kind: OrganisationKind;
  @Field(() => String, { nullable: true }) region: string | null;
  @Field(() => OrganisationVerificationStatus, {
    description: 'Public badge: VERIFIED once the bureau checked the organisation',
  })
  verificationStatus: OrganisationVerificationStatus;
  @Field(() => GraphQLISODateTime, { nullable: true }) verifiedAt: Date | null;
  @Field({ description: 'State-owned (国有企业), as the bureau recorded when verifying it' }) stateOwned: boolean;
}

@ObjectType('MemberProfile', {
  description: "A member's or applicant's account, as the organisation's administrators see it",
})
export class MemberProfileObject {
  @Field(() => ID) id: string;
  @Field() displayName: string;
  @Field() email: string;
  @Field() emailVerified: boolean;
}

@ObjectType('Membership')
export class MembershipObject {
  @Field(() => ID) id: string;
  @Field(() => Role) role: Role;
  @Field(() => ID) organisationId: string;
  @Field(() => OrganisationObject) organisation?: OrganisationObject;
  @Field(() => MembershipStatus) status: MembershipStatus;
  @Field({ description: 'Holds the organisation-admin capability (ORG_ADMIN)' }) orgAdmin: boolean;
  @Field(() => String, { nullable: true, description: 'Why a request was rejected' }) rejectionReason: string | null;
  @Field(() => GraphQLISODateTime, { description: 'When the membership (or request) was created' }) createdAt: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) decidedAt: Date | null;
  userId: string;
}

@ObjectType('User')
export class UserObject {
  @Field(() => ID) id: string;
  @Field() email: string;
  @Field() displayName: string;
  @Field() locale: string;
  @Field({ description: 'Whether the address is verified (publishing, claiming and objecting need it)' })
  emailVerified?: boolean;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => [MembershipObject], { description: 'Every membership, whatever its status' })
  memberships?: MembershipObject[];
  emailVerifiedAt?: Date | null;
}

@ObjectType('AuthPayload')
export class AuthPayloadObject {
  @Field() accessToken: string;
  @Field(() => GraphQLISODateTime) accessTokenExpiresAt: Date;
  @Field() refreshToken: string;
  @Field(() => GraphQLISODateTime) refreshTokenExpiresAt: Date;
  @Field(() => UserObject) user?: UserObject;
  userId: string;
}

@ObjectType('RegistrationReceipt', {
  description: 'The same answer whether or not the address had an account: sign in after following the email',
})
export class RegistrationReceiptObject {
  @Field({ description: 'The address as stored (trimmed, lower-cased)' }) email: string;
  @Field() message: string;
}

@ObjectType('MembershipInvitation')
export class MembershipInvitationObject {
  @Field(() => ID) id: string;
  @Field(() => ID) organisationId: string;
  @Field() email: string;
  @Field(() => Role) role: Role;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => GraphQLISODateTime) expiresAt: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) acceptedAt: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) revokedAt: Date | null;
}

@ObjectType('InvitationPreview', { description: 'What an invitation link offers, shown before accepting it' })
export class InvitationPreviewObject {
  @Field(() => OrganisationObject) organisation: OrganisationObject;
  @Field(() => Role) role: Role;
  @Field() email: string;
  @Field(() => GraphQLISODateTime) expiresAt: Date;
}

@ObjectType('OrganisationVerificationRequest')
export class OrganisationVerificationRequestObject {
  @Field(() => ID) id: string;
  @Field(() => ID) organisationId: string;
  @Field(() => OrganisationObject) organisation?: OrganisationObject;
  @Field() registeredName: string;
  @Field(() => String, { nullable: true, description: '统一社会信用代码 (check character verified)' })
  creditCode: string | null;
  @Field(() => String, { nullable: true }) evidence: string | null;
  @Field(() => VerificationRequestStatus) status: VerificationRequestStatus;
  @Field(() => String, { nullable: true }) rejectionReason: string | null;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) decidedAt: Date | null;
  submittedById: string;
}

@ObjectType()
export class MembershipConnection extends Paginated(MembershipObject) {}

@ObjectType()
export class MembershipInvitationConnection extends Paginated(MembershipInvitationObject) {}

@ObjectType()
export class OrganisationVerificationRequestConnection extends Paginated(OrganisationVerificationRequestObject) {}
