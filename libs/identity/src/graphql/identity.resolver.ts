import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import type { Request } from 'express';
import {
  ConnectionArgs,
  byKeys,
  DomainException,
  groupedByKeys,
  RateLimit,
  RateLimits,
  RequestLoaders,
} from '@app/core';
import { AuthService } from '../auth.service';
import { DirectoryService } from '../directory.service';
import { Actor } from '../domain/actor';
import { MembershipEntity } from '../entities/membership.entity';
import { OrganisationEntity } from '../entities/organisation.entity';
import { OrganisationVerificationRequestEntity } from '../entities/organisation-verification-request.entity';
import { UserEntity } from '../entities/user.entity';
import { InvitationPreview, InvitationsService } from '../invitations.service';
import { MembershipsService } from '../memberships.service';
import { OrganisationVerificationService } from '../organisation-verification.service';
import { CurrentActor, Loaders, OptionalActor, Public } from './auth.decorators';
import {
  AuthPayloadObject,
  InvitationPreviewObject,
  MemberProfileObject,
  MembershipConnection,
  MembershipInvitationConnection,
  MembershipInvitationObject,
  MembershipObject,
  OrganisationObject,
  OrganisationVerificationRequestConnection,
  OrganisationVerificationRequestObject,
  RegistrationReceiptObject,
  UserObject,
} from './identity.objects';
import {
  ChangePasswordInput,
  CreateOrganisationInput,
  GrantRoleInput,
  InviteMemberInput,
  LoginInput,
  OrganisationInvitationsArgs,
  OrganisationMembershipsArgs,
  OrganisationsArgs,
  RegisterInput,
  RejectMembershipInput,
  RejectOrganisationVerificationInput,
  RequestMembershipInput,
  RequestPasswordResetInput,
  ResetPasswordInput,
  SetOrganisationAdminInput,
  SubmitOrganisationVerificationInput,
} from './identity.inputs';
import { organisationsOfPersonLoader } from './people';
import { PersonObject } from './person.object';

export function organisationLoader(loaders: RequestLoaders, directory: DirectoryService) {
  return loaders.get(
    'identity.organisation',
    () =>
      new DataLoader<string, OrganisationEntity | null>(async (ids) =>
        byKeys(ids, await directory.organisationsByIds(ids), (o) => o.id),
      ),
  );
}

function userLoader(loaders: RequestLoaders, directory: DirectoryService) {
  return loaders.get(
    'identity.user',
    () =>
      new DataLoader<string, UserEntity | null>(async (ids) =>
        byKeys(ids, await directory.usersByIds(ids), (u) => u.id),
      ),
  );
}

