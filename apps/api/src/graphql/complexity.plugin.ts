import type { ApolloServerPlugin } from '@apollo/server';
import {
  DocumentNode,
  getNamedType,
  getNullableType,
  getVariableValues,
  GraphQLError,
  GraphQLInputType,
  GraphQLSchema,
  isInputObjectType,
  isInputType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  OperationDefinitionNode,
  typeFromAST,
} from 'graphql';
import {
  ComplexityEstimator,
  fieldExtensionsEstimator,
  getComplexity,
  simpleEstimator,
} from 'graphql-query-complexity';
import { invalidVariable } from './input-checks';

/** The items of a connection, a search result or a ledger page: their parent already multiplied by the page size. */
const PAGED_ITEMS = new Set(['edges', 'nodes', 'hits', 'rows']);

/**
 * A list or a page (a connection, search result or ledger page) costs its children times the page size the query
 * asks for (`first`/`limit`/`pageSize`). A plain object that takes a page size for one of its parts (the broker's
 * work queue) is not multiplied as a whole: that part prices itself (field complexity).
 */
const pageSizeEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const pageSize = [args.first, args.limit, args.last, args.pageSize].find(
    (value): value is number => typeof value === 'number',
  );
  if (pageSize === undefined) return undefined;
  const type = getNullableType(field.type);
  const named = getNamedType(type);
  const isPage = isObjectType(named) && [...PAGED_ITEMS].some((items) => items in named.getFields());
  return isListType(type) || isPage ? 1 + childComplexity * pageSize : undefined;
};

/** What a list of objects without a page size (a deal's tasks, an achievement's inventors) is priced as. */
export const UNPAGED_LIST_SIZE = 5;

/** Every other list of objects costs its children times UNPAGED_LIST_SIZE; lists of scalars or enums cost 1. */
const unpagedListEstimator: ComplexityEstimator = ({ field, childComplexity }) => {
  const type = getNullableType(field.type);
  if (!isListType(type) || isLeafType(getNamedType(type)) || PAGED_ITEMS.has(field.name)) return undefined;
  return 1 + childComplexity * UNPAGED_LIST_SIZE;
};

/** The estimated cost of one operation of `document` with these (coerced) variables. */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined | null,
  variables: Record<string, unknown>,
): number {
  return getComplexity({
    schema,
    operationName: operationName ?? undefined,
    query: document,
    variables,
    estimators: [
      fieldExtensionsEstimator(),
      pageSizeEstimator,
      unpagedListEstimator,
      simpleEstimator({ defaultComplexity: 1 }),
    ],
  });
}

/** Distinct variable sets remembered per document (page sizes and flags: a handful in practice). */
const COSTS_PER_DOCUMENT = 64;

/** `value` without its free text and ids (String and ID leaves), which no cost depends on. */
function costRelevant(type: GraphQLInputType, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (isNonNullType(type)) return costRelevant(type.ofType, value);
  if (isListType(type)) {
    return Array.isArray(value) ? value.map((item) => costRelevant(type.ofType, item)) : value;
  }
  if (isInputObjectType(type)) {
    const fields = type.getFields();
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([name, item]) => [
        name,
        fields[name] ? costRelevant(fields[name].type, item) : item,
      ]),
    );
  }
  return type.name === 'String' || type.name === 'ID' ? undefined : value;
}

/**
 * The variables a cost can depend on: every one the operation declares, at any depth, except free text and ids.
 * Page sizes (numbers), `@include`/`@skip` conditions (booleans) and enums are all part of the key, so a document
 * priced with `$on: false` is priced again with `$on: true`.
 */
export function costKey(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): string {
  const relevant = (operation.variableDefinitions ?? []).map((definition) => {
    const type = typeFromAST(schema, definition.type);
    const value = variables[definition.variable.name.value];
    return type && isInputType(type) ? costRelevant(type, value) : value;
  });
  return `${operation.name?.value ?? ''}|${JSON.stringify(relevant)}`;
}

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
}

/**
 * Before execution: checks the variables (coercion, storable text and UUID ids, so that pricing never trips over them and a bad
 * variable is a 400 BAD_USER_INPUT), then rejects documents whose estimated cost exceeds the maximum. A document's
 * cost is computed once per set of cost-relevant variables (Apollo hands the same parsed document to every request
 * that sends the same query text): walking the document costs about as much as resolving a search's hits.
 */
export function complexityPlugin(getSchema: () => GraphQLSchema, maxComplexity: number): ApolloServerPlugin {
  const costs = new WeakMap<DocumentNode, Map<string, number>>();
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ request, document, operation }) => {
        // Apollo resolves the operation before this hook and answers 400 itself when there is none.
        if (!operation) return;
        const schema = getSchema();
        const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, {
          maxErrors: 1,
        });
        if (coerced.errors) throw badInput(coerced.errors[0].message);
        const invalid = invalidVariable(schema, operation, coerced.coerced);
        if (invalid) throw invalid;

        let known = costs.get(document);
        if (!known) costs.set(document, (known = new Map<string, number>()));
        const key = costKey(schema, operation, coerced.coerced);
        let complexity = known.get(key);
        if (complexity === undefined) {
          complexity = operationCost(schema, document, request.operationName, coerced.coerced);
          if (known.size >= COSTS_PER_DOCUMENT) known.delete(known.keys().next().value!);
          known.set(key, complexity);
        }
        if (complexity > maxComplexity) {
          throw new GraphQLError(`Query is too complex: ${complexity} exceeds the maximum of ${maxComplexity}`, {
            // A refused document is the client's mistake: 400 as for any other validation failure (Apollo's
            // default for an error thrown here would be 500).
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED', complexity, maxComplexity, http: { status: 400 } },
          });
        }
      },
    }),
  };
}
