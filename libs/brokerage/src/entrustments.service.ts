import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { badInput, Clock, conflict, forbidden, notFound } from '@app/core';
import { AchievementEntity, AchievementInventorEntity, workflowRolesOf, WorkflowRole } from '@app/achievements';
import { DemandEntity } from '@app/demands';
import { Actor, MembershipEntity, MembershipStatus, OrganisationEntity, OrganisationKind, Role } from '@app/identity';
import { EntrustedSubject, EntrustmentEntity } from './entities/entrustment.entity';

export interface EntrustInput {
  subjectType: EntrustedSubject;
  subjectId: string;
  /** Individual brokers, or … */
  brokerIds?: string[];
  /** … a whole agency. */
  agencyId?: string;
  /** Days during which only these trustees may claim its matches (none: not exclusive). */
  exclusiveDays?: number | null;
  note?: string | null;
}

/** The SQL condition "entrustment e is active and exclusive at :now" (parameters: now). */
export const ACTIVE_EXCLUSIVE = 'e.revoked_at IS NULL AND e.exclusive_until > :now';

/** 委托: listing owners entrust their achievement or demand to brokers or an agency. */
@Injectable()
export class EntrustmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async entrust(actor: Actor, input: EntrustInput): Promise<EntrustmentEntity[]> {
    const brokerIds = [...new Set(input.brokerIds ?? [])];
    if ((brokerIds.length === 0) === !input.agencyId) {
      throw badInput('Entrust to brokers or to one agency (not both, not neither)', { field: 'brokerIds' });
    }
    const ownerOrganisationId = await this.assertOwner(actor, input.subjectType, input.subjectId);
    const now = this.clock.now();
    const exclusiveUntil = input.exclusiveDays ? new Date(now.getTime() + input.exclusiveDays * 24 * 3600_000) : null;
    return this.dataSource.transaction(async (manager) => {
      // Serialises entrustments of one subject (exclusivity is checked against the others).
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `entrust:${input.subjectType}:${input.subjectId}`,
      ]);
      const trustees = input.agencyId
        ? [{ brokerId: null, agencyId: await this.checkedAgency(manager, input.agencyId) }]
        : await this.checkedBrokers(manager, brokerIds);
      const exclusive = await manager
        .createQueryBuilder(EntrustmentEntity, 'e')
        .where('e.subject_type = :type AND e.subject_id = :id', { type: input.subjectType, id: input.subjectId })
        .andWhere(ACTIVE_EXCLUSIVE, { now })
        .getMany();
      const others = exclusive.filter(
        (row) =>
          !trustees.some(
            (t) => (t.brokerId && t.brokerId === row.brokerId) || (t.agencyId && t.agencyId === row.agencyId),
          ),
      );
      if (others.length > 0) {
        throw conflict('It is exclusively entrusted to another broker until the exclusivity ends', {
          exclusiveUntil: others[0].exclusiveUntil?.toISOString(),
        });
      }
      const rows: EntrustmentEntity[] = [];
      for (const trustee of trustees) {
        await manager
          .createQueryBuilder()
          .insert()
          .into(EntrustmentEntity)
          .values({
            subjectType: input.subjectType,
            subjectId: input.subjectId,
            ownerOrganisationId,
            entrustedById: actor.userId,
            brokerId: trustee.brokerId,
            agencyId: trustee.agencyId,
            exclusiveUntil,
            note: input.note?.trim() || null,
          })
          .orUpdate(
            ['exclusive_until', 'note', 'entrusted_by_id'],
            trustee.brokerId
              ? ['subject_type', 'subject_id', 'broker_id']
              : ['subject_type', 'subject_id', 'agency_id'],
            {
              indexPredicate: trustee.brokerId
                ? 'revoked_at IS NULL AND broker_id IS NOT NULL'
                : 'revoked_at IS NULL AND agency_id IS NOT NULL',
            },
          )
          .execute();
        rows.push(
          await manager.findOneByOrFail(EntrustmentEntity, {
            subjectType: input.subjectType,
            subjectId: input.subjectId,
            ...(trustee.brokerId ? { brokerId: trustee.brokerId } : { agencyId: trustee.agencyId! }),
            revokedAt: IsNull(),
          }),
        );
      }
      return rows;
    });
  }

  async revoke(actor: Actor, id: string): Promise<EntrustmentEntity> {
    const repository = this.dataSource.getRepository(EntrustmentEntity);
    const row = await repository.findOneBy({ id });
    if (!row) throw notFound('Entrustment', id);
    await this.assertOwner(actor, row.subjectType, row.subjectId);
    if (!row.revokedAt) {
      row.revokedAt = this.clock.now();
      await repository.save(row);
    }
    return row;
  }

  /** Active entrustments of one subject, for its owners, the trustees and administrators. */
  async forSubject(actor: Actor, subjectType: EntrustedSubject, subjectId: string): Promise<EntrustmentEntity[]> {
    const rows = await this.dataSource.getRepository(EntrustmentEntity).find({
      where: { subjectType, subjectId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const active = rows.filter((row) => !row.revokedAt);
    if (actor.isAdmin) return active;
    if (
      active.some((row) => row.brokerId === actor.userId || (row.agencyId && actor.hasRole(Role.BROKER, row.agencyId)))
    ) {
      return active;
    }
    await this.assertOwner(actor, subjectType, subjectId);
    return active;
  }

  /** Active entrustments to the broker or their agency, newest first (bounded). */
  async forBroker(actor: Actor, limit: number): Promise<EntrustmentEntity[]> {
    const agencies = actor.organisationsWithRole(Role.BROKER);
    if (agencies.length === 0) throw forbidden('Only brokers have a work queue');
    return this.dataSource
      .getRepository(EntrustmentEntity)
      .createQueryBuilder('e')
      .where('e.revoked_at IS NULL')
      .andWhere('(e.broker_id = :me OR e.agency_id IN (:...agencies))', { me: actor.userId, agencies })
      .orderBy('e.created_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .limit(limit)
      .getMany();
  }

  /** Achievements: the team or the institution's TTO; demands: the enterprise's members. Returns the owner organisation. */
  private async assertOwner(actor: Actor, subjectType: EntrustedSubject, subjectId: string): Promise<string> {
    if (subjectType === EntrustedSubject.DEMAND) {
      const demand = await this.dataSource.getRepository(DemandEntity).findOneBy({ id: subjectId });
      if (!demand) throw notFound('Demand', subjectId);
      if (!actor.hasRole(Role.ENTERPRISE_MEMBER, demand.organisationId)) {
        throw forbidden("Only the demand's enterprise entrusts it to brokers");
      }
      return demand.organisationId;
    }
    const achievement = await this.dataSource.getRepository(AchievementEntity).findOneBy({ id: subjectId });
    if (!achievement) throw notFound('Achievement', subjectId);
    const inventors = await this.dataSource
      .getRepository(AchievementInventorEntity)
      .findBy({ achievementId: subjectId });
    const roles = workflowRolesOf(actor, achievement, inventors);
    if (!roles.has(WorkflowRole.TEAM) && !roles.has(WorkflowRole.TTO)) {
      throw forbidden("Only the achievement's team or its institution's TTO entrusts it to brokers");
    }
    return achievement.institutionId;
  }

  private async checkedAgency(manager: EntityManager, agencyId: string): Promise<string> {
    const agency = await manager.findOneBy(OrganisationEntity, { id: agencyId });
    if (!agency || agency.kind !== OrganisationKind.BROKER_AGENCY) throw notFound('Broker agency', agencyId);
    return agency.id;
  }

  private async checkedBrokers(manager: EntityManager, brokerIds: string[]) {
    const memberships = await manager
      .createQueryBuilder(MembershipEntity, 'm')
      .where('m.user_id IN (:...brokerIds) AND m.role = :role AND m.status = :active', {
        brokerIds,
        role: Role.BROKER,
        active: MembershipStatus.ACTIVE,
      })
      .getMany();
    const missing = brokerIds.filter((id) => !memberships.some((m) => m.userId === id));
    if (missing.length > 0) throw badInput(`Not brokers: ${missing.join(', ')}`, { field: 'brokerIds' });
    return brokerIds.map((brokerId) => ({ brokerId, agencyId: null }));
  }
}