/** The signed-in person's account: registration, sign-in, sessions, email verification and passwords. */
@Resolver(() => UserObject)
export class UserResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly directory: DirectoryService,
    private readonly membershipsService: MembershipsService,
    private readonly rateLimits: RateLimits,
  ) {}

  @Query(() => UserObject, { description: 'The signed-in user, with every membership (pending and rejected too)' })
  me(@CurrentActor() actor: Actor): Promise<UserObject> {
    return this.directory.user(actor.userId);
  }

  @Public()
  @Mutation(() => RegistrationReceiptObject, {
    description:
      'Create an account. The answer is the same whether or not the address already has one, and carries no ' +
      'tokens: follow the emailed link, then sign in with `login`. Joining an existing organisation waits for its ' +
      "administrators' approval; creating an enterprise or agency makes you its administrator; an invitation " +
      'token makes you a member at once.',
  })
  @RateLimit('register')
  register(@Args('input') input: RegisterInput): Promise<RegistrationReceiptObject> {
    return this.auth.register(input);
  }

  @Public()
  @Mutation(() => AuthPayloadObject, {
    description:
      'Sign in (unverified accounts may sign in). After 5 failed attempts for one account from one address, each ' +
      'further attempt waits twice as long (2 s … 15 min): TOO_MANY_REQUESTS with extensions.retryAfterSeconds.',
  })
  @RateLimit('login', { accountArg: 'input.email' })
  async login(@Args('input') input: LoginInput, @Context('req') req: Request): Promise<AuthPayloadObject> {
    const ip = req.ip ?? 'unknown';
    await this.rateLimits.assertLoginAllowed(input.email, ip);
    try {
      const tokens = await this.auth.login(input.email, input.password);
      await this.rateLimits.forgetFailedLogins(input.email, ip);
      return tokens;
    } catch (error) {
      if (error instanceof DomainException && error.reason === 'WRONG_CREDENTIALS') {
        await this.rateLimits.recordFailedLogin(input.email, ip);
      }
      throw error;
    }
  }

  @Public()
  @Mutation(() => AuthPayloadObject, { description: 'Exchange a refresh token for new tokens (the old one is spent)' })
  @RateLimit('refresh')
  refreshTokens(@Args('refreshToken') refreshToken: string): Promise<AuthPayloadObject> {
    return this.auth.refresh(refreshToken);
  }

  @Public()
  @Mutation(() => Boolean, { description: 'End the session of this refresh token (its access tokens stop working)' })
  async logout(@Args('refreshToken') refreshToken: string): Promise<boolean> {
    await this.auth.logout(refreshToken);
    return true;
  }

  @Mutation(() => Boolean, { description: 'End every session of the account, this one included' })
  async signOutEverywhere(@CurrentActor() actor: Actor): Promise<boolean> {
    await this.auth.signOutEverywhere(actor);
    return true;
  }

  @Mutation(() => Boolean, { description: 'Change the password (the current one is required); other sessions end' })
  async changePassword(@CurrentActor() actor: Actor, @Args('input') input: ChangePasswordInput): Promise<boolean> {
    await this.auth.changePassword(actor, input.currentPassword, input.newPassword);
    return true;
  }

  @Public()
  @Mutation(() => Boolean, {
    description: 'Mail a password-reset link (30 minutes, single use) if the address has an account; always true',
  })
  @RateLimit('passwordReset', { accountArg: 'input.email' })
  async requestPasswordReset(@Args('input') input: RequestPasswordResetInput): Promise<boolean> {
    await this.auth.requestPasswordReset(input.email);
    return true;
  }

  @Public()
  @Mutation(() => Boolean, { description: 'Set a new password with the mailed token; every session ends' })
  @RateLimit('passwordReset')
  async resetPassword(@Args('input') input: ResetPasswordInput): Promise<boolean> {
    await this.auth.resetPassword(input.token, input.newPassword);
    return true;
  }

  @Public()
  @Mutation(() => Boolean, { description: 'Verify the email address with the mailed token (single use)' })
  async verifyEmail(@Args('token') token: string): Promise<boolean> {
    await this.auth.verifyEmail(token.trim());
    return true;
  }

  @Mutation(() => Boolean, { description: 'Mail a new verification link to the signed-in account' })
  async resendVerificationEmail(@CurrentActor() actor: Actor): Promise<boolean> {
    await this.auth.resendVerificationEmail(actor);
    return true;
  }

  @Mutation(() => MembershipObject)
  grantRole(@CurrentActor() actor: Actor, @Args('input') input: GrantRoleInput): Promise<MembershipEntity> {
    return this.directory.grantRole(actor, input);
  }

  @ResolveField(() => Boolean)
  emailVerified(@Parent() user: UserEntity): boolean {
    return user.emailVerifiedAt !== null && user.emailVerifiedAt !== undefined;
  }

  /** A User is only ever the caller (`me`, the payload of their own sign-in): all their memberships. */
  @ResolveField(() => [MembershipObject])
  memberships(@Parent() user: UserObject, @Loaders() loaders: RequestLoaders): Promise<MembershipEntity[]> {
    return loaders
      .get(
        'identity.membershipsOfUser',
        () =>
          new DataLoader<string, MembershipEntity[]>(async (ids) =>
            groupedByKeys(ids, await this.membershipsService.allOfUsers(ids), (m) => m.userId),
          ),
      )
      .load(user.id);
  }
}

@Resolver(() => AuthPayloadObject)
export class AuthPayloadResolver {
  constructor(private readonly directory: DirectoryService) {}

  @ResolveField(() => UserObject)
  user(@Parent() payload: AuthPayloadObject): Promise<UserObject> {
    return this.directory.user(payload.userId);
  }
}

/** Memberships: requests, decisions, the ORG_ADMIN capability and invitations. */
@Resolver(() => MembershipObject)
export class MembershipResolver {
  constructor(
    private readonly directory: DirectoryService,
    private readonly memberships: MembershipsService,
    private readonly invitations: InvitationsService,
  ) {}

  @Query(() => MembershipConnection, {
    description: "An organisation's memberships (status PENDING: the requests to decide), for its administrators",
  })
  organisationMemberships(@CurrentActor() actor: Actor, @Args() args: OrganisationMembershipsArgs) {
    return this.memberships.list(actor, args.organisationId, { status: args.status }, args);
  }

