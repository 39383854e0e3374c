import { DataSource } from 'typeorm';
import { OrganisationEntity, OrganisationKind } from '@app/identity';
import { startTestApi, TestApi, uniqueEmail } from '@app/testing';

const REGISTER = `mutation Register($input: RegisterInput!) {
  register(input: $input) { accessToken refreshToken accessTokenExpiresAt user { id email displayName memberships { role organisation { name kind } } } }
}`;
const LOGIN = `mutation Login($input: LoginInput!) { login(input: $input) { accessToken refreshToken user { email } } }`;
const ME = `{ me { id email memberships { role organisation { id kind } } } }`;
const REFRESH = `mutation Refresh($token: String!) { refreshTokens(refreshToken: $token) { accessToken refreshToken } }`;
const LOGOUT = `mutation Logout($token: String!) { logout(refreshToken: $token) }`;

describe('identity over GraphQL', () => {
  let api: TestApi;
  let university: OrganisationEntity;

  beforeAll(async () => {
    api = await startTestApi();
    const organisations = api.app.get(DataSource).getRepository(OrganisationEntity);
    university = await organisations.save(
      organisations.create({ name: '示范大学', kind: OrganisationKind.UNIVERSITY, externalKey: null, region: null }),
    );
  });
  afterAll(() => api.close());

  const password = 'a long enough passphrase';

  async function registerResearcher(email = uniqueEmail('researcher')) {
    const res = await api.gql(REGISTER, {
      input: { email, password, displayName: '张三', role: 'RESEARCHER', organisationId: university.id },
    });
    expect(res.errors).toBeUndefined();
    return { email, ...res.data!.register };
  }

  it('registers a researcher into an institution and shows them as me', async () => {
    const session = await registerResearcher();
    expect(session.user.memberships).toEqual([
      { role: 'RESEARCHER', organisation: { name: '示范大学', kind: 'UNIVERSITY' } },
    ]);
    const me = await api.gql(ME, {}, session.accessToken);
    expect(me.data!.me).toMatchObject({ id: session.user.id, email: session.email });
  });

  it('registers an enterprise member together with a new enterprise', async () => {
    const email = uniqueEmail('Enterprise');
    const res = await api.gql(REGISTER, {
      input: {
        email: email.toUpperCase(),
        password,
        displayName: 'Li Si',
        role: 'ENTERPRISE_MEMBER',
        newOrganisation: { name: '某某智能科技有限公司', kind: 'ENTERPRISE' },
      },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.register.user.email).toBe(email.toLowerCase());
    expect(res.data!.register.user.memberships[0]).toEqual({
      role: 'ENTERPRISE_MEMBER',
      organisation: { name: '某某智能科技有限公司', kind: 'ENTERPRISE' },
    });
  });

  it('logs in case-insensitively and rejects a wrong password with UNAUTHENTICATED', async () => {
    const { email } = await registerResearcher();
    const ok = await api.gql(LOGIN, { input: { email: email.toUpperCase(), password } });
    expect(ok.data!.login.user.email).toBe(email);
    const wrong = await api.gql(LOGIN, { input: { email, password: 'not the password at all' } });
    expect(wrong.data).toBeNull();
    // No Accept-Language and no account: the product's language (see error-language.int-spec.ts for English).
    expect(wrong.errors![0]).toMatchObject({
      message: '邮箱或密码错误',
      extensions: { code: 'UNAUTHENTICATED', reason: 'WRONG_CREDENTIALS' },
    });
    const unknown = await api.gql(LOGIN, { input: { email: uniqueEmail('nobody'), password } });
    expect(unknown.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('answers CONFLICT for a second account with the same email', async () => {
    const { email } = await registerResearcher();
    const again = await api.gql(REGISTER, {
      input: { email, password, displayName: 'again', role: 'RESEARCHER', organisationId: university.id },
    });
    expect(again.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'email' });
  });

  it('rejects bad input with BAD_USER_INPUT naming the field', async () => {
    const res = await api.gql(REGISTER, {
      input: { email: 'not-an-email', password, displayName: 'x', role: 'RESEARCHER', organisationId: university.id },
    });
    expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].extensions!.fields).toEqual([
      { field: 'email', problems: ['email must be a valid email address'] },
    ]);

    const weak = await api.gql(REGISTER, {
      input: {
        email: uniqueEmail(),
        password: 'short',
        displayName: 'x',
        role: 'RESEARCHER',
        organisationId: university.id,
      },
    });
    expect(weak.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'password' } });

    const wrongKind = await api.gql(REGISTER, {
      input: {
        email: uniqueEmail(),
        password,
        displayName: 'x',
        role: 'ENTERPRISE_MEMBER',
        organisationId: university.id,
      },
    });
    expect(wrongKind.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'role' } });
  });

  it('refuses self-registration into roles an administrator grants (FORBIDDEN)', async () => {
    const res = await api.gql(REGISTER, {
      input: { email: uniqueEmail(), password, displayName: 'x', role: 'TTO_OFFICER', organisationId: university.id },
    });
    expect(res.errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('answers NOT_FOUND for an unknown organisation', async () => {
    const res = await api.gql(REGISTER, {
      input: {
        email: uniqueEmail(),
        password,
        displayName: 'x',
        role: 'RESEARCHER',
        organisationId: '00000000-0000-4000-8000-000000000000',
      },
    });
    expect(res.errors![0].extensions!.code).toBe('NOT_FOUND');
  });

  it('requires a token for guarded queries and rejects a forged or expired one', async () => {
    const anonymous = await api.gql(ME);
    expect(anonymous.errors![0]).toMatchObject({
      message: '请先登录',
      extensions: { code: 'UNAUTHENTICATED', reason: 'AUTHENTICATION_REQUIRED' },
    });
    const session = await registerResearcher();
    const forged = `${session.accessToken.slice(0, -4)}AAAA`;
    expect((await api.gql(ME, {}, forged)).errors![0].extensions!.code).toBe('UNAUTHENTICATED');

    const jwt = await import('jsonwebtoken');
    const expired = jwt.sign({ sub: session.user.id, typ: 'access' }, process.env.JWT_SECRET!, { expiresIn: -10 });
    const res = await api.gql(ME, {}, expired);
    // The token failed, so nobody is signed in: the message follows the request (none: the product's language).
    expect(res.errors![0]).toMatchObject({
      message: '登录已过期，请重新登录',
      extensions: { code: 'UNAUTHENTICATED', reason: 'ACCESS_TOKEN_EXPIRED' },
    });
  });

  it('rotates refresh tokens, detects reuse, and logs out', async () => {
    const session = await registerResearcher();
    const first = await api.gql(REFRESH, { token: session.refreshToken });
    expect(first.errors).toBeUndefined();
    const rotated = first.data!.refreshTokens;
    expect(rotated.refreshToken).not.toBe(session.refreshToken);

    // Reusing the spent token closes the whole session, including the rotated token.
    const reuse = await api.gql(REFRESH, { token: session.refreshToken });
    expect(reuse.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect((await api.gql(REFRESH, { token: rotated.refreshToken })).errors![0].extensions!.code).toBe(
      'UNAUTHENTICATED',
    );

    const other = await api.gql(LOGIN, { input: { email: session.email, password } });
    const loggedIn = other.data!.login;
    expect((await api.gql(LOGOUT, { token: loggedIn.refreshToken })).data!.logout).toBe(true);
    expect((await api.gql(REFRESH, { token: loggedIn.refreshToken })).errors![0].extensions!.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('never leaks a stack trace', async () => {
    const res = await api.gql(`{ me { id } }`, {}, 'garbage');
    expect(JSON.stringify(res)).not.toMatch(/stacktrace|at \w+ \(/i);
  });
});
