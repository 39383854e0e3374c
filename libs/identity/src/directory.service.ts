import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { fail, forbidden, notFound } from '@app/core';
import { Actor } from './domain/actor';
import { OrganisationKind, Role, roleFitsOrganisation } from './domain/roles';
import { MembershipEntity } from './entities/membership.entity';
import { OrganisationEntity } from './entities/organisation.entity';
import { UserEntity } from './entities/user.entity';

/** Users, organisations and memberships: who exists and who may do what where. */
@Injectable()
export class DirectoryService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(OrganisationEntity) private readonly organisations: Repository<OrganisationEntity>,
    @InjectRepository(MembershipEntity) private readonly memberships: Repository<MembershipEntity>,
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

  /** Each user's organisations (one row per user and organisation, in name order), in one query. */
  async organisationsOfUsers(
    userIds: readonly string[],
  ): Promise<Array<{ userId: string; organisation: OrganisationEntity }>> {
    if (userIds.length === 0) return [];
    const rows = await this.memberships
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.organisation', 'o')
      .where('m.user_id IN (:...userIds)', { userIds: [...new Set(userIds)] })
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

  membershipsOfUsers(userIds: readonly string[]): Promise<MembershipEntity[]> {
    return this.memberships.find({ where: { userId: In([...userIds]) }, order: { createdAt: 'ASC' } });
  }

  /** Public directory of organisations (names and kinds are public information). */
  listOrganisations(filter: { kind?: OrganisationKind; limit: number; offset: number }): Promise<OrganisationEntity[]> {
    return this.organisations.find({
      where: filter.kind ? { kind: filter.kind } : {},
      order: { name: 'ASC', id: 'ASC' },
      take: filter.limit,
      skip: filter.offset,
    });
  }

  async createOrganisation(
    actor: Actor,
    input: { name: string; kind: OrganisationKind; region?: string },
  ): Promise<OrganisationEntity> {
    if (!actor.isAdmin) throw forbidden('Only administrators create organisations');
    return this.organisations.save(
      this.organisations.create({
        name: input.name.trim(),
        kind: input.kind,
        region: input.region ?? null,
        externalKey: null,
      }),
    );
  }

  /** Administrators grant any role; a TTO officer grants RESEARCHER and TTO_OFFICER in their own institution. */
  async grantRole(
    actor: Actor,
    input: { userId: string; organisationId: string; role: Role },
  ): Promise<MembershipEntity> {
    const organisation = await this.organisations.findOneBy({ id: input.organisationId });
    if (!organisation) throw notFound('Organisation', input.organisationId);
    const allowed =
      actor.isAdmin ||
      (actor.hasRole(Role.TTO_OFFICER, organisation.id) && [Role.RESEARCHER, Role.TTO_OFFICER].includes(input.role));
    if (!allowed) throw forbidden(`You may not grant ${input.role} in this organisation`);
    if (!roleFitsOrganisation(input.role, organisation.kind)) {
      throw fail('ROLE_DOES_NOT_FIT_ORGANISATION', { field: 'role', role: input.role, kind: organisation.kind });
    }
    await this.user(input.userId);
    await this.memberships
      .createQueryBuilder()
      .insert()
      .values({ userId: input.userId, organisationId: organisation.id, role: input.role })
      .orIgnore()
      .execute();
    return this.memberships.findOneByOrFail({
      userId: input.userId,
      organisationId: organisation.id,
      role: input.role,
    });
  }
}
