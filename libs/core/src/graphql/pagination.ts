import { Type } from '@nestjs/common';
import { ArgsType, Field, FieldMiddleware, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { SelectQueryBuilder } from 'typeorm';
import { fail } from '../errors/error-codes';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** Relay-style forward pagination arguments; page size is bounded so no query can ask for everything. */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `Page size, 1 to ${MAX_PAGE_SIZE}` })
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first = DEFAULT_PAGE_SIZE;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  after?: string;
}

@ObjectType()
export class PageInfo {
  @Field() hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

/**
 * The number of items a connection's filters and visibility let through, counted only when a query selects
 * `totalCount` (the field's middleware calls it), once per connection however often it is selected (aliases).
 */
export type TotalCount = () => Promise<number>;

/** Field middleware of `totalCount`: runs the lazy count when the field is resolved. */
const countWhenSelected: FieldMiddleware = async (_context, next) => {
  const value: unknown = await next();
  return typeof value === 'function' ? (value as TotalCount)() : value;
};

export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: TotalCount;
}

/** A lazy, memoised count: nothing runs until the first call, and later calls share its answer. */
export function lazyCount(count: () => Promise<number>): TotalCount {
  let answer: Promise<number> | undefined;
  return () => (answer ??= count());
}

/** The count of a query, taken before pagination conditions are added to it. */
export function countOf<T extends object>(query: SelectQueryBuilder<T>): TotalCount {
  const counted = query.clone();
  return lazyCount(() => counted.getCount());
}

/** Builds `XConnection` / `XEdge` GraphQL types for a node type. */
export function Paginated<T>(node: Type<T>, name?: string) {
  const typeName = name ?? node.name.replace(/Object$/, '');

  @ObjectType(`${typeName}Edge`)
  class Edge {
    @Field() cursor: string;
    @Field(() => node) node: T;
  }

  @ObjectType(`${typeName}Connection`, { isAbstract: true })
  abstract class ConnectionType implements Connection<T> {
    @Field(() => [Edge]) edges: Edge[];
    @Field(() => [node]) nodes: T[];
    @Field(() => PageInfo) pageInfo: PageInfo;
    @Field(() => Int, {
      description: 'Items matching the filters that the viewer may see, ignoring pagination (counted only when asked)',
      middleware: [countWhenSelected],
    })
    totalCount: TotalCount;
  }
  return ConnectionType;
}

/**
 * Keyset cursors: an opaque base64url JSON of the sort values of the last row. Keyset (not offset) pagination
 * stays stable while rows are inserted and costs the same on page 1 and page 1000.
 */
export function encodeCursor(values: ReadonlyArray<string | number | null>): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): Array<string | number | null> {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === arity &&
      values.every((v) => v === null || typeof v === 'string' || typeof v === 'number')
    ) {
      return values as Array<string | number | null>;
    }
  } catch {
    // fall through
  }
  throw fail('INVALID_CURSOR', { field: 'after' });
}

/** Turns `first + 1` fetched rows into a connection page. */
export function toConnection<T>(
  rows: T[],
  first: number,
  cursorOf: (row: T) => ReadonlyArray<string | number | null>,
  totalCount: TotalCount,
): Connection<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ node, cursor: encodeCursor(cursorOf(node)) }));
  return {
    edges,
    nodes: page,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}

/**
 * One page, newest first, of a query over rows with `created_at` and `id` columns (`alias` names its table in the
 * query; it is code, never input). Ordering and cursor compare `created_at` truncated to milliseconds — what a
 * cursor (a JS Date) can carry — so a page boundary never skips or repeats rows created within the same
 * millisecond.
 */
export async function pageNewestFirst<T extends { createdAt: Date; id: string }>(
  query: SelectQueryBuilder<T>,
  alias: string,
  page: { first: number; after?: string },
): Promise<Connection<T>> {
  if (!/^[a-z_][a-z0-9_]*$/i.test(alias)) throw new Error(`Unsafe alias: ${alias}`);
  const createdAtMs = `date_trunc('milliseconds', ${alias}.created_at)`;
  const totalCount = countOf(query);
  if (page.after) {
    const [createdAt, id] = decodeCursor(page.after, 2);
    if (
      typeof createdAt !== 'string' ||
      typeof id !== 'string' ||
      Number.isNaN(Date.parse(createdAt)) ||
      !UUID.test(id)
    ) {
      throw fail('INVALID_CURSOR', { field: 'after' });
    }
    query.andWhere(`(${createdAtMs}, ${alias}.id) < (:cursorCreatedAt, :cursorId)`, {
      cursorCreatedAt: new Date(createdAt),
      cursorId: id,
    });
  }
  const rows = await query
    .orderBy(createdAtMs, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .limit(page.first + 1)
    .getMany();
  return toConnection(rows, page.first, (row) => [row.createdAt.toISOString(), row.id], totalCount);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The same page with each node mapped (to the GraphQL shape of a row); the count is the page's. */
export function mapConnection<T, U>(connection: Connection<T>, map: (node: T) => U): Connection<U> {
  return {
    edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: map(edge.node) })),
    nodes: connection.nodes.map(map),
    pageInfo: connection.pageInfo,
    totalCount: connection.totalCount,
  };
}
