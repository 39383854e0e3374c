import { createHash } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  AccountTokenEntity,
  AccountTokenPurpose,
  MembershipEntity,
  OrganisationEntity,
  OrganisationKind,
  RefreshTokenEntity,
  Role,
  UserEntity,
} from '@app/identity';
import { ReceivedMail, SmtpSink, startSmtpSink } from '@app/notifications';
import { startTestApi, TEST_PASSWORD, TestAccounts, testAccounts, TestApi, uniqueEmail } from '@app/testing';
import { createWorkerApp } from '../../worker/src/bootstrap';

const REGISTER = `mutation Register($input: RegisterInput!) { register(input: $input) { email message } }`;
const LOGIN = `mutation Login($input: LoginInput!) { login(input: $input) { accessToken refreshToken refreshTokenExpiresAt user { id email } } }`;
const ME = `{ me { id email displayName emailVerified memberships { role status orgAdmin organisation { id name kind verificationStatus } } } }`;
const REFRESH = `mutation Refresh($token: String!) { refreshTokens(refreshToken: $token) { accessToken refreshToken } }`;
const LOGOUT = `mutation Logout($token: String!) { logout(refreshToken: $token) }`;
const VERIFY = `mutation Verify($token: String!) { verifyEmail(token: $token) }`;
const RESEND = `mutation { resendVerificationEmail }`;
const REQUEST_RESET = `mutation Reset($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) }`;
const RESET = `mutation Reset($input: ResetPasswordInput!) { resetPassword(input: $input) }`;
const CHANGE = `mutation Change($input: ChangePasswordInput!) { changePassword(input: $input) }`;
const SIGN_OUT_EVERYWHERE = `mutation { signOutEverywhere }`;

