import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { fieldResolverColumns, RequestLoaders } from '@app/core';
import {
  Actor,
  CurrentActor,
  DirectoryService,
  Loaders,
  OptionalActor,
  organisationLoader,
  OrganisationObject,
  Public,
} from '@app/identity';
import { ExpertsArgs } from './expert.args';
import { ExpertEntity } from './expert.entity';
import { CreateExpertInput, UpdateExpertInput } from './expert.input';
import { ExpertConnection, ExpertObject } from './expert.object';
import { EXPERT_ACCESS_COLUMNS, ExpertsService } from './experts.service';

@Resolver(() => ExpertObject)
export class ExpertResolver {
  constructor(
    private readonly service: ExpertsService,
    private readonly directory: DirectoryService,
  ) {}

  @Public()
  @Query(() => ExpertObject, { description: 'One expert profile' })
  expert(@OptionalActor() actor: Actor | undefined, @Args('id', { type: () => ID }) id: string): Promise<ExpertEntity> {
    return this.service.get(actor, id);
  }

  @Public()
  @Query(() => ExpertConnection, { description: 'Expert profiles, newest first' })
  experts(@OptionalActor() actor: Actor | undefined, @Args() args: ExpertsArgs) {
    return this.service.list(actor, args.filter ?? {}, { first: args.first, after: args.after });
  }

  @Mutation(() => ExpertObject, { description: "Researchers: your own profile; TTO officers: a staff member's" })
  createExpertProfile(@CurrentActor() actor: Actor, @Args('input') input: CreateExpertInput): Promise<ExpertEntity> {
    return this.service.create(actor, input);
  }

  @Mutation(() => ExpertObject)
  updateExpertProfile(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateExpertInput,
  ): Promise<ExpertEntity> {
    return this.service.update(actor, id, input);
  }

  @Mutation(() => ExpertObject, { description: 'List (true) or unlist (false) a profile' })
  setExpertListed(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('listed') listed: boolean,
  ): Promise<ExpertEntity> {
    return this.service.setListed(actor, id, listed);
  }

  @ResolveField(() => OrganisationObject, { description: 'The institution' })
  institution(@Parent() expert: ExpertEntity, @Loaders() loaders: RequestLoaders) {
    return organisationLoader(loaders, this.directory).load(expert.organisationId);
  }

  @ResolveField(() => Boolean, { description: 'Whether the profile is linked to a user account' })
  hasAccount(@Parent() expert: ExpertEntity): boolean {
    return expert.userId !== null;
  }

  @ResolveField(() => Boolean, { description: 'Whether the viewer may edit this profile' })
  canEdit(@Parent() expert: ExpertEntity, @OptionalActor() actor: Actor | undefined): boolean {
    return this.service.canManage(actor, expert);
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'Only for the expert, their TTO officers and administrators',
  })
  async contactEmail(
    @Parent() expert: ExpertEntity,
    @OptionalActor() actor: Actor | undefined,
  ): Promise<string | null> {
    return (await this.service.canSeeContact(actor, expert)) ? expert.contactEmail : null;
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'Only for the expert, their TTO officers and administrators',
  })
  async contactPhone(
    @Parent() expert: ExpertEntity,
    @OptionalActor() actor: Actor | undefined,
  ): Promise<string | null> {
    return (await this.service.canSeeContact(actor, expert)) ? expert.contactPhone : null;
  }
}

/**
 * The columns of its parent expert each field resolver above reads. Loaders that read only the columns a query
 * selects (search hits) go by it: change it with the resolver. A field resolver left out loads every column.
 */
export const EXPERT_FIELD_COLUMNS = fieldResolverColumns<ExpertEntity>(ExpertResolver, {
  institution: ['organisationId'],
  hasAccount: ['userId'],
  canEdit: EXPERT_ACCESS_COLUMNS,
  contactEmail: ['contactEmail', ...EXPERT_ACCESS_COLUMNS],
  contactPhone: ['contactPhone', ...EXPERT_ACCESS_COLUMNS],
});
