import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, In, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { fail, forbidden, notFound } from '@app/core';
import { AchievementEntity, AchievementInventorEntity, AchievementStatus, isOnTeam } from '@app/achievements';
import { DemandEntity, DemandStatus } from '@app/demands';
import { ExpertEntity } from '@app/experts';
import { Actor, Role } from '@app/identity';
import { MatchTargetType } from '@app/matching';
import { IntroductionSide } from './domain/introduction-consent';

/** An introduction's or a deal's pair, as brokerage needs to know it. */
export interface Pair {
  demandId: string;
  targetType: MatchTargetType;
  targetId: string;
}

export interface ResolvedPair {
  demand: DemandEntity;
  achievement: AchievementEntity | null;
  expert: ExpertEntity | null;
  /** The institution behind the achievement or the expert. */
  targetOrganisationId: string;
}

/** Achievement statuses in which the rights have been confirmed (先确权、后转化) and the achievement is on the market. */
export const RIGHTS_CONFIRMED_STATUSES: readonly AchievementStatus[] = [
  AchievementStatus.RIGHTS_CONFIRMED,
  AchievementStatus.LISTED,
  AchievementStatus.IN_NEGOTIATION,
];

/**
 * Restricts a query over introductions or deals (alias `alias`, with the pair and organisation columns both
 * share) to those the actor brokers or is a party of, the SQL twin of `sidesOf` below. Administrators see all.
 * The expert and the team stand on the target side only while they are ACTIVE members of its organisation
 * (the Actor holds ACTIVE memberships only), as in `onTargetSide`.
 */
export function restrictToParticipants<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  alias: 'i' | 'd',
  actor: Actor,
): SelectQueryBuilder<T> {
  if (actor.isAdmin) return query;
  const enterprises = actor.organisationsWithRole(Role.ENTERPRISE_MEMBER);
  const ttoOf = actor.organisationsWithRole(Role.TTO_OFFICER);
  const memberOf = [...new Set(actor.memberships.map((membership) => membership.organisationId))];
  return query.andWhere(
    new Brackets((mine) => {
      mine.where(`${alias}.broker_id = :me`, { me: actor.userId });
      if (enterprises.length) mine.orWhere(`${alias}.demand_organisation_id IN (:...enterprises)`, { enterprises });
      if (ttoOf.length) mine.orWhere(`${alias}.target_organisation_id IN (:...ttoOf)`, { ttoOf });
      if (memberOf.length) {
        mine
          .orWhere(
            `(${alias}.target_type = 'EXPERT' AND ${alias}.target_organisation_id IN (:...memberOf)
              AND EXISTS (SELECT 1 FROM experts x WHERE x.id = ${alias}.target_id AND x.user_id = :me))`,
            { memberOf },
          )
          .orWhere(
            `(${alias}.target_type = 'ACHIEVEMENT' AND ${alias}.target_organisation_id IN (:...memberOf)
              AND EXISTS (SELECT 1 FROM achievements a WHERE a.id = ${alias}.target_id
                AND (a.owner_id = :me OR a.representative_id = :me
                  OR EXISTS (SELECT 1 FROM achievement_inventors ai WHERE ai.achievement_id = a.id AND ai.user_id = :me))))`,
            { memberOf },
          );
      }
    }),
  );
}

/**
 * Who stands on which side of a pair: the demand's enterprise members on one side; the achievement's team or its
 * institution's TTO officers — or the expert (or their TTO) — on the other. The single place brokerage decides it.
 */
