import { OrganisationKind, Role } from '@app/identity';
import { startTestApi, testAccounts, TestApi, TestSession } from '@app/testing';

/** Issue 12, item 9: what a new user might mistype gets a typed client error, never INTERNAL_SERVER_ERROR / 500. */
describe('bad input never looks like a crash', () => {
  let api: TestApi;
  let researcher: TestSession;
  let universityId: string;

  beforeAll(async () => {
    api = await startTestApi();
    const accounts = testAccounts(api);
    const university = await accounts.organisation('坏输入大学', OrganisationKind.UNIVERSITY);
    universityId = university.id;
    researcher = await accounts.member(Role.RESEARCHER, university.id, 'bad-input-researcher');
  });
  afterAll(() => api.close());

  it('refuses a malformed ID literal while validating (400 GRAPHQL_VALIDATION_FAILED)', async () => {
    const res = await api.gql(`{ organisation(id: "42") { id } }`);
    expect(res.status).toBe(400);
    expect(res.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors![0].message).toMatch(/UUID/);
  });

  it('refuses a malformed ID variable, also inside an input object (400 BAD_USER_INPUT)', async () => {
    const byId = await api.gql(`query ($id: ID!) { organisation(id: $id) { id } }`, { id: 'abc' });
    expect(byId.status).toBe(400);
    expect(byId.errors![0].extensions!.code).toBe('BAD_USER_INPUT');

    const nested = await api.gql(
      `mutation ($input: CreateAchievementInput!) { createAchievement(input: $input) { id } }`,
      { input: { institutionId: 'not-a-uuid', title: '题目' } },
      researcher.token,
    );
    expect(nested.status).toBe(400);
    expect(nested.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(nested.errors![0].message).toMatch(/\$input\.institutionId must be a UUID/);
  });

  it('answers NOT_FOUND for a well-formed ID of nothing', async () => {
    const res = await api.gql(`{ organisation(id: "00000000-0000-4000-8000-000000000000") { id } }`);
    expect(res.errors![0].extensions!.code).toBe('NOT_FOUND');
  });

  it('answers UNKNOWN_INDUSTRY to createAchievement with an industry that does not exist', async () => {
    const res = await api.gql(
      `mutation ($input: CreateAchievementInput!) { createAchievement(input: $input) { id } }`,
      { input: { institutionId: universityId, title: '一种新方法', industryCode: 'no_such_industry' } },
      researcher.token,
    );
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_INDUSTRY' });
  });

  it('refuses text no database can hold (NUL, lone surrogates) as BAD_USER_INPUT', async () => {
    const res = await api.gql(`query ($q: String!) { searchAchievements(query: $q) { page } }`, { q: 'a\u0000b' });
    expect(res.status).toBe(400);
    expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const literal = await api.gql(`{ searchAchievements(query: "\\ud800") { page } }`);
    expect(literal.status).toBe(400);
    expect(literal.errors![0].extensions!.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('refuses a fragment cycle as a validation error, not a stack overflow', async () => {
    const res = await api.gql(`
      query { ...A }
      fragment A on Query { ...B }
      fragment B on Query { ...A }`);
    expect(res.status).toBe(400);
    expect(res.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors!.map((error) => error.message).join(' ')).toMatch(/Cannot spread fragment "A" within itself/);
  });

  it('refuses a spread of an unknown fragment as a validation error', async () => {
    const res = await api.gql(`query { organisations { ...Missing } }`);
    expect(res.status).toBe(400);
    expect(res.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('caps aliases and root fields per document', async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: __typename`).join(' ');
    const manyAliases = await api.gql(`{ ${aliases} }`);
    expect(manyAliases.status).toBe(400);
    expect(manyAliases.errors![0].message).toMatch(/31 aliases; at most 30/);

    const roots = Array.from({ length: 21 }, (_, i) => `r${i}: industries { code }`).join(' ');
    const manyRoots = await api.gql(`{ ${roots} }`);
    expect(manyRoots.status).toBe(400);
    expect(manyRoots.errors!.map((error) => error.message).join(' ')).toMatch(/21 root fields; at most 20/);
  });

  it('accepts attachment links over https only (or our own /files/<id>)', async () => {
    const create = (url: string) =>
      api.gql(
        `mutation ($input: CreateAchievementInput!) { createAchievement(input: $input) { id attachments { url } } }`,
        { input: { institutionId: universityId, title: '附件测试', attachments: [{ name: '说明书.pdf', url }] } },
        researcher.token,
      );
    for (const url of [
      'javascript:alert(1)',
      'http://example.com/a.pdf',
      'data:text/html,<b>x</b>',
      '//evil.example/x',
    ]) {
      const refused = await create(url);
      expect(refused.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(refused.errors![0].message).toMatch(/url must be an https:\/\/ URL/);
    }
    const accepted = await create('https://example.com/说明书.pdf');
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.createAchievement.attachments[0].url).toBe('https://example.com/说明书.pdf');
  });
});
