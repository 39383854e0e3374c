import { randomUUID } from 'node:crypto';
import { OrganisationKind, Role } from '@app/identity';
import { startTestApi, TEST_PASSWORD, testAccounts, TestApi, uniqueEmail } from '@app/testing';

const LOGIN = `mutation($email: String!, $password: String!) { login(input: { email: $email, password: $password }) { accessToken } }`;
const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { email } }`;
const CHANGE_PASSWORD = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) }`;
const DEMAND = `query($id: ID!) { demand(id: $id) { id } }`;

describe('error messages in the account’s language, with stable reasons', () => {
  let api: TestApi;

  /** POSTs with an Accept-Language header (the test client sends none). */
  async function gqlIn(
    language: string | undefined,
    query: string,
    variables: Record<string, unknown>,
    token?: string,
  ): Promise<{ errors?: Array<{ message: string; extensions: Record<string, any> }> }> {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(language ? { 'accept-language': language } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { errors?: Array<{ message: string; extensions: Record<string, any> }> };
  }

  /** A signed-in account reading `locale` (registered through the API; registration itself returns no tokens). */
  async function account(locale: 'zh' | 'en'): Promise<string> {
    const session = await testAccounts(api).register({
      role: Role.ENTERPRISE_MEMBER,
      newOrganisation: { name: `语言公司 ${locale} ${randomUUID()}`, kind: OrganisationKind.ENTERPRISE },
      displayName: locale,
      locale,
    });
    return session.token;
  }

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('answers the same failure in Chinese or English by Accept-Language when signed out, with one code and reason', async () => {
    const variables = { email: uniqueEmail('nobody'), password: 'wrong password 123' };
    const zh = (await gqlIn('zh-CN,zh;q=0.9,en;q=0.8', LOGIN, variables)).errors![0];
    const en = (await gqlIn('en-US,en;q=0.9', LOGIN, variables)).errors![0];
    const none = (await gqlIn(undefined, LOGIN, variables)).errors![0];
    expect(zh).toMatchObject({
      message: '邮箱或密码错误',
      extensions: { code: 'UNAUTHENTICATED', reason: 'WRONG_CREDENTIALS' },
    });
    expect(en).toMatchObject({
      message: 'Wrong email or password',
      extensions: { code: 'UNAUTHENTICATED', reason: 'WRONG_CREDENTIALS' },
    });
    // No header: the product's language, Chinese.
    expect(none.message).toBe('邮箱或密码错误');
  });

  it('fills parameters in each language and keeps the field', async () => {
    const input = {
      email: uniqueEmail('short'),
      password: 'short',
      displayName: 'x',
      role: 'ENTERPRISE_MEMBER',
      newOrganisation: { name: '短密码公司', kind: 'ENTERPRISE' },
    };
    const zh = (await gqlIn('zh', REGISTER, { input })).errors![0];
    const en = (await gqlIn('en', REGISTER, { input })).errors![0];
    expect(zh).toMatchObject({
      message: '密码至少需要 10 个字符',
      extensions: { code: 'BAD_USER_INPUT', reason: 'PASSWORD_TOO_SHORT', field: 'password', minLength: 10 },
    });
    expect(en.message).toBe('The password must be at least 10 characters long');
  });

  it('follows the signed-in account’s locale, whatever the request says', async () => {
    const [zhToken, enToken] = [await account('zh'), await account('en')];
    const id = randomUUID();
    const forZh = (await gqlIn('en', DEMAND, { id }, zhToken)).errors![0];
    const forEn = (await gqlIn('zh-CN', DEMAND, { id }, enToken)).errors![0];
    expect(forZh).toMatchObject({
      message: '未找到该需求',
      extensions: { code: 'NOT_FOUND', reason: 'DEMAND_NOT_FOUND', id },
    });
    expect(forEn).toMatchObject({
      message: 'Demand not found',
      extensions: { code: 'NOT_FOUND', reason: 'DEMAND_NOT_FOUND', id },
    });
  });

  it('renders identity’s account failures the same way (a wrong current password)', async () => {
    const [zhToken, enToken] = [await account('zh'), await account('en')];
    const input = { currentPassword: 'not the password', newPassword: TEST_PASSWORD };
    const forZh = (await gqlIn('en', CHANGE_PASSWORD, { input }, zhToken)).errors![0];
    const forEn = (await gqlIn('zh', CHANGE_PASSWORD, { input }, enToken)).errors![0];
    expect(forZh).toMatchObject({
      message: '当前密码不正确',
      extensions: { code: 'BAD_USER_INPUT', reason: 'CURRENT_PASSWORD_WRONG', field: 'currentPassword' },
    });
    expect(forEn).toMatchObject({
      message: 'The current password is wrong',
      extensions: { code: 'BAD_USER_INPUT', reason: 'CURRENT_PASSWORD_WRONG', field: 'currentPassword' },
    });
  });

  it('gives input validation a reason of its own and keeps the offending fields', async () => {
    const res = await gqlIn('zh', REGISTER, {
      input: { email: 'not-an-email', password: 'a long enough passphrase', displayName: 'x', role: 'BROKER' },
    });
    expect(res.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_FIELDS',
      fields: [{ field: 'email', problems: ['email must be a valid email address'] }],
    });
    expect(res.errors![0].message).toMatch(/^输入有误：email: /);
  });
});
