import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import { badInput, Clock, fail, forbidden, notFound, OutboxSubject, recordOutboxChange } from '@app/core';
import {
  AchievementEntity,
  AchievementInventorEntity,
  AchievementStatus,
  AchievementTransitionEntity,
  canView,
  WorkflowEvent,
} from '@app/achievements';
import { DemandEntity, DemandStatus } from '@app/demands';
import { Actor, assertEmailVerified, Role } from '@app/identity';
import { MatchTargetType } from '@app/matching';
import { DealStage } from './domain/deal-workflow';
import { HOLDING_STAGES, marketEffects } from './domain/market-effects';
import { DealEntity } from './entities/deal.entity';
import { ListingInterestEntity } from './entities/listing-interest.entity';

export interface ListingInterestInput {
  achievementId: string;
  demandId: string;
  message?: string | null;
}

/** The engine version recorded on a match created by an enterprise's expression of interest. */
export const ENTERPRISE_INTEREST = 'enterprise-interest';

/**
 * Deals move what they are about (the listing and the demand), and enterprises ask for introductions to a listing
 * themselves. Every status change writes the search outbox in the same transaction, so the indexes follow.
 */
@Injectable()
export class MarketService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Applies a deal's move to its achievement and demand, inside the move's transaction (the deal row is locked;
   * the achievement and the demand are locked here, in that order). Sets the deal's `holds*` flags; the caller
   * saves the deal.
   */
  async applyMove(manager: EntityManager, deal: DealEntity, from: DealStage, actorId: string | null): Promise<void> {
    const effects = marketEffects({
      from,
      to: deal.stage,
      contractType: deal.contractType,
      exclusiveLicence: deal.exclusiveLicence,
    });
    const why = `deal ${deal.id}: ${from} → ${deal.stage}`;
    if (effects.listing && deal.targetType === MatchTargetType.ACHIEVEMENT) {
      const achievement = await manager.findOne(AchievementEntity, {
        where: { id: deal.targetId },
        lock: { mode: 'pessimistic_write' },
      });
      if (achievement) {
        switch (effects.listing) {
          case 'HOLD':
            if (achievement.status === AchievementStatus.LISTED) {
              await this.moveAchievement(manager, achievement, AchievementStatus.IN_NEGOTIATION, actorId, why);
              deal.holdsListing = true;
            } else if (achievement.status === AchievementStatus.IN_NEGOTIATION) {
              // Held by another deal already: this one holds it too (its loss must not release it alone).
              deal.holdsListing = await this.othersHoldListing(manager, deal);
            }
            break;
          case 'RELEASE':
            if (deal.holdsListing) {
              deal.holdsListing = false;
              if (
                achievement.status === AchievementStatus.IN_NEGOTIATION &&
                !(await this.othersHoldListing(manager, deal))
              ) {
                await this.moveAchievement(manager, achievement, AchievementStatus.LISTED, actorId, why);
              }
            }
            break;
          case 'TRANSFER':
            deal.holdsListing = false;
            if (
              achievement.status === AchievementStatus.LISTED ||
              achievement.status === AchievementStatus.IN_NEGOTIATION
            ) {
              await this.moveAchievement(manager, achievement, AchievementStatus.TRANSFERRED, actorId, why);
            }
            break;
        }
      }
    }
    if (effects.demand) {
      const demand = await manager.findOne(DemandEntity, {
        where: { id: deal.demandId },
        lock: { mode: 'pessimistic_write' },
      });
      if (demand) {
        switch (effects.demand) {
          case 'HOLD':
            if (demand.status === DemandStatus.OPEN) {
              await this.moveDemand(manager, demand, DemandStatus.IN_PROGRESS);
              deal.holdsDemand = true;
            } else if (demand.status === DemandStatus.IN_PROGRESS) {
              deal.holdsDemand = await this.othersHoldDemand(manager, deal);
            }
            break;
          case 'RELEASE':
            if (deal.holdsDemand) {
              deal.holdsDemand = false;
              if (demand.status === DemandStatus.IN_PROGRESS && !(await this.othersHoldDemand(manager, deal))) {
                // Back on the market, unless its deadline passed meanwhile.
                const expired = demand.deadline !== null && demand.deadline.getTime() < this.clock.now().getTime();
                await this.moveDemand(manager, demand, expired ? DemandStatus.EXPIRED : DemandStatus.OPEN);
              }
            }
            break;
          case 'SOLVE':
            deal.holdsDemand = false;
            if (demand.status === DemandStatus.OPEN || demand.status === DemandStatus.IN_PROGRESS) {
              await this.moveDemand(manager, demand, DemandStatus.SOLVED);
            }
            break;
        }
      }
    }
  }

  /**
   * An enterprise member asks for an introduction to a listed achievement for one of their organisation's open
   * demands: the pair enters the brokers' work queue as an INTERESTED match (created, or raised from SUGGESTED /
   * VIEWED / DISMISSED), with the enterprise's message. Asking again updates the message. A pair declined
   * before is not asked again.
   */
  async expressInterest(actor: Actor, input: ListingInterestInput): Promise<ListingInterestEntity> {
    if (!actor.hasRole(Role.ENTERPRISE_MEMBER)) {
      throw forbidden('Only enterprise members ask for an introduction to a listing');
    }
    assertEmailVerified(actor);
    const message = input.message?.trim() || null;
    return this.dataSource.transaction(async (manager) => {
      const demand = await manager.findOneBy(DemandEntity, { id: input.demandId });
      if (!demand || !actor.hasRole(Role.ENTERPRISE_MEMBER, demand.organisationId)) {
        throw notFound('Demand', input.demandId);
      }
      const achievement = await manager.findOneBy(AchievementEntity, { id: input.achievementId });
      const inventors = achievement
        ? await manager.findBy(AchievementInventorEntity, { achievementId: achievement.id })
        : [];
      if (!achievement || !canView(actor, achievement, inventors)) throw notFound('Achievement', input.achievementId);
      if (demand.status !== DemandStatus.OPEN) {
        throw fail('LISTING_NOT_AVAILABLE', { what: 'demand', currentStatus: demand.status });
      }
      if (achievement.status !== AchievementStatus.LISTED) {
        throw fail('LISTING_NOT_AVAILABLE', { what: 'achievement', currentStatus: achievement.status });
      }
      const now = this.clock.now();
      const rows = await manager.query<Array<{ id: string }>>(
        `INSERT INTO matches (demand_id, target_type, target_id, score, explanation, engine_version, status, computed_at)
         VALUES ($1, 'ACHIEVEMENT', $2, 1, $3::jsonb, $4, 'INTERESTED', $5)
         ON CONFLICT (demand_id, target_type, target_id)
           DO UPDATE SET status = 'INTERESTED', updated_at = now() WHERE matches.status <> 'DECLINED'
         RETURNING id`,
        [
          demand.id,
          achievement.id,
          JSON.stringify({ matchedTerms: [], missingTerms: [], textScore: 0, coverage: 0, factors: [] }),
          ENTERPRISE_INTEREST,
          now,
        ],
      );
      const matchId = rows[0]?.id;
      if (!matchId) {
        throw badInput('This demand declined this achievement before', { field: 'achievementId' });
      }
      await manager
        .createQueryBuilder()
        .insert()
        .into(ListingInterestEntity)
        .values({
          achievementId: achievement.id,
          demandId: demand.id,
          organisationId: demand.organisationId,
          requestedById: actor.userId,
          matchId,
          message,
        })
        .orUpdate(['message', 'requested_by_id', 'match_id'], ['demand_id', 'achievement_id'])
        .execute();
      return manager.findOneByOrFail(ListingInterestEntity, { demandId: demand.id, achievementId: achievement.id });
    });
  }

  /** The enterprise's own expressions of interest in one achievement (its members only; others get none). */
  async myInterests(actor: Actor, achievementId: string): Promise<ListingInterestEntity[]> {
    const organisations = actor.organisationsWithRole(Role.ENTERPRISE_MEMBER);
    if (organisations.length === 0) return [];
    return this.dataSource.getRepository(ListingInterestEntity).find({
      where: { achievementId, organisationId: In(organisations) },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: 50,
    });
  }

  /** The interests carried by these matches (for the work queue page, one query). */
  interestsOfMatches(matchIds: readonly string[]): Promise<ListingInterestEntity[]> {
    if (matchIds.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(ListingInterestEntity).findBy({ matchId: In([...matchIds]) });
  }

  // ---- internals ----

  private othersHoldListing(manager: EntityManager, deal: DealEntity): Promise<boolean> {
    return manager.existsBy(DealEntity, {
      id: Not(deal.id),
      targetType: deal.targetType,
      targetId: deal.targetId,
      holdsListing: true,
      stage: In([...HOLDING_STAGES]),
    });
  }

  private othersHoldDemand(manager: EntityManager, deal: DealEntity): Promise<boolean> {
    return manager.existsBy(DealEntity, {
      id: Not(deal.id),
      demandId: deal.demandId,
      holdsDemand: true,
      stage: In([...HOLDING_STAGES]),
    });
  }

  private async moveAchievement(
    manager: EntityManager,
    achievement: AchievementEntity,
    to: AchievementStatus,
    actorId: string | null,
    why: string,
  ): Promise<void> {
    const from = achievement.status;
    await manager.update(AchievementEntity, { id: achievement.id }, { status: to });
    achievement.status = to;
    const event =
      to === AchievementStatus.IN_NEGOTIATION
        ? WorkflowEvent.START_NEGOTIATION
        : to === AchievementStatus.TRANSFERRED
          ? WorkflowEvent.MARK_TRANSFERRED
          : WorkflowEvent.END_NEGOTIATION;
    // The evidence record names the deal that moved it.
    await manager.insert(AchievementTransitionEntity, {
      achievementId: achievement.id,
      actorId,
      event,
      fromStatus: from,
      toStatus: to,
      comment: why,
      documents: [],
    });
    await recordOutboxChange(manager, OutboxSubject.ACHIEVEMENT, achievement.id);
  }

  private async moveDemand(manager: EntityManager, demand: DemandEntity, to: DemandStatus): Promise<void> {
    await manager.update(DemandEntity, { id: demand.id }, { status: to });
    demand.status = to;
    await recordOutboxChange(manager, OutboxSubject.DEMAND, demand.id);
  }
}
