import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobName, JobQueue, QueueName } from '@app/core';
import {
  EVENT_REMINDERS_SWEEP_SCHEDULER_ID,
  EventMeetingEntity,
  instantToZoned,
  reminderDueAt,
  reminderJobId,
} from '@app/events';
import { NotificationEntity, NotificationKind, ReceivedMail, SmtpSink, startSmtpSink } from '@app/notifications';
import { ControllableClock, settledWorker, startTestApi, TestApi, testAccounts } from '@app/testing';
import { createWorkerApp } from '../../../apps/worker/src/bootstrap';
import { eventually, TestActor } from '../../../apps/api/test/support/marketplace-actors';
import { BrokerageWorld, buildWorld, ok } from '../../brokerage/test/brokerage-world';
import { calendarOf } from './calendar-mail';

const DAY = 24 * 3600_000;
const ZONE = 'Asia/Shanghai';

const EVENT_FIELDS = `id status title capacity startsAt startsAtLocal endsAtLocal venue presentingInstitutionIds`;
const CREATE = `mutation($input: CreateEventInput!) { createEvent(input: $input) { ${EVENT_FIELDS} } }`;
const UPDATE = `mutation($input: UpdateEventInput!) { updateEvent(input: $input) { ${EVENT_FIELDS} } }`;
const PUBLISH = `mutation($id: ID!) { publishEvent(id: $id) { id status } }`;
const CANCEL = `mutation($id: ID!) { cancelEvent(id: $id) { id status } }`;
const REGISTER = `mutation($input: RegisterForEventInput!) { registerForEvent(input: $input) { id status } }`;
const DECIDE = `mutation($input: DecideRegistrationInput!) { decideEventRegistration(input: $input) { id status } }`;
const REQUEST = `mutation($input: RequestMeetingInput!) { requestEventMeeting(input: $input) { id } }`;
const ANSWER = `mutation($input: AnswerMeetingInput!) { answerEventMeeting(input: $input) { id status } }`;

