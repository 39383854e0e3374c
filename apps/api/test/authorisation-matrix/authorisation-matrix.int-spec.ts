import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  getNamedType,
  GraphQLArgument,
  GraphQLField,
  GraphQLInputType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isAbstractType,
} from 'graphql';
import { DataSource } from 'typeorm';
import { PlatformSettingsEntity } from '@app/core';
import { OrganisationKind, Role } from '@app/identity';
import { startTestApi, TestApi, testAccounts } from '@app/testing';
import { buildWorld } from '../../../../libs/brokerage/test/brokerage-world';
import { ACTORS, ActorName, CODE_LETTERS, EXPECTED, FIELD_EXPECTED, RUN_LAST } from './matrix';

/** An ID no row has: object-scoped operations answer as they do for a thing the caller may not know. */
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** The smallest valid value of an input type (required input fields only). */
function dummyValue(type: GraphQLInputType, depth = 0): unknown {
  if (isNonNullType(type)) return dummyValue(type.ofType, depth);
  if (isListType(type)) return [dummyValue(type.ofType, depth)];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    if (depth > 4) return value;
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type) && field.defaultValue === undefined) {
        value[field.name] = dummyValue(field.type, depth + 1);
      }
    }
    return value;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return UNKNOWN_ID;
      case 'Int':
      case 'Float':
        return 1;
      case 'Boolean':
        return false;
      case 'DateTime':
        return new Date(Date.now() + 365 * 86_400_000).toISOString();
      default:
        return 'matrix';
    }
  }
  return null;
}

/** A document calling one root field with every required argument (as variables) and the least selection. */
function documentFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>) {
  const required = field.args.filter(
    (arg: GraphQLArgument) => isNonNullType(arg.type) && arg.defaultValue === undefined,
  );
  const variables = Object.fromEntries(required.map((arg) => [arg.name, dummyValue(arg.type)]));
  const declarations = required.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
  const call = required.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const named = getNamedType(field.type);
  const selection = isObjectType(named) || isAbstractType(named) ? ' { __typename }' : '';
  const query = `${kind} Matrix${declarations ? `(${declarations})` : ''} { ${field.name}${call ? `(${call})` : ''}${selection} }`;
  return { query, variables };
}

/** Every operation of the schema: each mutation and each root query (which return non-public data or not). */
function operationsOf(
  schema: GraphQLSchema,
): Array<{ key: string; kind: 'query' | 'mutation'; field: GraphQLField<unknown, unknown> }> {
  const mutations = Object.values(schema.getMutationType()?.getFields() ?? {}).map((field) => ({
    key: `mutation ${field.name}`,
    kind: 'mutation' as const,
    field,
  }));
  const queries = Object.values(schema.getQueryType()?.getFields() ?? {}).map((field) => ({
    key: `query ${field.name}`,
    kind: 'query' as const,
    field,
  }));
  return [...queries, ...mutations].sort((a, b) => {
    const lastA = RUN_LAST.indexOf(a.key);
    const lastB = RUN_LAST.indexOf(b.key);
    if (lastA !== lastB) return lastA - lastB;
    return a.key.localeCompare(b.key);
  });
}

function letterOf(code: string): string {
  const letter = Object.entries(CODE_LETTERS).find(([, name]) => name === code)?.[0];
  return letter ?? `?${code}`;
}

/**
 * The authorisation matrix, generated from the schema itself: every root query and mutation, called by every kind
 * of actor with the smallest valid arguments (an ID nobody has), against the expected outcome in ./matrix.ts. An
 * operation in the schema without a row fails the test; so does any cell that differs, and any
 * INTERNAL_SERVER_ERROR. MATRIX_PRINT=1 writes the observed table to ./observed.txt for review.
 */
