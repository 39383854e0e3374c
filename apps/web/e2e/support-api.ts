import { expect, type APIRequestContext } from '@playwright/test';
import { DEMO_PASSWORD } from './support';

/** One GraphQL call against the test stack (set-up steps a screen does not cover, e.g. the bureau's settings). */
export async function gql<T = Record<string, unknown>>(
  request: APIRequestContext,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const response = await request.post('/graphql', {
    data: { query, variables },
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  const body = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
  expect(body.errors ?? []).toEqual([]);
  return body.data as T;
}

export async function tokenOf(request: APIRequestContext, email: string): Promise<string> {
  const data = await gql<{ login: { accessToken: string } }>(
    request,
    'mutation L($input: LoginInput!) { login(input: $input) { accessToken } }',
    { input: { email, password: DEMO_PASSWORD } },
  );
  return data.login.accessToken;
}
