import { buildSchema, graphql, GraphQLResolveInfo } from 'graphql';
import { selectedFields } from './selected-fields';

const schema = buildSchema(`
  type Query { search(query: String): Result }
  type Result { hits: [Hit!]! total: Int }
  type Hit { node: Node other: Node score: Float }
  type Node { id: ID title: String summary: String related: Node }
`);

/** Runs `document` for real and answers what `selectedFields` says at `path` below `search`. */
async function selectedAt(document: string, path: readonly string[]): Promise<string[]> {
  let fields: Set<string> | undefined;
  const result = await graphql({
    schema,
    source: document,
    rootValue: {
      search: (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
        fields = selectedFields(info, path);
        return null;
      },
    },
  });
  if (result.errors) throw new Error(result.errors.map((error) => error.message).join('; '));
  if (!fields) throw new Error('search was not resolved');
  return [...fields].sort();
}

describe('selectedFields', () => {
  it('answers the fields selected at the end of the path, not those further down or elsewhere', async () => {
    const document = `{ search { total hits { score node { id title related { summary } } other { summary } } } }`;
    expect(await selectedAt(document, ['hits', 'node'])).toEqual(['id', 'related', 'title']);
    expect(await selectedAt(document, ['hits', 'node', 'related'])).toEqual(['summary']);
    expect(await selectedAt(document, ['hits'])).toEqual(['node', 'other', 'score']);
    expect(await selectedAt(document, [])).toEqual(['hits', 'total']);
  });

  it('goes by field names, whatever the aliases, and merges every place a segment is selected', async () => {
    const document = `{
      search {
        first: hits { n: node { heading: title } }
        hits { node { id } }
        again: hits { node { id summary } other { id } }
      }
    }`;
    expect(await selectedAt(document, ['hits', 'node'])).toEqual(['id', 'summary', 'title']);
    expect(await selectedAt(document, ['hits', 'other'])).toEqual(['id']);
  });

  it('merges the field nodes of one response key selected twice', async () => {
    const document = `{ search { hits { node { id } } } search { hits { node { title } } } }`;
    expect(await selectedAt(document, ['hits', 'node'])).toEqual(['id', 'title']);
  });

  it('follows inline fragments and fragment spreads, nested, on any level of the path', async () => {
    const document = `
      query {
        search {
          ... on Result { hits { ...HitFields } }
          ...ResultFields
        }
      }
      fragment ResultFields on Result { hits { node { ... { summary } } } }
      fragment HitFields on Hit { node { ...NodeFields ... on Node { title } } }
      fragment NodeFields on Node { id ...MoreNodeFields }
      fragment MoreNodeFields on Node { related { id } }
    `;
    expect(await selectedAt(document, ['hits', 'node'])).toEqual(['id', 'related', 'summary', 'title']);
  });

  it('leaves __typename out', async () => {
    const document = `{ search { hits { node { __typename id ... on Node { __typename } } } } }`;
    expect(await selectedAt(document, ['hits', 'node'])).toEqual(['id']);
  });

  it('answers an empty set when the path is not selected (or selects nothing)', async () => {
    expect(await selectedAt(`{ search { total } }`, ['hits', 'node'])).toEqual([]);
    expect(await selectedAt(`{ search { hits { score } } }`, ['hits', 'node'])).toEqual([]);
    expect(await selectedAt(`{ search { hits { node { id } } } }`, ['hits', 'node', 'title'])).toEqual([]);
    expect(await selectedAt(`{ search { hits { node { __typename } } } }`, ['hits', 'node'])).toEqual([]);
  });

  it('counts a field under @skip or @include as selected: the answer may be more, never less', async () => {
    const document = `{ search { hits { node { id title @skip(if: true) summary @include(if: false) } } } }`;
    expect(await selectedAt(document, ['hits', 'node'])).toEqual(['id', 'summary', 'title']);
  });
});
