/**
 * Events demo data (called by scripts/seed.ts after the programmes): an upcoming matchmaking event of 明湖理工大学
 * (organised by tto@demo.local, presenting the university's listings), seven days ahead 09:00–12:00 in
 * Asia/Shanghai with 20-minute meeting slots, published, with registrations — researcher@demo.local and
 * rd@demo.local approved (researcher side), broker@demo.local approved as an observer, broker2@demo.local waiting
 * for approval — and every slot still free. enterprise@demo.local is left to register (the browser test does).
 * Idempotent: the event is keyed by its title and organiser; registrations are unique per person.
 */
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  EventEntity,
  EventKind,
  EventRegistrationEntity,
  EventStatus,
  instantToZoned,
  ParticipantSide,
  RegistrationStatus,
  zonedToInstant,
} from '@app/events';
import { MembershipEntity, MembershipStatus, OrganisationEntity, UserEntity } from '@app/identity';

const DAY = 24 * 3600_000;
const ZONE = 'Asia/Shanghai';
export const DEMO_EVENT_TITLE = '低空经济与智能制造产学研对接会';

export async function seedEvents(app: INestApplicationContext): Promise<{ eventId: string; created: boolean }> {
  const dataSource = app.get(DataSource);
  const university = await dataSource
    .getRepository(OrganisationEntity)
    .findOneBy({ externalKey: 'seed:minghu-university' });
  const tto = await dataSource.getRepository(UserEntity).findOneBy({ email: 'tto@demo.local' });
  if (!university || !tto) throw new Error('seedEvents needs the demo directory first');
  const events = dataSource.getRepository(EventEntity);
  const existing = await events.findOneBy({ title: DEMO_EVENT_TITLE, organiserOrganisationId: university.id });
  if (existing) return { eventId: existing.id, created: false };

  const day = instantToZoned(new Date(Date.now() + 7 * DAY), ZONE).slice(0, 10);
  const industries = await dataSource.query<Array<{ code: string }>>(
    `SELECT code FROM industries WHERE code = ANY($1)`,
    [['low_altitude', 'smart_manufacturing']],
  );
  const event = await events.save(
    events.create({
      kind: EventKind.MATCHMAKING,
      status: EventStatus.PUBLISHED,
      title: DEMO_EVENT_TITLE,
      description:
        '明湖理工大学发布低空经济、智能制造方向的可转化成果，现场安排企业与科研人员一对一洽谈（每场 20 分钟）。\n' +
        'Minghu University presents listings in low-altitude economy and smart manufacturing; one-to-one meetings of 20 minutes.',
      industryCodes: industries.map((row) => row.code),
      keywords: ['无人机', '视觉导航', '智能制造'],
      startsAt: zonedToInstant(`${day}T09:00`, ZONE)!,
      endsAt: zonedToInstant(`${day}T12:00`, ZONE)!,
      timeZone: ZONE,
      venue: '明湖科创中心 3 号厅',
      onlineUrl: null,
      capacity: 30,
      slotMinutes: 20,
      organiserOrganisationId: university.id,
      createdById: tto.id,
      presentingInstitutionIds: [university.id],
      publishedAt: new Date(),
    }),
  );

  const people: Array<[string, ParticipantSide, RegistrationStatus]> = [
    ['researcher@demo.local', ParticipantSide.RESEARCHER, RegistrationStatus.APPROVED],
    ['rd@demo.local', ParticipantSide.RESEARCHER, RegistrationStatus.APPROVED],
    ['broker@demo.local', ParticipantSide.OBSERVER, RegistrationStatus.APPROVED],
    ['broker2@demo.local', ParticipantSide.OBSERVER, RegistrationStatus.PENDING],
  ];
  for (const [email, side, status] of people) {
    const user = await dataSource.getRepository(UserEntity).findOneBy({ email });
    if (!user) continue;
    const membership = await dataSource
      .getRepository(MembershipEntity)
      .findOneBy({ userId: user.id, status: MembershipStatus.ACTIVE });
    await dataSource
      .getRepository(EventRegistrationEntity)
      .createQueryBuilder()
      .insert()
      .values({
        eventId: event.id,
        userId: user.id,
        organisationId: membership?.organisationId ?? null,
        side,
        status,
        decidedAt: status === RegistrationStatus.APPROVED ? new Date() : null,
      })
      .orIgnore()
      .execute();
  }
  return { eventId: event.id, created: true };
}
