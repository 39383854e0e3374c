import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  GraphQLInputType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  OperationDefinitionNode,
  parse,
  typeFromAST,
} from 'graphql';
import { loadConfig } from '@app/core';
import { startTestApi, TestApi } from '@app/testing';
import { operationCost } from '../src/graphql/complexity.plugin';

const FEATURES = join(__dirname, '..', '..', 'web', 'src', 'features');
/** The largest page the web app asks for (its lists page by 20 or 50). */
const WEB_PAGE_SIZE = 50;

/** A value of `type` that passes coercion; page sizes at the web's largest, flags on (the dearer branch). */
function sample(schema: GraphQLSchema, type: GraphQLInputType, name: string): unknown {
  if (isNonNullType(type)) return sample(schema, type.ofType, name);
  if (isListType(type)) return [sample(schema, type.ofType, name)];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((field) => isNonNullType(field.type) && field.defaultValue === undefined)
        .map((field) => [field.name, sample(schema, field.type, field.name)]),
    );
  }
  switch (type.name) {
    case 'Int':
      return ['first', 'limit', 'last', 'pageSize'].includes(name) ? WEB_PAGE_SIZE : 1;
    case 'Float':
      return 1;
    case 'Boolean':
      return true;
    case 'ID':
      return '00000000-0000-4000-8000-000000000000';
    default:
      return 'x';
  }
}

/**
 * Every operation the web app ships is priced as the API prices it: none may be refused as too complex (the
 * broker's work queue once was, at 7,581 of 5,000, and its screen showed only an error).
 */
describe('the web app’s operations stay under the complexity limit', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  }, 120_000);
  afterAll(() => api?.close());

  it('prices every query and mutation of apps/web below GRAPHQL_MAX_COMPLEXITY', () => {
    const schema = api.app.get(GraphQLSchemaHost).schema;
    const max = loadConfig().GRAPHQL_MAX_COMPLEXITY;
    const files = readdirSync(FEATURES, { recursive: true, encoding: 'utf8' }).filter((file) =>
      file.endsWith('.graphql'),
    );
    // The fragments of every file, so an operation may use another feature's fragment.
    const fragments = files
      .flatMap((file) => parse(readFileSync(join(FEATURES, file), 'utf8')).definitions)
      .filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
    const costs: Array<{ operation: string; cost: number }> = [];
    for (const file of files) {
      const operations = parse(readFileSync(join(FEATURES, file), 'utf8')).definitions.filter(
        (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
      );
      for (const operation of operations) {
        const variables = Object.fromEntries(
          (operation.variableDefinitions ?? []).map((definition) => {
            const type = typeFromAST(schema, definition.type) as GraphQLInputType;
            return [definition.variable.name.value, sample(schema, type, definition.variable.name.value)];
          }),
        );
        const document = { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] } as const;
        costs.push({
          operation: `${file}#${operation.name?.value}`,
          cost: operationCost(schema, document, operation.name?.value, variables),
        });
      }
    }
    const dearest = [...costs].sort((a, b) => b.cost - a.cost).slice(0, 5);
    console.log(
      `web operations: ${costs.length}; dearest: ${dearest.map((e) => `${e.operation} ${e.cost}`).join(', ')}`,
    );
    expect(costs.length).toBeGreaterThan(50);
    expect(costs.filter((entry) => entry.cost > max)).toEqual([]);
    expect(costs.find((entry) => entry.operation.endsWith('#BrokerWorkQueue'))?.cost).toBeGreaterThan(100);
  });
});
