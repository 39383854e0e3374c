import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RequestLoaders } from '@app/core';
import { Actor, CurrentActor, DirectoryService, Loaders, OrganisationObject, organisationLoader } from '@app/identity';
import { OutcomeFollowUpEntity } from './entities/follow-up.entities';
import { FollowUpsService } from './follow-ups.service';
import { AnswerFollowUpInput, FollowUpsArgs } from './programmes.inputs';
import { OutcomeFollowUpConnection, OutcomeFollowUpObject } from './programmes.objects';

/** Outcome follow-ups of registered contracts. */
@Resolver(() => OutcomeFollowUpObject)
export class FollowUpsResolver {
  constructor(
    private readonly followUps: FollowUpsService,
    private readonly directory: DirectoryService,
  ) {}

  @Query(() => OutcomeFollowUpObject)
  outcomeFollowUp(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.followUps.get(actor, id);
  }

  @Query(() => OutcomeFollowUpConnection, {
    description:
      'Follow-ups the viewer may see (administrators: all; an enterprise: its contracts’; a TTO: its institution’s)',
  })
  outcomeFollowUps(@CurrentActor() actor: Actor, @Args() args: FollowUpsArgs) {
    return this.followUps.list(actor, { status: args.status, dealId: args.dealId }, args);
  }

  @Mutation(() => OutcomeFollowUpObject, {
    description: 'The enterprise answers (once asked; answering again updates)',
  })
  answerOutcomeFollowUp(@CurrentActor() actor: Actor, @Args('input') input: AnswerFollowUpInput) {
    return this.followUps.answer(actor, input.followUpId, input);
  }

  @ResolveField(() => OrganisationObject, { nullable: true })
  enterprise(@Parent() followUp: OutcomeFollowUpEntity, @Loaders() loaders: RequestLoaders) {
    return organisationLoader(loaders, this.directory).load(followUp.enterpriseId);
  }

  @ResolveField(() => OrganisationObject, { nullable: true })
  institution(@Parent() followUp: OutcomeFollowUpEntity, @Loaders() loaders: RequestLoaders) {
    return organisationLoader(loaders, this.directory).load(followUp.institutionId);
  }
}
