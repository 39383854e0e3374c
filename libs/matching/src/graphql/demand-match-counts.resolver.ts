import { Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { RequestLoaders } from '@app/core';
import { DemandEntity, DemandObject } from '@app/demands';
import { Actor, Loaders, OptionalActor } from '@app/identity';
import { MatchCounts, MatchesService } from '../matches.service';

/** The match counts of the demands of one request, for one viewer: one query. */
function matchCountsLoader(loaders: RequestLoaders, matches: MatchesService, actor: Actor | undefined) {
  return loaders.get(
    `matching.demandCounts:${actor?.userId ?? 'anonymous'}`,
    () => new DataLoader<string, MatchCounts | null>((ids) => matches.countsForDemands(actor, ids)),
  );
}

/**
 * Match counts on a demand (我的需求): resolved here, beside the matches, since the demands lib knows nothing of
 * matching. Visible to whoever sees the demand's matches (`demandMatches`); null for everyone else.
 */
@Resolver(() => DemandObject)
export class DemandMatchCountsResolver {
  constructor(private readonly matches: MatchesService) {}

  @ResolveField(() => Int, {
    nullable: true,
    description:
      'Proposed matches not declined or dismissed (the posting organisation, brokers, administrators; null otherwise)',
  })
  async matchCount(
    @Parent() demand: DemandEntity,
    @OptionalActor() actor: Actor | undefined,
    @Loaders() loaders: RequestLoaders,
  ): Promise<number | null> {
    return (await matchCountsLoader(loaders, this.matches, actor).load(demand.id))?.total ?? null;
  }

  @ResolveField(() => Int, {
    nullable: true,
    description: 'Of those, the ones nobody has looked at yet (same viewers as matchCount; null otherwise)',
  })
  async newMatchCount(
    @Parent() demand: DemandEntity,
    @OptionalActor() actor: Actor | undefined,
    @Loaders() loaders: RequestLoaders,
  ): Promise<number | null> {
    return (await matchCountsLoader(loaders, this.matches, actor).load(demand.id))?.unseen ?? null;
  }
}
