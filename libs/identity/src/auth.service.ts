import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, Not, Repository } from 'typeorm';
import { AppConfig, Clock, DomainException, fail } from '@app/core';
import { AccountLinks, AccountMailQueue } from './account-mail.service';
import { EMAIL_VERIFICATION_TTL_HOURS, PASSWORD_RESET_TTL_MINUTES } from './domain/account-lifetimes';
import { Actor, ActorMembership } from './domain/actor';
import { normaliseEmail } from './domain/email';
import { LinkPurpose } from './domain/link-token';
import { MIN_PASSWORD_LENGTH, passwordProblems } from './domain/password-policy';
import { OrganisationKind, Role, SELF_SERVICE_ORGANISATION_KINDS, SELF_SERVICE_ROLES } from './domain/roles';
import { AccountTokenEntity, AccountTokenPurpose } from './entities/account-token.entity';
import { OrganisationEntity } from './entities/organisation.entity';
import { RefreshTokenEntity } from './entities/refresh-token.entity';
import { UserEntity } from './entities/user.entity';
import { InvitationsService } from './invitations.service';
import { MembershipsService, requireFittingRole } from './memberships.service';
import { PasswordHasher } from './password-hasher';

export { normaliseEmail };

export interface RegisterCommand {
  email: string;
  password: string;
  displayName: string;
  /** Required unless an invitation says it. */
  role?: Role;
  locale?: string;
  /** Join an existing organisation (a PENDING request) … */
  organisationId?: string;
  /** … or create one (enterprises and broker agencies only; the creator is its ACTIVE ORG_ADMIN) … */
  newOrganisation?: { name: string; kind: OrganisationKind; region?: string };
  /** … or accept an invitation sent to this email (ACTIVE at once). */
  invitationToken?: string;
}

/** What `register` answers, the same whether or not the address already had an account. */
export interface RegistrationReceipt {
  email: string;
  message: string;
}

export interface IssuedTokens {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  userId: string;
}

interface AccessTokenClaims {
  sub: string;
  typ: 'access';
  /** The session (refresh-token family): once it is closed, its access tokens stop working at once. */
  sid: string;
}

const REGISTRATION_MESSAGE =
  'Thank you. We sent a message to this address: follow it to verify the address, then sign in. ' +
  '感谢注册：我们已向该邮箱发送邮件，请按邮件提示验证邮箱后登录。';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Thrown inside the registration transaction when the address is taken: rolls back what it created. */
class AddressTaken extends Error {}

