/**
 * Innovation-consortium demo data (called by scripts/seed.ts after the calls for experts): 翼展航空
 * (enterprise@demo.local) leads 低空物流创新联合体 — 明湖理工大学 supports it (accepted, so tto@demo.local and
 * researcher@demo.local are in its members-only space) and 低空经济产业创新研究院 is invited to collaborate
 * (rd@demo.local accepts or declines under 创新联合体 → 邀请, notified in-app through the notification path). It links one
 * public demand of 翼展航空 and one listed achievement of 明湖理工大学, and keeps two milestones (one done). ACTIVE, so the
 * bureau (admin@demo.local) can recognise it on its consortia desk.
 * Idempotent: the consortium is keyed by its name and lead; members, links and the notification by their unique keys.
 */
import { INestApplicationContext } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AchievementEntity, AchievementStatus } from '@app/achievements';
import {
  ConsortiumEntity,
  ConsortiumLinkEntity,
  ConsortiumLinkKind,
  ConsortiumMemberEntity,
  ConsortiumMemberStatus,
  ConsortiumMilestoneEntity,
  ConsortiumRole,
  ConsortiumStatus,
} from '@app/consortia';
import { DemandEntity, PUBLIC_DEMAND_STATUSES } from '@app/demands';
import { MembershipEntity, MembershipStatus, OrganisationEntity, Role, UserEntity } from '@app/identity';
import { NotificationEventsService, NotificationKind, SCREENS } from '@app/notifications';

const DAY = 24 * 3600_000;
export const DEMO_CONSORTIUM_NAME = '低空物流创新联合体';

export async function seedConsortia(
  app: INestApplicationContext,
): Promise<{ consortiumId: string; invitedMemberId: string | null; created: boolean }> {
  const dataSource = app.get(DataSource);
  const organisations = dataSource.getRepository(OrganisationEntity);
  const lead = await organisations.findOneBy({ externalKey: 'seed:yizhan-aviation' });
  const university = await organisations.findOneBy({ externalKey: 'seed:minghu-university' });
  const institute = await organisations.findOneBy({ externalKey: 'seed:newrd-low-altitude' });
  const enterpriseUser = await dataSource.getRepository(UserEntity).findOneBy({ email: 'enterprise@demo.local' });
  if (!lead || !university || !enterpriseUser) throw new Error('seedConsortia needs the demo directory first');

  const consortia = dataSource.getRepository(ConsortiumEntity);
  let consortium = await consortia.findOneBy({ name: DEMO_CONSORTIUM_NAME, leadOrganisationId: lead.id });
  const created = !consortium;
  if (!consortium) {
    const industry = await dataSource.query<Array<{ code: string }>>('SELECT code FROM industries WHERE code = $1', [
      'low_altitude',
    ]);
    consortium = await consortia.save(
      consortia.create({
        name: DEMO_CONSORTIUM_NAME,
        goal:
          '围绕低空物流无人机室内外导航与安全监管，由翼展航空牵头，联合高校与新型研发机构攻关视觉导航、航路规划和适航验证，' +
          '两年内完成样机联调与示范运营。',
        industryCode: industry[0]?.code ?? null,
        leadOrganisationId: lead.id,
        createdById: enterpriseUser.id,
        status: ConsortiumStatus.ACTIVE,
      }),
    );
  }
  const now = new Date();
  const members: Array<[OrganisationEntity, ConsortiumRole, ConsortiumMemberStatus]> = [
    [lead, ConsortiumRole.LEAD, ConsortiumMemberStatus.ACCEPTED],
    [university, ConsortiumRole.SUPPORT, ConsortiumMemberStatus.ACCEPTED],
  ];
  if (institute) members.push([institute, ConsortiumRole.COLLABORATE, ConsortiumMemberStatus.INVITED]);
  for (const [organisation, role, status] of members) {
    await dataSource
      .createQueryBuilder()
      .insert()
      .into(ConsortiumMemberEntity)
      .values({
        consortiumId: consortium.id,
        organisationId: organisation.id,
        role,
        status,
        invitedById: enterpriseUser.id,
        answeredAt: status === ConsortiumMemberStatus.ACCEPTED ? now : null,
      })
      .orIgnore()
      .execute();
  }

  // The consortium's own industry first (low-altitude economy), else the oldest.
  const inIndustry = <T extends { industryCode: string | null }>(rows: T[]): T | undefined =>
    rows.find((row) => row.industryCode === consortium.industryCode) ?? rows[0];
  const demand = inIndustry(
    await dataSource.getRepository(DemandEntity).find({
      where: { organisationId: lead.id, status: In([...PUBLIC_DEMAND_STATUSES]) },
      order: { createdAt: 'ASC' },
    }),
  );
  const achievement = inIndustry(
    await dataSource.getRepository(AchievementEntity).find({
      where: { institutionId: university.id, status: AchievementStatus.LISTED },
      order: { createdAt: 'ASC' },
    }),
  );
  const links: Array<[ConsortiumLinkKind, string | undefined]> = [
    [ConsortiumLinkKind.DEMAND, demand?.id],
    [ConsortiumLinkKind.ACHIEVEMENT, achievement?.id],
  ];
  for (const [kind, targetId] of links) {
    if (!targetId) continue;
    await dataSource
      .createQueryBuilder()
      .insert()
      .into(ConsortiumLinkEntity)
      .values({ consortiumId: consortium.id, kind, targetId, linkedById: enterpriseUser.id })
      .orIgnore()
      .execute();
  }
  if (created) {
    const milestones = dataSource.getRepository(ConsortiumMilestoneEntity);
    await milestones.save([
      milestones.create({
        consortiumId: consortium.id,
        title: '签署联合体协议与知识产权分配约定',
        dueDate: new Date(now.getTime() - 14 * DAY).toISOString().slice(0, 10),
        doneAt: now,
        createdById: enterpriseUser.id,
      }),
      milestones.create({
        consortiumId: consortium.id,
        title: '视觉导航样机联调',
        dueDate: new Date(now.getTime() + 90 * DAY).toISOString().slice(0, 10),
        createdById: enterpriseUser.id,
      }),
    ]);
  }

  let invitedMemberId: string | null = null;
  if (institute) {
    const invited = await dataSource
      .getRepository(ConsortiumMemberEntity)
      .findOneByOrFail({ consortiumId: consortium.id, organisationId: institute.id });
    invitedMemberId = invited.id;
    if (invited.status === ConsortiumMemberStatus.INVITED) {
      const admins = await dataSource.getRepository(MembershipEntity).find({
        where: [
          { organisationId: institute.id, status: MembershipStatus.ACTIVE, orgAdmin: true },
          { organisationId: institute.id, status: MembershipStatus.ACTIVE, role: Role.TTO_OFFICER },
        ],
      });
      const target = consortium;
      await dataSource.transaction((manager) =>
        // The same path the lead's invitation takes: notified once per invitation round.
        new NotificationEventsService(dataSource).publish(manager, {
          kind: NotificationKind.CONSORTIUM_INVITED,
          eventKey: `consortium-invitation:${invited.id}:${invited.invitedAt.getTime()}`,
          actorId: enterpriseUser.id,
          audiences: [{ userIds: admins.map((a) => a.userId), path: SCREENS.consortiumInvitations() }],
          data: { consortiumId: target.id, memberId: invited.id },
          params: { subject: target.name, reason: lead.name },
        }),
      );
    }
  }
  return { consortiumId: consortium.id, invitedMemberId, created };
}