const PUBLIC_URL = 'https://web.tt.example';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('accounts over GraphQL (registration, email verification, passwords, sessions)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let sink: SmtpSink;
  let dataSource: DataSource;
  let accounts: TestAccounts;
  let university: OrganisationEntity;
  const mails: ReceivedMail[] = [];

  beforeAll(async () => {
    sink = await startSmtpSink({ onMessage: (mail) => void mails.push(mail) });
    Object.assign(process.env, { SMTP_URL: sink.url, PUBLIC_URL });
    api = await startTestApi();
    worker = await createWorkerApp();
    dataSource = api.app.get(DataSource);
    accounts = testAccounts(api);
    university = await accounts.organisation('示范大学', OrganisationKind.UNIVERSITY);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.close();
  });

  /** The next mail to `email` whose subject matches, waiting for the worker. */
  async function mailTo(email: string, subject: RegExp, timeoutMs = 15_000): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const mail = mails.find((m) => m.to.includes(email) && subject.test(m.subject));
      if (mail) return mail;
      if (Date.now() > deadline) throw new Error(`no mail "${subject}" to ${email}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The token of the link to `screen` in the mail's text. */
  function linkToken(mail: ReceivedMail, screen: string): string {
    const match = new RegExp(`${PUBLIC_URL.replace(/\./g, '\\.')}${screen}\\?token=([^\\s&"<]+)`).exec(mail.text);
    if (!match) throw new Error(`no ${screen} link in: ${mail.text}`);
    return decodeURIComponent(match[1]);
  }

  const registerResearcher = (email: string, extra: Record<string, unknown> = {}) =>
    api.gql(REGISTER, {
      input: {
        email,
        password: TEST_PASSWORD,
        displayName: '张三',
        role: 'RESEARCHER',
        organisationId: university.id,
        ...extra,
      },
    });

  const login = (email: string, password = TEST_PASSWORD) => api.gql(LOGIN, { input: { email, password } });
  const code = (res: { errors?: Array<{ extensions?: Record<string, any> }> }) => res.errors?.[0]?.extensions?.code;

  describe('registration', () => {
    it('answers without tokens, mails a verification link, and leaves the membership PENDING', async () => {
      const email = uniqueEmail('researcher');
      const res = await registerResearcher(`  ${email.toUpperCase()} `);
      expect(res.errors).toBeUndefined();
      expect(res.data!.register).toEqual({ email, message: expect.stringContaining('sign in') });

      const session = (await login(email)).data!.login;
      const me = (await api.gql(ME, {}, session.accessToken)).data!.me;
      expect(me).toMatchObject({ email, displayName: '张三', emailVerified: false });
      expect(me.memberships).toEqual([
        {
          role: 'RESEARCHER',
          status: 'PENDING',
          orgAdmin: false,
          organisation: { id: university.id, name: '示范大学', kind: 'UNIVERSITY', verificationStatus: 'VERIFIED' },
        },
      ]);

      const mail = await mailTo(email, /验证|verify/i);
      expect(mail.text).toContain(`${PUBLIC_URL}/verify-email?token=`);
      const token = linkToken(mail, '/verify-email');
      expect((await api.gql(VERIFY, { token })).data!.verifyEmail).toBe(true);
      expect((await api.gql(ME, {}, session.accessToken)).data!.me.emailVerified).toBe(true);

      // Single use, and a tampered token is refused the same way.
      for (const bad of [token, `${token.slice(0, -3)}AAA`, 'garbage']) {
        const again = await api.gql(VERIFY, { token: bad });
        expect(again.errors![0].extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          field: 'token',
          reason: 'INVALID_OR_EXPIRED_LINK',
        });
      }
    });

    it('answers the same whether or not the address has an account, and mails its owner instead', async () => {
      const email = uniqueEmail('taken');
      const first = await registerResearcher(email);
      const agency = await accounts.organisation('某经纪机构', OrganisationKind.BROKER_AGENCY);
      const second = await api.gql(REGISTER, {
        input: {
          email,
          password: 'another long passphrase',
          displayName: '冒名者',
          role: 'BROKER',
          organisationId: agency.id,
        },
      });
      expect(second).toEqual(first);

      const users = await dataSource.getRepository(UserEntity).findBy({ email });
      expect(users).toHaveLength(1);
      expect(users[0].displayName).toBe('张三');
      expect(await dataSource.getRepository(MembershipEntity).findBy({ userId: users[0].id })).toHaveLength(1);
      const warning = await mailTo(email, /尝试|tried/i);
      expect(warning.text).toContain(`${PUBLIC_URL}/reset-password`);
      expect(code(await login(email, 'another long passphrase'))).toBe('UNAUTHENTICATED');
      expect((await login(email)).data!.login.user.email).toBe(email);
    });

    it('makes the creator of a new enterprise its ACTIVE organisation admin; the enterprise starts UNVERIFIED', async () => {
      const email = uniqueEmail('founder');
      const res = await api.gql(REGISTER, {
        input: {
          email,
          password: TEST_PASSWORD,
          displayName: ' Li Si ',
          role: 'ENTERPRISE_MEMBER',
          locale: 'en',
          newOrganisation: { name: '  某某智能科技有限公司 ', kind: 'ENTERPRISE' },
        },
      });
      expect(res.errors).toBeUndefined();
      const session = (await login(email)).data!.login;
      const me = (await api.gql(ME, {}, session.accessToken)).data!.me;
      expect(me.displayName).toBe('Li Si');
      expect(me.memberships[0]).toMatchObject({
        role: 'ENTERPRISE_MEMBER',
        status: 'ACTIVE',
        orgAdmin: true,
        organisation: { name: '某某智能科技有限公司', kind: 'ENTERPRISE', verificationStatus: 'UNVERIFIED' },
      });
      // In the account's locale.
      expect((await mailTo(email, /verify your email/i)).text).toContain('Hello Li Si');
    });

    it('refuses bad input with typed errors naming the field, before looking at the address', async () => {
      const invalid = await registerResearcher('not-an-email');
      expect(invalid.errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'email', problems: ['email must be a valid email address'] }],
      });
      const weak = await registerResearcher(uniqueEmail(), { password: 'short' });
      expect(weak.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
      const blankName = await registerResearcher(uniqueEmail(), { displayName: '   ' });
      expect(blankName.errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'displayName', problems: [expect.stringContaining('not blank')] }],
      });
      const blankOrganisation = await registerResearcher(uniqueEmail(), {
        role: 'ENTERPRISE_MEMBER',
        organisationId: undefined,
        newOrganisation: { name: ' \t ', kind: 'ENTERPRISE' },
      });
      expect(blankOrganisation.errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'newOrganisation.name', problems: [expect.any(String)] }],
      });
      const wrongKind = await registerResearcher(uniqueEmail(), { role: 'ENTERPRISE_MEMBER' });
      expect(wrongKind.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'role' });
      expect(code(await registerResearcher(uniqueEmail(), { role: 'TTO_OFFICER' }))).toBe('FORBIDDEN');
      expect(code(await registerResearcher(uniqueEmail(), { role: undefined }))).toBe('BAD_USER_INPUT');
      const unknown = await registerResearcher(uniqueEmail(), {
        organisationId: '00000000-0000-4000-8000-000000000000',
      });
      expect(code(unknown)).toBe('NOT_FOUND');
      const badInvitation = await registerResearcher(uniqueEmail(), { invitationToken: 'in1.nonsense.x' });
      expect(badInvitation.errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'INVALID_OR_EXPIRED_INVITATION',
      });
    });

    it('mails a new verification link on request, and refuses once the address is verified', async () => {
      const session = await accounts.register({ role: Role.RESEARCHER, organisationId: university.id });
      const before = await dataSource
        .getRepository(AccountTokenEntity)
        .countBy({ userId: session.userId, purpose: AccountTokenPurpose.VERIFY_EMAIL });
      expect((await api.gql(RESEND, {}, session.token)).data!.resendVerificationEmail).toBe(true);
      const rows = await dataSource.getRepository(AccountTokenEntity).find({
        where: { userId: session.userId, purpose: AccountTokenPurpose.VERIFY_EMAIL },
        order: { createdAt: 'ASC' },
      });
      expect(rows).toHaveLength(before + 1);
      // The link lives 72 hours.
      expect(rows[1].expiresAt.getTime() - rows[1].createdAt.getTime()).toBeGreaterThan(71.9 * 3600_000);
      await accounts.verifyEmail(session.userId);
      expect(code(await api.gql(RESEND, {}, session.token))).toBe('CONFLICT');
    });
  });

  describe('passwords', () => {
    it('resets a password by email: same answer for unknown addresses, 30 minutes, single use, sessions closed', async () => {
      const session = await accounts.register({ role: Role.RESEARCHER, organisationId: university.id });
      const other = await accounts.login(session.email);
      const unknownEmail = uniqueEmail('nobody');
      const unknown = await api.gql(REQUEST_RESET, { input: { email: unknownEmail } });
      const known = await api.gql(REQUEST_RESET, { input: { email: ` ${session.email.toUpperCase()} ` } });
      expect(known).toEqual(unknown);
      expect(known.data!.requestPasswordReset).toBe(true);

      const mail = await mailTo(session.email, /重置|reset/i);
      const token = linkToken(mail, '/reset-password');
      const row = await dataSource
        .getRepository(AccountTokenEntity)
        .findOneByOrFail({ userId: session.userId, purpose: AccountTokenPurpose.RESET_PASSWORD });
      // 30 minutes (created_at is the database's clock, expires_at the API's: allow a second between them).
      expect(Math.abs(row.expiresAt.getTime() - row.createdAt.getTime() - 30 * 60_000)).toBeLessThan(1000);

      const weak = await api.gql(RESET, { input: { token, newPassword: 'short' } });
      expect(weak.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
      expect((await api.gql(RESET, { input: { token, newPassword: 'a brand new passphrase' } })).data).toEqual({
        resetPassword: true,
      });
      expect(code(await login(session.email))).toBe('UNAUTHENTICATED');
      expect((await login(session.email, 'a brand new passphrase')).data!.login.user.id).toBe(session.userId);
      // Every session ended: refresh tokens and access tokens alike.
      for (const s of [session, other]) {
        expect(code(await api.gql(REFRESH, { token: s.refreshToken }))).toBe('UNAUTHENTICATED');
        expect(code(await api.gql(ME, {}, s.token))).toBe('UNAUTHENTICATED');
      }
      const reused = await api.gql(RESET, { input: { token, newPassword: 'yet another passphrase' } });
      expect(reused.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_OR_EXPIRED_LINK' });
      expect(mails.some((m) => m.to.includes(unknownEmail))).toBe(false);
      // The link proved the mailbox.
      const verified = await dataSource.getRepository(UserEntity).findOneByOrFail({ id: session.userId });
      expect(verified.emailVerifiedAt).not.toBeNull();
    });

    it('refuses an expired reset link', async () => {
      const session = await accounts.register({ role: Role.RESEARCHER, organisationId: university.id });
      await api.gql(REQUEST_RESET, { input: { email: session.email } });
      const token = linkToken(await mailTo(session.email, /重置|reset/i), '/reset-password');
      await dataSource
        .getRepository(AccountTokenEntity)
        .update(
          { userId: session.userId, purpose: AccountTokenPurpose.RESET_PASSWORD },
          { expiresAt: new Date(Date.now() - 1000) },
        );
      const res = await api.gql(RESET, { input: { token, newPassword: 'a brand new passphrase' } });
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_OR_EXPIRED_LINK' });
      expect((await login(session.email)).errors).toBeUndefined();
    });

    it('changes a password with the current one and closes the other sessions only', async () => {
      const current = await accounts.register({ role: Role.RESEARCHER, organisationId: university.id });
      const other = await accounts.login(current.email);
      const wrong = await api.gql(
        CHANGE,
        { input: { currentPassword: 'not the password', newPassword: 'a brand new passphrase' } },
        current.token,
      );
      expect(wrong.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currentPassword' });
      const anonymous = await api.gql(CHANGE, {
        input: { currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase' },
      });
      expect(code(anonymous)).toBe('UNAUTHENTICATED');

      const changed = await api.gql(
        CHANGE,
        { input: { currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase' } },
        current.token,
      );
      expect(changed.data).toEqual({ changePassword: true });
      expect(code(await api.gql(ME, {}, other.token))).toBe('UNAUTHENTICATED');
      expect(code(await api.gql(REFRESH, { token: other.refreshToken }))).toBe('UNAUTHENTICATED');
      expect((await api.gql(ME, {}, current.token)).data!.me.id).toBe(current.userId);
      expect((await api.gql(REFRESH, { token: current.refreshToken })).errors).toBeUndefined();
      expect(code(await login(current.email))).toBe('UNAUTHENTICATED');
      expect((await login(current.email, 'a brand new passphrase')).errors).toBeUndefined();
    });
  });

  describe('sessions', () => {
    it('logs in case-insensitively and rejects a wrong password with UNAUTHENTICATED', async () => {
      const { email } = await accounts.register({ role: Role.RESEARCHER, organisationId: university.id });
      expect((await login(email.toUpperCase())).data!.login.user.email).toBe(email);
      const wrong = await login(email, 'not the password at all');
      expect(wrong.data).toBeNull();
      // No Accept-Language and no account: the product's language (see error-language.int-spec.ts for English).
      expect(wrong.errors![0]).toMatchObject({
        message: '邮箱或密码错误',
        extensions: { code: 'UNAUTHENTICATED', reason: 'WRONG_CREDENTIALS' },
      });
      expect(code(await login(uniqueEmail('nobody')))).toBe('UNAUTHENTICATED');
    });

    it('requires a token for guarded queries and rejects a forged, expired or session-less one', async () => {
      const anonymous = await api.gql(ME);
      expect(anonymous.errors![0]).toMatchObject({
        message: '请先登录',
        extensions: { code: 'UNAUTHENTICATED', reason: 'AUTHENTICATION_REQUIRED' },
      });
      const session = await accounts.register({ role: Role.RESEARCHER, organisationId: university.id });
      const forged = `${session.token.slice(0, -4)}AAAA`;
      expect(code(await api.gql(ME, {}, forged))).toBe('UNAUTHENTICATED');

      const jwt = await import('jsonwebtoken');
      const expired = jwt.sign({ sub: session.userId, typ: 'access' }, process.env.JWT_SECRET!, { expiresIn: -10 });
      const res = await api.gql(ME, {}, expired);
      // The token failed, so nobody is signed in: the message follows the request (none: the product's language).
      expect(res.errors![0]).toMatchObject({
        message: '登录已过期，请重新登录',
        extensions: { code: 'UNAUTHENTICATED', reason: 'ACCESS_TOKEN_EXPIRED' },
      });
      // Signed with the right key but naming no session (or a closed one): refused.
      const noSession = jwt.sign({ sub: session.userId, typ: 'access' }, process.env.JWT_SECRET!, { expiresIn: 60 });
      expect(code(await api.gql(ME, {}, noSession))).toBe('UNAUTHENTICATED');
      const otherSession = jwt.sign(
        { sub: session.userId, typ: 'access', sid: '00000000-0000-4000-8000-000000000000' },
        process.env.JWT_SECRET!,
        { expiresIn: 60 },
      );
      expect(code(await api.gql(ME, {}, otherSession))).toBe('UNAUTHENTICATED');
    });

    it('rotates refresh tokens, detects reuse, and logs out (the access token stops working too)', async () => {
      const session = await accounts.register({ role: Role.RESEARCHER, organisationId: university.id });
      const first = await api.gql(REFRESH, { token: session.refreshToken });
      expect(first.errors).toBeUndefined();
      const rotated = first.data!.refreshTokens;
      expect(rotated.refreshToken).not.toBe(session.refreshToken);
      expect((await api.gql(ME, {}, rotated.accessToken)).data!.me.id).toBe(session.userId);

      // Reusing the spent token closes the whole session, including the rotated token.
      expect(code(await api.gql(REFRESH, { token: session.refreshToken }))).toBe('UNAUTHENTICATED');
      expect(code(await api.gql(REFRESH, { token: rotated.refreshToken }))).toBe('UNAUTHENTICATED');
      expect(code(await api.gql(ME, {}, rotated.accessToken))).toBe('UNAUTHENTICATED');

      const other = await accounts.login(session.email);
      expect((await api.gql(LOGOUT, { token: other.refreshToken })).data!.logout).toBe(true);
      expect((await api.gql(REFRESH, { token: other.refreshToken })).errors![0].extensions).toMatchObject({
        code: 'UNAUTHENTICATED',
        reason: 'REFRESH_TOKEN_REUSED',
      });
      expect((await api.gql(ME, {}, other.token)).errors![0].extensions).toMatchObject({
        code: 'UNAUTHENTICATED',
        reason: 'SESSION_ENDED',
      });
    });

    it('revokes the family when one refresh token is used twice at the same moment (PostgreSQL row lock)', async () => {
      const session = await accounts.register({ role: Role.RESEARCHER, organisationId: university.id });
      // Hold the token's row so that both refreshes are in flight together, then let them race.
      const holder = dataSource.createQueryRunner();
      await holder.connect();
      await holder.startTransaction();
      try {
        await holder.query('SELECT id FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE', [
          sha256(session.refreshToken),
        ]);
        const racing = Promise.all([
          api.gql(REFRESH, { token: session.refreshToken }),
          api.gql(REFRESH, { token: session.refreshToken }),
        ]);
        const deadline = Date.now() + 10_000;
        for (;;) {
          const [{ waiting }] = await dataSource.query<Array<{ waiting: number }>>(
            `SELECT count(*)::int AS waiting FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'UPDATE "refresh_tokens"%'`,
          );
          if (waiting >= 2) break;
          if (Date.now() > deadline) throw new Error('the two refreshes did not meet at the lock');
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await holder.commitTransaction();
        const results = await racing;
        const winners = results.filter((r) => !r.errors);
        expect(winners).toHaveLength(1);
        expect(results.filter((r) => code(r) === 'UNAUTHENTICATED')).toHaveLength(1);
        // One won, and the session was closed anyway: its new tokens are dead.
        const won = winners[0].data!.refreshTokens;
        expect(code(await api.gql(REFRESH, { token: won.refreshToken }))).toBe('UNAUTHENTICATED');
        expect(code(await api.gql(ME, {}, won.accessToken))).toBe('UNAUTHENTICATED');
        const family = await dataSource.getRepository(RefreshTokenEntity).findBy({ userId: session.userId });
        expect(family.length).toBeGreaterThanOrEqual(2);
        expect(family.every((token) => token.revokedAt !== null)).toBe(true);
      } finally {
        if (holder.isTransactionActive) await holder.rollbackTransaction();
        await holder.release();
      }
    });

    it('ends a session at its absolute lifetime however often it was refreshed', async () => {
      const session = await accounts.register({ role: Role.RESEARCHER, organisationId: university.id });
      const maxDays = 90; // REFRESH_SESSION_MAX_DAYS's default
      const [issued] = await dataSource.getRepository(RefreshTokenEntity).findBy({ userId: session.userId });
      expect(issued.expiresAt.getTime()).toBeLessThanOrEqual(issued.familyStartedAt.getTime() + maxDays * 86_400_000);
      const fresh = (await api.gql(REFRESH, { token: session.refreshToken })).data!.refreshTokens;
      // The session began 91 days ago (as if refreshed every few days since).
      await dataSource
        .getRepository(RefreshTokenEntity)
        .update({ familyId: issued.familyId }, { familyStartedAt: new Date(Date.now() - (maxDays + 1) * 86_400_000) });
      const late = await api.gql(REFRESH, { token: fresh.refreshToken });
      // The token failed, so the message follows the request (none: the product's language, Chinese).
      expect(late.errors![0]).toMatchObject({
        extensions: { code: 'UNAUTHENTICATED', reason: 'SESSION_LIFETIME_ENDED' },
        message: '登录已达最长有效期，请重新登录',
      });
      expect(code(await api.gql(ME, {}, fresh.accessToken))).toBe('UNAUTHENTICATED');
    });

    it('signs out everywhere, this session included', async () => {
      const first = await accounts.register({ role: Role.RESEARCHER, organisationId: university.id });
      const second = await accounts.login(first.email);
      expect(code(await api.gql(SIGN_OUT_EVERYWHERE))).toBe('UNAUTHENTICATED');
      expect((await api.gql(SIGN_OUT_EVERYWHERE, {}, first.token)).data).toEqual({ signOutEverywhere: true });
      for (const s of [first, second]) {
        expect(code(await api.gql(ME, {}, s.token))).toBe('UNAUTHENTICATED');
        expect(code(await api.gql(REFRESH, { token: s.refreshToken }))).toBe('UNAUTHENTICATED');
      }
      expect((await login(first.email)).errors).toBeUndefined();
    });

    it('never leaks a stack trace', async () => {
      const res = await api.gql(`{ me { id } }`, {}, 'garbage');
      expect(JSON.stringify(res)).not.toMatch(/stacktrace|at \w+ \(/i);
    });
  });
});
