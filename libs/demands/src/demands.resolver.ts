import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { fieldResolverColumns, RequestLoaders } from '@app/core';
import {
  Actor,
  CurrentActor,
  DirectoryService,
  Loaders,
  OptionalActor,
  organisationLoader,
  loadPerson,
  OrganisationObject,
  PersonObject,
  Public,
} from '@app/identity';
import { industryLoader, IndustryObject, TaxonomyService } from '@app/taxonomy';
import { DemandsArgs } from './demand.args';
import { DemandConfidentialReadEntity, DemandEntity } from './demand.entity';
import { CreateDemandInput, UpdateDemandInput } from './demand.input';
import { DemandConfidentialReadObject, DemandConnection, DemandObject } from './demand.object';
import { DEMAND_ACCESS_COLUMNS, DemandsService } from './demands.service';
import { DemandAction } from './domain/demand-status';

/**
 * Batches the read-log rows of one request into one INSERT. Keyed by demand id, so a demand whose details a
 * request resolves twice (aliases) is logged once per request.
 */
function confidentialReadRecorder(loaders: RequestLoaders, demands: DemandsService, actor: Actor) {
  return loaders.get(
    `demands.confidentialReads:${actor.userId}`,
    () =>
      new DataLoader<string, true>(async (ids) => {
        await demands.recordConfidentialReads(actor.userId, ids);
        return ids.map(() => true as const);
      }),
  );
}

@Resolver(() => DemandObject)
export class DemandResolver {
  constructor(
    private readonly service: DemandsService,
    private readonly directory: DirectoryService,
    private readonly taxonomy: TaxonomyService,
  ) {}

  @Public()
  @Query(() => DemandObject, { description: 'One demand (drafts only for the posting organisation)' })
  demand(@OptionalActor() actor: Actor | undefined, @Args('id', { type: () => ID }) id: string): Promise<DemandEntity> {
    return this.service.get(actor, id);
  }

  @Public()
  @Query(() => DemandConnection, { description: 'Demands, newest first' })
  demands(@OptionalActor() actor: Actor | undefined, @Args() args: DemandsArgs) {
    return this.service.list(actor, args.filter ?? {}, { first: args.first, after: args.after });
  }

  @Query(() => [DemandConfidentialReadObject], {
    description: 'Who read the confidential details (posting organisation, admins)',
  })
  demandConfidentialReads(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.service.confidentialReads(actor, id);
  }

  @Mutation(() => DemandObject)
  createDemand(@CurrentActor() actor: Actor, @Args('input') input: CreateDemandInput): Promise<DemandEntity> {
    return this.service.create(actor, input);
  }

  @Mutation(() => DemandObject)
  updateDemand(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateDemandInput,
  ): Promise<DemandEntity> {
    return this.service.update(actor, id, input);
  }

  @Mutation(() => ID, { description: 'Deletes a DRAFT (the posting enterprise); returns its id' })
  deleteDemand(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<string> {
    return this.service.deleteDraft(actor, id);
  }

  @Mutation(() => DemandObject, { description: 'DRAFT or EXPIRED → OPEN' })
  publishDemand(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<DemandEntity> {
    return this.service.transition(actor, id, DemandAction.PUBLISH);
  }

  @Mutation(() => DemandObject, { description: 'OPEN → IN_PROGRESS' })
  startDemandProgress(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<DemandEntity> {
    return this.service.transition(actor, id, DemandAction.START_PROGRESS);
  }

  @Mutation(() => DemandObject, { description: 'IN_PROGRESS → SOLVED' })
  markDemandSolved(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<DemandEntity> {
    return this.service.transition(actor, id, DemandAction.MARK_SOLVED);
  }

  @Mutation(() => DemandObject, { description: 'Any non-final status → CLOSED' })
  closeDemand(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<DemandEntity> {
    return this.service.transition(actor, id, DemandAction.CLOSE);
  }

  @ResolveField(() => String, {
    nullable: true,
    description:
      'Visible to the posting organisation, administrators, a broker working on it (entrusted or holding a claim on one of its matches, after acknowledging confidentiality) and the parties of a revealed introduction (null otherwise); every read is logged',
  })
  async confidentialDetails(
    @Parent() demand: DemandEntity,
    @OptionalActor() actor: Actor | undefined,
    @Loaders() loaders: RequestLoaders,
  ): Promise<string | null> {
    if (!actor || !(await this.service.canSeeConfidential(actor, demand))) return null;
    await confidentialReadRecorder(loaders, this.service, actor).load(demand.id);
    return demand.confidentialDetails;
  }

  @ResolveField(() => OrganisationObject, {
    nullable: true,
    description:
      'The posting enterprise; for an anonymous demand null except to the organisation, administrators and a broker working on it',
  })
  async organisation(
    @Parent() demand: DemandEntity,
    @OptionalActor() actor: Actor | undefined,
    @Loaders() loaders: RequestLoaders,
  ) {
    if (!(await this.service.canSeeOrganisation(actor, demand))) return null;
    return organisationLoader(loaders, this.directory).load(demand.organisationId);
  }

  @ResolveField(() => IndustryObject)
  industry(@Parent() demand: DemandEntity, @Loaders() loaders: RequestLoaders) {
    return industryLoader(loaders, this.taxonomy).load(demand.industryCode);
  }

  @ResolveField(() => [DemandAction], { description: 'What the viewer may do with it now' })
  allowedActions(@Parent() demand: DemandEntity, @OptionalActor() actor: Actor | undefined): DemandAction[] {
    return this.service.allowedActions(actor, demand);
  }
}

/**
 * The columns of its parent demand each field resolver above reads. Loaders that read only the columns a query
 * selects (search hits) go by it: change it with the resolver. A field resolver left out loads every column.
 */
export const DEMAND_FIELD_COLUMNS = fieldResolverColumns<DemandEntity>(DemandResolver, {
  confidentialDetails: ['confidentialDetails', ...DEMAND_ACCESS_COLUMNS],
  organisation: ['id', 'anonymous', 'organisationId'],
  industry: ['industryCode'],
  allowedActions: DEMAND_ACCESS_COLUMNS,
});

/** The read log's rows: who read (a name and organisations, for the posting enterprise and administrators). */
@Resolver(() => DemandConfidentialReadObject)
export class DemandConfidentialReadResolver {
  constructor(private readonly directory: DirectoryService) {}

  @ResolveField(() => PersonObject, { nullable: true, description: 'Who read the details (null: account deleted)' })
  reader(@Parent() read: DemandConfidentialReadEntity, @Loaders() loaders: RequestLoaders) {
    return loadPerson(loaders, this.directory, read.userId);
  }
}
