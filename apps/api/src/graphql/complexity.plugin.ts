import type { ApolloServerPlugin } from '@apollo/server';
import { DocumentNode, GraphQLError, GraphQLSchema } from 'graphql';
import {
  ComplexityEstimator,
  fieldExtensionsEstimator,
  getComplexity,
  simpleEstimator,
} from 'graphql-query-complexity';

/** A list field costs its children times the page size the query asks for (`first`/`limit`). */
const pageSizeEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const pageSize = [args.first, args.limit, args.last].find((value): value is number => typeof value === 'number');
  return pageSize === undefined ? undefined : 1 + childComplexity * pageSize;
};

/** Distinct variable sets remembered per document (page sizes: a handful in practice). */
const COSTS_PER_DOCUMENT = 64;

/**
 * The variables a cost can depend on: every estimator here (and every field's `complexity` function) reads page
 * sizes, which are numbers, so the numbers of the variables (at any depth) are the key, and the free text of a
 * search is not. A field whose cost read a string or enum argument would break this; keep costs on page sizes.
 */
export function costKey(operationName: string | null | undefined, variables: unknown): string {
  return `${operationName ?? ''}|${JSON.stringify(variables ?? {}, (_key, value: unknown) =>
    typeof value === 'string' || typeof value === 'boolean' ? undefined : value,
  )}`;
}

/**
 * Rejects, before execution, queries whose estimated cost exceeds the configured maximum. A document's cost is
 * computed once per set of page sizes (Apollo hands the same parsed document to every request that sends the same
 * query text), not on every request: walking the document costs about as much as resolving a search's hits.
 */
export function complexityPlugin(getSchema: () => GraphQLSchema, maxComplexity: number): ApolloServerPlugin {
  const costs = new WeakMap<DocumentNode, Map<string, number>>();
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ request, document }) => {
        let known = costs.get(document);
        if (!known) costs.set(document, (known = new Map<string, number>()));
        const key = costKey(request.operationName, request.variables);
        let complexity = known.get(key);
        if (complexity === undefined) {
          complexity = getComplexity({
            schema: getSchema(),
            operationName: request.operationName,
            query: document,
            variables: request.variables,
            estimators: [fieldExtensionsEstimator(), pageSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
          });
          if (known.size >= COSTS_PER_DOCUMENT) known.delete(known.keys().next().value!);
          known.set(key, complexity);
        }
        if (complexity > maxComplexity) {
          throw new GraphQLError(`Query is too complex: ${complexity} exceeds the maximum of ${maxComplexity}`, {
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED', complexity, maxComplexity },
          });
        }
      },
    }),
  };
}
