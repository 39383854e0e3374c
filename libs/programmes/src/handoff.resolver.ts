import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor } from '@app/identity';
import { ExchangeHandoffEntity } from './entities/handoff.entities';
import { HandoffService } from './handoff.service';
import { PrepareExchangeHandoffInput, RecordExchangeResultInput } from './programmes.inputs';
import { ExchangeHandoffObject, ExportFileObject } from './programmes.objects';

/** The exchange hand-off (进场交易). */
@Resolver(() => ExchangeHandoffObject)
export class HandoffResolver {
  constructor(private readonly handoffs: HandoffService) {}

  @Mutation(() => ExchangeHandoffObject, {
    description: 'Prepare the package from a listing (the institution’s TTO) or a deal (its broker or the TTO)',
  })
  prepareExchangeHandoff(@CurrentActor() actor: Actor, @Args('input') input: PrepareExchangeHandoffInput) {
    return this.handoffs.prepare(actor, input);
  }

  @Mutation(() => ExchangeHandoffObject, { description: 'Record the exchange’s listing number' })
  recordExchangeListing(
    @CurrentActor() actor: Actor,
    @Args('handoffId', { type: () => ID }) handoffId: string,
    @Args('listingNumber') listingNumber: string,
  ) {
    return this.handoffs.recordListing(actor, handoffId, listingNumber.slice(0, 100));
  }

  @Mutation(() => ExchangeHandoffObject, { description: 'Record the exchange’s result' })
  recordExchangeResult(@CurrentActor() actor: Actor, @Args('input') input: RecordExchangeResultInput) {
    return this.handoffs.recordResult(actor, input.handoffId, input);
  }

  @Query(() => ExchangeHandoffObject)
  exchangeHandoff(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.handoffs.get(actor, id);
  }

  @Query(() => [ExchangeHandoffObject], {
    description: 'The hand-offs of a deal or of an achievement the viewer may see',
  })
  exchangeHandoffs(
    @CurrentActor() actor: Actor,
    @Args('dealId', { type: () => ID, nullable: true }) dealId?: string | null,
    @Args('achievementId', { type: () => ID, nullable: true }) achievementId?: string | null,
  ) {
    return this.handoffs.list(actor, { dealId, achievementId });
  }

  @ResolveField(() => ExportFileObject, { description: 'The package as a JSON document' })
  packageJson(@Parent() handoff: ExchangeHandoffEntity) {
    return this.handoffs.packageJson(handoff);
  }

  @ResolveField(() => ExportFileObject, { description: 'The package as a PDF' })
  packagePdf(@Parent() handoff: ExchangeHandoffEntity) {
    return this.handoffs.packagePdf(handoff);
  }
}
