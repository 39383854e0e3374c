import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, GraphQLSchema } from 'graphql';
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

/** Rejects, before execution, queries whose estimated cost exceeds the configured maximum. */
export function complexityPlugin(getSchema: () => GraphQLSchema, maxComplexity: number): ApolloServerPlugin {
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ request, document }) => {
        const complexity = getComplexity({
          schema: getSchema(),
          operationName: request.operationName,
          query: document,
          variables: request.variables,
          estimators: [fieldExtensionsEstimator(), pageSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
        });
        if (complexity > maxComplexity) {
          throw new GraphQLError(`Query is too complex: ${complexity} exceeds the maximum of ${maxComplexity}`, {
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED', complexity, maxComplexity },
          });
        }
      },
    }),
  };
}
