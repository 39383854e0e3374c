import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventMeetingEntity, EventRegistrationEntity, instantToZoned, MeetingStatus } from '@app/events';
import { NotificationEntity, NotificationKind, ReceivedMail, SmtpSink, startSmtpSink } from '@app/notifications';
import { settledWorker, startTestApi, TestApi } from '@app/testing';
import { createWorkerApp } from '../../../apps/worker/src/bootstrap';
import { eventually, TestActor } from '../../../apps/api/test/support/marketplace-actors';
import { BrokerageWorld, buildWorld, ok } from '../../brokerage/test/brokerage-world';
import { calendarOf } from './calendar-mail';

const DAY = 24 * 3600_000;
const ZONE = 'Asia/Shanghai';

const CREATE = `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`;
const UPDATE = `mutation($input: UpdateEventInput!) { updateEvent(input: $input) { id } }`;
const PUBLISH = `mutation($id: ID!) { publishEvent(id: $id) { id status } }`;
const CANCEL = `mutation($id: ID!, $reason: String) { cancelEvent(id: $id, reason: $reason) { id status } }`;
const DETAIL = `query($id: ID!) { event(id: $id) { id status capacityLeft myRegistration { id status } } }`;
const REGISTER = `mutation($input: RegisterForEventInput!) { registerForEvent(input: $input) { id status } }`;
const WITHDRAW = `mutation($input: WithdrawRegistrationInput!) {
  withdrawEventRegistration(input: $input) { id status } }`;
const DECIDE = `mutation($input: DecideRegistrationInput!) { decideEventRegistration(input: $input) { id status } }`;
const REQUEST = `mutation($input: RequestMeetingInput!) { requestEventMeeting(input: $input) { id } }`;
const ANSWER = `mutation($input: AnswerMeetingInput!) { answerEventMeeting(input: $input) { id status } }`;
const MY_MEETINGS = `query($id: ID!) { myEventMeetings(eventId: $id) { id status } }`;

/**
 * Calling things off: a registrant withdraws (place freed, their meetings cancelled, the other party told with the
 * cancelled .ics), the organiser cancels the event (registrants and meeting parties told, nothing left active),
 * and a moved event sends each confirmed meeting's updated .ics.
 */
