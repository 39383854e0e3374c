import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import {
  badInput,
  fail,
  Clock,
  conflict,
  Connection,
  countOf,
  decodeCursor,
  forbidden,
  notFound,
  readPlatformSettings,
  toConnection,
} from '@app/core';
import { DemandStatus } from '@app/demands';
import { Actor, assertEmailVerified, Role } from '@app/identity';
import { MatchEntity, MatchStatus, MatchTargetType } from '@app/matching';
import { BrokerageSettingsService } from './brokerage-settings.service';
import { EntrustedSubject } from './entities/entrustment.entity';
import { ListingInterestEntity } from './entities/listing-interest.entity';
import { MatchClaimEntity } from './entities/match-claim.entity';
import { BrokerCredentialsService } from './broker-credentials.service';

/**
 * SQL: claim `c` still holds although expired, because its introduction is alive (awaiting answers, or a deal
 * that is not lost). "Returns to the pool unless the deal moved."
 */
const CLAIM_MOVED = `EXISTS (SELECT 1 FROM introductions i LEFT JOIN deals dl ON dl.introduction_id = i.id
  WHERE i.claim_id = c.id AND i.status IN ('PROPOSED', 'ACCEPTED') AND (dl.id IS NULL OR dl.stage <> 'CLOSED_LOST'))`;

/** SQL: claim `c` holds the match at :now. */
export const CLAIM_HOLDS = `(c.released_at IS NULL AND (c.expires_at > :now OR ${CLAIM_MOVED}))`;

/** SQL: an active exclusive entrustment of the pair of match `m` to someone other than :me / :agencies. */
const EXCLUDED_BY_EXCLUSIVITY = `EXISTS (SELECT 1 FROM entrustments e WHERE e.revoked_at IS NULL AND e.exclusive_until > :now
  AND ((e.subject_type = 'DEMAND' AND e.subject_id = m.demand_id)
    OR (e.subject_type = 'ACHIEVEMENT' AND m.target_type = 'ACHIEVEMENT' AND e.subject_id = m.target_id))
  AND NOT COALESCE(e.broker_id = CAST(:me AS uuid) OR e.agency_id = ANY(CAST(:agencies AS uuid[])), false))`;

/** SQL: the pair of match `m` is entrusted to :me or :agencies. */
const ENTRUSTED_TO_ME = `EXISTS (SELECT 1 FROM entrustments e WHERE e.revoked_at IS NULL
  AND ((e.subject_type = 'DEMAND' AND e.subject_id = m.demand_id)
    OR (e.subject_type = 'ACHIEVEMENT' AND m.target_type = 'ACHIEVEMENT' AND e.subject_id = m.target_id))
  AND (e.broker_id = CAST(:me AS uuid) OR e.agency_id = ANY(CAST(:agencies AS uuid[]))))`;

const OPEN_MATCH_STATUSES = [MatchStatus.SUGGESTED, MatchStatus.VIEWED, MatchStatus.INTERESTED];

export interface WorkQueueItem {
  match: MatchEntity;
  entrusted: boolean;
  matchedAt: Date;
  interest: ListingInterestEntity | null;
}

/** Narrowing of the work queue (each optional). */
export interface WorkQueueFilter {
  industryCode?: string;
  institutionId?: string;
  maxAgeDays?: number;
  interestOnly?: boolean;
}