describe('authorisation matrix', () => {
  let api: TestApi;
  const tokens: Partial<Record<ActorName, string>> = {};
  let demandId: string;

  beforeAll(async () => {
    api = await startTestApi();
    const accounts = testAccounts(api);
    const world = await buildWorld(api, 'matrix', 2);
    const pending = await accounts.register(
      { role: Role.RESEARCHER, organisationId: world.university.id },
      { verifyEmail: true },
    );
    const unverified = await accounts.register({
      role: Role.ENTERPRISE_MEMBER,
      newOrganisation: { name: 'matrix 未验证企业', kind: OrganisationKind.ENTERPRISE },
    });
    const orgAdmin = await accounts.selfServiceOrganisation(OrganisationKind.ENTERPRISE, 'matrix 自助企业');
    const unverifiedBroker = await accounts.member(Role.BROKER, world.agencyB.id, 'matrix-unverified-broker', {
      brokerCredential: 'none',
    });
    // The working broker holds a claim and an entrustment (their own work); the other broker has neither.
    await api.gql(
      `mutation($id: ID!) { claimMatch(matchId: $id) { id } }`,
      { id: world.achievementMatch.id },
      world.brokers[0].token,
    );
    await api.gql(
      `mutation($input: EntrustInput!) { entrust(input: $input) { id } }`,
      { input: { subjectType: 'DEMAND', subjectId: world.demand.id, brokerIds: [world.brokers[0].userId] } },
      world.member.token,
    );
    demandId = world.demand.id;
    Object.assign(tokens, {
      unverifiedAccount: unverified.token,
      pendingMember: pending.token,
      member: world.member.token,
      orgAdmin: orgAdmin.creator.token,
      ttoOfficer: world.tto.token,
      unverifiedBroker: unverifiedBroker.token,
      verifiedBroker: world.brokers[1].token,
      workingBroker: world.brokers[0].token,
      admin: world.admin.token,
    } satisfies Record<Exclude<ActorName, 'anonymous'>, string>);
  });
  afterAll(async () => {
    await api.app.get(DataSource).getRepository(PlatformSettingsEntity).delete({ id: 1 });
    await api.close();
  });

  // Before the operations: their last ones sign the actors out.
  it('shows each non-public field of a public object only to whom it should', async () => {
    const observed: Record<string, string> = {};
    for (const key of Object.keys(FIELD_EXPECTED)) {
      const [type, field] = key.split('.');
      expect(type).toBe('Demand');
      const letters: string[] = [];
      for (const actor of ACTORS) {
        const res = await api.gql<{ demand: Record<string, unknown> }>(
          `query($id: ID!) { demand(id: $id) { id ${field} } }`,
          { id: demandId },
          tokens[actor],
        );
        expect(res.errors).toBeUndefined();
        letters.push(res.data!.demand[field] === null ? '-' : 'v');
      }
      observed[key] = letters.join(' ');
    }
    expect(observed).toEqual(FIELD_EXPECTED);
  });

  it('has a row for every operation and gives each actor the expected outcome', async () => {
    const { schema } = api.app.get(GraphQLSchemaHost);
    const operations = operationsOf(schema);
    const missing = operations.filter((operation) => !(operation.key in EXPECTED)).map((operation) => operation.key);
    const stale = Object.keys(EXPECTED).filter((key) => !operations.some((operation) => operation.key === key));

    const observed: Record<string, string> = {};
    for (const operation of operations) {
      if (EXPECTED[operation.key]?.startsWith('skip:')) {
        observed[operation.key] = EXPECTED[operation.key];
        continue;
      }
      const { query, variables } = documentFor(operation.kind, operation.field);
      const letters: string[] = [];
      for (const actor of ACTORS) {
        const res = await api.gql(query, variables, tokens[actor]);
        const code = res.errors ? String(res.errors[0].extensions?.code ?? 'UNKNOWN') : 'OK';
        letters.push(letterOf(code));
      }
      observed[operation.key] = letters.join(' ');
    }
    if (process.env.MATRIX_PRINT) {
      writeFileSync(
        join(__dirname, 'observed.txt'),
        Object.entries(observed)
          .map(([key, row]) => `  '${key}': '${row}',`)
          .join('\n'),
      );
    }
    const run = operations.filter((operation) => !EXPECTED[operation.key]?.startsWith('skip:')).length;
    console.log(
      `authorisation matrix: ${operations.length} operations × ${ACTORS.length} actors = ${operations.length * ACTORS.length} cells (${run * ACTORS.length} run)`,
    );

    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
    const crashes = Object.entries(observed).filter(([, row]) => row.includes('I'));
    expect(crashes).toEqual([]);
    const differences = Object.entries(observed)
      .filter(([key, row]) => EXPECTED[key] !== row)
      .map(([key, row]) => ({ operation: key, expected: EXPECTED[key], observed: row }));
    expect(differences).toEqual([]);
    // About two thousand requests: well past Jest's default on a loaded 2-core machine.
  }, 300_000);
});
