import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { IntroductionAccess, JobIntentRelay } from '@app/core';
import { DemandEntity } from '@app/demands';
import { MembershipEntity, MembershipStatus, Role, UserEntity } from '@app/identity';
import { NotificationEventsService, NotificationKind, SCREENS } from '@app/notifications';
import { MatchTargetType } from '@app/matching';
import { IntroductionSide, IntroductionStatus } from './domain/introduction-consent';
import {
  IntroductionAcknowledgementEntity,
  IntroductionEntity,
  IntroductionRevealEntity,
  RevealedDetail,
} from './entities/introduction.entity';
import { pairTitle } from './notification-parties';

/**
 * Brokerage's answer to the experts' and demands' question "did an introduction reveal this to them?": only a
 * revealed introduction (both accepted, each side acknowledged) and only to a person who acknowledged on the
 * other side, while they remain an ACTIVE member of that side's organisation. Each `true` is a reveal and is
 * logged. Depends on the database only (no cycle with demands).
 */
@Injectable()
export class IntroductionAccessProvider implements IntroductionAccess {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationEventsService,
    private readonly intents: JobIntentRelay,
  ) {}

  revealsDemandConfidential(userId: string, demandId: string): Promise<boolean> {
    return this.revealThrough(userId, { demandId }, IntroductionSide.TARGET, RevealedDetail.DEMAND_CONFIDENTIAL);
  }

  revealsExpertContact(userId: string, expertId: string): Promise<boolean> {
    return this.revealThrough(
      userId,
      { targetType: MatchTargetType.EXPERT, targetId: expertId },
      IntroductionSide.DEMAND,
      RevealedDetail.EXPERT_CONTACT,
    );
  }

  async revealsAchievementConfidential(userId: string, achievementIds: readonly string[]): Promise<Set<string>> {
    const revealed = new Set<string>();
    if (achievementIds.length === 0) return revealed;
    const introductions = await this.revealedIntroductions(userId, IntroductionSide.DEMAND)
      .andWhere('i.target_type = :targetType AND i.target_id = ANY(CAST(:targetIds AS uuid[]))', {
        targetType: MatchTargetType.ACHIEVEMENT,
        targetIds: [...new Set(achievementIds)],
      })
      .orderBy('i.revealed_at', 'ASC')
      .addOrderBy('i.id', 'ASC')
      .getMany();
    for (const introduction of introductions) {
      if (revealed.has(introduction.targetId)) continue;
      revealed.add(introduction.targetId);
      await this.logReveal(introduction.id, userId, RevealedDetail.ACHIEVEMENT_CONFIDENTIAL);
    }
    return revealed;
  }

  async logReveal(
    introductionId: string,
    userId: string,
    detail: RevealedDetail,
    manager?: EntityManager,
  ): Promise<void> {
    let notified = 0;
    const run = async (m: EntityManager) => {
      await m.insert(IntroductionRevealEntity, { introductionId, userId, detail });
      if (detail === RevealedDetail.DEMAND_CONFIDENTIAL)
        notified = await this.notifyDemandRead(m, introductionId, userId);
    };
    if (manager) await run(manager);
    else await this.dataSource.transaction(run);
    if (notified > 0) await this.intents.relayNow();
  }

  /** The enterprise hears who read its confidential details (once per reader and introduction). */
  private async notifyDemandRead(manager: EntityManager, introductionId: string, readerId: string): Promise<number> {
    const introduction = await manager.findOneBy(IntroductionEntity, { id: introductionId });
    if (!introduction) return 0;
    const demand = await manager.findOne(DemandEntity, {
      where: { id: introduction.demandId },
      select: { id: true, postedById: true },
    });
    const reader = await manager.findOne(UserEntity, {
      where: { id: readerId },
      select: { id: true, displayName: true },
    });
    const recipients = demand?.postedById
      ? [demand.postedById]
      : await this.notifications.membersWithRole(manager, introduction.demandOrganisationId, Role.ENTERPRISE_MEMBER);
    return this.notifications.publish(manager, {
      kind: NotificationKind.DETAILS_REVEALED,
      eventKey: `${introductionId}:${readerId}`,
      actorId: readerId,
      audiences: [{ userIds: recipients, path: SCREENS.enterpriseIntroduction(introductionId) }],
      data: { introductionId, readerId },
      params: { subject: await pairTitle(manager, introduction), actorName: reader?.displayName ?? null },
    });
  }

  private async revealThrough(
    userId: string,
    where: { demandId?: string; targetType?: MatchTargetType; targetId?: string },
    side: IntroductionSide,
    detail: RevealedDetail,
  ): Promise<boolean> {
    const query = this.revealedIntroductions(userId, side);
    if (where.demandId) query.andWhere('i.demand_id = :demandId', { demandId: where.demandId });
    if (where.targetType) {
      query.andWhere('i.target_type = :targetType AND i.target_id = :targetId', {
        targetType: where.targetType,
        targetId: where.targetId,
      });
    }
    const introduction = await query.orderBy('i.revealed_at', 'ASC').addOrderBy('i.id', 'ASC').getOne();
    if (!introduction) return false;
    await this.logReveal(introduction.id, userId, detail);
    return true;
  }

  /** Revealed, accepted introductions acknowledged by `userId` on `side` while an ACTIVE member of that side. */
  private revealedIntroductions(userId: string, side: IntroductionSide) {
    return (
      this.dataSource
        .getRepository(IntroductionEntity)
        .createQueryBuilder('i')
        .innerJoin(
          IntroductionAcknowledgementEntity,
          'k',
          'k.introduction_id = i.id AND k.user_id = :userId AND k.side = :side',
          { userId, side },
        )
        // Only while the person is still an ACTIVE member of their side's organisation (removal ends the reveal).
        .innerJoin(
          MembershipEntity,
          'm',
          `m.user_id = k.user_id AND m.status = :active AND m.organisation_id =
          CASE WHEN k.side = :targetSide THEN i.target_organisation_id ELSE i.demand_organisation_id END`,
          { active: MembershipStatus.ACTIVE, targetSide: IntroductionSide.TARGET },
        )
        .where('i.revealed_at IS NOT NULL AND i.status = :accepted', { accepted: IntroductionStatus.ACCEPTED })
    );
  }
}
