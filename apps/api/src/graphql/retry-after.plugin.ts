import type { ApolloServerPlugin } from '@apollo/server';

/**
 * A response refused by a rate limit also says when to come back in the Retry-After header (RFC 9110), the
 * longest wait of its TOO_MANY_REQUESTS errors; clients that read only `extensions` find `retryAfterSeconds` there.
 */
export function retryAfterPlugin(): ApolloServerPlugin {
  return {
    requestDidStart: async () => ({
      willSendResponse: async ({ response }) => {
        if (response.body.kind !== 'single') return;
        const waits = (response.body.singleResult.errors ?? [])
          .filter((error) => error.extensions?.code === 'TOO_MANY_REQUESTS')
          .map((error) => Number(error.extensions?.retryAfterSeconds))
          .filter((seconds) => Number.isFinite(seconds) && seconds > 0);
        if (waits.length) response.http.headers.set('retry-after', String(Math.max(...waits)));
      },
    }),
  };
}
