import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { instantToZoned } from '@app/events';
import { JobName, JobQueue, JOB_QUEUE } from '@app/core';
import { MatchEntity } from '@app/matching';
import { NotificationEntity, NotificationKind, ReceivedMail, SmtpSink, startSmtpSink } from '@app/notifications';
import { ControllableClock, settledWorker, startTestApi, TestApi, testAccounts } from '@app/testing';
import { OrganisationKind, Role } from '@app/identity';
import { createWorkerApp } from '../../../apps/worker/src/bootstrap';
import { eventually, MarketplaceActors, TestActor } from '../../../apps/api/test/support/marketplace-actors';
import {
  BrokerageWorld,
  buildWorld,
  introducedDeal,
  ok,
  plantedAfterFollower,
} from '../../brokerage/test/brokerage-world';

const DAY = 24 * 3600_000;
const ZONE = 'Asia/Shanghai';

const EVENT_FIELDS = `id kind status title startsAt endsAt timeZone startsAtLocal endsAtLocal capacity capacityLeft slotMinutes
  industryCodes keywords venue iOrganise organiser { id } slots { index startsAt startsAtLocal }
  myRegistration { id status side }`;
const CREATE = `mutation($input: CreateEventInput!) { createEvent(input: $input) { ${EVENT_FIELDS} } }`;
const PUBLISH = `mutation($id: ID!) { publishEvent(id: $id) { id status } }`;
const EVENT = `query($id: ID!) { event(id: $id) { ${EVENT_FIELDS} } }`;
const EVENTS = `{ events(first: 50) { totalCount nodes { id title } } }`;
const REGISTER = `mutation($input: RegisterForEventInput!) { registerForEvent(input: $input) { id status side personName organisationName } }`;
const REGISTRATIONS = `query($id: ID!) { eventRegistrations(eventId: $id) { id status side personName checkedInAt } }`;
const DECIDE = `mutation($input: DecideRegistrationInput!) { decideEventRegistration(input: $input) { id status } }`;
const CHECK_IN = `mutation($id: ID!) { checkInEventRegistration(registrationId: $id) { id checkedInAt } }`;
const PARTICIPANTS = `query($id: ID!) { eventParticipants(eventId: $id) { registrationId side personName busySlotIndexes isMe } }`;
const MEETING_FIELDS = `id slotIndex startsAt endsAt status declineReason outcome outcomeReason listingInterestId enterpriseName
  researcherName requestedByMe awaitingMyAnswer outcomeDue`;
const REQUEST = `mutation($input: RequestMeetingInput!) { requestEventMeeting(input: $input) { ${MEETING_FIELDS} } }`;
const ANSWER = `mutation($input: AnswerMeetingInput!) { answerEventMeeting(input: $input) { ${MEETING_FIELDS} } }`;
const OUTCOME = `mutation($input: RecordMeetingOutcomeInput!) { recordEventMeetingOutcome(input: $input) { ${MEETING_FIELDS} } }`;
const MY_MEETINGS = `query($id: ID!) { myEventMeetings(eventId: $id) { ${MEETING_FIELDS} } }`;
const ALL_MEETINGS = `query($id: ID!) { eventMeetings(eventId: $id) { id status } }`;
const PROPOSALS = `query($id: ID!) { eventProposals(eventId: $id) { direction organisationId organisationName personId demandId
  demandTitle targetType targetId targetTitle score matchedTerms reasons alreadyRegistered } }`;
const FIGURES = `query($id: ID!) { eventFigures(eventId: $id) { registrations approved checkedIn meetingsRequested
  meetingsAccepted followUps notInterested introductions deals } }`;