  @Mutation(() => MembershipObject, { description: 'Ask to join an organisation (its administrators decide)' })
  requestMembership(@CurrentActor() actor: Actor, @Args('input') input: RequestMembershipInput) {
    return this.memberships.requestToJoin(actor, input);
  }

  @Mutation(() => MembershipObject)
  approveMembership(@CurrentActor() actor: Actor, @Args('membershipId', { type: () => ID }) membershipId: string) {
    return this.memberships.approve(actor, membershipId);
  }

  @Mutation(() => MembershipObject)
  rejectMembership(@CurrentActor() actor: Actor, @Args('input') input: RejectMembershipInput) {
    return this.memberships.reject(actor, input.membershipId, input.reason);
  }

  @Mutation(() => MembershipObject, { description: "Remove a member: their role's rights end with their next request" })
  removeMembership(@CurrentActor() actor: Actor, @Args('membershipId', { type: () => ID }) membershipId: string) {
    return this.memberships.remove(actor, membershipId);
  }

  @Mutation(() => MembershipObject, { description: 'Give or take the organisation-admin capability (ORG_ADMIN)' })
  setOrganisationAdmin(@CurrentActor() actor: Actor, @Args('input') input: SetOrganisationAdminInput) {
    return this.memberships.setOrgAdmin(actor, input.membershipId, input.orgAdmin);
  }

  @Mutation(() => MembershipInvitationObject, {
    description: 'Invite an email address to a role: a link valid for 7 days, once, is mailed',
  })
  inviteMember(@CurrentActor() actor: Actor, @Args('input') input: InviteMemberInput) {
    return this.invitations.invite(actor, input);
  }

  @Mutation(() => MembershipInvitationObject)
  revokeInvitation(@CurrentActor() actor: Actor, @Args('invitationId', { type: () => ID }) invitationId: string) {
    return this.invitations.revoke(actor, invitationId);
  }

  @Mutation(() => MembershipObject, {
    description: 'Accept an invitation sent to your address (signed in); the membership is ACTIVE at once',
  })
  acceptInvitation(@CurrentActor() actor: Actor, @Args('token') token: string) {
    return this.invitations.accept(actor, token);
  }

  @Query(() => MembershipInvitationConnection, { description: "An organisation's invitations, for its administrators" })
  organisationInvitations(@CurrentActor() actor: Actor, @Args() args: OrganisationInvitationsArgs) {
    return this.invitations.list(actor, args.organisationId, args);
  }

  @Public()
  @Query(() => InvitationPreviewObject, { description: 'What an invitation link offers (by its token)' })
  invitation(@Args('token') token: string): Promise<InvitationPreview> {
    return this.invitations.preview(token);
  }

  @ResolveField(() => OrganisationObject)
  async organisation(@Parent() membership: MembershipObject, @Loaders() loaders: RequestLoaders) {
    return organisationLoader(loaders, this.directory).load(membership.organisationId);
  }

  @ResolveField(() => MemberProfileObject, {
    nullable: true,
    description: "The member's account: for the organisation's administrators and the member (null otherwise)",
  })
  async member(
    @Parent() membership: MembershipObject,
    @OptionalActor() actor: Actor | undefined,
    @Loaders() loaders: RequestLoaders,
  ): Promise<MemberProfileObject | null> {
    if (!actor || (actor.userId !== membership.userId && !actor.isOrgAdmin(membership.organisationId))) return null;
    const user = await userLoader(loaders, this.directory).load(membership.userId);
    return user
      ? { id: user.id, displayName: user.displayName, email: user.email, emailVerified: user.emailVerifiedAt !== null }
      : null;
  }
}

/** Organisations: the public directory, creation by administrators, and verification. */
@Resolver(() => OrganisationObject)
export class OrganisationResolver {
  constructor(
    private readonly directory: DirectoryService,
    private readonly verification: OrganisationVerificationService,
  ) {}

  @Public()
  @Query(() => [OrganisationObject], { description: 'Organisations on the platform (public directory, with badges)' })
  organisations(@Args() args: OrganisationsArgs): Promise<OrganisationEntity[]> {
    return this.directory.listOrganisations({
      kind: args.kind,
      verificationStatus: args.verificationStatus,
      nameContains: args.nameContains,
      limit: args.first,
      offset: args.offset,
    });
  }

