import type IORedis from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { loginKey, REDIS_CLIENT } from '@app/core';
import { OrganisationKind, Role } from '@app/identity';
import { startTestApi, TEST_PASSWORD, testAccounts, TestApi, TestSession } from '@app/testing';

// The limits as production has them (the test runner otherwise multiplies them by 1000), counted afresh: other
// test files of this Jest worker have already signed in and registered from 127.0.0.1 under the worker's prefix.
process.env.RATE_LIMIT_SCALE = '1';
process.env.REDIS_PREFIX = `${process.env.REDIS_PREFIX ?? 'tt'}-limits`;

const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { accessToken } }`;
const PING = `mutation { pingWebhook { ok } }`;

function codeOf(res: { errors?: Array<{ extensions?: Record<string, any> }> }): string | undefined {
  return res.errors?.[0]?.extensions?.code as string | undefined;
}

/**
 * Issue 12, item 5, against the real Redis: two API instances (two Nest apps in this process, sharing Redis and
 * its prefix as two processes behind a load balancer would) count one limit together.
 */
describe('rate limits and query cost', () => {
  let first: TestApi;
  let second: TestApi;
  let member: TestSession;

  beforeAll(async () => {
    first = await startTestApi();
    second = await startTestApi();
    const accounts = testAccounts(first);
    const company = await accounts.organisation('限流测试公司', OrganisationKind.ENTERPRISE);
    member = await accounts.member(Role.ENTERPRISE_MEMBER, company.id, 'rate-limited');
  });
  afterAll(async () => {
    await first.close();
    await second.close();
  });

  it('attack 3: of 40 wrong passwords in a row, 6 are answered and the rest must wait, the right one too', async () => {
    const answers: string[] = [];
    for (let attempt = 0; attempt < 40; attempt++) {
      const api = attempt % 2 === 0 ? first : second;
      const res = await api.gql(LOGIN, { input: { email: member.email, password: `guess number ${attempt}` } });
      answers.push(res.errors![0].extensions!.reason as string);
    }
    expect(answers.filter((reason) => reason === 'WRONG_CREDENTIALS')).toHaveLength(6);
    expect(answers.slice(0, 6).every((reason) => reason === 'WRONG_CREDENTIALS')).toBe(true);
    expect(answers.slice(6).every((reason) => reason === 'TOO_MANY_REQUESTS')).toBe(true);

    // Even the right password waits now; the answer says how long, in extensions and in Retry-After.
    const response = await fetch(`${first.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: LOGIN, variables: { input: { email: member.email, password: TEST_PASSWORD } } }),
    });
    const body = (await response.json()) as { errors: Array<{ extensions: Record<string, unknown> }> };
    expect(body.errors[0].extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'TOO_MANY_REQUESTS' });
    const retryAfter = body.errors[0].extensions.retryAfterSeconds as number;
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(30);
    expect(response.headers.get('retry-after')).toBe(String(retryAfter));
  });

  it('doubles the wait after each further failure once the wait is over', async () => {
    const email = member.email;
    // The 6th failure above imposed 30 s; let them pass (end the wait in Redis), fail once more: now 60 s.
    const delays = new RateLimiterRedis({
      storeClient: first.app.get<IORedis>(REDIS_CLIENT),
      keyPrefix: 'rl:login-delay',
      points: 1,
      duration: 900,
    });
    for (const ip of ['127.0.0.1', '::ffff:127.0.0.1', '::1']) await delays.delete(loginKey(email, ip));
    const again = await second.gql(LOGIN, { input: { email, password: 'still guessing' } });
    expect(again.errors![0].extensions!.reason).toBe('WRONG_CREDENTIALS');
    const refused = await first.gql(LOGIN, { input: { email, password: TEST_PASSWORD } });
    expect(refused.errors![0].extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(refused.errors![0].extensions!.retryAfterSeconds).toBeGreaterThan(30);
  });

  it('counts one account limit across both instances (webhook ping: 10 an hour)', async () => {
    const codes: Array<string | undefined> = [];
    for (let ping = 0; ping < 11; ping++) {
      codes.push(codeOf(await (ping % 2 === 0 ? first : second).gql(PING, {}, member.token)));
    }
    expect(codes.slice(0, 10)).not.toContain('TOO_MANY_REQUESTS');
    expect(codes[10]).toBe('TOO_MANY_REQUESTS');
  });

  it('limits password-reset requests per email address', async () => {
    const request = `mutation ($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) }`;
    const email = `reset-flood-${Date.now()}@test.example`;
    const codes: Array<string | undefined> = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      codes.push(codeOf(await (attempt % 2 ? first : second).gql(request, { input: { email } })));
    }
    expect(codes.slice(0, 5)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(codes[5]).toBe('TOO_MANY_REQUESTS');
  });

  it('attack 4: a document priced with @include(if: $on) false is priced again when $on is true', async () => {
    const aliases = Array.from(
      { length: 20 },
      (_, i) => `o${i}: organisations(first: 100) @include(if: $on) { id name kind region }`,
    );
    const query = `query Sneaky($on: Boolean!) { ${aliases.join(' ')} }`;
    const cheap = await first.gql(query, { on: false });
    expect(cheap.errors).toBeUndefined();
    const costly = await first.gql(query, { on: true });
    expect(costly.status).toBe(400);
    expect(costly.errors![0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(costly.errors![0].message).toMatch(/Query is too complex/);
  });

  it('attack 4, as filed: 200 aliased searches are refused before anything runs', async () => {
    const searches = Array.from(
      { length: 200 },
      (_, i) => `s${i}: searchAchievements(query: "电池", pageSize: 50) @include(if: $on) { page }`,
    );
    const res = await first.gql(`query ($on: Boolean!) { ${searches.join(' ')} }`, { on: true });
    expect(res.status).toBe(400);
    expect(res.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
