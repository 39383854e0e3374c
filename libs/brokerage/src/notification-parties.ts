import { EntityManager } from 'typeorm';
import { AchievementEntity } from '@app/achievements';
import { DemandEntity } from '@app/demands';
import { ExpertEntity } from '@app/experts';
import { MembershipEntity, MembershipStatus, Role } from '@app/identity';
import { MatchTargetType } from '@app/matching';
import { EventAudience, SCREENS } from '@app/notifications';

/** "demand ↔ achievement (or expert)": how a pair is named in notifications (titles are user data, any language). */
export async function pairTitle(
  manager: EntityManager,
  pair: { demandId: string; targetType: MatchTargetType; targetId: string },
): Promise<string> {
  const demand = await manager.findOne(DemandEntity, {
    where: { id: pair.demandId },
    select: { id: true, title: true },
  });
  const target =
    pair.targetType === MatchTargetType.EXPERT
      ? (await manager.findOne(ExpertEntity, { where: { id: pair.targetId }, select: { id: true, name: true } }))?.name
      : (await manager.findOne(AchievementEntity, { where: { id: pair.targetId }, select: { id: true, title: true } }))
          ?.title;
  return `${demand?.title ?? ''} ↔ ${target ?? ''}`;
}

/** Who speaks for a listing: its poster / owner / representative / expert, else its organisation's officers. */
export async function listingPeople(
  manager: EntityManager,
  listingType: string,
  listingId: string,
  organisationId: string,
): Promise<string[]> {
  let users: Array<string | null> = [];
  let fallbackRole = Role.TTO_OFFICER;
  if (listingType === 'DEMAND') {
    const demand = await manager.findOneBy(DemandEntity, { id: listingId });
    users = [demand?.postedById ?? null];
    fallbackRole = Role.ENTERPRISE_MEMBER;
  } else if (listingType === 'ACHIEVEMENT') {
    const achievement = await manager.findOneBy(AchievementEntity, { id: listingId });
    users = [achievement?.ownerId ?? null, achievement?.representativeId ?? null];
  } else {
    const expert = await manager.findOneBy(ExpertEntity, { id: listingId });
    users = [expert?.userId ?? null];
  }
  const direct = [...new Set(users.filter((id): id is string => !!id))];
  if (direct.length > 0) return direct;
  const members = await manager.findBy(MembershipEntity, {
    organisationId,
    role: fallbackRole,
    status: MembershipStatus.ACTIVE,
  });
  return [...new Set(members.map((m) => m.userId))].sort();
}

export type PartySide = 'DEMAND' | 'TARGET' | 'BROKER';

/**
 * Who hears of an introduction's or a deal's event, each side with its own screen: the enterprise its introduction
 * page, the listing side its achievement (or expert profile), the broker `brokerPath`.
 */
export async function partyAudiences(
  manager: EntityManager,
  subject: {
    introductionId: string;
    demandId: string;
    demandOrganisationId: string;
    targetType: MatchTargetType;
    targetId: string;
    targetOrganisationId: string;
    brokerId: string;
  },
  sides: readonly PartySide[],
  brokerPath: string,
): Promise<EventAudience[]> {
  const audiences: EventAudience[] = [];
  for (const side of sides) {
    if (side === 'BROKER') audiences.push({ userIds: [subject.brokerId], path: brokerPath });
    else if (side === 'DEMAND') {
      audiences.push({
        userIds: await listingPeople(manager, 'DEMAND', subject.demandId, subject.demandOrganisationId),
        path: SCREENS.enterpriseIntroduction(subject.introductionId),
      });
    } else {
      audiences.push({
        userIds: await listingPeople(manager, subject.targetType, subject.targetId, subject.targetOrganisationId),
        path:
          subject.targetType === MatchTargetType.EXPERT
            ? SCREENS.expertProfile()
            : SCREENS.myAchievement(subject.targetId),
      });
    }
  }
  return audiences;
}
