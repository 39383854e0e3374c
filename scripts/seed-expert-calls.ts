/**
 * Calls-for-experts demo data (called by scripts/seed.ts after the events): researcher@demo.local gets a public
 * expert profile at 明湖理工大学 when they have none, and the bureau (admin@demo.local) has one OPEN call for
 * experts, its deadline 30 days ahead, with one invitation to that profile — notified in-app (and by email, relayed
 * by the worker) through the notification path, so the researcher finds it under 专家征集 → 我的邀请.
 * Idempotent: the call is keyed by its title, the invitation is unique per call and expert, the notification's key
 * is the invitation's id.
 */
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ExpertEntity, ExpertsService } from '@app/experts';
import {
  ExpertCallEntity,
  ExpertCallInvitationEntity,
  ExpertCallInvitationStatus,
  ExpertCallStatus,
} from '@app/expert-calls';
import { AuthService, OrganisationEntity, UserEntity } from '@app/identity';
import { NotificationEventsService, NotificationKind, SCREENS } from '@app/notifications';

const DAY = 24 * 3600_000;
export const DEMO_EXPERT_CALL_TITLE = '低空物流无人机安全监管政策研究';

export async function seedExpertCalls(
  app: INestApplicationContext,
): Promise<{ callId: string; invitationId: string; created: boolean }> {
  const dataSource = app.get(DataSource);
  const users = dataSource.getRepository(UserEntity);
  const admin = await users.findOneBy({ email: 'admin@demo.local' });
  const researcher = await users.findOneBy({ email: 'researcher@demo.local' });
  const university = await dataSource
    .getRepository(OrganisationEntity)
    .findOneBy({ externalKey: 'seed:minghu-university' });
  if (!admin || !researcher || !university) throw new Error('seedExpertCalls needs the demo directory first');

  let expert = await dataSource.getRepository(ExpertEntity).findOneBy({ userId: researcher.id });
  if (!expert) {
    const actor = await app.get(AuthService, { strict: false }).loadActor(researcher.id);
    expert = await app.get(ExpertsService, { strict: false }).create(actor, {
      name: '周明远',
      organisationId: university.id,
      title: '教授',
      bio: '从事无人机视觉导航与低空物流安全研究，参与多项低空经济地方标准起草。',
      researchFields: ['无人机', '视觉导航', '低空物流'],
      keywords: ['无人机', '导航', '安全'],
    });
  }

  const calls = dataSource.getRepository(ExpertCallEntity);
  let call = await calls.findOneBy({ title: DEMO_EXPERT_CALL_TITLE });
  const created = !call;
  if (!call) {
    const industries = await dataSource.query<Array<{ code: string }>>(
      'SELECT code FROM industries WHERE code = ANY($1)',
      [['low_altitude']],
    );
    const now = new Date();
    call = await calls.save(
      calls.create({
        title: DEMO_EXPERT_CALL_TITLE,
        question:
          '本区拟出台低空物流无人机飞行安全监管办法。请专家就航路划设、视觉导航可靠性要求和事故责任认定提出建议。\n' +
          'The district plans rules for low-altitude delivery drones: advise on routes, navigation reliability and liability.',
        industryCodes: industries.map((row) => row.code),
        keywords: ['无人机', '低空物流', '导航', '安全监管'],
        deadline: new Date(now.getTime() + 30 * DAY),
        createdById: admin.id,
        status: ExpertCallStatus.OPEN,
        openedAt: now,
      }),
    );
  }

  const invitationId = await dataSource.transaction(async (manager) => {
    await manager
      .createQueryBuilder()
      .insert()
      .into(ExpertCallInvitationEntity)
      .values({
        callId: call.id,
        expertId: expert.id,
        userId: researcher.id,
        status: ExpertCallInvitationStatus.INVITED,
        matchedTerms: ['无人机', '导航'],
        invitedById: admin.id,
      })
      .orIgnore()
      .execute();
    const invitation = await manager.findOneByOrFail(ExpertCallInvitationEntity, {
      callId: call.id,
      expertId: expert.id,
    });
    // The same path the bureau's invitation takes: notified once (the key is the invitation's id).
    await new NotificationEventsService(dataSource).publish(manager, {
      kind: NotificationKind.EXPERT_CALL_INVITED,
      eventKey: `expert-call-invitation:${invitation.id}`,
      actorId: admin.id,
      audiences: [{ userIds: [researcher.id], path: SCREENS.myExpertCallInvitations() }],
      data: { callId: call.id, invitationId: invitation.id },
      params: { subject: call.title, reason: call.deadline.toISOString().slice(0, 16).replace('T', ' ') + ' UTC' },
    });
    return invitation.id;
  });
  return { callId: call.id, invitationId, created };
}