/** Accounts and sessions: registration, sign-in, refresh tokens, email verification, passwords. */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(RefreshTokenEntity) private readonly refreshTokens: Repository<RefreshTokenEntity>,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly memberships: MembershipsService,
    private readonly invitations: InvitationsService,
    private readonly links: AccountLinks,
    private readonly mail: AccountMailQueue,
  ) {}

  // ---- registration ----

  /**
   * Creates an account — or, for an address that has one, creates nothing and mails its owner that someone tried.
   * The answer is the same either way and carries no tokens: the person verifies the address, then signs in.
   * Everything that does not depend on the address (password, role, organisation) is checked first.
   */
  async register(command: RegisterCommand): Promise<RegistrationReceipt> {
    const email = normaliseEmail(command.email);
    const displayName = command.displayName.trim();
    if (!displayName) throw fail('DISPLAY_NAME_REQUIRED', { field: 'displayName' });
    const problems = passwordProblems(command.password);
    if (problems.length > 0) throw passwordFailure(problems, 'password');
    if (command.invitationToken) {
      // Checked before the address is looked up, so a bad link answers alike for new and known addresses.
      const invitation = await this.invitations.openInvitation(this.dataSource.manager, command.invitationToken);
      if (invitation.email !== email) {
        throw fail('REGISTER_WITH_INVITED_ADDRESS', { field: 'email' });
      }
    } else {
      await this.checkSelfServiceJoin(command);
    }
    // Hash before looking the address up: both paths cost the same.
    const passwordHash = await this.hasher.hash(command.password);

    let outcome: { kind: 'created'; verificationTokenId: string | null } | { kind: 'taken'; userId: string };
    try {
      outcome = await this.dataSource.transaction(async (manager) => {
        const inserted = await manager
          .createQueryBuilder()
          .insert()
          .into(UserEntity)
          .values({ email, displayName, passwordHash, locale: command.locale ?? 'zh', emailVerifiedAt: null })
          .orIgnore()
          .returning(['id'])
          .execute();
        const userId = (inserted.raw as Array<{ id: string }>)[0]?.id;
        if (!userId) throw new AddressTaken();
        const user = await manager.findOneByOrFail(UserEntity, { id: userId });
        if (command.invitationToken) {
          await this.invitations.consume(manager, command.invitationToken, user);
          return { kind: 'created' as const, verificationTokenId: null };
        }
        await this.joinOrCreateOrganisation(manager, userId, command);
        const token = await this.newAccountToken(manager, user, AccountTokenPurpose.VERIFY_EMAIL);
        await this.mail.record(manager, 'VERIFY_EMAIL', token.id);
        return { kind: 'created' as const, verificationTokenId: token.id };
      });
    } catch (error) {
      if (!(error instanceof AddressTaken)) throw error;
      const existing = await this.users.findOneByOrFail({ email });
      outcome = { kind: 'taken', userId: existing.id };
    }
    // A new account's verification email is a job intent of its transaction; the "someone tried to register"
    // email follows no change of ours and is enqueued directly.
    if (outcome.kind === 'taken') await this.mailQuietly(() => this.mail.send('REGISTRATION_ATTEMPT', outcome.userId));
    else await this.mail.relay();
    return { email, message: REGISTRATION_MESSAGE };
  }

  private async checkSelfServiceJoin(command: RegisterCommand): Promise<void> {
    if (!command.role) throw fail('ROLE_REQUIRED', { field: 'role' });
    if (!SELF_SERVICE_ROLES.includes(command.role)) {
      throw fail('ROLE_NOT_SELF_SERVICE', { field: 'role', role: command.role });
    }
    if (Boolean(command.organisationId) === Boolean(command.newOrganisation)) {
      throw fail('ORGANISATION_CHOICE_REQUIRED', { field: 'organisationId' });
    }
    if (command.newOrganisation) {
      if (!command.newOrganisation.name.trim()) {
        throw fail('ORGANISATION_NAME_REQUIRED', { field: 'newOrganisation.name' });
      }
      if (!SELF_SERVICE_ORGANISATION_KINDS.includes(command.newOrganisation.kind)) {
        throw fail('ORGANISATION_KIND_NOT_SELF_SERVICE', {
          field: 'newOrganisation.kind',
          kind: command.newOrganisation.kind,
        });
      }
      requireFittingRole(command.role, command.newOrganisation.kind);
      return;
    }
    const organisation = await this.dataSource.getRepository(OrganisationEntity).findOneBy({
      id: command.organisationId,
    });
    if (!organisation) throw fail('ORGANISATION_NOT_FOUND', { field: 'organisationId' });
    requireFittingRole(command.role, organisation.kind);
  }

  /** A PENDING request to an existing organisation, or a new UNVERIFIED organisation with its creator as ORG_ADMIN. */
  private async joinOrCreateOrganisation(manager: EntityManager, userId: string, command: RegisterCommand) {
    const role = command.role!;
    if (command.newOrganisation) {
      const organisation = await manager.save(
        manager.create(OrganisationEntity, {
          name: command.newOrganisation.name.trim(),
          kind: command.newOrganisation.kind,
          region: command.newOrganisation.region?.trim() || null,
          externalKey: null,
        }),
      );
      return this.memberships.admit(manager, { userId, organisationId: organisation.id, role }, userId, {
        orgAdmin: true,
      });
    }
    return this.memberships.request(manager, { userId, organisationId: command.organisationId!, role });
  }

  // ---- email verification ----

  /** Uses a verification link: the account's current address is verified. Single use. */
  async verifyEmail(token: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const row = await this.useAccountToken(manager, AccountTokenPurpose.VERIFY_EMAIL, token);
      await manager.update(
        UserEntity,
        { id: row.userId, email: row.email, emailVerifiedAt: IsNull() },
        { emailVerifiedAt: this.clock.now() },
      );
    });
  }

  /** Mails a new verification link to the signed-in account. */
  async resendVerificationEmail(actor: Actor): Promise<void> {
    const user = await this.users.findOneByOrFail({ id: actor.userId });
    if (user.emailVerifiedAt) throw fail('EMAIL_ALREADY_VERIFIED');
    await this.dataSource.transaction(async (manager) => {
      const token = await this.newAccountToken(manager, user, AccountTokenPurpose.VERIFY_EMAIL);
      await this.mail.record(manager, 'VERIFY_EMAIL', token.id);
    });
    await this.mail.relay();
  }

  // ---- passwords ----

  /** Needs the current password; closes every other session of the account (this one stays signed in). */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.users.findOneByOrFail({ id: actor.userId });
    if (!(await this.hasher.verify(user.passwordHash, currentPassword))) {
      throw fail('CURRENT_PASSWORD_WRONG', { field: 'currentPassword' });
    }
    const problems = passwordProblems(newPassword);
    if (problems.length > 0) throw passwordFailure(problems, 'newPassword');
    const passwordHash = await this.hasher.hash(newPassword);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(UserEntity, { id: user.id }, { passwordHash });
      await manager.update(
        RefreshTokenEntity,
        {
          userId: user.id,
          revokedAt: IsNull(),
          ...(actor.sessionId ? { familyId: Not(actor.sessionId) } : {}),
        },
        { revokedAt: this.clock.now() },
      );
    });
  }

  /** Mails a reset link (30 minutes, single use) when the address has an account; answers alike either way. */
  async requestPasswordReset(rawEmail: string): Promise<void> {
    const user = await this.users.findOneBy({ email: normaliseEmail(rawEmail) });
    if (!user) return;
    await this.dataSource.transaction(async (manager) => {
      const token = await this.newAccountToken(manager, user, AccountTokenPurpose.RESET_PASSWORD);
      await this.mail.record(manager, 'RESET_PASSWORD', token.id);
    });
    await this.mail.relay();
  }

  /** Uses a reset link: sets the password, closes every session, and (the link proved the mailbox) verifies the address. */
  async resetPassword(token: string, newPassword: string): Promise<void> {
    const problems = passwordProblems(newPassword);
    if (problems.length > 0) throw passwordFailure(problems, 'newPassword');
    const passwordHash = await this.hasher.hash(newPassword);
    await this.dataSource.transaction(async (manager) => {
      const row = await this.useAccountToken(manager, AccountTokenPurpose.RESET_PASSWORD, token);
      const now = this.clock.now();
      const user = await manager.findOneByOrFail(UserEntity, { id: row.userId });
      await manager.update(
        UserEntity,
        { id: user.id },
        { passwordHash, ...(user.emailVerifiedAt ? {} : { emailVerifiedAt: now }) },
      );
      // Other reset links of the account die with this one.
      await manager.update(
        AccountTokenEntity,
        { userId: user.id, purpose: AccountTokenPurpose.RESET_PASSWORD, usedAt: IsNull() },
        { usedAt: now },
      );
      await manager.update(RefreshTokenEntity, { userId: user.id, revokedAt: IsNull() }, { revokedAt: now });
    });
  }

  // ---- sessions ----

  async login(email: string, password: string): Promise<IssuedTokens> {
    const user = await this.users.findOneBy({ email: normaliseEmail(email) });
    // Verify against a dummy hash when the user is unknown, so timing does not reveal which emails exist.
    const ok = await this.hasher.verify(user?.passwordHash ?? DUMMY_HASH, password);
    if (!user || !ok) throw fail('WRONG_CREDENTIALS');
    const now = this.clock.now();
    return this.issueTokens(this.dataSource.manager, user.id, randomUUID(), now);
  }

  /**
   * Rotates a refresh token. Presenting a spent token again — later, or at the same time as its legitimate use —
   * revokes its whole family: of two refreshes racing on one token, one gets new tokens and then the session is
   * closed anyway (a copy of the token is in someone else's hands). No refresh past REFRESH_SESSION_MAX_DAYS.
   */
  async refresh(refreshToken: string): Promise<IssuedTokens> {
    const now = this.clock.now();
    const stored = await this.refreshTokens.findOneBy({ tokenHash: hashToken(refreshToken) });
    if (!stored) throw fail('REFRESH_TOKEN_UNKNOWN');
    if (stored.revokedAt) {
      await this.revokeFamily(stored.familyId, now);
      throw fail('REFRESH_TOKEN_REUSED');
    }
    if (stored.expiresAt <= now) throw fail('REFRESH_TOKEN_EXPIRED');
    if (this.sessionEnd(stored.familyStartedAt) <= now) {
      await this.revokeFamily(stored.familyId, now);
      throw fail('SESSION_LIFETIME_ENDED');
    }
    const rotated = await this.dataSource.transaction(async (manager) => {
      // The conditional update locks the row: a concurrent refresh of the same token waits here until this
      // transaction commits, then finds it revoked.
      const spent = await manager.update(
        RefreshTokenEntity,
        { id: stored.id, revokedAt: IsNull() },
        { revokedAt: now },
      );
      if (!spent.affected) return null;
      return this.issueTokens(manager, stored.userId, stored.familyId, stored.familyStartedAt);
    });
    if (!rotated) {
      await this.revokeFamily(stored.familyId, now);
      throw fail('REFRESH_TOKEN_REUSED');
    }
    return rotated;
  }

  /** Ends the session the refresh token belongs to (its access tokens stop working too). Idempotent. */
  async logout(refreshToken: string): Promise<void> {
    const stored = await this.refreshTokens.findOneBy({ tokenHash: hashToken(refreshToken) });
    if (!stored) return;
    await this.revokeFamily(stored.familyId, this.clock.now());
  }

  /** Ends every session of the account, this one included. */
  async signOutEverywhere(actor: Actor): Promise<void> {
    await this.refreshTokens.update({ userId: actor.userId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
  }

  /** Verifies an access token and loads who it speaks for, as they are now. */
  async authenticate(accessToken: string): Promise<Actor> {
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(accessToken, {
        secret: this.config.JWT_SECRET,
        algorithms: ['HS256'],
      });
    } catch (error) {
      const expired = error instanceof Error && error.name === 'TokenExpiredError';
      throw fail(expired ? 'ACCESS_TOKEN_EXPIRED' : 'ACCESS_TOKEN_INVALID');
    }
    if (claims.typ !== 'access' || typeof claims.sid !== 'string') throw fail('ACCESS_TOKEN_INVALID');
    return this.loadActor(claims.sub, claims.sid);
  }

  /**
   * The user's ACTIVE memberships and email verification, read in one query on every request (nothing caches
   * them: approvals and removals count from the next request). With a session, also checks it is still open.
   */
  async loadActor(userId: string, sessionId?: string): Promise<Actor> {
    const rows = await this.dataSource.query<
      Array<{ email_verified: boolean; session_open: boolean; memberships: ActorMembershipRow[] }>
    >(
      `SELECT u.email_verified_at IS NOT NULL AS email_verified,
              ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM refresh_tokens r
                 WHERE r.family_id = $2::uuid AND r.user_id = u.id AND r.revoked_at IS NULL AND r.expires_at > $3))
                AS session_open,
              COALESCE(json_agg(json_build_object('organisationId', m.organisation_id, 'role', m.role,
                'orgAdmin', m.org_admin, 'organisationKind', o.kind) ORDER BY m.created_at, m.id)
                FILTER (WHERE m.id IS NOT NULL), '[]') AS memberships
         FROM users u
         LEFT JOIN memberships m ON m.user_id = u.id AND m.status = 'ACTIVE'
         LEFT JOIN organisations o ON o.id = m.organisation_id
        WHERE u.id = $1
        GROUP BY u.id`,
      [userId, sessionId ?? null, this.clock.now()],
    );
    const row = rows[0];
    if (!row) throw fail('ACCOUNT_GONE');
    if (!row.session_open) throw fail('SESSION_ENDED');
    return new Actor(
      userId,
      row.memberships.map((m): ActorMembership => ({
        organisationId: m.organisationId,
        organisationKind: m.organisationKind,
        role: m.role,
        orgAdmin: m.orgAdmin,
      })),
      { emailVerified: row.email_verified, sessionId },
    );
  }

  // ---- internals ----

  private sessionEnd(familyStartedAt: Date): Date {
    return new Date(familyStartedAt.getTime() + this.config.REFRESH_SESSION_MAX_DAYS * 86_400_000);
  }

  private async revokeFamily(familyId: string, now: Date): Promise<void> {
    await this.refreshTokens.update({ familyId, revokedAt: IsNull() }, { revokedAt: now });
  }

  private async issueTokens(
    manager: EntityManager,
    userId: string,
    familyId: string,
    familyStartedAt: Date,
  ): Promise<IssuedTokens> {
    const now = this.clock.now();
    const accessTokenExpiresAt = new Date(now.getTime() + this.config.JWT_ACCESS_TTL_SECONDS * 1000);
    const accessToken = await this.jwt.signAsync(
      { sub: userId, typ: 'access', sid: familyId } satisfies AccessTokenClaims,
      {
        secret: this.config.JWT_SECRET,
        algorithm: 'HS256',
        expiresIn: this.config.JWT_ACCESS_TTL_SECONDS,
        jwtid: randomUUID(),
      },
    );
    const refreshToken = randomBytes(32).toString('base64url');
    const ttlEnd = now.getTime() + this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000;
    const refreshTokenExpiresAt = new Date(Math.min(ttlEnd, this.sessionEnd(familyStartedAt).getTime()));
    await manager.insert(RefreshTokenEntity, {
      userId,
      familyId,
      familyStartedAt,
      tokenHash: hashToken(refreshToken),
      expiresAt: refreshTokenExpiresAt,
      revokedAt: null,
    });
    return { accessToken, accessTokenExpiresAt, refreshToken, refreshTokenExpiresAt, userId };
  }

  private async newAccountToken(
    manager: EntityManager,
    user: UserEntity,
    purpose: AccountTokenPurpose,
  ): Promise<AccountTokenEntity> {
    const lifetimeMs =
      purpose === AccountTokenPurpose.VERIFY_EMAIL
        ? EMAIL_VERIFICATION_TTL_HOURS * 3_600_000
        : PASSWORD_RESET_TTL_MINUTES * 60_000;
    return manager.save(
      manager.create(AccountTokenEntity, {
        userId: user.id,
        purpose,
        email: user.email,
        expiresAt: new Date(this.clock.now().getTime() + lifetimeMs),
        usedAt: null,
      }),
    );
  }

  /** Marks the link's row used — once, while unexpired, for the address it was sent to — or says the link is bad. */
  private async useAccountToken(
    manager: EntityManager,
    purpose: AccountTokenPurpose,
    token: string,
  ): Promise<AccountTokenEntity> {
    const linkPurpose =
      purpose === AccountTokenPurpose.VERIFY_EMAIL ? LinkPurpose.VERIFY_EMAIL : LinkPurpose.RESET_PASSWORD;
    const id = this.links.rowId(linkPurpose, token);
    const now = this.clock.now();
    const used = id
      ? await manager
          .createQueryBuilder()
          .update(AccountTokenEntity)
          .set({ usedAt: now })
          .where('id = :id AND purpose = :purpose AND used_at IS NULL AND expires_at > :now', { id, purpose, now })
          .returning('*')
          .execute()
      : null;
    const row = (used?.raw as Array<{ id: string; user_id: string; email: string }> | undefined)?.[0];
    if (!row) {
      throw fail('INVALID_OR_EXPIRED_LINK', { field: 'token' });
    }
    const user = await manager.findOneBy(UserEntity, { id: row.user_id });
    if (!user || user.email !== row.email) {
      throw fail('INVALID_OR_EXPIRED_LINK', { field: 'token' });
    }
    return manager.create(AccountTokenEntity, { id: row.id, userId: row.user_id, email: row.email, purpose });
  }

  /** The database change is done; a mail that cannot be queued is logged (the person can ask again). */
  private async mailQuietly(send: () => Promise<void>): Promise<void> {
    try {
      await send();
    } catch (error) {
      this.logger.error({ err: error }, 'Could not queue an account email');
    }
  }
}

/** A password the policy refuses: too short, or weak for another reason (the policy's problems as the detail). */
function passwordFailure(problems: string[], field: 'password' | 'newPassword'): DomainException {
  const tooShort = problems.some((problem) => problem.startsWith('must be at least'));
  return tooShort
    ? fail('PASSWORD_TOO_SHORT', { field, minLength: MIN_PASSWORD_LENGTH, problems })
    : fail('PASSWORD_TOO_WEAK', { field, detail: problems.join('; '), problems });
}

interface ActorMembershipRow {
  organisationId: string;
  organisationKind: OrganisationKind;
  role: Role;
  orgAdmin: boolean;
}

// argon2id hash of a random string: verifying against it costs what a real verification costs.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$6v0S0m6W7yq0kGQ6l7yJ3o0s7o0VQ1w6dA9p7kQ2kV8';
