import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, ILike, In, Repository } from 'typeorm';
import { fail, notFound } from '@app/core';
import { Actor } from './domain/actor';
import { MembershipStatus } from './domain/membership-status';
import { OrganisationKind, Role } from './domain/roles';
import { OrganisationVerificationStatus } from './domain/verification';
import { MembershipEntity } from './entities/membership.entity';
import { OrganisationEntity } from './entities/organisation.entity';
import { UserEntity } from './entities/user.entity';
import { MembershipsService, requireFittingRole } from './memberships.service';

/** Users, organisations and memberships: who exists and who may do what where. */
@Injectable()
export class DirectoryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(OrganisationEntity) private readonly organisations: Repository<OrganisationEntity>,
    @InjectRepository(MembershipEntity) private readonly memberships: Repository<MembershipEntity>,
    private readonly membershipMoves: MembershipsService,
  ) {}

  async user(id: string): Promise<UserEntity> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw notFound('User', id);
    return user;
  }

  /** The language an account reads messages in (null when the account is gone). */
  async localeOf(userId: string): Promise<string | null> {
    const user = await this.users.findOne({ select: { id: true, locale: true }, where: { id: userId } });
    return user?.locale ?? null;
  }

  usersByIds(ids: readonly string[]): Promise<UserEntity[]> {
    return this.users.findBy({ id: In([...ids]) });
  }

  /** Names only (what other people may see of someone); no email, no password hash. */
  peopleByIds(ids: readonly string[]): Promise<Array<{ id: string; displayName: string }>> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.users.find({ select: { id: true, displayName: true }, where: { id: In([...ids]) } });
  }

  /**
   * Each user's organisations (one row per user and organisation, in name order), in one query: those they are an
   * ACTIVE member of — a pending, rejected or removed membership makes nobody a person "of" an organisation.
   */
  async organisationsOfUsers(
    userIds: readonly string[],
  ): Promise<Array<{ userId: string; organisation: OrganisationEntity }>> {
    if (userIds.length === 0) return [];
    const rows = await this.memberships
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.organisation', 'o')
      .where('m.user_id IN (:...userIds)', { userIds: [...new Set(userIds)] })
      .andWhere('m.status = :active', { active: MembershipStatus.ACTIVE })
      .orderBy('o.name', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .getMany();
    const seen = new Set<string>();
    return rows
      .filter((row) => {
        const key = `${row.userId}:${row.organisationId}`;
        return !seen.has(key) && seen.add(key);
      })
      .map((row) => ({ userId: row.userId, organisation: row.organisation! }));
  }

  organisationsByIds(ids: readonly string[]): Promise<OrganisationEntity[]> {
    return this.organisations.findBy({ id: In([...ids]) });
  }

  async organisation(id: string): Promise<OrganisationEntity> {
    const organisation = await this.organisations.findOneBy({ id });
    if (!organisation) throw notFound('Organisation', id);
    return organisation;
  }

  /** ACTIVE memberships (the ones that give rights) of these users. */
  membershipsOfUsers(userIds: readonly string[]): Promise<MembershipEntity[]> {
    return this.memberships.find({
      where: { userId: In([...userIds]), status: MembershipStatus.ACTIVE },
      order: { createdAt: 'ASC' },
    });
  }

  /** Public directory of organisations (names, kinds and verification badges are public information). */
  listOrganisations(filter: {
    kind?: OrganisationKind;
    verificationStatus?: OrganisationVerificationStatus;
    nameContains?: string | null;
    limit: number;
    offset: number;
  }): Promise<OrganisationEntity[]> {
    // The words are matched literally: LIKE's wildcards in them are escaped (the value is a bound parameter).
    const name = filter.nameContains?.trim();
    return this.organisations.find({
      where: {
        ...(filter.kind ? { kind: filter.kind } : {}),
        ...(filter.verificationStatus ? { verificationStatus: filter.verificationStatus } : {}),
        ...(name ? { name: ILike(`%${name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) } : {}),
      },
      order: { name: 'ASC', id: 'ASC' },
      take: filter.limit,
      skip: filter.offset,
    });
  }

  /** Administrators create institutions, the bureau and others; what they create is verified by creation. */
  async createOrganisation(
    actor: Actor,
    input: { name: string; kind: OrganisationKind; region?: string },
  ): Promise<OrganisationEntity> {
    if (!actor.isAdmin) throw fail('PLATFORM_ADMIN_REQUIRED');
    const name = input.name.trim();
    if (!name) throw fail('ORGANISATION_NAME_REQUIRED', { field: 'name' });
    return this.organisations.save(
      this.organisations.create({
        name,
        kind: input.kind,
        region: input.region?.trim() || null,
        externalKey: null,
        verificationStatus: OrganisationVerificationStatus.VERIFIED,
        verifiedAt: new Date(),
      }),
    );
  }

  /**
   * Administrators grant any role; a TTO officer grants RESEARCHER and TTO_OFFICER in their own institution. The
   * membership is ACTIVE at once (whatever it was: a pending request is thereby approved).
   */
  async grantRole(
    actor: Actor,
    input: { userId: string; organisationId: string; role: Role },
  ): Promise<MembershipEntity> {
    const organisation = await this.organisations.findOneBy({ id: input.organisationId });
    if (!organisation) throw notFound('Organisation', input.organisationId);
    const allowed =
      actor.isAdmin ||
      (actor.hasRole(Role.TTO_OFFICER, organisation.id) && [Role.RESEARCHER, Role.TTO_OFFICER].includes(input.role));
    if (!allowed) throw fail('ROLE_NOT_GRANTABLE', { field: 'role', role: input.role });
    requireFittingRole(input.role, organisation.kind);
    await this.user(input.userId);
    return this.dataSource.transaction((manager) =>
      this.membershipMoves.admit(
        manager,
        { userId: input.userId, organisationId: organisation.id, role: input.role },
        actor.userId,
      ),
    );
  }
}
