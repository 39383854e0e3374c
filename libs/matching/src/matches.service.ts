import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  badInput,
  BROKER_ACCESS,
  BrokerAccess,
  fail,
  Clock,
  Connection,
  countOf,
  decodeCursor,
  forbidden,
  MetricsService,
  notFound,
  toConnection,
} from '@app/core';
import { AchievementEntity, AchievementInventorEntity, isOnTeam } from '@app/achievements';
import { DemandEntity, DemandStatus } from '@app/demands';
import { ExpertEntity } from '@app/experts';
import { Actor, Role } from '@app/identity';
import { DataSource, In } from 'typeorm';
import { MatchTargetType } from './domain/match-document';
import { ENGINE_VERSION } from './domain/matching-config';
import {
  DeclineReason,
  HIDDEN_MATCH_STATUSES,
  MatchStatus,
  nextStatus,
  statusChangeProblem,
} from './domain/match-status';
import { demandForMatching } from './domain/search-document-mapping';
import { MatchEntity } from './match.entity';
import { MatchingEngine } from './matching-engine';

/** How many of a demand's ranked targets become match rows. */
export const STORED_MATCHES_PER_DEMAND = 30;
/** How many open demands a changed achievement or expert is tried against. */
const REVERSE_CANDIDATE_DEMANDS = 50;

export type MatchOutcome = 'done' | 'skipped';

/** A demand's listed matches and the ones nobody looked at yet. */
export interface MatchCounts {
  total: number;
  unseen: number;
}

/** engineVersion of a row stored only to remember a decline (the engine never proposed the pair). */
export const DECLINED_OUTSIDE_MATCHING = 'declined-outside-matching';

