import { Injectable } from '@nestjs/common';
import { Any, EntityManager } from 'typeorm';
import { Clock, MarketExit, MarketSubject } from '@app/core';
import { MatchStatus, MatchTargetType } from '@app/matching';
import { NotificationEventsService, NotificationKind, SCREENS } from '@app/notifications';
import { IntroductionStatus } from './domain/introduction-consent';
import { IntroductionEntity } from './entities/introduction.entity';
import { pairTitle, partyAudiences } from './notification-parties';

/** The claim reason of a claim ended because its demand or target left the market. */
export const RELEASED_LISTING_WITHDRAWN = 'LISTING_WITHDRAWN';

const OPEN_MATCH_STATUSES = [MatchStatus.SUGGESTED, MatchStatus.VIEWED, MatchStatus.INTERESTED];

/** SQL (one parameter, $1: the subject ids) selecting the pairs of a subject, on a table aliased `x`. */
const PAIRS_OF: { readonly [S in MarketSubject]: string } = {
  DEMAND: 'x.demand_id = ANY($1::uuid[])',
  ACHIEVEMENT: `x.target_type = '${MatchTargetType.ACHIEVEMENT}' AND x.target_id = ANY($1::uuid[])`,
  EXPERT: `x.target_type = '${MatchTargetType.EXPERT}' AND x.target_id = ANY($1::uuid[])`,
};

/**
 * Brokerage's side of a listing leaving the market, in the transaction that withdrew it: its open matches are
 * CLOSED (claimed ones too), the claims on them end unless an accepted introduction (a deal under way) stands on
 * them, its PROPOSED introductions are WITHDRAWN, and the brokers and parties hear of it (in-app, and by email as
 * each chose). Nothing new starts on it afterwards: claims need an open match, introductions and deals an
 * available listing (PartiesService.assertAvailable).
 */
@Injectable()
export class MarketExitProvider implements MarketExit {
  constructor(
    private readonly notifications: NotificationEventsService,
    private readonly clock: Clock,
  ) {}

  async closeOpenMatches(
    manager: EntityManager,
    subject: MarketSubject,
    subjectIds: readonly string[],
    actorId: string | null,
  ): Promise<void> {
    if (subjectIds.length === 0) return;
    const ids = [...new Set(subjectIds)];
    const now = this.clock.now();
    await manager.query(
      `UPDATE matches x SET status = $2, updated_at = now() WHERE ${PAIRS_OF[subject]} AND x.status = ANY($3::match_status[])`,
      [ids, MatchStatus.CLOSED, OPEN_MATCH_STATUSES],
    );
    // Claims on them end now, unless an accepted introduction (its deal has its own rules) stands on the claim.
    // UPDATE … RETURNING through `query` answers [rows, count].
    const [released] = await manager.query<[Array<{ id: string; broker_id: string; match_id: string }>, number]>(
      `UPDATE match_claims c SET released_at = $2, release_reason = $3
       FROM matches x
       WHERE x.id = c.match_id AND ${PAIRS_OF[subject]} AND c.released_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM introductions i WHERE i.claim_id = c.id AND i.status = '${IntroductionStatus.ACCEPTED}')
       RETURNING c.id, c.broker_id, c.match_id`,
      [ids, now, RELEASED_LISTING_WITHDRAWN],
    );
    const [withdrawn] = await manager.query<[Array<{ id: string }>, number]>(
      `UPDATE introductions x SET status = $2, updated_at = now() WHERE ${PAIRS_OF[subject]} AND x.status = $3
       RETURNING x.id`,
      [ids, IntroductionStatus.WITHDRAWN, IntroductionStatus.PROPOSED],
    );
    const introductions = withdrawn.length
      ? await manager.findBy(IntroductionEntity, { id: Any(withdrawn.map((row) => row.id)) })
      : [];
    for (const introduction of introductions) {
      await this.notifications.publish(manager, {
        kind: NotificationKind.MATCH_CLOSED,
        eventKey: `introduction:${introduction.id}`,
        actorId,
        audiences: await partyAudiences(
          manager,
          { ...introduction, introductionId: introduction.id },
          ['BROKER', 'DEMAND', 'TARGET'],
          SCREENS.brokerPipeline(),
        ),
        data: { introductionId: introduction.id, subject },
        params: { subject: await pairTitle(manager, introduction), outcome: subject },
      });
    }
    // The brokers whose claims ended (those of a withdrawn introduction heard of it above: one notification each).
    const heard = new Set(introductions.filter((i) => i.claimId).map((i) => i.claimId));
    for (const claim of released.filter((row) => !heard.has(row.id))) {
      const match = await manager.query<Array<{ demand_id: string; target_type: MatchTargetType; target_id: string }>>(
        'SELECT demand_id, target_type, target_id FROM matches WHERE id = $1',
        [claim.match_id],
      );
      if (!match[0]) continue;
      const pair = { demandId: match[0].demand_id, targetType: match[0].target_type, targetId: match[0].target_id };
      await this.notifications.publish(manager, {
        kind: NotificationKind.MATCH_CLOSED,
        eventKey: `claim:${claim.id}`,
        actorId,
        audiences: [{ userIds: [claim.broker_id], path: SCREENS.brokerPipeline() }],
        data: { matchId: claim.match_id, subject },
        params: { subject: await pairTitle(manager, pair), outcome: subject },
      });
    }
  }
}
