import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { IntroductionAccess } from '@app/core';
import { MembershipEntity, MembershipStatus } from '@app/identity';
import { MatchTargetType } from '@app/matching';
import { IntroductionSide, IntroductionStatus } from './domain/introduction-consent';
import {
  IntroductionAcknowledgementEntity,
  IntroductionEntity,
  IntroductionRevealEntity,
  RevealedDetail,
} from './entities/introduction.entity';

/**
 * Brokerage's answer to the experts' and demands' question "did an introduction reveal this to them?": only a
 * revealed introduction (both accepted, each side acknowledged) and only to a person who acknowledged on the
 * other side, while they remain an ACTIVE member of that side's organisation. Each `true` is a reveal and is
 * logged. Depends on the database only (no cycle with demands).
 */
@Injectable()
export class IntroductionAccessProvider implements IntroductionAccess {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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

  async logReveal(
    introductionId: string,
    userId: string,
    detail: RevealedDetail,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.insert(IntroductionRevealEntity, { introductionId, userId, detail });
  }

  private async revealThrough(
    userId: string,
    where: { demandId?: string; targetType?: MatchTargetType; targetId?: string },
    side: IntroductionSide,
    detail: RevealedDetail,
  ): Promise<boolean> {
    const query = this.dataSource
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
      .where('i.revealed_at IS NOT NULL AND i.status = :accepted', { accepted: IntroductionStatus.ACCEPTED });
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
}