@Injectable()
export class MatchesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: MatchingEngine,
    private readonly clock: Clock,
    @Optional() @Inject(BROKER_ACCESS) private readonly brokers?: BrokerAccess,
    @Optional() private readonly metrics?: MetricsService,
  ) {}

  // ---- computing ----

  /**
   * Ranks targets for one OPEN demand and stores the best as match rows: existing pairs are updated (status
   * kept), new ones inserted, SUGGESTED rows that fell out of the list removed unless a broker works on them.
   * Declined pairs are never proposed again. A demand that is not OPEN any more loses its untouched suggestions.
   */
  async matchDemand(demandId: string): Promise<MatchOutcome> {
    const stopTimer = this.metrics?.matchingDuration.startTimer();
    const outcome = await this.computeDemandMatches(demandId);
    if (outcome === 'done') stopTimer?.();
    return outcome;
  }

  private async computeDemandMatches(demandId: string): Promise<MatchOutcome> {
    const demand = await this.dataSource.getRepository(DemandEntity).findOneBy({ id: demandId });
    const matches = this.dataSource.getRepository(MatchEntity);
    if (!demand || demand.status !== DemandStatus.OPEN) {
      await matches.delete({ demandId, status: MatchStatus.SUGGESTED });
      return 'skipped';
    }
    const declined = await matches.find({
      select: { targetType: true, targetId: true },
      where: { demandId, status: MatchStatus.DECLINED },
    });
    const excluded = new Set(declined.map((row) => `${row.targetType}:${row.targetId}`));
    const ranked = await this.engine.rank(
      demandForMatching(demand),
      // Only matches above the calibrated threshold are stored (and so sent): a demand may have none.
      { excluded, limit: STORED_MATCHES_PER_DEMAND, aboveThreshold: true },
      this.clock.now(),
    );
    const computedAt = this.clock.now();
    // A suggestion a broker claimed or introduced stays even when it falls out of the list: their work (and the
    // claim's link to it) must not vanish because the ranking moved. Asked before the transaction, so it never
    // holds a second pool connection.
    const suggested = await matches.find({ select: { id: true }, where: { demandId, status: MatchStatus.SUGGESTED } });
    const inBrokersHands = [
      ...((await this.brokers?.matchesInBrokersHands(suggested.map((row) => row.id))) ?? new Set<string>()),
    ];

    await this.dataSource.transaction(async (manager) => {
      if (ranked.length > 0) {
        await manager
          .createQueryBuilder()
          .insert()
          .into(MatchEntity)
          .values(
            ranked.map((match) => ({
              demandId,
              targetType: match.type,
              targetId: match.id,
              score: match.score,
              explanation: match.explanation,
              engineVersion: ENGINE_VERSION,
              computedAt,
            })),
          )
          .orUpdate(
            ['score', 'explanation', 'engine_version', 'computed_at', 'updated_at'],
            ['demand_id', 'target_type', 'target_id'],
          )
          .execute();
        // A pair closed when its listing left the market and proposed again (it returned) is open again.
        await manager
          .createQueryBuilder()
          .update(MatchEntity)
          .set({ status: MatchStatus.SUGGESTED })
          .where('demand_id = :demandId AND status = :closed AND computed_at = :computedAt', {
            demandId,
            closed: MatchStatus.CLOSED,
            computedAt,
          })
          .execute();
      }
      const removal = manager
        .createQueryBuilder()
        .delete()
        .from(MatchEntity)
        .where('demand_id = :demandId AND status = :status AND computed_at < :computedAt', {
          demandId,
          status: MatchStatus.SUGGESTED,
          computedAt,
        });
      if (inBrokersHands.length > 0) removal.andWhere('id NOT IN (:...inBrokersHands)', { inBrokersHands });
      await removal.execute();
    });
    return 'done';
  }

  /**
   * An achievement or expert changed: the open demands it may fit (found through the demand index with the
   * target's own words) are rematched, so the pair appears, moves or disappears consistently with the forward
   * direction. Pairs of demands no longer found keep their rows until those demands are rematched.
   */
  async matchTarget(targetType: MatchTargetType, targetId: string): Promise<MatchOutcome> {
    const demandIds = new Set(await this.engine.demandsForTarget(targetType, targetId, REVERSE_CANDIDATE_DEMANDS));
    // Demands already matched with it are rematched too (the target may have stopped fitting them).
    const existing = await this.dataSource
      .getRepository(MatchEntity)
      .find({ select: { demandId: true }, where: { targetType, targetId } });
    for (const row of existing) demandIds.add(row.demandId);
    if (demandIds.size === 0) return 'skipped';
    for (const demandId of [...demandIds].sort()) await this.matchDemand(demandId);
    return 'done';
  }

  /** Ids of OPEN demands, in id order, after `afterId` (for the nightly rematch). */
  async openDemandIds(afterId: string | null, limit: number): Promise<string[]> {
    const query = this.dataSource
      .getRepository(DemandEntity)
      .createQueryBuilder('d')
      .select('d.id', 'id')
      .where('d.status = :status', { status: DemandStatus.OPEN })
      .orderBy('d.id', 'ASC')
      .limit(limit);
    if (afterId) query.andWhere('d.id > :afterId', { afterId });
    const rows = await query.getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }

  // ---- reading ----

  async forDemand(
    actor: Actor,
    demandId: string,
    page: { first: number; after?: string },
  ): Promise<Connection<MatchEntity>> {
    const demand = await this.dataSource.getRepository(DemandEntity).findOneBy({ id: demandId });
    if (!demand) throw notFound('Demand', demandId);
    if (!this.canSeeDemandMatches(actor, demand))
      throw forbidden('Only the demand owner, brokers and administrators see its matches');
    return this.page({ demandId }, page);
  }

  async forTarget(
    actor: Actor,
    targetType: MatchTargetType,
    targetId: string,
    page: { first: number; after?: string },
  ): Promise<Connection<MatchEntity>> {
    await this.assertCanSeeTargetMatches(actor, targetType, targetId);
    return this.page({ targetType, targetId }, page);
  }

  /**
   * Per demand, its listed matches (not declined or dismissed) and how many of them nobody looked at yet
   * (SUGGESTED), for the viewers `forDemand` serves (the posting organisation, brokers, administrators); null for
   * the others and for unknown demands. One query for all the ids.
   */
  async countsForDemands(actor: Actor | undefined, demandIds: readonly string[]): Promise<Array<MatchCounts | null>> {
    if (!actor || demandIds.length === 0) return demandIds.map(() => null);
    const rows = await this.dataSource
      .getRepository(DemandEntity)
      .createQueryBuilder('d')
      .leftJoin(MatchEntity, 'm', 'm.demand_id = d.id AND m.status NOT IN (:...hidden)', {
        hidden: HIDDEN_MATCH_STATUSES,
      })
      .select('d.id', 'id')
      .addSelect('d.organisation_id', 'organisationId')
      .addSelect('COUNT(m.id)::int', 'total')
      .addSelect(`COUNT(m.id) FILTER (WHERE m.status = :suggested)::int`, 'unseen')
      .setParameter('suggested', MatchStatus.SUGGESTED)
      .where('d.id IN (:...ids)', { ids: [...new Set(demandIds)] })
      .groupBy('d.id')
      .getRawMany<{ id: string; organisationId: string; total: number; unseen: number }>();
    return demandIds.map((id) => {
      const row = rows.find((candidate) => candidate.id === id);
      if (!row || !this.canSeeDemandMatches(actor, { organisationId: row.organisationId })) return null;
      return { total: row.total, unseen: row.unseen };
    });
  }

  private async page(
    where: { demandId: string } | { targetType: MatchTargetType; targetId: string },
    page: { first: number; after?: string },
  ): Promise<Connection<MatchEntity>> {
    const query = this.dataSource.getRepository(MatchEntity).createQueryBuilder('m');
    if ('demandId' in where) query.where('m.demandId = :demandId', { demandId: where.demandId });
    else query.where('m.targetType = :targetType AND m.targetId = :targetId', where);
    // Dismissed and declined matches stay stored (feedback) but are not listed, nor closed ones.
    query.andWhere('m.status NOT IN (:...hidden)', { hidden: HIDDEN_MATCH_STATUSES });
    const totalCount = countOf(query);
    if (page.after) {
      const [score, id] = decodeCursor(page.after, 2);
      if (typeof score !== 'number' || typeof id !== 'string') throw fail('INVALID_CURSOR', { field: 'after' });
      query.andWhere('(m.score < :score OR (m.score = :score AND m.id > :id))', { score, id });
    }
    const rows = await query
      .orderBy('m.score', 'DESC')
      .addOrderBy('m.id', 'ASC')
      .limit(page.first + 1)
      .getMany();
    return toConnection(rows, page.first, (row) => [row.score, row.id], totalCount);
  }

  // ---- feedback ----

  async setStatus(
    actor: Actor,
    matchId: string,
    status: MatchStatus,
    reason?: DeclineReason | null,
  ): Promise<MatchEntity> {
    const repository = this.dataSource.getRepository(MatchEntity);
    const match = await repository.findOneBy({ id: matchId });
    if (!match) throw notFound('Match', matchId);
    await this.assertCanActOn(actor, match);
    if (status === MatchStatus.DECLINED && !reason)
      throw badInput('A reason is required to decline a match', { field: 'reason' });
    if (status !== MatchStatus.DECLINED && reason)
      throw badInput('A reason is only given when declining', { field: 'reason' });
    const problem = statusChangeProblem(match.status, status);
    if (problem) throw badInput(problem, { field: 'status' });
    match.status = nextStatus(match.status, status);
    match.declineReason = status === MatchStatus.DECLINED ? (reason ?? null) : match.declineReason;
    return repository.save(match);
  }

  /**
   * A pair declined outside the match list (e.g. a brokered introduction): the pair's row becomes DECLINED with
   * the reason, or a DECLINED row is stored when the engine never proposed it, so it is not suggested again.
   * System-level: the caller decided who may decline.
   */
  async recordDeclinedPair(
    pair: { demandId: string; targetType: MatchTargetType; targetId: string },
    reason: DeclineReason,
  ): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(MatchEntity)
      .values({
        ...pair,
        score: 0,
        explanation: { matchedTerms: [], missingTerms: [], textScore: 0, coverage: 0, factors: [] },
        engineVersion: DECLINED_OUTSIDE_MATCHING,
        status: MatchStatus.DECLINED,
        declineReason: reason,
        computedAt: this.clock.now(),
      })
      .orUpdate(['status', 'decline_reason', 'updated_at'], ['demand_id', 'target_type', 'target_id'])
      .execute();
  }

  // ---- authorisation ----

  private canSeeDemandMatches(actor: Actor, demand: Pick<DemandEntity, 'organisationId'>): boolean {
    return actor.isAdmin || actor.hasRole(Role.BROKER) || actor.belongsTo(demand.organisationId);
  }

  private async assertCanSeeTargetMatches(
    actor: Actor,
    targetType: MatchTargetType,
    targetId: string,
    options: { asBroker: boolean } = { asBroker: true },
  ): Promise<void> {
    if (actor.isAdmin || (options.asBroker && actor.hasRole(Role.BROKER))) return;
    if (targetType === MatchTargetType.ACHIEVEMENT) {
      const achievement = await this.dataSource.getRepository(AchievementEntity).findOneBy({ id: targetId });
      if (!achievement) throw notFound('Achievement', targetId);
      if (actor.hasRole(Role.TTO_OFFICER, achievement.institutionId)) return;
      const inventors = await this.dataSource
        .getRepository(AchievementInventorEntity)
        .findBy({ achievementId: In([targetId]) });
      if (isOnTeam(actor, achievement, inventors)) return;
    } else {
      const expert = await this.dataSource.getRepository(ExpertEntity).findOneBy({ id: targetId });
      if (!expert) throw notFound('Expert', targetId);
      if (expert.userId === actor.userId || actor.hasRole(Role.TTO_OFFICER, expert.organisationId)) return;
    }
    throw forbidden('Only the owners, their TTO, brokers and administrators see these matches');
  }

  /**
   * Either side may give feedback on a match (whoever stands on it from the demand or from the target), and an
   * administrator; a broker only while they hold the active claim on it — seeing a match in the work queue does
   * not let every broker dismiss or decline it.
   */
  private async assertCanActOn(actor: Actor, match: MatchEntity): Promise<void> {
    if (actor.isAdmin) return;
    const demand = await this.dataSource.getRepository(DemandEntity).findOneBy({ id: match.demandId });
    if (demand && actor.belongsTo(demand.organisationId)) return;
    if (this.brokers && (await this.brokers.holdsMatchClaim(actor.userId, match.id))) return;
    try {
      await this.assertCanSeeTargetMatches(actor, match.targetType, match.targetId, { asBroker: false });
    } catch (error) {
      if (actor.hasRole(Role.BROKER)) throw fail('MATCH_CLAIM_REQUIRED', { field: 'matchId' });
      throw error;
    }
  }

  /**
   * The matches of these ids the viewer may see (as `forDemand` / `forTarget` decide, batched): brokers and
   * administrators all; others those of their organisation's demands or of their own achievements and profiles.
   */
  async visibleByIds(actor: Actor | undefined, ids: readonly string[]): Promise<MatchEntity[]> {
    if (!actor || ids.length === 0) return [];
    const rows = await this.dataSource.getRepository(MatchEntity).findBy({ id: In([...ids]) });
    if (actor.isAdmin || actor.hasRole(Role.BROKER)) return rows;
    const idsOf = (type: MatchTargetType) => [
      ...new Set(rows.filter((row) => row.targetType === type).map((row) => row.targetId)),
    ];
    const achievementIds = idsOf(MatchTargetType.ACHIEVEMENT);
    const expertIds = idsOf(MatchTargetType.EXPERT);
    const demandIds = [...new Set(rows.map((row) => row.demandId))];
    const demands = await this.dataSource
      .getRepository(DemandEntity)
      .find({ select: { id: true, organisationId: true }, where: { id: In(demandIds) } });
    const achievements = achievementIds.length
      ? await this.dataSource.getRepository(AchievementEntity).findBy({ id: In(achievementIds) })
      : [];
    const inventors = achievementIds.length
      ? await this.dataSource.getRepository(AchievementInventorEntity).findBy({ achievementId: In(achievementIds) })
      : [];
    const experts = expertIds.length
      ? await this.dataSource.getRepository(ExpertEntity).findBy({ id: In(expertIds) })
      : [];
    return rows.filter((row) => {
      const demand = demands.find((candidate) => candidate.id === row.demandId);
      if (demand && actor.belongsTo(demand.organisationId)) return true;
      if (row.targetType === MatchTargetType.ACHIEVEMENT) {
        const achievement = achievements.find((candidate) => candidate.id === row.targetId);
        if (!achievement) return false;
        return (
          actor.hasRole(Role.TTO_OFFICER, achievement.institutionId) ||
          isOnTeam(
            actor,
            achievement,
            inventors.filter((inventor) => inventor.achievementId === achievement.id),
          )
        );
      }
      const expert = experts.find((candidate) => candidate.id === row.targetId);
      return !!expert && (expert.userId === actor.userId || actor.hasRole(Role.TTO_OFFICER, expert.organisationId));
    });
  }

  async byIds(ids: readonly string[]): Promise<MatchEntity[]> {
    return this.dataSource.getRepository(MatchEntity).findBy({ id: In([...ids]) });
  }
}
