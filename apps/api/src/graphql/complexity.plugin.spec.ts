import { buildSchema, OperationDefinitionNode, parse } from 'graphql';
import { costKey } from './complexity.plugin';

const schema = buildSchema(`
  enum Sort { NEWEST RELEVANCE }
  input Filter { text: String, trlMin: Int, sort: Sort, ownerId: ID }
  type Query { items(query: String, first: Int, sort: Sort, filter: Filter, mine: Boolean, id: ID): [String] }
`);

function keyOf(variables: Record<string, unknown>, name = 'Q'): string {
  const document =
    parse(`query ${name}($query: String, $first: Int, $sort: Sort, $filter: Filter, $on: Boolean!, $id: ID) {
    items(query: $query, first: $first, sort: $sort, filter: $filter, id: $id) @include(if: $on) }`);
  return costKey(schema, document.definitions[0] as OperationDefinitionNode, variables);
}

describe('costKey', () => {
  it('keeps the page sizes a cost can depend on, at any depth', () => {
    expect(keyOf({ first: 20, on: true })).not.toBe(keyOf({ first: 50, on: true }));
    expect(keyOf({ filter: { trlMin: 4 }, on: true })).not.toBe(keyOf({ filter: { trlMin: 5 }, on: true }));
    expect(keyOf({ first: 20, on: true })).not.toBe(keyOf({ first: 20, on: true }, 'Other'));
  });

  it('keeps the flags of @include/@skip and enums, which change what runs', () => {
    expect(keyOf({ first: 20, on: false })).not.toBe(keyOf({ first: 20, on: true }));
    expect(keyOf({ sort: 'NEWEST', on: true })).not.toBe(keyOf({ sort: 'RELEVANCE', on: true }));
    expect(keyOf({ filter: { sort: 'NEWEST' }, on: true })).not.toBe(
      keyOf({ filter: { sort: 'RELEVANCE' }, on: true }),
    );
  });

  it('ignores search text and ids, so every search with one shape shares a cost', () => {
    expect(keyOf({ query: '锂电池', first: 20, on: true, id: 'a', filter: { text: 'x', ownerId: 'b' } })).toBe(
      keyOf({ query: 'drone', first: 20, on: true, id: 'c', filter: { text: 'y', ownerId: 'd' } }),
    );
  });
});