/** The calendar part of a raw email, decoded (base64 or quoted-printable), with its headers. */
function calendarPart(raw: Buffer): { headers: string; body: string } | null {
  const text = raw.toString('utf8');
  const at = text.search(/Content-Type: text\/calendar/i);
  if (at < 0) return null;
  const headerEnd = text.indexOf('\r\n\r\n', at);
  const headers = text.slice(at, headerEnd);
  const end = text.indexOf('\r\n--', headerEnd);
  const encoded = text.slice(headerEnd + 4, end);
  const body = /base64/i.test(headers)
    ? Buffer.from(encoded.replace(/\s+/g, ''), 'base64').toString('utf8')
    : /quoted-printable/i.test(headers)
      ? Buffer.from(
          encoded
            .replace(/=\r\n/g, '')
            .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          'latin1',
        ).toString('utf8')
      : encoded;
  return { headers, body: body.replace(/\r\n[ \t]/g, '') };
}

describe('matchmaking events through GraphQL (registration, scheduler, outcomes, figures)', () => {
  const clock = new ControllableClock();
  const mails: ReceivedMail[] = [];
  let sink: SmtpSink;
  let api: TestApi;
  let worker: INestApplicationContext;
  let dataSource: DataSource;
  let world: BrokerageWorld;
  let latecomer: TestActor;
  let eventId: string;
  let day: string;
  const registrationOf = new Map<string, string>();

  const failure = async (query: string, variables: Record<string, unknown>, actor?: TestActor) => {
    const res = await api.gql(query, variables, actor?.token);
    if (!res.errors) throw new Error(`expected an error, got ${JSON.stringify(res.data)}`);
    return { code: res.errors[0].extensions?.code as string, reason: res.errors[0].extensions?.reason as string };
  };
  const mailsTo = (actor: TestActor, kind: NotificationKind) =>
    mails.filter((m) => m.headers.get('x-notification-kind') === kind && m.to.some((to) => to.includes(actor.label)));

  beforeAll(async () => {
    sink = await startSmtpSink({ onMessage: (mail) => void mails.push(mail) });
    process.env.SMTP_URL = sink.url;
    clock.install();
    api = await startTestApi();
    worker = await createWorkerApp();
    await settledWorker(worker);
    dataSource = api.app.get(DataSource);
    world = await buildWorld(api, 'events', 1);
    // The test needs no matching after this: the queue is paused so the planted pair stays as it is.
    await plantedAfterFollower(api, worker, world, { pauseMatching: true });
    latecomer = await new MarketplaceActors(api).user('events-latecomer', Role.RESEARCHER, world.university.id);
    // The engine's explanation of the pair, as the matching service stores it.
    await dataSource.getRepository(MatchEntity).update(
      { id: world.achievementMatch.id },
      {
        explanation: {
          matchedTerms: [{ term: '视觉导航', fields: ['title'] }],
          missingTerms: [],
          textScore: 0.9,
          coverage: 0.8,
          factors: [{ factor: 'industry', effect: 0.1, reason: 'same industry (low_altitude)' }],
        },
      },
    );
    day = instantToZoned(new Date(clock.now().getTime() + 2 * DAY), ZONE).slice(0, 10);
  }, 240_000);

  afterAll(async () => {
    await worker?.get(JobQueue).queue(JOB_QUEUE[JobName.MatchDemand]).resume();
    await worker?.close();
    await api?.close();
    await sink?.close();
    clock.uninstall();
  });

  it('organisers create a draft in their time zone; only published events are public', async () => {
    const input = {
      kind: 'MATCHMAKING',
      title: '低空经济产学研对接会',
      description: '高校成果发布与一对一洽谈',
      industryCodes: ['low_altitude'],
      keywords: ['无人机', '视觉导航'],
      startsAt: `${day}T09:00`,
      endsAt: `${day}T12:00`,
      timeZone: ZONE,
      venue: '明湖会展中心 3 号厅',
      capacity: 4,
      slotMinutes: 20,
      presentingInstitutionIds: [world.university.id],
    };
    expect(await failure(CREATE, { input }, world.member)).toEqual({
      code: 'FORBIDDEN',
      reason: 'EVENT_ORGANISER_ROLE_REQUIRED',
    });
    expect((await failure(CREATE, { input: { ...input, timeZone: 'Mars/Olympus' } }, world.tto)).reason).toBe(
      'EVENT_TIMES_INVALID',
    );
    expect((await failure(CREATE, { input: { ...input, endsAt: `${day}T08:00` } }, world.tto)).reason).toBe(
      'EVENT_TIMES_INVALID',
    );
    expect((await failure(CREATE, { input: { ...input, capacity: 0 } }, world.tto)).code).toBe('BAD_USER_INPUT');
    expect((await failure(CREATE, { input: { ...input, venue: null } }, world.tto)).code).toBe('BAD_USER_INPUT');

    const { createEvent } = await ok(api, CREATE, { input }, world.tto);
    eventId = createEvent.id;
    // 09:00 in Shanghai is 01:00 UTC; nine 20-minute slots until noon, labelled in the event's zone.
    expect(createEvent.startsAt).toBe(`${day}T01:00:00.000Z`);
    expect(createEvent).toMatchObject({
      status: 'DRAFT',
      startsAtLocal: `${day}T09:00`,
      endsAtLocal: `${day}T12:00`,
      capacityLeft: 4,
      iOrganise: true,
      organiser: { id: world.university.id },
    });
    expect(createEvent.slots).toHaveLength(9);
    expect(createEvent.slots[1]).toMatchObject({ index: 1, startsAtLocal: `${day}T09:20` });

    // A draft does not exist for anyone but its organisers (and the bureau).
    expect((await failure(EVENT, { id: eventId })).code).toBe('NOT_FOUND');
    expect((await failure(EVENT, { id: eventId }, world.member)).reason).toBe('EVENT_NOT_FOUND');
    expect((await failure(EVENT, { id: eventId }, world.brokers[0])).code).toBe('NOT_FOUND');
    expect((await ok(api, EVENT, { id: eventId }, world.admin)).event.iOrganise).toBe(true);
    expect((await failure(PUBLISH, { id: eventId }, world.member)).code).toBe('NOT_FOUND');
    expect(((await api.gql(EVENTS)).data as any).events.nodes.map((e: any) => e.id)).not.toContain(eventId);

    await ok(api, PUBLISH, { id: eventId }, world.tto);
    const anonymous = (await api.gql(EVENT, { id: eventId })).data as any;
    expect(anonymous.event).toMatchObject({ status: 'PUBLISHED', iOrganise: false, myRegistration: null });
    expect(((await api.gql(EVENTS)).data as any).events.nodes.map((e: any) => e.id)).toContain(eventId);
  });

  it('proposes enterprises whose open demands match the presenting institution, and says why', async () => {
    expect((await failure(PROPOSALS, { id: eventId }, world.member)).code).toBe('NOT_FOUND');
    const { eventProposals } = await ok(api, PROPOSALS, { id: eventId }, world.tto);
    const enterprise = eventProposals.find((p: any) => p.direction === 'ENTERPRISE');
    expect(enterprise).toMatchObject({
      organisationId: world.enterprise.id,
      demandId: world.demand.id,
      targetType: 'ACHIEVEMENT',
      targetId: world.achievement.id,
      matchedTerms: ['视觉导航'],
      reasons: ['same industry (low_altitude)'],
      alreadyRegistered: false,
    });
    // One proposal per enterprise (its best pair), no reverse proposals before any enterprise registered.
    expect(eventProposals.filter((p: any) => p.organisationId === world.enterprise.id)).toHaveLength(1);
    expect(eventProposals.some((p: any) => p.direction === 'RESEARCHER')).toBe(false);
  });

  it('registration with approval within the capacity (the last place goes once), check-in, .ics in the email', async () => {
    const register = async (actor: TestActor) => {
      const { registerForEvent } = await ok(api, REGISTER, { input: { eventId } }, actor);
      registrationOf.set(actor.label, registerForEvent.id);
      return registerForEvent;
    };
    expect(await register(world.member)).toMatchObject({ status: 'PENDING', side: 'ENTERPRISE' });
    expect(await register(world.researcher)).toMatchObject({ status: 'PENDING', side: 'RESEARCHER' });
    await register(world.expertUser);
    await register(world.outsider);
    await register(latecomer);
    // Registering again is the same registration.
    expect((await register(world.member)).id).toBe(registrationOf.get(world.member.label));
    expect((await failure(REGISTER, { input: { eventId } })).code).toBe('UNAUTHENTICATED');

    // Reverse proposals now: the registered enterprise's demand matches the expert (and the listing).
    const { eventProposals } = await ok(api, PROPOSALS, { id: eventId }, world.tto);
    const reverse = eventProposals.filter((p: any) => p.direction === 'RESEARCHER');
    expect(reverse.map((p: any) => p.targetId).sort()).toEqual([world.achievement.id, world.expert.id].sort());
    expect(reverse.find((p: any) => p.targetId === world.achievement.id)).toMatchObject({
      personId: world.researcher.userId,
      alreadyRegistered: true,
    });

    expect((await failure(REGISTRATIONS, { id: eventId }, world.member)).code).toBe('NOT_FOUND');
    const { eventRegistrations } = await ok(api, REGISTRATIONS, { id: eventId }, world.tto);
    expect(eventRegistrations).toHaveLength(5);

    const decide = (actor: TestActor, approve: boolean, by: TestActor = world.tto) =>
      api.gql(DECIDE, { input: { registrationId: registrationOf.get(actor.label), approve } }, by.token);
    expect(
      (
        await failure(
          DECIDE,
          { input: { registrationId: registrationOf.get(world.member.label), approve: true } },
          world.member,
        )
      ).code,
    ).toBe('NOT_FOUND');
    for (const actor of [world.member, world.researcher, world.expertUser]) {
      expect((await decide(actor, true)).errors).toBeUndefined();
    }
    // One place left, two approvals at once: exactly one gets it.
    const race = await Promise.all([decide(world.outsider, true), decide(latecomer, true)]);
    expect(race.filter((r) => !r.errors)).toHaveLength(1);
    const lost = race.find((r) => r.errors)!;
    expect(lost.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'EVENT_FULL' });
    expect((await ok(api, EVENT, { id: eventId }, world.member)).event).toMatchObject({
      capacityLeft: 0,
      myRegistration: { status: 'APPROVED', side: 'ENTERPRISE' },
    });
    // Deciding twice is refused.
    expect((await decide(world.member, false)).errors![0].extensions!.reason).toBe(
      'EVENT_REGISTRATION_ALREADY_DECIDED',
    );

    // Check-in by the organiser, of approved participants only.
    const memberRegistration = registrationOf.get(world.member.label)!;
    expect((await failure(CHECK_IN, { id: memberRegistration }, world.researcher)).code).toBe('NOT_FOUND');
    const { checkInEventRegistration } = await ok(api, CHECK_IN, { id: memberRegistration }, world.tto);
    expect(checkInEventRegistration.checkedInAt).toBeTruthy();
    const loser = race[0].errors ? world.outsider : latecomer;
    expect((await failure(CHECK_IN, { id: registrationOf.get(loser.label) }, world.tto)).reason).toBe('EVENT_NOT_OPEN');

    // The approval email carries the event as an .ics calendar entry (through the notification email job).
    const mail = await eventually(
      async () => mailsTo(world.member, NotificationKind.EVENT_REGISTRATION_DECIDED)[0],
      30_000,
    );
    const ics = calendarPart(mail.raw);
    expect(ics).not.toBeNull();
    expect(ics!.headers).toMatch(/method=PUBLISH/i);
    expect(ics!.body).toContain('BEGIN:VEVENT');
    expect(ics!.body).toContain(`UID:event-${eventId}@techtransfer`);
    expect(ics!.body).toContain(`DTSTART:${day.replace(/-/g, '')}T010000Z`);
    expect(ics!.body).toContain('SUMMARY:低空经济产学研对接会');
  }, 120_000);

  let meetingId: string;
  let expertMeetingId: string;

  it('meetings: requests in free slots, nobody double-booked (also under concurrent requests), answered by the other side', async () => {
    const researcherRegistration = registrationOf.get(world.researcher.label)!;
    const expertRegistration = registrationOf.get(world.expertUser.label)!;
    const notApproved = (await ok(api, REGISTRATIONS, { id: eventId }, world.tto)).eventRegistrations.find(
      (r: any) => r.status === 'PENDING',
    );
    const pendingActor =
      notApproved && registrationOf.get(world.outsider.label) === notApproved.id ? world.outsider : latecomer;
    expect((await failure(PARTICIPANTS, { id: eventId }, pendingActor)).code).toBe('NOT_FOUND');
    const { eventParticipants } = await ok(api, PARTICIPANTS, { id: eventId }, world.member);
    expect(eventParticipants).toHaveLength(4);
    expect(eventParticipants.find((p: any) => p.isMe)).toMatchObject({ side: 'ENTERPRISE' });

    const request = (actor: TestActor, withRegistrationId: string, slotIndex: number, extra: object = {}) =>
      api.gql(REQUEST, { input: { eventId, withRegistrationId, slotIndex, ...extra } }, actor.token);

    const first = await request(world.member, researcherRegistration, 0, {
      demandId: world.demand.id,
      achievementId: world.achievement.id,
      message: '想了解室内导航精度',
    });
    expect(first.errors).toBeUndefined();
    const meeting = (first.data as any).requestEventMeeting;
    meetingId = meeting.id;
    expect(meeting).toMatchObject({ slotIndex: 0, status: 'REQUESTED', requestedByMe: true, awaitingMyAnswer: false });
    expect(meeting.startsAt).toBe(`${day}T01:00:00.000Z`);

    // The requester is busy in slot 0 now; the pair already meets; sides and slots are checked.
    expect((await request(world.member, expertRegistration, 0)).errors![0].extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'EVENT_MEETING_SLOT_TAKEN',
    });
    expect(
      (await request(world.researcher, registrationOf.get(world.member.label)!, 3)).errors![0].extensions,
    ).toMatchObject({
      reason: 'EVENT_MEETING_SLOT_TAKEN',
    });
    expect((await request(world.researcher, expertRegistration, 1)).errors![0].extensions!.reason).toBe(
      'EVENT_MEETING_SIDES_INVALID',
    );
    expect((await request(world.member, expertRegistration, 9)).errors![0].extensions!.reason).toBe(
      'EVENT_MEETING_SLOT_INVALID',
    );
    // The pending registrant cannot book anyone: the event's people are not theirs to know.
    expect((await request(pendingActor, researcherRegistration, 4)).errors![0].extensions!.code).toBe('NOT_FOUND');
    // A demand of another enterprise cannot be named.
    expect(
      (await request(world.member, expertRegistration, 2, { demandId: '00000000-0000-4000-8000-000000000000' }))
        .errors![0].extensions!.code,
    ).toBe('NOT_FOUND');

    // Five identical requests at once: one meeting, the others refused.
    const burst = await Promise.all(Array.from({ length: 5 }, () => request(world.member, expertRegistration, 2)));
    expect(burst.filter((r) => !r.errors)).toHaveLength(1);
    for (const refused of burst.filter((r) => r.errors)) expect(refused.errors![0].extensions!.code).toBe('CONFLICT');
    expertMeetingId = (burst.find((r) => !r.errors)!.data as any).requestEventMeeting.id;
    const busy = (await ok(api, PARTICIPANTS, { id: eventId }, world.researcher)).eventParticipants;
    expect(busy.find((p: any) => p.registrationId === registrationOf.get(world.member.label)).busySlotIndexes).toEqual([
      0, 2,
    ]);

    // The asked side answers; the requester and others do not see it to answer.
    expect((await failure(ANSWER, { input: { meetingId, accept: true } }, world.member)).code).toBe('NOT_FOUND');
    expect((await failure(ANSWER, { input: { meetingId, accept: true } }, world.outsider)).code).toBe('NOT_FOUND');
    const mine = (await ok(api, MY_MEETINGS, { id: eventId }, world.researcher)).myEventMeetings;
    expect(mine).toEqual([
      expect.objectContaining({ id: meetingId, awaitingMyAnswer: true, enterpriseName: expect.any(String) }),
    ]);
    const { answerEventMeeting } = await ok(api, ANSWER, { input: { meetingId, accept: true } }, world.researcher);
    expect(answerEventMeeting.status).toBe('ACCEPTED');
    expect((await failure(ANSWER, { input: { meetingId, accept: false } }, world.researcher)).reason).toBe(
      'EVENT_MEETING_ALREADY_ANSWERED',
    );

    // A declined request frees the slot for both.
    const declined = await ok(
      api,
      ANSWER,
      { input: { meetingId: expertMeetingId, accept: false, reason: '时间冲突' } },
      world.expertUser,
    );
    expect(declined.answerEventMeeting).toMatchObject({ status: 'DECLINED', declineReason: '时间冲突' });
    const again = await request(world.expertUser, registrationOf.get(world.member.label)!, 2);
    expect(again.errors).toBeUndefined();
    expertMeetingId = (again.data as any).requestEventMeeting.id;
    await ok(api, ANSWER, { input: { meetingId: expertMeetingId, accept: true } }, world.member);

    expect((await failure(ALL_MEETINGS, { id: eventId }, world.member)).code).toBe('NOT_FOUND');
    expect((await ok(api, ALL_MEETINGS, { id: eventId }, world.tto)).eventMeetings).toHaveLength(3);

    // Both sides of an accepted meeting get the confirmation with the meeting's .ics; the request was notified too.
    const requested = await dataSource
      .getRepository(NotificationEntity)
      .findBy({ userId: world.researcher.userId, kind: NotificationKind.EVENT_MEETING_REQUESTED });
    expect(requested).toHaveLength(1);
    expect(requested[0].body).toContain(`${day} 09:00 (Asia/Shanghai)`);
    for (const actor of [world.member, world.researcher]) {
      const confirmation = await eventually(
        async () =>
          mailsTo(actor, NotificationKind.EVENT_MEETING_ANSWERED).find((m) =>
            calendarPart(m.raw)?.body.includes(`UID:meeting-${meetingId}@techtransfer`),
          ),
        30_000,
      );
      const ics = calendarPart(confirmation.raw)!.body;
      expect(ics).toContain(`DTSTART:${day.replace(/-/g, '')}T010000Z`);
      expect(ics).toContain(`DTEND:${day.replace(/-/g, '')}T012000Z`);
    }
  }, 120_000);

  it('after the meetings: follow-up becomes an introduction request brokers claim; not interested needs a reason; figures', async () => {
    expect((await failure(OUTCOME, { input: { meetingId, outcome: 'FOLLOW_UP' } }, world.member)).reason).toBe(
      'EVENT_MEETING_OUTCOME_NOT_YET',
    );
    clock.advance(3 * DAY);
    for (const actor of [world.member, world.researcher, world.tto, world.brokers[0], world.expertUser, world.admin]) {
      const [{ email }] = await dataSource.query<Array<{ email: string }>>('SELECT email FROM users WHERE id = $1', [
        actor.userId,
      ]);
      actor.token = (await testAccounts(api).login(email)).token;
    }
    // The researcher side does not record outcomes; the enterprise does.
    expect((await failure(OUTCOME, { input: { meetingId, outcome: 'FOLLOW_UP' } }, world.researcher)).code).toBe(
      'NOT_FOUND',
    );
    const due = (await ok(api, MY_MEETINGS, { id: eventId }, world.member)).myEventMeetings;
    expect(
      due
        .filter((m: any) => m.outcomeDue)
        .map((m: any) => m.id)
        .sort(),
    ).toEqual([meetingId, expertMeetingId].sort());

    const { recordEventMeetingOutcome } = await ok(
      api,
      OUTCOME,
      { input: { meetingId, outcome: 'FOLLOW_UP', reason: '希望进一步洽谈许可' } },
      world.member,
    );
    expect(recordEventMeetingOutcome).toMatchObject({ outcome: 'FOLLOW_UP', outcomeDue: false });
    expect(recordEventMeetingOutcome.listingInterestId).toBeTruthy();
    // The pair waits in the brokers' work queue as the enterprise's own request, and a broker claims it.
    const queue = await ok(
      api,
      `{ brokerWorkQueue(first: 100, interestOnly: true) { matches { nodes { match { id } interest { id message } } } } }`,
      {},
      world.brokers[0],
    );
    const item = queue.brokerWorkQueue.matches.nodes.find((n: any) => n.match.id === world.achievementMatch.id);
    expect(item.interest).toMatchObject({ id: recordEventMeetingOutcome.listingInterestId });
    expect(item.interest.message).toContain('低空经济产学研对接会');

    expect(
      (await failure(OUTCOME, { input: { meetingId: expertMeetingId, outcome: 'NOT_INTERESTED' } }, world.member))
        .reason,
    ).toBe('EVENT_MEETING_OUTCOME_INCOMPLETE');
    await ok(
      api,
      OUTCOME,
      { input: { meetingId: expertMeetingId, outcome: 'NOT_INTERESTED', reason: '技术路线不符' } },
      world.member,
    );

    expect((await failure(FIGURES, { id: eventId }, world.member)).code).toBe('NOT_FOUND');
    const before = (await ok(api, FIGURES, { id: eventId }, world.tto)).eventFigures;
    expect(before).toEqual({
      registrations: 5,
      approved: 4,
      checkedIn: 1,
      meetingsRequested: 3,
      meetingsAccepted: 2,
      followUps: 1,
      notInterested: 1,
      introductions: 0,
      deals: 0,
    });
    // The broker claims the request, introduces the pair, both accept: the figures follow it to the deal.
    await introducedDeal(api, world);
    const after = (await ok(api, FIGURES, { id: eventId }, world.admin)).eventFigures;
    expect(after).toMatchObject({ introductions: 1, deals: 1 });
  }, 120_000);

  it('an institution presents itself by default; a cancelled event takes no registrations', async () => {
    const later = instantToZoned(new Date(clock.now().getTime() + 5 * DAY), 'Europe/Berlin').slice(0, 10);
    const { createEvent } = await ok(
      api,
      `mutation($input: CreateEventInput!) { createEvent(input: $input) { id presentingInstitutionIds } }`,
      {
        input: {
          kind: 'ROADSHOW',
          title: '成果路演',
          startsAt: `${later}T14:00`,
          endsAt: `${later}T16:00`,
          timeZone: 'Europe/Berlin',
          onlineUrl: 'https://meeting.example.com/roadshow',
          capacity: 10,
        },
      },
      world.tto,
    );
    expect(createEvent.presentingInstitutionIds).toEqual([world.university.id]);
    await ok(api, PUBLISH, { id: createEvent.id }, world.tto);
    await ok(api, `mutation($id: ID!) { cancelEvent(id: $id) { id status } }`, { id: createEvent.id }, world.tto);
    const refused = await api.gql(REGISTER, { input: { eventId: createEvent.id } }, world.member.token);
    expect(refused.errors![0].extensions).toMatchObject({ reason: 'EVENT_NOT_OPEN', state: 'CANCELLED' });
    // Once published, a cancelled event stays readable (people who registered see it was cancelled).
    expect(((await api.gql(EVENT, { id: createEvent.id })).data as any).event.status).toBe('CANCELLED');
  });

  it('organisers of other organisations do not see the organiser desk', async () => {
    const actors = new MarketplaceActors(api);
    const otherUniversity = await actors.organisation('events 东湖大学', OrganisationKind.UNIVERSITY);
    const otherTto = await actors.user('events-other-tto', Role.TTO_OFFICER, otherUniversity.id);
    for (const query of [REGISTRATIONS, PROPOSALS, FIGURES, ALL_MEETINGS]) {
      expect((await failure(query, { id: eventId }, otherTto)).code).toBe('NOT_FOUND');
    }
    expect((await ok(api, `{ organisedEvents { id } }`, {}, otherTto)).organisedEvents).toEqual([]);
    expect(
      (await ok(api, `{ organisedEvents { id } }`, {}, world.tto)).organisedEvents.map((e: any) => e.id),
    ).toContain(eventId);
  });
});