/** Brokers' claims on matches and their work queue. */
@Injectable()
export class ClaimsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly credentials: BrokerCredentialsService,
    private readonly settings: BrokerageSettingsService,
    private readonly clock: Clock,
  ) {}

  /**
   * Claims a match for the agency's claim period. Exactly one of several brokers claiming at once wins: the
   * insert is conditional on the unique partial index (one unreleased claim per match); the others get CONFLICT.
   */
  async claim(actor: Actor, matchId: string): Promise<MatchClaimEntity> {
    if (!actor.hasRole(Role.BROKER)) throw fail('BROKER_ROLE_REQUIRED');
    assertEmailVerified(actor);
    const agencyId = await this.credentials.activeAgencyOf(actor);
    const match = await this.dataSource.getRepository(MatchEntity).findOneBy({ id: matchId });
    if (!match) throw notFound('Match', matchId);
    if (!OPEN_MATCH_STATUSES.includes(match.status))
      throw badInput(`A ${match.status} match cannot be claimed`, { field: 'matchId' });
    const now = this.clock.now();
    const agencies = actor.organisationsWithRole(Role.BROKER);
    const exclusion = await this.dataSource
      .getRepository(MatchEntity)
      .createQueryBuilder('m')
      .select(EXCLUDED_BY_EXCLUSIVITY, 'excluded')
      .where('m.id = :matchId', { matchId })
      .setParameters({ now, me: actor.userId, agencies })
      .getRawOne<{ excluded: boolean }>();
    if (exclusion?.excluded) throw forbidden('Its owner entrusted it exclusively to another broker');
    const settings = await this.settings.agencySettings(agencyId);
    return this.dataSource.transaction(async (manager) => {
      // One agency's claims at a time, so the caps below hold under concurrent claims.
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`agency-claims:${agencyId}`]);
      const platform = await readPlatformSettings(manager);
      const [open] = await manager.query<Array<{ broker: number; agency: number }>>(
        `SELECT COUNT(*) FILTER (WHERE c.broker_id = $1)::int AS broker, COUNT(*)::int AS agency
           FROM match_claims c WHERE c.agency_id = $2 AND ${CLAIM_HOLDS.replaceAll(':now', '$3')}`,
        [actor.userId, agencyId, now],
      );
      if (open.broker >= platform.maxOpenClaimsPerBroker) {
        throw fail('CLAIM_LIMIT_REACHED', { limit: platform.maxOpenClaimsPerBroker, scope: 'broker' });
      }
      if (open.agency >= platform.maxOpenClaimsPerAgency) {
        throw fail('CLAIM_LIMIT_REACHED', { limit: platform.maxOpenClaimsPerAgency, scope: 'agency' });
      }
      // The platform bounds the claim period, also for an agency setting stored before the bound was lowered.
      const periodSeconds = Math.min(settings.claimPeriodSeconds, platform.maxClaimPeriodSeconds);
      // An expired claim whose deal did not move returns to the pool now.
      await manager
        .createQueryBuilder()
        .update(MatchClaimEntity)
        .set({ releasedAt: now, releaseReason: 'EXPIRED' })
        .where(`match_id = :matchId AND released_at IS NULL AND expires_at <= :now`, { matchId, now })
        .andWhere(`NOT ${CLAIM_MOVED.replaceAll('c.id', 'match_claims.id')}`)
        .execute();
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(MatchClaimEntity)
        .values({
          matchId,
          brokerId: actor.userId,
          agencyId,
          claimedAt: now,
          expiresAt: new Date(now.getTime() + periodSeconds * 1000),
          releasedAt: null,
          releaseReason: null,
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      const id = (inserted.raw as Array<{ id: string }>)[0]?.id;
      if (!id) {
        const holder = await manager.findOneBy(MatchClaimEntity, { matchId, releasedAt: IsNull() });
        throw conflict(
          holder?.brokerId === actor.userId ? 'You already claimed this match' : 'Another broker claimed this match',
          { field: 'matchId' },
        );
      }
      return manager.findOneByOrFail(MatchClaimEntity, { id });
    });
  }

  async release(actor: Actor, claimId: string): Promise<MatchClaimEntity> {
    const repository = this.dataSource.getRepository(MatchClaimEntity);
    const claim = await repository.findOneBy({ id: claimId });
    if (!claim) throw notFound('Claim', claimId);
    if (claim.brokerId !== actor.userId) throw forbidden('Only the broker who claimed it releases a claim');
    if (!claim.releasedAt) {
      claim.releasedAt = this.clock.now();
      claim.releaseReason = 'RELEASED';
      await repository.save(claim);
    }
    return claim;
  }

  /** The broker's claims that still hold, newest first. */
  async myClaims(actor: Actor, limit: number): Promise<MatchClaimEntity[]> {
    await this.credentials.activeAgencyOf(actor);
    return this.dataSource
      .getRepository(MatchClaimEntity)
      .createQueryBuilder('c')
      .where('c.broker_id = :me', { me: actor.userId })
      .andWhere(CLAIM_HOLDS, { now: this.clock.now() })
      .orderBy('c.claimed_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(limit)
      .getMany();
  }

  /** The claim that holds a match now (for brokers and administrators). */
  async holdingClaim(matchId: string): Promise<MatchClaimEntity | null> {
    return this.dataSource
      .getRepository(MatchClaimEntity)
      .createQueryBuilder('c')
      .where('c.match_id = :matchId', { matchId })
      .andWhere(CLAIM_HOLDS, { now: this.clock.now() })
      .getOne();
  }

  /**
   * The broker's work queue: unclaimed, open matches of open demands in the broker's industries (or whose demand
   * or achievement is entrusted to them), best score first, without pairs exclusively entrusted to someone else.
   */
  async workQueue(
    actor: Actor,
    page: { first: number; after?: string },
    filter: WorkQueueFilter = {},
  ): Promise<Connection<WorkQueueItem>> {
    await this.credentials.activeAgencyOf(actor);
    const agencies = actor.organisationsWithRole(Role.BROKER);
    const profile = await this.settings.profile(actor.userId);
    const now = this.clock.now();
    const query = this.dataSource
      .getRepository(MatchEntity)
      .createQueryBuilder('m')
      .innerJoin('demands', 'd', 'd.id = m.demand_id')
      .leftJoin('achievements', 'a', `m.target_type = 'ACHIEVEMENT' AND a.id = m.target_id`)
      .addSelect(ENTRUSTED_TO_ME, 'entrusted')
      .where('m.status IN (:...open)', { open: OPEN_MATCH_STATUSES })
      .andWhere('d.status = :openDemand', { openDemand: DemandStatus.OPEN })
      .andWhere(`NOT EXISTS (SELECT 1 FROM match_claims c WHERE c.match_id = m.id AND ${CLAIM_HOLDS})`)
      .andWhere(`NOT ${EXCLUDED_BY_EXCLUSIVITY}`)
      .setParameters({ now, me: actor.userId, agencies });
    if (profile.industryCodes.length > 0) {
      query.andWhere(`(d.industry_code IN (:...codes) OR a.industry_code IN (:...codes) OR ${ENTRUSTED_TO_ME})`, {
        codes: profile.industryCodes,
      });
    }
    if (filter.industryCode) {
      query.andWhere('(d.industry_code = :industry OR a.industry_code = :industry)', { industry: filter.industryCode });
    }
    if (filter.institutionId) {
      query.andWhere(
        `(a.institution_id = :institution OR (m.target_type = 'EXPERT' AND EXISTS
          (SELECT 1 FROM experts x WHERE x.id = m.target_id AND x.organisation_id = :institution)))`,
        { institution: filter.institutionId },
      );
    }
    if (filter.maxAgeDays) {
      query.andWhere('m.created_at >= :since', { since: new Date(now.getTime() - filter.maxAgeDays * 86_400_000) });
    }
    if (filter.interestOnly) {
      query.andWhere('EXISTS (SELECT 1 FROM listing_interests li WHERE li.match_id = m.id)');
    }
    const totalCount = countOf(query);
    if (page.after) {
      const [score, id] = decodeCursor(page.after, 2);
      if (typeof score !== 'number' || typeof id !== 'string') throw fail('INVALID_CURSOR', { field: 'after' });
      query.andWhere('(m.score < :score OR (m.score = :score AND m.id > :id))', { score, id });
    }
    const { entities, raw } = await query
      .orderBy('m.score', 'DESC')
      .addOrderBy('m.id', 'ASC')
      .limit(page.first + 1)
      .getRawAndEntities<{ entrusted: boolean }>();
    const interests =
      entities.length > 0
        ? await this.dataSource
            .getRepository(ListingInterestEntity)
            .findBy({ matchId: In(entities.map((match) => match.id)) })
        : [];
    const items = entities.map((match, index) => ({
      match,
      entrusted: Boolean(raw[index]?.entrusted),
      matchedAt: match.createdAt,
      interest: interests.find((interest) => interest.matchId === match.id) ?? null,
    }));
    return toConnection(items, page.first, (item) => [item.match.score, item.match.id], totalCount);
  }
}

export function subjectOfTarget(targetType: MatchTargetType): EntrustedSubject | null {
  return targetType === MatchTargetType.ACHIEVEMENT ? EntrustedSubject.ACHIEVEMENT : null;
}
