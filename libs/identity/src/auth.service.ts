import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository } from 'typeorm';
import { AppConfig, Clock, fail } from '@app/core';
import { Actor } from './domain/actor';
import { MIN_PASSWORD_LENGTH, passwordProblems } from './domain/password-policy';
import {
  OrganisationKind,
  Role,
  roleFitsOrganisation,
  SELF_SERVICE_ORGANISATION_KINDS,
  SELF_SERVICE_ROLES,
} from './domain/roles';
import { MembershipEntity } from './entities/membership.entity';
import { OrganisationEntity } from './entities/organisation.entity';
import { RefreshTokenEntity } from './entities/refresh-token.entity';
import { UserEntity } from './entities/user.entity';
import { PasswordHasher } from './password-hasher';

export interface RegisterCommand {
  email: string;
  password: string;
  displayName: string;
  role: Role;
  locale?: string;
  /** Join an existing organisation … */
  organisationId?: string;
  /** … or create one (enterprises and broker agencies only). */
  newOrganisation?: { name: string; kind: OrganisationKind; region?: string };
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
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(MembershipEntity) private readonly memberships: Repository<MembershipEntity>,
    @InjectRepository(RefreshTokenEntity) private readonly refreshTokens: Repository<RefreshTokenEntity>,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async register(command: RegisterCommand): Promise<IssuedTokens> {
    const email = normaliseEmail(command.email);
    const problems = passwordProblems(command.password);
    if (problems.length > 0) {
      const tooShort = problems.some((problem) => problem.startsWith('must be at least'));
      throw tooShort
        ? fail('PASSWORD_TOO_SHORT', { field: 'password', minLength: MIN_PASSWORD_LENGTH, problems })
        : fail('PASSWORD_TOO_WEAK', { field: 'password', detail: problems.join('; '), problems });
    }
    if (!SELF_SERVICE_ROLES.includes(command.role)) {
      throw fail('ROLE_NOT_SELF_SERVICE', { field: 'role', role: command.role });
    }
    if (Boolean(command.organisationId) === Boolean(command.newOrganisation)) {
      throw fail('ORGANISATION_CHOICE_REQUIRED', { field: 'organisationId' });
    }
    const passwordHash = await this.hasher.hash(command.password);

    const userId = await this.dataSource.transaction(async (manager) => {
      let organisation: OrganisationEntity | null;
      if (command.newOrganisation) {
        if (!SELF_SERVICE_ORGANISATION_KINDS.includes(command.newOrganisation.kind)) {
          throw fail('ORGANISATION_KIND_NOT_SELF_SERVICE', {
            field: 'newOrganisation.kind',
            kind: command.newOrganisation.kind,
          });
        }
        organisation = await manager.save(
          manager.create(OrganisationEntity, {
            name: command.newOrganisation.name.trim(),
            kind: command.newOrganisation.kind,
            region: command.newOrganisation.region ?? null,
            externalKey: null,
          }),
        );
      } else {
        organisation = await manager.findOneBy(OrganisationEntity, { id: command.organisationId });
        if (!organisation) throw fail('ORGANISATION_NOT_FOUND', { field: 'organisationId' });
      }
      if (!roleFitsOrganisation(command.role, organisation.kind)) {
        throw fail('ROLE_DOES_NOT_FIT_ORGANISATION', { field: 'role', role: command.role, kind: organisation.kind });
      }
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(UserEntity)
        .values({ email, displayName: command.displayName.trim(), passwordHash, locale: command.locale ?? 'zh' })
        .orIgnore()
        .returning(['id'])
        .execute();
      const id = (inserted.raw as Array<{ id: string }>)[0]?.id;
      if (!id) throw fail('EMAIL_TAKEN', { field: 'email' });
      await manager.insert(MembershipEntity, { userId: id, organisationId: organisation.id, role: command.role });
      return id;
    });
    return this.issueTokens(userId, randomUUID());
  }

  async login(email: string, password: string): Promise<IssuedTokens> {
    const user = await this.users.findOneBy({ email: normaliseEmail(email) });
    // Verify against a dummy hash when the user is unknown, so timing does not reveal which emails exist.
    const ok = await this.hasher.verify(user?.passwordHash ?? DUMMY_HASH, password);
    if (!user || !ok) throw fail('WRONG_CREDENTIALS');
    return this.issueTokens(user.id, randomUUID());
  }

  /** Rotates a refresh token. Reuse of a revoked token revokes its whole family. */
  async refresh(refreshToken: string): Promise<IssuedTokens> {
    const now = this.clock.now();
    const stored = await this.refreshTokens.findOneBy({ tokenHash: hashToken(refreshToken) });
    if (!stored) throw fail('REFRESH_TOKEN_UNKNOWN');
    if (stored.revokedAt) {
      await this.refreshTokens.update({ familyId: stored.familyId, revokedAt: IsNull() }, { revokedAt: now });
      throw fail('REFRESH_TOKEN_REUSED');
    }
    if (stored.expiresAt <= now) throw fail('REFRESH_TOKEN_EXPIRED');
    const revoked = await this.refreshTokens.update({ id: stored.id, revokedAt: IsNull() }, { revokedAt: now });
    if (!revoked.affected) throw fail('REFRESH_TOKEN_REUSED');
    return this.issueTokens(stored.userId, stored.familyId);
  }

  /** Ends the session the refresh token belongs to. Idempotent. */
  async logout(refreshToken: string): Promise<void> {
    const stored = await this.refreshTokens.findOneBy({ tokenHash: hashToken(refreshToken) });
    if (!stored) return;
    await this.refreshTokens.update(
      { familyId: stored.familyId, revokedAt: IsNull() },
      { revokedAt: this.clock.now() },
    );
  }

  /** Verifies an access token and loads who it speaks for. */
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
    if (claims.typ !== 'access') throw fail('ACCESS_TOKEN_INVALID');
    return this.loadActor(claims.sub);
  }

  async loadActor(userId: string): Promise<Actor> {
    const rows = await this.memberships.find({ where: { userId }, relations: { organisation: true } });
    if (rows.length === 0 && !(await this.users.existsBy({ id: userId }))) throw fail('ACCOUNT_GONE');
    return new Actor(
      userId,
      rows.map((m) => ({ organisationId: m.organisationId, organisationKind: m.organisation!.kind, role: m.role })),
    );
  }

  private async issueTokens(userId: string, familyId: string): Promise<IssuedTokens> {
    const now = this.clock.now();
    const accessTokenExpiresAt = new Date(now.getTime() + this.config.JWT_ACCESS_TTL_SECONDS * 1000);
    const accessToken = await this.jwt.signAsync({ sub: userId, typ: 'access' } satisfies AccessTokenClaims, {
      secret: this.config.JWT_SECRET,
      algorithm: 'HS256',
      expiresIn: this.config.JWT_ACCESS_TTL_SECONDS,
      jwtid: randomUUID(),
    });
    const refreshToken = randomBytes(32).toString('base64url');
    const refreshTokenExpiresAt = new Date(now.getTime() + this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000);
    await this.refreshTokens.insert({
      userId,
      familyId,
      tokenHash: hashToken(refreshToken),
      expiresAt: refreshTokenExpiresAt,
      revokedAt: null,
    });
    return { accessToken, accessTokenExpiresAt, refreshToken, refreshTokenExpiresAt, userId };
  }
}

// argon2id hash of a random string: verifying against it costs what a real verification costs.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$6v0S0m6W7yq0kGQ6l7yJ3o0s7o0VQ1w6dA9p7kQ2kV8';
