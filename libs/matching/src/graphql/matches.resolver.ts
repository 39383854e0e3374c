import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { byKeys, RequestLoaders } from '@app/core';
import { AchievementObject, AchievementsService, visibleAchievementLoader } from '@app/achievements';
import { DemandObject, DemandsService, visibleDemandLoader } from '@app/demands';
import { ExpertObject, ExpertsService, visibleExpertLoader } from '@app/experts';
import { Actor, CurrentActor, Loaders, OptionalActor } from '@app/identity';
import { MatchTargetType } from '../domain/match-document';
import { MatchEntity } from '../match.entity';
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

/**
 * Matches other objects point at (a claim's), by id, as the viewer may see them: one query per request, null for
 * a match the viewer may not see (MatchesService decides).
 */
export function visibleMatchLoader(loaders: RequestLoaders, matches: MatchesService, actor: Actor | undefined) {
  return loaders.get(
    'matching.visibleById',
    () =>
      new DataLoader<string, MatchEntity | null>(async (ids) =>
        byKeys(ids, await matches.visibleByIds(actor, ids), (match) => match.id),
      ),
  );
}

/** Thin: authorisation lives in MatchesService, shared with the jobs; each side of a match in its own lib. */
@Resolver(() => MatchObject)
export class MatchesResolver {
  constructor(
    private readonly matches: MatchesService,
    private readonly demands: DemandsService,
    private readonly achievements: AchievementsService,
    private readonly experts: ExpertsService,
  ) {}

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

  @ResolveField(() => DemandObject, { nullable: true, description: 'The demand (null when you may not see it)' })
  demand(@Parent() match: MatchEntity, @OptionalActor() actor: Actor | undefined, @Loaders() loaders: RequestLoaders) {
    return visibleDemandLoader(loaders, this.demands, actor).load(match.demandId);
  }

  @ResolveField(() => AchievementObject, {
    nullable: true,
    description: 'The achievement when the target is one (null otherwise, or when you may not see it)',
  })
  achievement(
    @Parent() match: MatchEntity,
    @OptionalActor() actor: Actor | undefined,
    @Loaders() loaders: RequestLoaders,
  ) {
    if (match.targetType !== MatchTargetType.ACHIEVEMENT) return null;
    return visibleAchievementLoader(loaders, this.achievements, actor).load(match.targetId);
  }

  @ResolveField(() => ExpertObject, {
    nullable: true,
    description: 'The expert when the target is one (null otherwise, or when you may not see the profile)',
  })
  expert(@Parent() match: MatchEntity, @OptionalActor() actor: Actor | undefined, @Loaders() loaders: RequestLoaders) {
    if (match.targetType !== MatchTargetType.EXPERT) return null;
    return visibleExpertLoader(loaders, this.experts, actor).load(match.targetId);
  }
}
