import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { Request, Response } from 'express';
import { AppConfig, MetricsService, RequestLoaders } from '@app/core';
import { GraphqlContext } from '@app/identity';
import { complexityPlugin } from './complexity.plugin';
import { documentLimitsRule } from './document-limits';
import { formatGraphqlError } from './error-formatting';
import { errorLanguagePlugin } from './error-language.plugin';
import { inputLiteralsRule } from './input-checks';
import { metricsPlugin } from './metrics.plugin';
import { retryAfterPlugin } from './retry-after.plugin';

export const GRAPHQL_PATH = '/graphql';

/** Apollo, configured once for production and tests alike. */
export function graphqlOptions(
  config: AppConfig,
  schemaHost: () => GraphQLSchemaHost,
  localeOf: (userId: string) => Promise<string | null>,
  metrics: () => MetricsService,
): ApolloDriverConfig {
  return {
    path: GRAPHQL_PATH,
    autoSchemaFile: true,
    sortSchema: true,
    // Our offline IDE is served at /graphiql; Apollo's landing pages load from a CDN.
    playground: false,
    introspection: config.introspectionEnabled,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    formatError: formatGraphqlError,
    validationRules: [
      documentLimitsRule({
        maxDepth: config.GRAPHQL_MAX_DEPTH,
        maxAliases: config.GRAPHQL_MAX_ALIASES,
        maxRootFields: config.GRAPHQL_MAX_ROOT_FIELDS,
      }),
      inputLiteralsRule,
    ],
    plugins: [
      complexityPlugin(() => schemaHost().schema, config.GRAPHQL_MAX_COMPLEXITY),
      // No response carries cache hints (every answer depends on the viewer); the default cache-control plugin
      // would still wrap every field resolver to collect them.
      ApolloServerPluginCacheControlDisabled(),
      errorLanguagePlugin(localeOf),
      retryAfterPlugin(),
      metricsPlugin(metrics),
    ],
    context: ({ req, res }: { req: Request; res: Response }): GraphqlContext => ({
      req,
      res,
      loaders: new RequestLoaders(),
    }),
  };
}
