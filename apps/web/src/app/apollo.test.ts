import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { gql, type TypedDocumentNode } from '@apollo/client';
import { readSession, writeSession } from '../shared/lib/session';
import { createApolloClient } from './apollo';

// Test documents stay out of the generated types (codegen.ts), so this one is typed by hand.
const Me: TypedDocumentNode<{ unreadNotificationCount: number }> = gql`
  query ApolloTestMe {
    unreadNotificationCount
  }
`;

interface Call {
  authorization: string | null;
  operation: string;
}

/** A fake API at the network edge: the access token `old` has expired, `fresh` works. */
function fakeApi(options: { refreshSucceeds: boolean }) {
  const calls: Call[] = [];
  const fetchMock = vi.fn(async (_url: string, init: RequestInit) => {
    const body = JSON.parse(init.body as string) as { query: string; variables?: Record<string, unknown> };
    const headers = new Headers(init.headers);
    const authorization = headers.get('authorization');
    const json = (value: unknown) =>
      new Response(JSON.stringify(value), { headers: { 'content-type': 'application/json' } });
    if (body.query.includes('refreshTokens')) {
      calls.push({ authorization, operation: 'refresh' });
      expect(body.variables).toEqual({ refreshToken: 'refresh-1' });
      return options.refreshSucceeds
        ? json({
            data: {
              refreshTokens: {
                accessToken: 'fresh',
                refreshToken: 'refresh-2',
                user: { id: 'u1', displayName: '李明', email: 'li@example.com', emailVerified: true, locale: 'zh' },
              },
            },
          })
        : json({ data: null, errors: [{ message: 'Session ended', extensions: { code: 'UNAUTHENTICATED' } }] });
    }
    calls.push({ authorization, operation: 'query' });
    if (authorization === 'Bearer fresh') return json({ data: { unreadNotificationCount: 3 } });
    return json({ data: null, errors: [{ message: 'Sign in', extensions: { code: 'UNAUTHENTICATED' } }] });
  });
  return { calls, fetchMock };
}

describe('the Apollo client and an expired access token', () => {
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    writeSession({
      accessToken: 'old',
      refreshToken: 'refresh-1',
      user: { id: 'u1', displayName: '李明', email: 'li@example.com', emailVerified: true, locale: 'zh' },
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('refreshes the session once and retries the request: the page gets its data', async () => {
    const { calls, fetchMock } = fakeApi({ refreshSucceeds: true });
    vi.stubGlobal('fetch', fetchMock);
    const expired = vi.fn();
    const client = createApolloClient(expired);
    const result = await client.query({ query: Me, fetchPolicy: 'network-only' });
    expect(result.data?.unreadNotificationCount).toBe(3);
    expect(calls).toEqual([
      { authorization: 'Bearer old', operation: 'query' },
      { authorization: null, operation: 'refresh' },
      { authorization: 'Bearer fresh', operation: 'query' },
    ]);
    expect(readSession()?.refreshToken).toBe('refresh-2');
    expect(expired).not.toHaveBeenCalled();
  });

  it('when the refresh fails, ends the session and says so', async () => {
    const { calls, fetchMock } = fakeApi({ refreshSucceeds: false });
    vi.stubGlobal('fetch', fetchMock);
    const expired = vi.fn();
    const client = createApolloClient(expired);
    await expect(client.query({ query: Me, fetchPolicy: 'network-only' })).rejects.toThrow();
    expect(calls.map((call) => call.operation)).toEqual(['query', 'refresh']);
    expect(readSession()).toBeNull();
    expect(expired).toHaveBeenCalledTimes(1);
    expect(sessionStorage.getItem('tt.sessionExpired')).toBe('1');
  });
});
