import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { ErrorLink } from '@apollo/client/link/error';
import { SetContextLink } from '@apollo/client/link/context';
import { from, switchMap, throwError } from 'rxjs';
import { markSessionExpired, readSession, refreshSession } from '../shared/lib/session';
import { i18n } from './i18n';

const GRAPHQL_URL = '/graphql';

function isUnauthenticated(error: unknown): boolean {
  return CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
}

/**
 * The client every screen uses. Requests carry the access token and the UI language (the API writes its error
 * messages in it when signed out). When the API answers UNAUTHENTICATED to a signed-in request, the session is
 * refreshed and the request retried once, so the page stays as it is; if the refresh fails the session has
 * ended and `onSessionExpired` takes the user to sign in.
 */
export function createApolloClient(onSessionExpired: () => void): ApolloClient {
  const auth = new SetContextLink((previous) => {
    const session = readSession();
    return {
      headers: {
        ...(previous.headers as Record<string, string> | undefined),
        'accept-language': i18n.language === 'en' ? 'en' : 'zh-CN',
        ...(session ? { authorization: `Bearer ${session.accessToken}` } : {}),
      },
    };
  });

  const refreshOnExpiry = new ErrorLink(({ error, operation, forward }) => {
    if (!isUnauthenticated(error) || !readSession() || operation.getContext().retriedAfterRefresh) return;
    return from(refreshSession(GRAPHQL_URL)).pipe(
      switchMap((refreshed) => {
        if (!refreshed) {
          markSessionExpired();
          onSessionExpired();
          return throwError(() => error);
        }
        operation.setContext({ retriedAfterRefresh: true });
        return forward(operation);
      }),
    );
  });

  return new ApolloClient({
    link: ApolloLink.from([refreshOnExpiry, auth, new HttpLink({ uri: GRAPHQL_URL })]),
    cache: new InMemoryCache({
      typePolicies: {
        // Search results are pages of their own; keep them apart per arguments (the default), never merged.
        Query: { fields: {} },
      },
    }),
  });
}
