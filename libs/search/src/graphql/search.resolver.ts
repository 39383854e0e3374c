import { Inject, Type } from '@nestjs/common';
import { Args, Info, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RateLimit, selectedFields } from '@app/core';
import { Actor, OptionalActor, Public } from '@app/identity';
import type { GraphQLResolveInfo } from 'graphql';
import { SearchKind } from '../domain/index-definitions';
import { HitSelection, SearchResult, SearchService } from '../search.service';
import { FederatedSearchArgs, SearchArgs } from './search.inputs';
import { FederatedSearchHitObject, FederatedSearchResultObject, SearchResultTypes } from './search.objects';

/** A search costs its hits times the page size asked for (see the complexity plugin). */
const searchComplexity = ({ args, childComplexity }: { args: { pageSize?: number }; childComplexity: number }) =>
  1 + childComplexity * (args.pageSize ?? 20);

/** The field of the federated `SearchHit` holding each kind's object (each kind adds itself). */
const hitFieldOfKind = new Map<SearchKind, string>();

function toGraphql<T>(result: SearchResult<T>) {
  return { ...result, hits: result.hits.map((hit) => ({ ...hit, node: hit.object })) };
}

@Resolver(() => FederatedSearchResultObject)
export class FederatedSearchResolver {
  constructor(private readonly searchService: SearchService) {}

  @Public()
  @Query(() => FederatedSearchResultObject, {
    description: 'One relevance-ranked list across achievements, experts and demands',
    complexity: searchComplexity,
  })
  @RateLimit('search')
  search(
    @Args() args: FederatedSearchArgs,
    @Info() info: GraphQLResolveInfo,
    @OptionalActor() actor?: Actor,
  ): Promise<FederatedSearchResultObject> {
    const selection: Partial<Record<SearchKind, HitSelection>> = {};
    for (const [kind, field] of hitFieldOfKind) selection[kind] = selectedFields(info, ['hits', field]);
    return this.searchService.searchAll(args, actor, selection);
  }
}

/**
 * The GraphQL surface of one kind: `searchX` over its index, and the field holding its object on the
 * federated `SearchHit`. Each domain adds itself with one call, so a kind not deployed has no schema.
 */
export function kindSearchResolvers<T>(options: {
  kind: SearchKind;
  node: Type<T>;
  typeName: string;
  query: string;
  hitField: string;
}) {
  const { Result } = SearchResultTypes(options.node, options.typeName);
  hitFieldOfKind.set(options.kind, options.hitField);

  @Resolver(() => Result)
  class KindSearchResolver {
    constructor(@Inject(SearchService) private readonly searchService: SearchService) {}

    @Public()
    @Query(() => Result, {
      name: options.query,
      description: `Search ${options.typeName} (listed/public/open only), resolved to the current objects`,
      complexity: searchComplexity,
    })
    @RateLimit('search')
    async run(@Args() args: SearchArgs, @Info() info: GraphQLResolveInfo, @OptionalActor() actor?: Actor) {
      const selection = selectedFields(info, ['hits', 'node']);
      return toGraphql(await this.searchService.search<T>(options.kind, args, actor, selection));
    }
  }

  @Resolver(() => FederatedSearchHitObject)
  class FederatedHitFieldResolver {
    @ResolveField(() => options.node, { name: options.hitField, nullable: true })
    object(@Parent() hit: FederatedSearchHitObject): unknown {
      return hit.kind === options.kind ? hit.object : null;
    }
  }

  Object.defineProperty(KindSearchResolver, 'name', { value: `${options.typeName}SearchResolver` });
  Object.defineProperty(FederatedHitFieldResolver, 'name', { value: `${options.typeName}SearchHitFieldResolver` });
  return [KindSearchResolver, FederatedHitFieldResolver];
}
