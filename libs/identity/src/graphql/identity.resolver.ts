import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { byKeys, groupedByKeys, RequestLoaders } from '@app/core';
import { AuthService } from '../auth.service';
import { DirectoryService } from '../directory.service';
import { Actor } from '../domain/actor';
import { MembershipEntity } from '../entities/membership.entity';
import { OrganisationEntity } from '../entities/organisation.entity';
import { CurrentActor, Loaders, Public } from './auth.decorators';
import { AuthPayloadObject, MembershipObject, OrganisationObject, UserObject } from './identity.objects';
import { GrantRoleInput, LoginInput, OrganisationsArgs, RegisterInput } from './identity.inputs';
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

@Resolver(() => UserObject)
export class UserResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly directory: DirectoryService,
  ) {}

  @Query(() => UserObject, { description: 'The signed-in user' })
  me(@CurrentActor() actor: Actor): Promise<UserObject> {
    return this.directory.user(actor.userId);
  }

  @Public()
  @Mutation(() => AuthPayloadObject, { description: 'Create an account and sign in' })
  register(@Args('input') input: RegisterInput): Promise<AuthPayloadObject> {
    return this.auth.register(input);
  }

  @Public()
  @Mutation(() => AuthPayloadObject)
  login(@Args('input') input: LoginInput): Promise<AuthPayloadObject> {
    return this.auth.login(input.email, input.password);
  }

  @Public()
  @Mutation(() => AuthPayloadObject, { description: 'Exchange a refresh token for new tokens (the old one is spent)' })
  refreshTokens(@Args('refreshToken') refreshToken: string): Promise<AuthPayloadObject> {
    return this.auth.refresh(refreshToken);
  }

  @Public()
  @Mutation(() => Boolean, { description: 'End the session of this refresh token' })
  async logout(@Args('refreshToken') refreshToken: string): Promise<boolean> {
    await this.auth.logout(refreshToken);
    return true;
  }

  @Mutation(() => MembershipObject)
  grantRole(@CurrentActor() actor: Actor, @Args('input') input: GrantRoleInput): Promise<MembershipEntity> {
    return this.directory.grantRole(actor, input);
  }

  @ResolveField(() => [MembershipObject])
  memberships(@Parent() user: UserObject, @Loaders() loaders: RequestLoaders): Promise<MembershipEntity[]> {
    return loaders
      .get(
        'identity.membershipsOfUser',
        () =>
          new DataLoader<string, MembershipEntity[]>(async (ids) =>
            groupedByKeys(ids, await this.directory.membershipsOfUsers(ids), (m) => m.userId),
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

@Resolver(() => MembershipObject)
export class MembershipResolver {
  constructor(private readonly directory: DirectoryService) {}

  @ResolveField(() => OrganisationObject)
  async organisation(@Parent() membership: MembershipObject, @Loaders() loaders: RequestLoaders) {
    return organisationLoader(loaders, this.directory).load(membership.organisationId);
  }
}

@Resolver(() => OrganisationObject)
export class OrganisationResolver {
  constructor(private readonly directory: DirectoryService) {}

  @Public()
  @Query(() => [OrganisationObject], { description: 'Organisations on the platform (public directory)' })
  organisations(@Args() args: OrganisationsArgs): Promise<OrganisationEntity[]> {
    return this.directory.listOrganisations({ kind: args.kind, limit: args.first, offset: args.offset });
  }
}

@Resolver(() => PersonObject)
export class PersonResolver {
  constructor(private readonly directory: DirectoryService) {}

  @ResolveField(() => [OrganisationObject], { description: 'The organisations the person belongs to' })
  organisations(@Parent() person: PersonObject, @Loaders() loaders: RequestLoaders): Promise<OrganisationEntity[]> {
    return organisationsOfPersonLoader(loaders, this.directory).load(person.id);
  }
}
