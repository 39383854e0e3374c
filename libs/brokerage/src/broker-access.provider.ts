import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BrokerAccess, BrokeredSubject, Clock } from '@app/core';
import { MembershipStatus, Role } from '@app/identity';
import { CLAIM_HOLDS } from './claims.service';
import { credentialActive } from './domain/broker-credential';
import { BrokerConfidentialReadEntity, BrokerProfileEntity } from './entities/brokerage-settings.entity';

/** SQL: subject `s.id` (of :subjectType) is entrusted (not revoked) to :me or one of :agencies. */
const ENTRUSTED = `EXISTS (SELECT 1 FROM entrustments e WHERE e.revoked_at IS NULL
  AND e.subject_type = :subjectType AND e.subject_id = s.id
  AND (e.broker_id = :me OR e.agency_id = ANY(CAST(:agencies AS uuid[]))))`;

/** SQL: :me holds an active claim on a match of subject `s.id`. */
const CLAIMED = `EXISTS (SELECT 1 FROM match_claims c JOIN matches m ON m.id = c.match_id
  WHERE c.broker_id = :me AND ${CLAIM_HOLDS}
  AND ((:subjectType = 'DEMAND' AND m.demand_id = s.id)
    OR (:subjectType = 'ACHIEVEMENT' AND m.target_type = 'ACHIEVEMENT' AND m.target_id = s.id)))`;

/**
 * Brokerage's answer to "may this broker read it, may they act on this match?": no blanket broker rule — a
 * verified, unexpired credential, the confidentiality terms acknowledged, and work on the subject (an entrustment
 * to them or their agency, or an active claim of theirs on one of its matches). Every `true` read is logged in
 * `broker_confidential_reads` with its basis. Depends on the database only (no cycle with demands, achievements,
 * matching).
 */
@Injectable()
export class BrokerAccessProvider implements BrokerAccess {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async brokerReadsConfidential(
    userId: string,
    subject: BrokeredSubject,
    subjectIds: readonly string[],
  ): Promise<Set<string>> {
    const readable = new Set<string>();
    if (subjectIds.length === 0) return readable;
    const now = this.clock.now();
    const profile = await this.dataSource.getRepository(BrokerProfileEntity).findOneBy({ userId });
    if (!profile || !profile.confidentialityAcknowledgedAt || !credentialActive(profile, now)) return readable;
    // Current ACTIVE BROKER memberships (a removed broker's agency no longer counts).
    const agencies = (
      await this.dataSource.query<Array<{ organisation_id: string }>>(
        `SELECT organisation_id FROM memberships WHERE user_id = $1 AND role = $2 AND status = $3`,
        [userId, Role.BROKER, MembershipStatus.ACTIVE],
      )
    ).map((row) => row.organisation_id);
    if (agencies.length === 0) return readable;
    const rows = await this.dataSource
      .createQueryBuilder()
      .select('s.id', 'id')
      .addSelect(`CASE WHEN ${ENTRUSTED} THEN 'ENTRUSTMENT' WHEN ${CLAIMED} THEN 'CLAIM' END`, 'basis')
      .from('(SELECT unnest(CAST(:ids AS uuid[])) AS id)', 's')
      .setParameters({ me: userId, agencies, subjectType: subject, ids: [...new Set(subjectIds)], now })
      .getRawMany<{ id: string; basis: string | null }>();
    const reads = rows.filter((row) => row.basis);
    if (reads.length === 0) return readable;
    await this.dataSource
      .getRepository(BrokerConfidentialReadEntity)
      .insert(reads.map((row) => ({ userId, subjectType: subject, subjectId: row.id, basis: row.basis! })));
    for (const row of reads) readable.add(row.id);
    return readable;
  }

  async holdsMatchClaim(userId: string, matchId: string): Promise<boolean> {
    return this.dataSource
      .createQueryBuilder()
      .select('1')
      .from('match_claims', 'c')
      .where('c.match_id = :matchId AND c.broker_id = :me', { matchId, me: userId })
      .andWhere(CLAIM_HOLDS, { now: this.clock.now() })
      .getExists();
  }

  async matchesInBrokersHands(matchIds: readonly string[]): Promise<Set<string>> {
    if (matchIds.length === 0) return new Set();
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT c.match_id AS id FROM match_claims c WHERE c.match_id = ANY($1::uuid[])
         AND c.released_at IS NULL
         AND (c.expires_at > $2 OR EXISTS (SELECT 1 FROM introductions i LEFT JOIN deals dl ON dl.introduction_id = i.id
           WHERE i.claim_id = c.id AND i.status IN ('PROPOSED', 'ACCEPTED') AND (dl.id IS NULL OR dl.stage <> 'CLOSED_LOST')))
       UNION
       SELECT i.match_id AS id FROM introductions i WHERE i.match_id = ANY($1::uuid[])`,
      [[...matchIds], this.clock.now()],
    );
    return new Set(rows.map((row) => row.id));
  }
}
