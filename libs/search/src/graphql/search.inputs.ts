import { ArgsType, Field, Float, GraphQLISODateTime, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDate,
  IsEnum,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { SearchKind, SearchSort } from '../domain/index-definitions';
import { MAX_QUERY_LENGTH, MAX_SEARCH_PAGE_SIZE } from '../search.service';

registerEnumType(SearchKind, { name: 'SearchKind', description: 'The kinds of object search covers' });
registerEnumType(SearchSort, {
  name: 'SearchSort',
  description: 'RELEVANCE by default; the others apply where the kind has the field',
});

const CODE = /^[A-Za-z0-9._-]{1,32}$/;
const ENUM_VALUE = /^[A-Z][A-Z0-9_]{0,39}$/;

/** Typed filters: each becomes a validated, escaped Meilisearch clause; clients never send filter syntax. */
@InputType()
export class SearchFilterInput {
  @Field(() => [String], { nullable: true, description: 'Industry codes (any of)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(CODE, { each: true, message: 'industryCodes must be codes of letters, digits, . _ -' })
  industryCodes?: string[];

  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(9) trlMin?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(9) trlMax?: number;

  @Field(() => [String], { nullable: true, description: 'IP types, e.g. INVENTION_PATENT (any of)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(ENUM_VALUE, { each: true, message: 'ipTypes must be enum values such as INVENTION_PATENT' })
  ipTypes?: string[];

  @Field(() => [String], { nullable: true, description: 'Transfer (or, for demands, cooperation) modes, any of' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(ENUM_VALUE, { each: true, message: 'transferModes must be enum values such as LICENSE' })
  transferModes?: string[];

  @Field(() => [String], { nullable: true, description: 'Regions as stored on the objects, e.g. 广东省 (any of)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  regions?: string[];

  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() institutionId?: string;

  @Field(() => [String], {
    nullable: true,
    description: 'Demands only: TECHNICAL_PROBLEM (技术需求) and/or APPLICATION_SCENARIO (应用场景), any of',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2)
  @Matches(ENUM_VALUE, { each: true, message: 'demandKinds must be enum values such as APPLICATION_SCENARIO' })
  demandKinds?: string[];

  @Field(() => Float, { nullable: true, description: 'In 万元' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  priceMin?: number;
  @Field(() => Float, { nullable: true, description: 'In 万元' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  priceMax?: number;

  @Field({ nullable: true, description: 'zh or en' }) @IsOptional() @IsIn(['zh', 'en']) language?: string;

  @Field(() => GraphQLISODateTime, { nullable: true }) @IsOptional() @IsDate() updatedSince?: Date;
}

@ArgsType()
export class SearchArgs {
  @Field({
    nullable: true,
    description: `Words to search for, up to ${MAX_QUERY_LENGTH} characters; empty lists everything`,
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_QUERY_LENGTH)
  query?: string;

  @Field(() => SearchFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => SearchFilterInput)
  filter?: SearchFilterInput;

  @Field(() => [String], {
    nullable: true,
    description: 'Facets to count (allow-listed per kind, e.g. industry, trl, region)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  facets?: string[];

  @Field(() => SearchSort, { defaultValue: SearchSort.RELEVANCE }) @IsEnum(SearchSort) sort: SearchSort =
    SearchSort.RELEVANCE;

  @Field(() => Int, { defaultValue: 1 }) @IsInt() @Min(1) @Max(1000) page = 1;

  @Field(() => Int, { defaultValue: 20, description: `1 to ${MAX_SEARCH_PAGE_SIZE}` })
  @IsInt()
  @Min(1)
  @Max(MAX_SEARCH_PAGE_SIZE)
  pageSize = 20;
}

@ArgsType()
export class FederatedSearchArgs extends SearchArgs {
  @Field(() => [SearchKind], { nullable: true, description: 'Limit to these kinds (default: all)' })
  @IsOptional()
  @IsArray()
  @IsEnum(SearchKind, { each: true })
  kinds?: SearchKind[];
}
