import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor } from '@app/identity';
import { MatchStatus } from '../domain/match-status';
import { MatchesService } from '../matches.service';
import {
  DeclineMatchArgs,
  DemandMatchesArgs,
  MatchConnection,
  MatchIdArgs,
  MatchObject,
  TargetMatchesArgs,
} from './match.objects';

/** Thin: authorisation lives in MatchesService, shared with the jobs. */
@Resolver(() => MatchObject)
export class MatchesResolver {
  constructor(private readonly matches: MatchesService) {}

  @Query(() => MatchConnection, {
    description: 'Proposed achievements and experts for a demand, best first (owner, brokers, admins)',
  })
  demandMatches(@CurrentActor() actor: Actor, @Args() args: DemandMatchesArgs) {
    return this.matches.forDemand(actor, args.demandId, args);
  }

  @Query(() => MatchConnection, {
    description: 'Demands an achievement or expert fits, best first (owners, their TTO, brokers, admins)',
  })
  targetMatches(@CurrentActor() actor: Actor, @Args() args: TargetMatchesArgs) {
    return this.matches.forTarget(actor, args.targetType, args.targetId, args);
  }

  @Mutation(() => MatchObject)
  markMatchViewed(@CurrentActor() actor: Actor, @Args() args: MatchIdArgs) {
    return this.matches.setStatus(actor, args.matchId, MatchStatus.VIEWED);
  }

  @Mutation(() => MatchObject)
  markMatchInterested(@CurrentActor() actor: Actor, @Args() args: MatchIdArgs) {
    return this.matches.setStatus(actor, args.matchId, MatchStatus.INTERESTED);
  }

  @Mutation(() => MatchObject, {
    description: 'Declines a match for a reason from the fixed list; the pair is never proposed again',
  })
  declineMatch(@CurrentActor() actor: Actor, @Args() args: DeclineMatchArgs) {
    return this.matches.setStatus(actor, args.matchId, MatchStatus.DECLINED, args.reason);
  }

  @Mutation(() => MatchObject)
  dismissMatch(@CurrentActor() actor: Actor, @Args() args: MatchIdArgs) {
    return this.matches.setStatus(actor, args.matchId, MatchStatus.DISMISSED);
  }
}