  @Public()
  @Query(() => OrganisationObject)
  organisation(@Args('id', { type: () => ID }) id: string): Promise<OrganisationEntity> {
    return this.directory.organisation(id);
  }

  @Mutation(() => OrganisationObject, { description: 'Create an organisation (administrators; verified by creation)' })
  createOrganisation(@CurrentActor() actor: Actor, @Args('input') input: CreateOrganisationInput) {
    return this.directory.createOrganisation(actor, input);
  }

  @ResolveField(() => OrganisationVerificationRequestObject, {
    nullable: true,
    description: "The latest verification request: for the organisation's administrators (null otherwise)",
  })
  latestVerificationRequest(
    @Parent() organisation: OrganisationObject,
    @OptionalActor() actor: Actor | undefined,
    @Loaders() loaders: RequestLoaders,
  ): Promise<OrganisationVerificationRequestEntity | null> {
    // One query for every organisation of a page (the directory lists up to 100), as other nested objects.
    return loaders
      .get(
        'identity.latestVerificationRequest',
        () =>
          new DataLoader<string, OrganisationVerificationRequestEntity | null>(async (ids) =>
            byKeys(ids, await this.verification.latestRequests(actor, ids), (row) => row.organisationId),
          ),
      )
      .load(organisation.id);
  }
}

@Resolver(() => OrganisationVerificationRequestObject)
export class OrganisationVerificationResolver {
  constructor(
    private readonly directory: DirectoryService,
    private readonly verification: OrganisationVerificationService,
  ) {}

  @Query(() => OrganisationVerificationRequestConnection, {
    description: "The bureau's queue: verification requests awaiting a decision (administrators)",
  })
  organisationVerificationQueue(@CurrentActor() actor: Actor, @Args() args: ConnectionArgs) {
    return this.verification.queue(actor, args);
  }

  @Mutation(() => OrganisationVerificationRequestObject, {
    description:
      "An organisation's administrator asks the bureau to verify it (enterprises and agencies give their " +
      '统一社会信用代码, checked with its check character)',
  })
  submitOrganisationVerification(
    @CurrentActor() actor: Actor,
    @Args('input') input: SubmitOrganisationVerificationInput,
  ): Promise<OrganisationVerificationRequestEntity> {
    return this.verification.submit(actor, input);
  }

  @Mutation(() => OrganisationVerificationRequestObject, { description: 'Verify the organisation (administrators)' })
  verifyOrganisation(
    @CurrentActor() actor: Actor,
    @Args('requestId', { type: () => ID }) requestId: string,
    @Args('stateOwned', {
      type: () => Boolean,
      nullable: true,
      description: 'Record the enterprise as state-owned (国有企业): it may then post application scenarios',
    })
    stateOwned?: boolean | null,
  ) {
    return this.verification.approve(actor, requestId, stateOwned ?? undefined);
  }

  @Mutation(() => OrganisationObject, {
    description:
      "Record or withdraw the bureau's finding that a verified enterprise is state-owned (国有企业; administrators)",
  })
  setOrganisationStateOwned(
    @CurrentActor() actor: Actor,
    @Args('organisationId', { type: () => ID }) organisationId: string,
    @Args('stateOwned', { type: () => Boolean }) stateOwned: boolean,
  ) {
    return this.verification.setStateOwned(actor, organisationId, stateOwned);
  }

  @Mutation(() => OrganisationVerificationRequestObject, { description: 'Reject with a reason (administrators)' })
  rejectOrganisationVerification(
    @CurrentActor() actor: Actor,
    @Args('input') input: RejectOrganisationVerificationInput,
  ) {
    return this.verification.reject(actor, input.requestId, input.reason);
  }

  @ResolveField(() => OrganisationObject)
  organisation(@Parent() request: OrganisationVerificationRequestObject, @Loaders() loaders: RequestLoaders) {
    return organisationLoader(loaders, this.directory).load(request.organisationId);
  }
}

@Resolver(() => PersonObject)
export class PersonResolver {
  constructor(private readonly directory: DirectoryService) {}

  @ResolveField(() => [OrganisationObject], {
    description: 'The organisations the person is an active member of (not pending, rejected or removed)',
  })
  organisations(@Parent() person: PersonObject, @Loaders() loaders: RequestLoaders): Promise<OrganisationEntity[]> {
    return organisationsOfPersonLoader(loaders, this.directory).load(person.id);
  }
}