describe('events: withdrawing, cancelling, and meetings that move with their event', () => {
  const mails: ReceivedMail[] = [];
  let sink: SmtpSink;
  let api: TestApi;
  let worker: INestApplicationContext;
  let dataSource: DataSource;
  let world: BrokerageWorld;
  let eventId: string;
  const registrationOf = new Map<string, string>();
  let confirmedMeetingId: string;
  let requestedMeetingId: string;

  const day = (offset: number) => instantToZoned(new Date(Date.now() + offset * DAY), ZONE).slice(0, 10);
  const failure = async (query: string, variables: Record<string, unknown>, actor?: TestActor) => {
    const res = await api.gql(query, variables, actor?.token);
    if (!res.errors) throw new Error(`expected an error, got ${JSON.stringify(res.data)}`);
    return { code: res.errors[0].extensions?.code as string, reason: res.errors[0].extensions?.reason as string };
  };
  const notificationsOf = (actor: TestActor, kind: NotificationKind) =>
    dataSource
      .getRepository(NotificationEntity)
      .find({ where: { userId: actor.userId, kind }, order: { createdAt: 'ASC' } });
  /** The calendar entries emailed to a person with this kind, once `count` have arrived. */
  const calendarsTo = (actor: TestActor, kind: NotificationKind, count: number) =>
    eventually(async () => {
      const found = mails.filter(
        (m) => m.headers.get('x-notification-kind') === kind && m.to.some((to) => to.includes(actor.label)),
      );
      return found.length >= count ? found.map((m) => calendarOf(m.raw)) : null;
    }, 30_000);
  const meeting = (id: string) => dataSource.getRepository(EventMeetingEntity).findOneByOrFail({ id });

  beforeAll(async () => {
    sink = await startSmtpSink({ onMessage: (mail) => void mails.push(mail) });
    process.env.SMTP_URL = sink.url;
    api = await startTestApi();
    worker = await createWorkerApp();
    await settledWorker(worker);
    dataSource = api.app.get(DataSource);
    world = await buildWorld(api, 'evcancel', 1);

    const { createEvent } = await ok(
      api,
      CREATE,
      {
        input: {
          kind: 'MATCHMAKING',
          title: '储能产学研对接会',
          description: '一对一洽谈',
          industryCodes: ['new_energy'],
          keywords: ['储能'],
          startsAt: `${day(5)}T09:00`,
          endsAt: `${day(5)}T12:00`,
          timeZone: ZONE,
          venue: '科创中心 2 楼',
          capacity: 3,
          slotMinutes: 20,
        },
      },
      world.tto,
    );
    eventId = createEvent.id;
    await ok(api, PUBLISH, { id: eventId }, world.tto);
    for (const actor of [world.member, world.researcher, world.expertUser, world.outsider]) {
      const { registerForEvent } = await ok(api, REGISTER, { input: { eventId } }, actor);
      registrationOf.set(actor.label, registerForEvent.id);
    }
    for (const actor of [world.member, world.researcher, world.expertUser]) {
      await ok(api, DECIDE, { input: { registrationId: registrationOf.get(actor.label), approve: true } }, world.tto);
    }
    // The member meets the researcher at 09:20 (confirmed) and has asked the expert for 09:40 (no answer yet).
    const confirmed = await ok(
      api,
      REQUEST,
      { input: { eventId, withRegistrationId: registrationOf.get(world.researcher.label), slotIndex: 1 } },
      world.member,
    );
    confirmedMeetingId = confirmed.requestEventMeeting.id;
    await ok(api, ANSWER, { input: { meetingId: confirmedMeetingId, accept: true } }, world.researcher);
    const requested = await ok(
      api,
      REQUEST,
      { input: { eventId, withRegistrationId: registrationOf.get(world.expertUser.label), slotIndex: 2 } },
      world.member,
    );
    requestedMeetingId = requested.requestEventMeeting.id;
  }, 240_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.close();
  });

  it('a moved event sends each confirmed meeting’s updated .ics to both parties (same UID, higher SEQUENCE)', async () => {
    await ok(
      api,
      UPDATE,
      { input: { id: eventId, startsAt: `${day(6)}T14:00`, endsAt: `${day(6)}T17:00` } },
      world.tto,
    );
    expect(await meeting(confirmedMeetingId)).toMatchObject({ sequence: 1, status: MeetingStatus.ACCEPTED });
    for (const actor of [world.member, world.researcher]) {
      const [changed] = await notificationsOf(actor, NotificationKind.EVENT_MEETING_CHANGED);
      expect(changed.title).toContain('洽谈时间已随活动调整');
      expect(changed.body).toContain(`${day(6)} 14:00–17:00`);
      const [ics] = await calendarsTo(actor, NotificationKind.EVENT_MEETING_CHANGED, 1);
      expect(ics).toContain(`UID:meeting-${confirmedMeetingId}@techtransfer`);
      expect(ics).toContain('SEQUENCE:1');
      expect(ics).toContain('STATUS:CONFIRMED');
      expect(ics).toContain(`DTSTART:${day(6).replace(/-/g, '')}T062000Z`);
    }
    // The asked expert holds no calendar entry for a request: the event's own notice covers it.
    expect(await notificationsOf(world.expertUser, NotificationKind.EVENT_MEETING_CHANGED)).toHaveLength(0);
  }, 120_000);

  it('a registrant withdraws: place freed, meetings cancelled, the other party told with the cancelled .ics', async () => {
    const before = (await ok(api, DETAIL, { id: eventId }, world.researcher)).event.capacityLeft as number;
    // Only one's own registration: someone without one gets NOT_FOUND.
    expect(await failure(WITHDRAW, { input: { eventId } }, world.brokers[0])).toEqual({
      code: 'NOT_FOUND',
      reason: 'EVENT_REGISTRATION_NOT_FOUND',
    });
    expect((await failure(WITHDRAW, { input: { eventId, reason: 'x'.repeat(501) } }, world.researcher)).code).toBe(
      'BAD_USER_INPUT',
    );
    const { withdrawEventRegistration } = await ok(
      api,
      WITHDRAW,
      { input: { eventId, reason: '实验排期冲突' } },
      world.researcher,
    );
    expect(withdrawEventRegistration).toMatchObject({
      id: registrationOf.get(world.researcher.label),
      status: 'WITHDRAWN',
    });
    const after = await ok(api, DETAIL, { id: eventId }, world.researcher);
    expect(after.event.capacityLeft).toBe(before + 1);
    expect(after.event.myRegistration.status).toBe('WITHDRAWN');
    expect(await meeting(confirmedMeetingId)).toMatchObject({ status: MeetingStatus.CANCELLED, sequence: 2 });
    // The member's other meeting (with the expert) is untouched.
    expect((await meeting(requestedMeetingId)).status).toBe(MeetingStatus.REQUESTED);

    const told = await notificationsOf(world.member, NotificationKind.EVENT_MEETING_CHANGED);
    expect(told).toHaveLength(2);
    expect(told[1].title).toContain('对方取消了报名');
    expect(told[1].body).toContain('实验排期冲突');
    const calendars = await calendarsTo(world.member, NotificationKind.EVENT_MEETING_CHANGED, 2);
    const cancelled = calendars.find((ics) => ics?.includes('STATUS:CANCELLED'));
    expect(cancelled).toContain(`UID:meeting-${confirmedMeetingId}@techtransfer`);
    expect(cancelled).toContain('SEQUENCE:2');
    // The one who withdrew is not told of their own act.
    expect(await notificationsOf(world.researcher, NotificationKind.EVENT_MEETING_CHANGED)).toHaveLength(1);
    // The member's list shows the meeting cancelled; the slot is free for a new request.
    const mine = await ok(api, MY_MEETINGS, { id: eventId }, world.member);
    expect(mine.myEventMeetings.find((m: { id: string }) => m.id === confirmedMeetingId).status).toBe('CANCELLED');

    // Withdrawing again changes nothing; registering again is pending, for the organiser to decide anew.
    expect((await ok(api, WITHDRAW, { input: { eventId } }, world.researcher)).withdrawEventRegistration.status).toBe(
      'WITHDRAWN',
    );
    expect(await notificationsOf(world.member, NotificationKind.EVENT_MEETING_CHANGED)).toHaveLength(2);
    const again = await ok(api, REGISTER, { input: { eventId } }, world.researcher);
    expect(again.registerForEvent).toMatchObject({ id: registrationOf.get(world.researcher.label), status: 'PENDING' });
  }, 120_000);

  it('the organiser cancels the event: registrants told (approved with the cancelled .ics), meetings cancelled', async () => {
    // Nobody but the organisers: NOT_FOUND.
    for (const actor of [world.member, world.brokers[0]]) {
      expect((await failure(CANCEL, { id: eventId }, actor)).code).toBe('NOT_FOUND');
    }
    const { cancelEvent } = await ok(api, CANCEL, { id: eventId, reason: '场地检修，改期另行通知' }, world.tto);
    expect(cancelEvent.status).toBe('CANCELLED');
    expect((await meeting(requestedMeetingId)).status).toBe(MeetingStatus.CANCELLED);
    const active = await dataSource.getRepository(EventMeetingEntity).countBy([
      { eventId, status: MeetingStatus.REQUESTED },
      { eventId, status: MeetingStatus.ACCEPTED },
    ]);
    expect(active).toBe(0);

    for (const actor of [world.member, world.expertUser]) {
      const [notice] = await notificationsOf(actor, NotificationKind.EVENT_CANCELLED);
      expect(notice.title).toContain('活动已取消');
      expect(notice.body).toContain('场地检修');
      const [ics] = await calendarsTo(actor, NotificationKind.EVENT_CANCELLED, 1);
      expect(ics).toContain(`UID:event-${eventId}@techtransfer`);
      expect(ics).toContain('STATUS:CANCELLED');
      expect(ics).toContain('SEQUENCE:2');
    }
    // Pending registrants (the outsider, the researcher who came back) are told without a calendar entry.
    for (const actor of [world.outsider, world.researcher]) {
      const notices = await notificationsOf(actor, NotificationKind.EVENT_CANCELLED);
      expect(notices).toHaveLength(1);
      expect(notices[0].emailAttachment).toBeNull();
    }
    // A request had no calendar entry: no meeting notice for it, the event's covers it.
    expect(await notificationsOf(world.expertUser, NotificationKind.EVENT_MEETING_CHANGED)).toHaveLength(0);

    // Cancelling again tells nobody twice; withdrawing from a cancelled event is refused.
    await ok(api, CANCEL, { id: eventId }, world.tto);
    expect(await notificationsOf(world.member, NotificationKind.EVENT_CANCELLED)).toHaveLength(1);
    expect(await failure(WITHDRAW, { input: { eventId } }, world.member)).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'EVENT_NOT_OPEN',
    });
    const registrations = await dataSource.getRepository(EventRegistrationEntity).countBy({ eventId });
    expect(registrations).toBe(4);
  }, 120_000);
});