@Injectable()
export class PartiesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async resolve(pair: Pair): Promise<ResolvedPair> {
    const demand = await this.dataSource.getRepository(DemandEntity).findOneBy({ id: pair.demandId });
    if (!demand) throw notFound('Demand', pair.demandId);
    if (pair.targetType === MatchTargetType.ACHIEVEMENT) {
      const achievement = await this.dataSource.getRepository(AchievementEntity).findOneBy({ id: pair.targetId });
      if (!achievement) throw notFound('Achievement', pair.targetId);
      return { demand, achievement, expert: null, targetOrganisationId: achievement.institutionId };
    }
    const expert = await this.dataSource.getRepository(ExpertEntity).findOneBy({ id: pair.targetId });
    if (!expert) throw notFound('Expert', pair.targetId);
    return { demand, achievement: null, expert, targetOrganisationId: expert.organisationId };
  }

  /** The sides `actor` may speak for (possibly both, e.g. an administrator test account; usually one or none). */
  /**
   * Inside a transaction, pass its `manager`: a second pool connection taken while the transaction holds a row
   * lock waits for a free connection, and with as many such calls as the pool has connections, forever.
   */
  async sidesOf(
    actor: Actor,
    pair: Pair & { demandOrganisationId: string; targetOrganisationId: string },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Set<IntroductionSide>> {
    const sides = new Set<IntroductionSide>();
    if (actor.hasRole(Role.ENTERPRISE_MEMBER, pair.demandOrganisationId)) sides.add(IntroductionSide.DEMAND);
    if (await this.onTargetSide(actor, pair, manager)) sides.add(IntroductionSide.TARGET);
    return sides;
  }

  /**
   * For each pair, whether the actor stands on its target side (TTO of the institution, the expert, the team of
   * the achievement): the batched form of `sidesOf`'s target half, at most three queries for any number of pairs.
   */
  async onTargetSideOfEach(
    actor: Actor,
    pairs: ReadonlyArray<Pair & { targetOrganisationId: string }>,
  ): Promise<boolean[]> {
    const idsOf = (type: MatchTargetType) => [
      ...new Set(pairs.filter((pair) => pair.targetType === type).map((pair) => pair.targetId)),
    ];
    const expertIds = idsOf(MatchTargetType.EXPERT);
    const achievementIds = idsOf(MatchTargetType.ACHIEVEMENT);
    const experts = expertIds.length
      ? await this.dataSource.getRepository(ExpertEntity).findBy({ id: In(expertIds), userId: actor.userId })
      : [];
    const achievements = achievementIds.length
      ? await this.dataSource.getRepository(AchievementEntity).findBy({ id: In(achievementIds) })
      : [];
    const inventors = achievementIds.length
      ? await this.dataSource
          .getRepository(AchievementInventorEntity)
          .findBy({ achievementId: In(achievementIds), userId: actor.userId })
      : [];
    return pairs.map((pair) => {
      if (actor.hasRole(Role.TTO_OFFICER, pair.targetOrganisationId)) return true;
      // As in onTargetSide: the expert or the team only while ACTIVE members of the target organisation.
      if (!actor.belongsTo(pair.targetOrganisationId)) return false;
      if (pair.targetType === MatchTargetType.EXPERT) return experts.some((expert) => expert.id === pair.targetId);
      const achievement = achievements.find((candidate) => candidate.id === pair.targetId);
      return (
        !!achievement &&
        isOnTeam(
          actor,
          achievement,
          inventors.filter((inventor) => inventor.achievementId === achievement.id),
        )
      );
    });
  }

  private async onTargetSide(
    actor: Actor,
    pair: Pair & { targetOrganisationId: string },
    manager: EntityManager,
  ): Promise<boolean> {
    if (actor.hasRole(Role.TTO_OFFICER, pair.targetOrganisationId)) return true;
    // The expert or the team speak for the institution only while they are its (ACTIVE) members: removed, they
    // are no party any more.
    if (!actor.belongsTo(pair.targetOrganisationId)) return false;
    if (pair.targetType === MatchTargetType.EXPERT) {
      const expert = await manager.getRepository(ExpertEntity).findOneBy({ id: pair.targetId });
      return !!expert && expert.userId === actor.userId;
    }
    const achievement = await manager.getRepository(AchievementEntity).findOneBy({ id: pair.targetId });
    if (!achievement) return false;
    const inventors = await manager.getRepository(AchievementInventorEntity).findBy({ achievementId: pair.targetId });
    return isOnTeam(actor, achievement, inventors);
  }

  /**
   * Introductions and deals start only on OPEN demands, LISTED achievements and listed (public) experts: a
   * withdrawn, closed or unlisted side is no market. Throws LISTING_NOT_AVAILABLE naming the side.
   */
  assertAvailable(resolved: ResolvedPair): void {
    if (resolved.demand.status !== DemandStatus.OPEN) {
      throw fail('LISTING_NOT_AVAILABLE', { what: 'demand', currentStatus: resolved.demand.status });
    }
    if (resolved.achievement && resolved.achievement.status !== AchievementStatus.LISTED) {
      throw fail('LISTING_NOT_AVAILABLE', { what: 'achievement', currentStatus: resolved.achievement.status });
    }
    if (resolved.expert && !resolved.expert.listed) {
      throw fail('LISTING_NOT_AVAILABLE', { what: 'expert', currentStatus: 'UNLISTED' });
    }
  }

  /** The broker agency the actor works for (their first BROKER membership); FORBIDDEN for non-brokers. */
  agencyOf(actor: Actor): string {
    const agencies = actor.organisationsWithRole(Role.BROKER);
    if (agencies.length === 0) throw forbidden('Only brokers do this');
    return agencies[0];
  }
}