describe('events: the organiser edits an event; reminders a day before (delayed job, sweep, once each)', () => {
  const clock = new ControllableClock();
  const mails: ReceivedMail[] = [];
  let sink: SmtpSink;
  let api: TestApi;
  let worker: INestApplicationContext;
  let dataSource: DataSource;
  let queue: JobQueue;
  let world: BrokerageWorld;
  let eventId: string;
  let firstStart: Date;
  let day: (offset: number) => string;

  const failure = async (query: string, variables: Record<string, unknown>, actor?: TestActor) => {
    const res = await api.gql(query, variables, actor?.token);
    if (!res.errors) throw new Error(`expected an error, got ${JSON.stringify(res.data)}`);
    return { code: res.errors[0].extensions?.code as string, reason: res.errors[0].extensions?.reason as string };
  };
  const mailsTo = (actor: TestActor, kind: NotificationKind) =>
    mails.filter((m) => m.headers.get('x-notification-kind') === kind && m.to.some((to) => to.includes(actor.label)));
  const notificationsOf = (actor: TestActor, kind: NotificationKind) =>
    dataSource.getRepository(NotificationEntity).findBy({ userId: actor.userId, kind });

  /** Moves the clock and signs everyone in again (sessions end by the same clock). */
  async function advanceTo(instant: Date): Promise<void> {
    clock.advanceTo(instant);
    for (const actor of [world.member, world.researcher, world.expertUser, world.outsider, world.tto, world.admin]) {
      const [{ email }] = await dataSource.query<Array<{ email: string }>>('SELECT email FROM users WHERE id = $1', [
        actor.userId,
      ]);
      actor.token = (await testAccounts(api).login(email)).token;
    }
  }

  /** Runs a delayed job now, as BullMQ would once its delay is over (the clock moved, real time did not). */
  async function promote(jobId: string): Promise<void> {
    const job = await eventually(() => queue.queue(QueueName.Events).getJob(jobId), 10_000);
    if ((await job.getState()) === 'delayed') await job.promote();
    await eventually(async () => ['completed', 'failed'].includes(await job.getState()), 15_000);
    expect(await job.getState()).toBe('completed');
  }

  /** Runs the hourly sweep through the queue and waits for it. */
  async function sweep(): Promise<void> {
    const jobId = `test-sweep-${Date.now()}`;
    await queue.enqueue(JobName.SweepEventReminders, {}, { jobId });
    const job = await eventually(() => queue.queue(QueueName.Events).getJob(jobId), 10_000);
    await eventually(async () => ['completed', 'failed'].includes(await job.getState()), 15_000);
    expect(await job.getState()).toBe('completed');
  }

  const createInput = (title: string, date: string, from: string, to: string) => ({
    kind: 'MATCHMAKING',
    title,
    description: '成果发布与一对一洽谈',
    industryCodes: ['low_altitude'],
    keywords: ['无人机'],
    startsAt: `${date}T${from}`,
    endsAt: `${date}T${to}`,
    timeZone: ZONE,
    venue: '明湖会展中心 3 号厅',
    capacity: 3,
    slotMinutes: 20,
    presentingInstitutionIds: [world.university.id],
  });

  async function publishedWith(title: string, date: string, from: string, approve: TestActor[]) {
    const { createEvent } = await ok(api, CREATE, { input: createInput(title, date, from, '17:00') }, world.tto);
    await ok(api, PUBLISH, { id: createEvent.id }, world.tto);
    for (const actor of approve) {
      const { registerForEvent } = await ok(api, REGISTER, { input: { eventId: createEvent.id } }, actor);
      await ok(api, DECIDE, { input: { registrationId: registerForEvent.id, approve: true } }, world.tto);
    }
    return createEvent as { id: string; startsAt: string };
  }

  beforeAll(async () => {
    sink = await startSmtpSink({ onMessage: (mail) => void mails.push(mail) });
    process.env.SMTP_URL = sink.url;
    clock.install();
    api = await startTestApi();
    worker = await createWorkerApp();
    await settledWorker(worker);
    dataSource = api.app.get(DataSource);
    queue = worker.get(JobQueue);
    world = await buildWorld(api, 'evedit', 1);
    day = (offset: number) => instantToZoned(new Date(clock.now().getTime() + offset * DAY), ZONE).slice(0, 10);
  }, 240_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.close();
    clock.uninstall();
  });

  it('the organiser edits times, place, capacity and presenting institutions; registrants hear of new times with the updated .ics', async () => {
    // Only institutions present (the picker offers verified ones); an enterprise is refused.
    expect(
      (
        await failure(
          CREATE,
          { input: { ...createInput('x', day(3), '09:00', '12:00'), presentingInstitutionIds: [world.enterprise.id] } },
          world.tto,
        )
      ).code,
    ).toBe('BAD_USER_INPUT');
    const { createEvent } = await ok(
      api,
      CREATE,
      { input: createInput('低空经济对接会', day(3), '09:00', '12:00') },
      world.tto,
    );
    eventId = createEvent.id;
    firstStart = new Date(createEvent.startsAt);
    await ok(api, PUBLISH, { id: eventId }, world.tto);

    // Two approved, one declined, one pending; an accepted meeting in slot 1 (09:20).
    const registrationOf = new Map<string, string>();
    for (const actor of [world.member, world.researcher, world.expertUser, world.outsider]) {
      const { registerForEvent } = await ok(api, REGISTER, { input: { eventId } }, actor);
      registrationOf.set(actor.label, registerForEvent.id);
    }
    for (const [actor, approve] of [
      [world.member, true],
      [world.researcher, true],
      [world.expertUser, false],
    ] as const) {
      await ok(api, DECIDE, { input: { registrationId: registrationOf.get(actor.label), approve } }, world.tto);
    }
    const { requestEventMeeting } = await ok(
      api,
      REQUEST,
      { input: { eventId, withRegistrationId: registrationOf.get(world.researcher.label), slotIndex: 1 } },
      world.member,
    );
    await ok(api, ANSWER, { input: { meetingId: requestEventMeeting.id, accept: true } }, world.researcher);

    // Nobody but the organisers may edit: NOT_FOUND, as for an event they cannot know.
    for (const actor of [world.member, world.researcher, world.brokers[0]]) {
      expect(await failure(UPDATE, { input: { id: eventId, title: '改名' } }, actor)).toEqual({
        code: 'NOT_FOUND',
        reason: 'EVENT_NOT_FOUND',
      });
    }
    expect((await failure(UPDATE, { input: { id: eventId, title: '改名' } })).code).toBe('UNAUTHENTICATED');

    // The capacity cannot drop below the two approvals; to two it may.
    expect(await failure(UPDATE, { input: { id: eventId, capacity: 1 } }, world.tto)).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'EVENT_CAPACITY_BELOW_APPROVED',
    });
    expect((await ok(api, UPDATE, { input: { id: eventId, capacity: 2 } }, world.tto)).updateEvent.capacity).toBe(2);
    // The booked slot 1 would fall outside an event ending at 09:30.
    expect((await failure(UPDATE, { input: { id: eventId, endsAt: `${day(3)}T09:30` } }, world.tto)).reason).toBe(
      'EVENT_MEETINGS_OUTSIDE_TIMES',
    );
    expect((await failure(UPDATE, { input: { id: eventId, endsAt: `${day(3)}T08:00` } }, world.tto)).reason).toBe(
      'EVENT_TIMES_INVALID',
    );
    expect((await failure(UPDATE, { input: { id: eventId, venue: null } }, world.tto)).code).toBe('BAD_USER_INPUT');

    // A new title (the .ics changes, SEQUENCE 1) tells nobody; the bureau may edit too.
    const renamed = await ok(
      api,
      UPDATE,
      { input: { id: eventId, title: '低空经济产学研对接会', presentingInstitutionIds: [] } },
      world.admin,
    );
    expect(renamed.updateEvent).toMatchObject({ title: '低空经济产学研对接会', presentingInstitutionIds: [] });
    expect(await notificationsOf(world.member, NotificationKind.EVENT_CHANGED)).toHaveLength(0);

    // New times, a day later in the afternoon: the meeting keeps slot 1 on the new grid (14:20).
    const { updateEvent } = await ok(
      api,
      UPDATE,
      {
        input: {
          id: eventId,
          startsAt: `${day(4)}T14:00`,
          endsAt: `${day(4)}T17:00`,
          presentingInstitutionIds: [world.university.id],
        },
      },
      world.tto,
    );
    expect(updateEvent).toMatchObject({
      startsAtLocal: `${day(4)}T14:00`,
      endsAtLocal: `${day(4)}T17:00`,
      presentingInstitutionIds: [world.university.id],
    });
    const meeting = await dataSource.getRepository(EventMeetingEntity).findOneByOrFail({ id: requestEventMeeting.id });
    expect(instantToZoned(meeting.startsAt, ZONE)).toBe(`${day(4)}T14:20`);

    // Approved registrants: in-app and an email with the same UID, a higher SEQUENCE and the new start.
    for (const actor of [world.member, world.researcher]) {
      const changed = await notificationsOf(actor, NotificationKind.EVENT_CHANGED);
      expect(changed).toHaveLength(1);
      expect(changed[0].body).toContain(`${day(4)} 14:00–17:00 (Asia/Shanghai)`);
      const mail = await eventually(async () => mailsTo(actor, NotificationKind.EVENT_CHANGED)[0], 30_000);
      const ics = calendarOf(mail.raw)!;
      expect(ics).toContain(`UID:event-${eventId}@techtransfer`);
      expect(ics).toContain('SEQUENCE:2');
      expect(ics).toContain(`DTSTART:${day(4).replace(/-/g, '')}T060000Z`);
    }
    // The pending registrant hears of it without a calendar entry; the declined one does not.
    const pending = await notificationsOf(world.outsider, NotificationKind.EVENT_CHANGED);
    expect(pending).toHaveLength(1);
    expect(pending[0].emailAttachment).toBeNull();
    expect(await notificationsOf(world.expertUser, NotificationKind.EVENT_CHANGED)).toHaveLength(0);
  }, 180_000);

  it('reminds approved participants once, a day before the (re-planned) start; the sweep catches a lost job', async () => {
    const scheduler = await queue.queue(QueueName.Events).getJobScheduler(EVENT_REMINDERS_SWEEP_SCHEDULER_ID);
    expect(scheduler).toMatchObject({ name: JobName.SweepEventReminders });
    const event = await dataSource.query<Array<{ starts_at: Date }>>('SELECT starts_at FROM events WHERE id = $1', [
      eventId,
    ]);
    const newStart = new Date(event[0].starts_at);
    // Both reminders wait as delayed jobs: the one planned at publication and the one of the new start.
    const oldJob = await eventually(() => queue.queue(QueueName.Events).getJob(reminderJobId(eventId, firstStart)));
    const newJob = await eventually(() => queue.queue(QueueName.Events).getJob(reminderJobId(eventId, newStart)));
    expect(await newJob.getState()).toBe('delayed');
    expect(newJob.delay).toBeGreaterThan(2.5 * DAY);
    expect(oldJob.id).not.toBe(newJob.id);

    // Two more events on day 3: B (its job will be lost) and C (cancelled).
    const b = await publishedWith('B 路演', day(3), '10:00', [world.member]);
    const c = await publishedWith('C 政策宣讲', day(3), '11:00', [world.member]);
    await ok(api, CANCEL, { id: c.id }, world.tto);
    await (
      await eventually(() => queue.queue(QueueName.Events).getJob(reminderJobId(b.id, new Date(b.startsAt))))
    ).remove();

    // A day before the old start the old job runs and finds nothing due (the event moved).
    await advanceTo(new Date(reminderDueAt(firstStart).getTime() + 60_000));
    await promote(reminderJobId(eventId, firstStart));
    expect(await notificationsOf(world.member, NotificationKind.EVENT_REMINDER)).toHaveLength(0);

    // B's job was lost: the sweep reminds its approved participant once it is due; C, cancelled, never.
    await advanceTo(new Date(reminderDueAt(new Date(c.startsAt)).getTime() + 60_000));
    await sweep();
    await sweep();
    const reminders = await notificationsOf(world.member, NotificationKind.EVENT_REMINDER);
    expect(reminders.map((n) => n.data.eventId)).toEqual([b.id]);

    // A day before the new start: approved participants only, once each, whoever runs it and however often.
    await advanceTo(new Date(reminderDueAt(newStart).getTime() + 60_000));
    await promote(reminderJobId(eventId, newStart));
    await sweep();
    await queue.enqueue(JobName.EventReminder, { eventId, startsAt: newStart.toISOString() }, { jobId: 'again' });
    await sweep();
    for (const actor of [world.member, world.researcher]) {
      const mine = (await notificationsOf(actor, NotificationKind.EVENT_REMINDER)).filter(
        (n) => n.data.eventId === eventId,
      );
      expect(mine).toHaveLength(1);
      expect(mine[0].body).toContain(`${day(1)} 14:00`);
      const mail = await eventually(
        async () =>
          mailsTo(actor, NotificationKind.EVENT_REMINDER).find((m) => calendarOf(m.raw)?.includes(`event-${eventId}@`)),
        30_000,
      );
      const ics = calendarOf(mail.raw)!;
      expect(ics).toContain('SEQUENCE:2');
      expect(ics).toContain(`DTSTART:${day(1).replace(/-/g, '')}T060000Z`);
    }
    for (const actor of [world.expertUser, world.outsider]) {
      expect(await notificationsOf(actor, NotificationKind.EVENT_REMINDER)).toHaveLength(0);
    }
    // Exactly one reminder email per approved participant for this event.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(
      mailsTo(world.member, NotificationKind.EVENT_REMINDER).filter((m) =>
        calendarOf(m.raw)?.includes(`event-${eventId}@`),
      ),
    ).toHaveLength(1);
  }, 180_000);
});
