import { Type } from '@nestjs/common';
import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { SearchKind } from '../domain/index-definitions';

@ObjectType('SearchHighlight', { description: 'A matched field: HTML-escaped text with matches wrapped in <mark>' })
export class SearchHighlightObject {
  @Field({ description: 'title, summary, keywords, …' }) field: string;
  @Field() snippet: string;
}

@ObjectType('SearchFacetValue')
export class SearchFacetValueObject {
  @Field() value: string;
  @Field(() => Int) count: number;
}

@ObjectType('SearchFacet')
export class SearchFacetObject {
  @Field() name: string;
  @Field(() => [SearchFacetValueObject]) values: SearchFacetValueObject[];
}

/** `XSearchHit` with the current object as `node`, and `XSearchResult` around a page of them. */
export function SearchResultTypes<T>(node: Type<T>, name: string) {
  @ObjectType(`${name}SearchHit`)
  class Hit {
    @Field(() => node) node: T;
    @Field(() => Float, { nullable: true }) rankingScore: number | null;
    @Field(() => [SearchHighlightObject]) highlights: SearchHighlightObject[];
  }

  @ObjectType(`${name}SearchResult`)
  class Result {
    @Field(() => [Hit]) hits: Hit[];
    @Field(() => Int, { description: 'Matches in the index (hits the viewer may not see are dropped from the page)' })
    totalHits: number;
    @Field(() => Int) page: number;
    @Field(() => Int) pageSize: number;
    @Field(() => Int) totalPages: number;
    @Field(() => [SearchFacetObject]) facets: SearchFacetObject[];
  }
  return { Hit, Result };
}

/** A hit of the federated search; the field named after its kind holds the object (added per kind). */
@ObjectType('SearchHit')
export class FederatedSearchHitObject {
  @Field(() => SearchKind) kind: SearchKind;
  @Field() id: string;
  @Field(() => Float, { nullable: true }) rankingScore: number | null;
  @Field(() => [SearchHighlightObject]) highlights: SearchHighlightObject[];
  object: unknown;
}

@ObjectType('SearchResult')
export class FederatedSearchResultObject {
  @Field(() => [FederatedSearchHitObject]) hits: FederatedSearchHitObject[];
  @Field(() => Int, { description: 'Estimated matches across the kinds' }) totalHits: number;
  @Field(() => Int) page: number;
  @Field(() => Int) pageSize: number;
  @Field(() => Int) totalPages: number;
}
