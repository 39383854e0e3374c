import type { ApolloServerPlugin } from '@apollo/server';
import type { MetricsService } from '@app/core';

/**
 * Observes each GraphQL operation's time in `tt_graphql_request_duration_seconds`, labelled by its operation name
 * (bounded: unnamed, malformed or too many distinct names collapse) and outcome.
 */
export function metricsPlugin(metrics: () => MetricsService): ApolloServerPlugin {
  return {
    requestDidStart: async () => {
      const started = process.hrtime.bigint();
      return {
        willSendResponse: async ({ operationName, response }) => {
          const failed = response.body.kind === 'single' && (response.body.singleResult.errors?.length ?? 0) > 0;
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const service = metrics();
          service.graphqlDuration.observe(
            { operation: service.operationLabel(operationName), outcome: failed ? 'error' : 'ok' },
            seconds,
          );
        },
      };
    },
  };
}
