import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor } from '@app/identity';
import { ListingInterestInput } from './brokerage.input';
import { BrokerPerformanceObject, ListingInterestObject } from './brokerage.object';
import { MarketService } from './market.service';
import { PerformanceService } from './performance.service';

@Resolver()
export class MarketResolver {
  constructor(
    private readonly market: MarketService,
    private readonly performance: PerformanceService,
  ) {}

  @Mutation(() => ListingInterestObject, {
    description:
      "Ask for an introduction to a listed achievement for one of your organisation's open demands (enterprise members): brokers see it in their work queue",
  })
  expressListingInterest(@CurrentActor() actor: Actor, @Args('input') input: ListingInterestInput) {
    return this.market.expressInterest(actor, input);
  }

  @Query(() => [ListingInterestObject], {
    description: "Your organisation's requests for an introduction to this achievement (enterprise members)",
  })
  myListingInterests(@CurrentActor() actor: Actor, @Args('achievementId', { type: () => ID }) achievementId: string) {
    return this.market.myInterests(actor, achievementId);
  }

  @Query(() => BrokerPerformanceObject, { description: 'Your figures as a broker (verified brokers)' })
  brokerPerformance(@CurrentActor() actor: Actor) {
    return this.performance.mine(actor);
  }
}
