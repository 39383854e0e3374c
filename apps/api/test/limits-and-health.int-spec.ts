import { OrganisationKind, Role } from '@app/identity';
import { startTestApi, testAccounts, TestApi } from '@app/testing';

describe('GraphQL limits and health', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('rejects queries deeper than the configured limit', async () => {
    const deep = `{ me { memberships { organisation { id } } } }`;
    expect((await api.gql(deep)).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    let nested = 'id';
    for (let i = 0; i < 12; i++)
      nested = `__typename ... on Query { me { memberships { organisation { ${nested} } } } }`;
    const res = await api.gql(`{ ${nested} }`);
    expect(res.status).toBe(400);
    expect(res.errors![0].message).toMatch(/exceeds maximum operation depth/);
  });

  it('rejects queries whose estimated cost is above the limit', async () => {
    const aliases = Array.from({ length: 15 }, (_, i) => `o${i}: organisations(first: 100) { id name kind region }`);
    const res = await api.gql(`{ ${aliases.join(' ')} }`);
    expect(res.status).toBe(400);
    expect(res.errors![0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(res.errors![0].message).toMatch(/Query is too complex/);
  });

  it('prices a document by its page-size variables, not by the first request that sent it', async () => {
    const aliases = Array.from({ length: 15 }, (_, i) => `o${i}: organisations(first: $n) { id name kind region }`);
    const query = `query Costly($n: Int) { ${aliases.join(' ')} }`;
    expect((await api.gql(query, { n: 1 })).errors).toBeUndefined();
    const expensive = await api.gql(query, { n: 100 });
    expect(expensive.errors![0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect((await api.gql(query, { n: 2 })).errors).toBeUndefined();
  });

  it('bounds page sizes', async () => {
    const res = await api.gql(`{ organisations(first: 1000) { id } }`);
    expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('tells anyone only up or down at /health, signed in or not', async () => {
    const accounts = testAccounts(api);
    const company = await accounts.organisation('健康检查公司', OrganisationKind.ENTERPRISE);
    const member = await accounts.member(Role.ENTERPRISE_MEMBER, company.id, 'health-member');
    const variants: Array<Record<string, string>> = [
      {},
      { authorization: `Bearer ${member.token}` },
      { authorization: 'Bearer not.a.token' },
    ];
    for (const headers of variants) {
      const response = await fetch(`${api.url}/health`, { headers });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok' });
    }
  });

  it('reports each dependency at /health to a platform administrator', async () => {
    const admin = await testAccounts(api).admin();
    const response = await fetch(`${api.url}/health`, { headers: { authorization: `Bearer ${admin.token}` } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; info: Record<string, { status: string }> };
    expect(body.status).toBe('ok');
    expect(Object.keys(body.info).sort()).toEqual(['database', 'meilisearch', 'redis']);
    expect(Object.values(body.info).every((entry) => entry.status === 'up')).toBe(true);
  });
});
