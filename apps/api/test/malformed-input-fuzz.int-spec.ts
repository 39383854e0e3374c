import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  getNamedType,
  GraphQLField,
  GraphQLInputType,
  GraphQLObjectType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { randomUUID } from 'node:crypto';
import { OrganisationKind, Role } from '@app/identity';
import { startTestApi, testAccounts, TestApi } from '@app/testing';

/** How an argument is spoiled: each kind reaches a different layer (coercion, validation, the resolver). */
type Spoil = 'malformed' | 'absent' | 'hostile-text';

/** A value of `type` that a client could send by mistake or on purpose. */
function valueOf(type: GraphQLInputType, spoil: Spoil, depth = 0): unknown {
  if (isNonNullType(type)) return valueOf(type.ofType, spoil, depth);
  if (isListType(type)) return [valueOf(type.ofType, spoil, depth)];
  if (isEnumType(type)) return spoil === 'malformed' ? 'NOT_A_VALUE' : type.getValues()[0].value;
  if (isInputObjectType(type)) {
    if (depth > 4) return {};
    return Object.fromEntries(
      Object.values(type.getFields()).map((field) => [field.name, valueOf(field.type, spoil, depth + 1)]),
    );
  }
  if (!isScalarType(type)) return null;
  switch (type.name) {
    case 'ID':
      return spoil === 'malformed' ? "not-an-id' OR 1=1 --" : randomUUID();
    case 'Int':
      return spoil === 'malformed' ? 2 ** 40 : spoil === 'hostile-text' ? -2_147_483_648 : 1;
    case 'Float':
      return spoil === 'hostile-text' ? -1e308 : 1.5;
    case 'Boolean':
      return spoil !== 'absent';
    case 'DateTime':
      return spoil === 'malformed' ? 'yesterday at noon' : '2026-01-01T00:00:00.000Z';
    default:
      // Strings: NUL bytes and lone surrogates are what PostgreSQL and Meilisearch refuse.
      return spoil === 'absent' ? '不存在 nothing' : spoil === 'hostile-text' ? 'a\u0000b\ud800 %_\\' : '';
  }
}

/** The cheapest selection that still makes the field run: `__typename` or its leaves' names. */
function selectionOf(field: GraphQLField<unknown, unknown>): string {
  const type = getNamedType(field.type);
  if (isLeafType(type)) return '';
  if (!isObjectType(type)) return '{ __typename }';
  const leaves = Object.values(type.getFields())
    .filter((child) => isLeafType(getNamedType(child.type)) && child.args.every((arg) => !isNonNullType(arg.type)))
    .map((child) => child.name);
  return `{ __typename ${leaves.join(' ')} }`;
}

interface Probe {
  operation: string;
  query: string;
  variables: Record<string, unknown>;
}

function probesOf(schema: GraphQLSchema, spoil: Spoil): Probe[] {
  const roots: Array<[string, GraphQLObjectType | null | undefined]> = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ];
  return roots.flatMap(([keyword, root]) =>
    Object.values(root?.getFields() ?? {}).map((field) => {
      const declarations = field.args.map((arg) => `$${arg.name}: ${arg.type.toString()}`);
      const passing = field.args.map((arg) => `${arg.name}: $${arg.name}`);
      const variables = Object.fromEntries(field.args.map((arg) => [arg.name, valueOf(arg.type, spoil)]));
      const args = passing.length ? `(${passing.join(', ')})` : '';
      const header = declarations.length ? `(${declarations.join(', ')})` : '';
      return {
        operation: `${keyword} ${field.name}`,
        query: `${keyword} Fuzz${header} { ${field.name}${args} ${selectionOf(field)} }`,
        variables,
      };
    }),
  );
}

/** Ends sessions: run last, so the other probes still run signed in. */
const SESSION_ENDERS = /^mutation (logout|signOut|signOutEverywhere|changePassword|deleteAccount)/;

/**
 * Every query and mutation of the built schema, called with malformed, absent and hostile arguments by an
 * anonymous visitor, a signed-in member and the platform administrator: none may answer INTERNAL_SERVER_ERROR or
 * HTTP 500. A new operation is covered without touching this test.
 */
describe('malformed input on every operation', () => {
  let api: TestApi;
  let schema: GraphQLSchema;
  let sessions: Array<[string, string | undefined]>;

  beforeAll(async () => {
    api = await startTestApi();
    schema = api.app.get(GraphQLSchemaHost).schema;
    const accounts = testAccounts(api);
    const organisation = await accounts.organisation('模糊测试公司', OrganisationKind.ENTERPRISE);
    const member = await accounts.member(Role.ENTERPRISE_MEMBER, organisation.id, 'fuzz-member');
    const admin = await accounts.admin();
    sessions = [
      ['anonymous', undefined],
      ['member', member.token],
      ['admin', admin.token],
    ];
  });
  afterAll(() => api.close());

  it('walks more than a hundred operations', () => {
    expect(probesOf(schema, 'absent').length).toBeGreaterThan(100);
  });

  for (const spoil of ['malformed', 'absent', 'hostile-text'] as const) {
    it(`answers typed client errors to ${spoil} arguments, never INTERNAL_SERVER_ERROR`, async () => {
      const probes = probesOf(schema, spoil).sort(
        (a, b) => Number(SESSION_ENDERS.test(a.operation)) - Number(SESSION_ENDERS.test(b.operation)),
      );
      const crashes: string[] = [];
      for (const [actor, token] of sessions) {
        for (const probe of probes) {
          const res = await api.gql(probe.query, probe.variables, token);
          const internal = (res.errors ?? []).filter((error) => error.extensions?.code === 'INTERNAL_SERVER_ERROR');
          if (res.status >= 500 || internal.length) {
            crashes.push(`${actor} ${probe.operation}: HTTP ${res.status} ${JSON.stringify(res.errors)}`);
          }
        }
      }
      expect(crashes).toEqual([]);
    });
  }
});
