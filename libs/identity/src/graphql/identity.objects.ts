import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { OrganisationKind, Role } from '../domain/roles';

registerEnumType(OrganisationKind, { name: 'OrganisationKind', description: 'What kind of body an organisation is' });
registerEnumType(Role, { name: 'Role', description: 'What a user may do within an organisation' });

@ObjectType('Organisation')
export class OrganisationObject {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => OrganisationKind) kind: OrganisationKind;
  @Field(() => String, { nullable: true }) region: string | null;
}

@ObjectType('Membership')
export class MembershipObject {
  @Field(() => ID) id: string;
  @Field(() => Role) role: Role;
  @Field(() => ID) organisationId: string;
  @Field(() => OrganisationObject) organisation?: OrganisationObject;
}

@ObjectType('User')
export class UserObject {
  @Field(() => ID) id: string;
  @Field() email: string;
  @Field() displayName: string;
  @Field() locale: string;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => [MembershipObject]) memberships?: MembershipObject[];
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
