import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, LessThan, MoreThan } from 'typeorm';
import { AppConfig, badInput, Clock, fail, JobIntentRelay, notFound } from '@app/core';
import {
  Actor,
  MembershipEntity,
  MembershipStatus,
  OrganisationEntity,
  OrganisationKind,
  Role,
  UserEntity,
} from '@app/identity';
import { NotificationEventsService, NotificationKind, SCREENS } from '@app/notifications';
import { CALENDAR_CONTENT_TYPE, calendarFile } from './domain/calendar-file';
import { capacityLeft, eventSlots, mayApprove, Slot } from './domain/scheduler';
import { instantToZoned } from './domain/time-zones';
import { isTimeZone, zonedToInstant } from './domain/time-zones';
import { canSeeEvent, organiserOrganisationOf, organises } from './event-access';
import {
  EventEntity,
  EventMeetingEntity,
  EventRegistrationEntity,
  EventStatus,
  MeetingStatus,
  ParticipantSide,
  RegistrationStatus,
} from './entities/event.entities';
import { CreateEventInput, DecideRegistrationInput, RegisterForEventInput, UpdateEventInput } from './events.inputs';
import { recordReminder } from './reminder-plan';

const ACTIVE_MEETINGS = [MeetingStatus.REQUESTED, MeetingStatus.ACCEPTED];

/** Why a meeting's calendar entry changed (EVENT_MEETING_CHANGED's outcome). */
type MeetingChange = 'MOVED' | 'EVENT_CANCELLED' | 'WITHDRAWN';

const INSTITUTION_KINDS: readonly OrganisationKind[] = [
  OrganisationKind.UNIVERSITY,
  OrganisationKind.RESEARCH_INSTITUTE,
  OrganisationKind.NEW_RD_INSTITUTION,
];

/** Events, their publication, registrations with approval and check-in. Meetings: MeetingsService. */
@Injectable()
export class EventsService {
  private readonly publicUrl: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly notifications: NotificationEventsService,
    private readonly intents: JobIntentRelay,
    config: AppConfig,
  ) {
    this.publicUrl = config.PUBLIC_URL.replace(/\/+$/, '');
  }

  now(): Date {
    return this.clock.now();
  }

  registrationsByIds(ids: readonly string[]): Promise<EventRegistrationEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(EventRegistrationEntity).findBy({ id: In([...new Set(ids)]) });
  }

  // ---- events ----

  async create(actor: Actor, input: CreateEventInput): Promise<EventEntity> {
    const organiserOrganisationId = organiserOrganisationOf(actor, input.organiserOrganisationId);
    if (!organiserOrganisationId) throw fail('EVENT_ORGANISER_ROLE_REQUIRED');
    const { startsAt, endsAt } = this.times(input.startsAt, input.endsAt, input.timeZone);
    if (!input.venue?.trim() && !input.onlineUrl?.trim()) {
      throw badInput('A venue or an online link is needed', { field: 'venue' });
    }
    const industryCodes = await this.knownIndustries(input.industryCodes);
    const presenting = await this.presentingInstitutions(input.presentingInstitutionIds);
    if (presenting.length === 0) {
      // An institution organising presents its own listings unless it names others.
      const organiser = await this.dataSource
        .getRepository(OrganisationEntity)
        .findOneBy({ id: organiserOrganisationId });
      if (organiser && INSTITUTION_KINDS.includes(organiser.kind)) presenting.push(organiser.id);
    }
    return this.dataSource.getRepository(EventEntity).save({
      kind: input.kind,
      title: input.title.trim(),
      description: input.description.trim(),
      industryCodes,
      keywords: cleanKeywords(input.keywords),
      startsAt,
      endsAt,
      timeZone: input.timeZone,
      venue: input.venue?.trim() || null,
      onlineUrl: input.onlineUrl?.trim() || null,
      capacity: input.capacity,
      slotMinutes: input.slotMinutes,
      organiserOrganisationId,
      createdById: actor.userId,
      presentingInstitutionIds: presenting,
      status: EventStatus.DRAFT,
      publishedAt: null,
    });
  }

  /** Wall-clock times in a zone → instants; EVENT_TIMES_INVALID unless the end follows within 14 days. */
  private times(startsLocal: string, endsLocal: string, timeZone: string): { startsAt: Date; endsAt: Date } {
    if (!isTimeZone(timeZone)) throw fail('EVENT_TIMES_INVALID', { field: 'timeZone' });
    const startsAt = zonedToInstant(startsLocal, timeZone);
    const endsAt = zonedToInstant(endsLocal, timeZone);
    if (!startsAt) throw fail('EVENT_TIMES_INVALID', { field: 'startsAt' });
    if (!endsAt || endsAt.getTime() <= startsAt.getTime()) throw fail('EVENT_TIMES_INVALID', { field: 'endsAt' });
    if (endsAt.getTime() - startsAt.getTime() > 14 * 86_400_000) throw fail('EVENT_TIMES_INVALID', { field: 'endsAt' });
    return { startsAt, endsAt };
  }

  private async knownIndustries(codes: readonly string[]): Promise<string[]> {
    const industryCodes = [...new Set(codes)];
    if (industryCodes.length) {
      const known = await this.dataSource.query<Array<{ code: string }>>(
        'SELECT code FROM industries WHERE code = ANY($1)',
        [industryCodes],
      );
      const unknown = industryCodes.filter((code) => !known.some((row) => row.code === code));
      if (unknown.length) throw fail('UNKNOWN_INDUSTRY', { industry: unknown[0] });
    }
    return industryCodes;
  }

  /** The named presenting institutions (each must be a university, institute or new R&D institution). */
  private async presentingInstitutions(ids: readonly string[]): Promise<string[]> {
    const presenting = [...new Set(ids)];
    if (presenting.length === 0) return presenting;
    const institutions = await this.dataSource
      .getRepository(OrganisationEntity)
      .findBy({ id: In(presenting), kind: In([...INSTITUTION_KINDS]) });
    if (institutions.length !== presenting.length) {
      throw badInput('Unknown presenting institution', { field: 'presentingInstitutionIds' });
    }
    return presenting;
  }

  /**
   * The organiser edits an event (not once cancelled or over). The capacity stays at or above the approvals (the
   * event row locked, as approvals lock it); booked meetings keep their slot numbers on the new grid (refused when
   * one would fall outside it). An edit of what the calendar entry shows raises its SEQUENCE; a change of times or
   * place tells the registrants (approved ones get the updated .ics, same UID) and re-plans the reminder.
   */
  async update(actor: Actor, input: UpdateEventInput): Promise<EventEntity> {
    const saved = await this.dataSource.transaction(async (manager) => {
      const event = await manager.findOne(EventEntity, {
        where: { id: input.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!event || !organises(actor, event)) throw fail('EVENT_NOT_FOUND', { id: input.id });
      if (event.status === EventStatus.CANCELLED || event.endsAt.getTime() <= this.clock.now().getTime()) {
        throw fail('EVENT_NOT_OPEN', { state: event.status === EventStatus.CANCELLED ? event.status : 'ENDED' });
      }
      const before = { ...event };
      if (input.title != null) event.title = input.title.trim();
      if (input.description != null) event.description = input.description.trim();
      if (input.keywords != null) event.keywords = cleanKeywords(input.keywords);
      if (input.industryCodes != null) event.industryCodes = await this.knownIndustries(input.industryCodes);
      if (input.presentingInstitutionIds != null) {
        event.presentingInstitutionIds = await this.presentingInstitutions(input.presentingInstitutionIds);
      }
      if (input.venue !== undefined) event.venue = input.venue?.trim() || null;
      if (input.onlineUrl !== undefined) event.onlineUrl = input.onlineUrl?.trim() || null;
      if (!event.venue && !event.onlineUrl) throw badInput('A venue or an online link is needed', { field: 'venue' });
      if (input.startsAt != null || input.endsAt != null || input.timeZone != null) {
        const zone = input.timeZone ?? event.timeZone;
        const times = this.times(
          input.startsAt ?? instantToZoned(event.startsAt, event.timeZone),
          input.endsAt ?? instantToZoned(event.endsAt, event.timeZone),
          zone,
        );
        Object.assign(event, times, { timeZone: zone });
      }
      if (input.capacity != null) {
        const approved = await this.approvedCount(event.id, manager);
        if (input.capacity < approved) throw fail('EVENT_CAPACITY_BELOW_APPROVED', { approved, field: 'capacity' });
        event.capacity = input.capacity;
      }
      const timesChanged =
        event.startsAt.getTime() !== before.startsAt.getTime() || event.endsAt.getTime() !== before.endsAt.getTime();
      const placeChanged = event.venue !== before.venue || event.onlineUrl !== before.onlineUrl;
      const moved = timesChanged ? await this.moveMeetings(manager, event) : [];
      const calendarChanged =
        timesChanged ||
        placeChanged ||
        event.title !== before.title ||
        event.description !== before.description ||
        event.timeZone !== before.timeZone;
      if (calendarChanged) event.sequence = before.sequence + 1;
      const result = await manager.save(event);
      if (timesChanged || placeChanged) await this.tellRegistrants(manager, actor, result);
      await this.tellMeetingParties(manager, actor.userId, result, moved, 'MOVED', this.whenAndWhere(result));
      if (timesChanged && result.status === EventStatus.PUBLISHED) await recordReminder(manager, result);
      return result;
    });
    await this.intents.relayNow();
    return saved;
  }

  /**
   * Active meetings keep their slot number on the event's new grid, at its new times; accepted ones (their parties
   * hold a calendar entry) raise its SEQUENCE and are returned, for the updated .ics.
   */
  private async moveMeetings(manager: EntityManager, event: EventEntity): Promise<EventMeetingEntity[]> {
    const slots = eventSlots(event);
    const meetings = await manager.findBy(EventMeetingEntity, { eventId: event.id, status: In(ACTIVE_MEETINGS) });
    for (const meeting of meetings) {
      const slot = slots[meeting.slotIndex];
      if (!slot) throw fail('EVENT_MEETINGS_OUTSIDE_TIMES', { slotIndex: meeting.slotIndex, field: 'endsAt' });
      meeting.startsAt = slot.startsAt;
      meeting.endsAt = slot.endsAt;
      if (meeting.status === MeetingStatus.ACCEPTED) meeting.sequence += 1;
    }
    if (meetings.length) await manager.save(meetings);
    return meetings.filter((meeting) => meeting.status === MeetingStatus.ACCEPTED);
  }

  /** Active meetings end as CANCELLED (their slots free again); returns them as they were, with a raised SEQUENCE. */
  private async callOffMeetings(manager: EntityManager, meetings: EventMeetingEntity[]): Promise<EventMeetingEntity[]> {
    const before = meetings.map((meeting) => ({ ...meeting, sequence: meeting.sequence + 1 }));
    for (const meeting of meetings) {
      meeting.status = MeetingStatus.CANCELLED;
      meeting.sequence += 1;
    }
    if (meetings.length) await manager.save(meetings);
    return before;
  }

  /**
   * The parties of meetings that moved or were called off hear of it, each meeting on its own (its own calendar
   * entry): an accepted meeting's email carries its .ics — updated, or cancelled (same UID, higher SEQUENCE).
   * `except`: the person who withdrew, who knows.
   */
  private async tellMeetingParties(
    manager: EntityManager,
    actorId: string | null,
    event: EventEntity,
    meetings: readonly EventMeetingEntity[],
    change: MeetingChange,
    reason: string | null,
    except?: string,
  ): Promise<void> {
    if (meetings.length === 0) return;
    const registrations = await manager.findBy(EventRegistrationEntity, {
      id: In(meetings.flatMap((m) => [m.enterpriseRegistrationId, m.researcherRegistrationId])),
    });
    const people = await this.people(registrations);
    for (const meeting of meetings) {
      const requester = registrations.find((r) => r.id === meeting.requestedByRegistrationId);
      const asked = registrations.find(
        (r) =>
          r.id !== meeting.requestedByRegistrationId &&
          (r.id === meeting.enterpriseRegistrationId || r.id === meeting.researcherRegistrationId),
      );
      if (!requester || !asked) continue;
      const userIds = [requester.userId, asked.userId].filter((id) => id !== except);
      const accepted = meeting.status === MeetingStatus.ACCEPTED;
      await this.notifications.publish(manager, {
        kind: NotificationKind.EVENT_MEETING_CHANGED,
        eventKey: `meeting-changed:${meeting.id}:${meeting.sequence}`,
        actorId,
        audiences: [{ userIds, path: SCREENS.myEventMeetings(event.id) }],
        data: { eventId: event.id, meetingId: meeting.id },
        params: { subject: event.title, outcome: change, reason },
        emailAttachment: accepted
          ? {
              fileName: 'meeting.ics',
              contentType: CALENDAR_CONTENT_TYPE,
              content: this.meetingCalendar(
                event,
                meeting,
                people.name(requester.userId),
                people.name(asked.userId),
                change !== 'MOVED',
              ),
            }
          : null,
      });
    }
  }

  /** Registrants hear of new times or a new place: approved ones with the updated .ics, pending ones without. */
  private async tellRegistrants(manager: EntityManager, actor: Actor, event: EventEntity): Promise<void> {
    const registrations = await manager.findBy(EventRegistrationEntity, {
      eventId: event.id,
      status: In([RegistrationStatus.APPROVED, RegistrationStatus.PENDING]),
    });
    const common = {
      kind: NotificationKind.EVENT_CHANGED,
      eventKey: `changed:${event.id}:${event.sequence}`,
      actorId: actor.userId,
      data: { eventId: event.id },
      params: { subject: event.title, reason: this.whenAndWhere(event) },
    } as const;
    const of = (status: RegistrationStatus) => registrations.filter((r) => r.status === status).map((r) => r.userId);
    await this.notifications.publish(manager, {
      ...common,
      audiences: [{ userIds: of(RegistrationStatus.APPROVED), path: SCREENS.event(event.id) }],
      emailAttachment: {
        fileName: 'event.ics',
        contentType: CALENDAR_CONTENT_TYPE,
        content: this.eventCalendar(event),
      },
    });
    await this.notifications.publish(manager, {
      ...common,
      audiences: [{ userIds: of(RegistrationStatus.PENDING), path: SCREENS.event(event.id) }],
    });
  }

  /** `2026-12-10 09:00–12:00 (Asia/Shanghai) · venue · link`, for notifications. */
  whenAndWhere(event: EventEntity): string {
    const starts = instantToZoned(event.startsAt, event.timeZone).replace('T', ' ');
    const ends = instantToZoned(event.endsAt, event.timeZone);
    const end = ends.slice(0, 10) === starts.slice(0, 10) ? ends.slice(11) : ends.replace('T', ' ');
    return [`${starts}–${end} (${event.timeZone})`, event.venue, event.onlineUrl].filter(Boolean).join(' · ');
  }

  async publish(actor: Actor, eventId: string): Promise<EventEntity> {
    const event = await this.organised(actor, eventId);
    if (event.status === EventStatus.CANCELLED) throw fail('EVENT_NOT_OPEN', { state: event.status });
    if (event.status === EventStatus.PUBLISHED) return event;
    const saved = await this.dataSource.transaction(async (manager) => {
      event.status = EventStatus.PUBLISHED;
      event.publishedAt = this.clock.now();
      const result = await manager.save(event);
      // The reminder a day before, as a delayed job committed with the publication.
      await recordReminder(manager, result);
      return result;
    });
    await this.intents.relayNow();
    return saved;
  }

  /**
   * The organiser calls the event off: its active meetings are cancelled, registrants hear of it (approved ones with
   * the cancelled .ics: same UID, higher SEQUENCE), the parties of accepted meetings get each meeting's cancelled
   * .ics too, and reminders skip it. Cancelling again changes nothing; an event that has ended cannot be cancelled.
   */
  async cancel(actor: Actor, eventId: string, reason?: string | null): Promise<EventEntity> {
    const saved = await this.dataSource.transaction(async (manager) => {
      const event = await manager.findOne(EventEntity, { where: { id: eventId }, lock: { mode: 'pessimistic_write' } });
      if (!event || !organises(actor, event)) throw fail('EVENT_NOT_FOUND', { id: eventId });
      if (event.status === EventStatus.CANCELLED) return event;
      if (event.endsAt.getTime() <= this.clock.now().getTime()) throw fail('EVENT_NOT_OPEN', { state: 'ENDED' });
      event.status = EventStatus.CANCELLED;
      event.sequence += 1;
      const result = await manager.save(event);
      const why = reason?.trim() || null;
      const active = await manager.findBy(EventMeetingEntity, { eventId, status: In(ACTIVE_MEETINGS) });
      const calledOff = await this.callOffMeetings(manager, active);
      // Requested meetings had no calendar entry: the event's own notice covers them.
      const accepted = calledOff.filter((meeting) => meeting.status === MeetingStatus.ACCEPTED);
      await this.tellMeetingParties(manager, actor.userId, result, accepted, 'EVENT_CANCELLED', why);
      const registrations = await manager.findBy(EventRegistrationEntity, {
        eventId,
        status: In([RegistrationStatus.APPROVED, RegistrationStatus.PENDING]),
      });
      const of = (status: RegistrationStatus) => registrations.filter((r) => r.status === status).map((r) => r.userId);
      const common = {
        kind: NotificationKind.EVENT_CANCELLED,
        eventKey: `cancelled:${event.id}`,
        actorId: actor.userId,
        data: { eventId: event.id },
        params: { subject: event.title, reason: why },
      } as const;
      await this.notifications.publish(manager, {
        ...common,
        audiences: [{ userIds: of(RegistrationStatus.APPROVED), path: SCREENS.event(event.id) }],
        emailAttachment: {
          fileName: 'event.ics',
          contentType: CALENDAR_CONTENT_TYPE,
          content: this.eventCalendar(result),
        },
      });
      await this.notifications.publish(manager, {
        ...common,
        audiences: [{ userIds: of(RegistrationStatus.PENDING), path: SCREENS.event(event.id) }],
      });
      return result;
    });
    await this.intents.relayNow();
    return saved;
  }

  /** An event the viewer may see; NOT_FOUND otherwise. */
  async get(actor: Actor | undefined, eventId: string): Promise<EventEntity> {
    const event = await this.dataSource.getRepository(EventEntity).findOneBy({ id: eventId });
    if (!event || !canSeeEvent(actor, event)) throw fail('EVENT_NOT_FOUND', { id: eventId });
    return event;
  }

  /** An event the actor organises; NOT_FOUND for anyone else (they may not know its organiser's side). */
  async organised(actor: Actor, eventId: string, manager?: EntityManager): Promise<EventEntity> {
    const event = await (manager ?? this.dataSource.manager).findOneBy(EventEntity, { id: eventId });
    if (!event || !organises(actor, event)) throw fail('EVENT_NOT_FOUND', { id: eventId });
    return event;
  }

  /** Published events, upcoming (not yet ended) soonest first, or past ones latest first. */
  async listPublic(options: { first: number; offset: number; when?: 'UPCOMING' | 'PAST' | null }) {
    const now = this.clock.now();
    const past = options.when === 'PAST';
    const [nodes, totalCount] = await this.dataSource.getRepository(EventEntity).findAndCount({
      where: { status: EventStatus.PUBLISHED, endsAt: past ? LessThan(now) : MoreThan(now) },
      order: past ? { startsAt: 'DESC', id: 'ASC' } : { startsAt: 'ASC', id: 'ASC' },
      take: options.first,
      skip: options.offset,
    });
    return { nodes, totalCount };
  }

  /** Events the actor organises (any status), latest first. */
  async listOrganised(actor: Actor): Promise<EventEntity[]> {
    const repository = this.dataSource.getRepository(EventEntity);
    if (actor.isAdmin) return repository.find({ order: { startsAt: 'DESC' }, take: 100 });
    const organisations = actor.memberships
      .filter((m) => m.orgAdmin || [Role.TTO_OFFICER, Role.BROKER].includes(m.role))
      .map((m) => m.organisationId);
    if (organisations.length === 0) return [];
    return repository.find({
      where: { organiserOrganisationId: In(organisations) },
      order: { startsAt: 'DESC' },
      take: 100,
    });
  }

  slots(event: EventEntity): Slot[] {
    return eventSlots(event);
  }

  async approvedCount(eventId: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    return manager.countBy(EventRegistrationEntity, { eventId, status: RegistrationStatus.APPROVED });
  }

  async capacityLeft(event: EventEntity): Promise<number> {
    return capacityLeft(await this.approvedCount(event.id), event.capacity);
  }

  // ---- registrations ----

  /** Registers the actor (PENDING until the organiser decides); registering again returns the registration. */
  async register(actor: Actor, input: RegisterForEventInput): Promise<EventRegistrationEntity> {
    const event = await this.get(actor, input.eventId);
    if (event.status !== EventStatus.PUBLISHED || event.endsAt.getTime() <= this.clock.now().getTime()) {
      throw fail('EVENT_NOT_OPEN', { state: event.status === EventStatus.PUBLISHED ? 'ENDED' : event.status });
    }
    const repository = this.dataSource.getRepository(EventRegistrationEntity);
    const existing = await repository.findOneBy({ eventId: event.id, userId: actor.userId });
    if (existing?.status === RegistrationStatus.WITHDRAWN) {
      // Back after withdrawing: pending again, for the organiser to decide anew.
      existing.status = RegistrationStatus.PENDING;
      existing.decidedAt = null;
      existing.checkedInAt = null;
      existing.message = input.message?.trim() || existing.message;
      return repository.save(existing);
    }
    if (existing) return existing;
    const membership = input.organisationId
      ? actor.memberships.find((m) => m.organisationId === input.organisationId)
      : ([Role.ENTERPRISE_MEMBER, Role.RESEARCHER, Role.TTO_OFFICER]
          .map((role) => actor.memberships.find((m) => m.role === role))
          .find(Boolean) ?? actor.memberships[0]);
    if (input.organisationId && !membership) throw notFound('Organisation', input.organisationId);
    const side =
      membership?.role === Role.ENTERPRISE_MEMBER
        ? ParticipantSide.ENTERPRISE
        : membership?.role === Role.RESEARCHER || membership?.role === Role.TTO_OFFICER
          ? ParticipantSide.RESEARCHER
          : ParticipantSide.OBSERVER;
    await repository
      .createQueryBuilder()
      .insert()
      .values({
        eventId: event.id,
        userId: actor.userId,
        organisationId: membership?.organisationId ?? null,
        side,
        status: RegistrationStatus.PENDING,
        message: input.message?.trim() || null,
      })
      .orIgnore()
      .execute();
    return repository.findOneByOrFail({ eventId: event.id, userId: actor.userId });
  }

  /**
   * The registrant calls off their own registration (pending or approved) before the event ends: their place is
   * free again, their requested and accepted meetings are cancelled and the other party of each hears of it (an
   * accepted meeting's email carries its cancelled .ics). Withdrawing again changes nothing.
   */
  async withdrawRegistration(actor: Actor, eventId: string, reason?: string | null): Promise<EventRegistrationEntity> {
    const saved = await this.dataSource.transaction(async (manager) => {
      const event = await manager.findOne(EventEntity, { where: { id: eventId }, lock: { mode: 'pessimistic_write' } });
      const registration = event
        ? await manager.findOneBy(EventRegistrationEntity, { eventId, userId: actor.userId })
        : null;
      if (!event || !registration) throw fail('EVENT_REGISTRATION_NOT_FOUND', { id: eventId });
      if (registration.status === RegistrationStatus.WITHDRAWN) return registration;
      if (registration.status === RegistrationStatus.DECLINED) {
        throw fail('EVENT_REGISTRATION_ALREADY_DECIDED', { status: registration.status });
      }
      if (event.status !== EventStatus.PUBLISHED || event.endsAt.getTime() <= this.clock.now().getTime()) {
        throw fail('EVENT_NOT_OPEN', { state: event.status === EventStatus.PUBLISHED ? 'ENDED' : event.status });
      }
      registration.status = RegistrationStatus.WITHDRAWN;
      const result = await manager.save(registration);
      const mine = await manager.find(EventMeetingEntity, {
        where: [
          { eventId, status: In(ACTIVE_MEETINGS), enterpriseRegistrationId: registration.id },
          { eventId, status: In(ACTIVE_MEETINGS), researcherRegistrationId: registration.id },
        ],
      });
      const calledOff = await this.callOffMeetings(manager, mine);
      const why = reason?.trim() || null;
      await this.tellMeetingParties(manager, actor.userId, event, calledOff, 'WITHDRAWN', why, actor.userId);
      return result;
    });
    await this.intents.relayNow();
    return saved;
  }

  async myRegistration(actor: Actor | undefined, eventId: string): Promise<EventRegistrationEntity | null> {
    if (!actor) return null;
    return this.dataSource.getRepository(EventRegistrationEntity).findOneBy({ eventId, userId: actor.userId });
  }

  /** The organiser's list of registrations (pending first). */
  async registrations(actor: Actor, eventId: string): Promise<EventRegistrationEntity[]> {
    await this.organised(actor, eventId);
    const rows = await this.dataSource
      .getRepository(EventRegistrationEntity)
      .find({ where: { eventId }, order: { createdAt: 'ASC', id: 'ASC' }, take: 2000 });
    const rank = { PENDING: 0, APPROVED: 1, DECLINED: 2, WITHDRAWN: 3 } as const;
    return rows.sort((a, b) => rank[a.status] - rank[b.status]);
  }

  /**
   * Approves within the capacity (the event row is locked, so two approvals cannot both take the last place) or
   * declines. The registrant hears of it; an approval's email carries the event as an .ics entry.
   */
  async decide(actor: Actor, input: DecideRegistrationInput): Promise<EventRegistrationEntity> {
    return this.dataSource.transaction(async (manager) => {
      const registration = await manager.findOneBy(EventRegistrationEntity, { id: input.registrationId });
      if (!registration) throw fail('EVENT_REGISTRATION_NOT_FOUND', { id: input.registrationId });
      const event = await manager.findOne(EventEntity, {
        where: { id: registration.eventId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!event || !organises(actor, event)) throw fail('EVENT_REGISTRATION_NOT_FOUND', { id: input.registrationId });
      const current = await manager.findOneByOrFail(EventRegistrationEntity, { id: registration.id });
      if (current.status !== RegistrationStatus.PENDING) {
        throw fail('EVENT_REGISTRATION_ALREADY_DECIDED', { status: current.status });
      }
      if (input.approve && !mayApprove(await this.approvedCount(event.id, manager), event.capacity)) {
        throw fail('EVENT_FULL', { capacity: event.capacity });
      }
      current.status = input.approve ? RegistrationStatus.APPROVED : RegistrationStatus.DECLINED;
      current.decidedAt = this.clock.now();
      await manager.save(current);
      await this.notifications.publish(manager, {
        kind: NotificationKind.EVENT_REGISTRATION_DECIDED,
        eventKey: `registration:${current.id}`,
        actorId: actor.userId,
        audiences: [{ userIds: [current.userId], path: SCREENS.event(event.id) }],
        data: { eventId: event.id, registrationId: current.id },
        params: { subject: event.title, outcome: current.status, reason: input.reason ?? null },
        emailAttachment: input.approve
          ? { fileName: 'event.ics', contentType: CALENDAR_CONTENT_TYPE, content: this.eventCalendar(event) }
          : null,
      });
      return current;
    });
  }

  /** Marks an approved registrant present (again: no change). */
  async checkIn(actor: Actor, registrationId: string): Promise<EventRegistrationEntity> {
    const repository = this.dataSource.getRepository(EventRegistrationEntity);
    const registration = await repository.findOneBy({ id: registrationId });
    const event = registration
      ? await this.dataSource.getRepository(EventEntity).findOneBy({ id: registration.eventId })
      : null;
    if (!registration || !event || !organises(actor, event)) {
      throw fail('EVENT_REGISTRATION_NOT_FOUND', { id: registrationId });
    }
    if (registration.status !== RegistrationStatus.APPROVED) {
      throw fail('EVENT_NOT_OPEN', { state: `registration ${registration.status}` });
    }
    if (!registration.checkedInAt) {
      registration.checkedInAt = this.clock.now();
      await repository.save(registration);
    }
    return registration;
  }

  /** The approved registration of the actor at an event, or null. */
  approvedRegistrationOf(actor: Actor, eventId: string, manager: EntityManager = this.dataSource.manager) {
    return manager.findOneBy(EventRegistrationEntity, {
      eventId,
      userId: actor.userId,
      status: RegistrationStatus.APPROVED,
    });
  }

  /** Names and organisations for registrations (one query each). */
  async people(registrations: readonly EventRegistrationEntity[]) {
    const users = await this.dataSource.getRepository(UserEntity).find({
      where: { id: In([...new Set(registrations.map((r) => r.userId))]) },
      select: { id: true, displayName: true },
    });
    const organisationIds = [...new Set(registrations.map((r) => r.organisationId).filter((id): id is string => !!id))];
    const organisations = organisationIds.length
      ? await this.dataSource.getRepository(OrganisationEntity).find({
          where: { id: In(organisationIds) },
          select: { id: true, name: true },
        })
      : [];
    return {
      name: (userId: string) => users.find((u) => u.id === userId)?.displayName ?? '',
      organisation: (id: string | null) => organisations.find((o) => o.id === id)?.name ?? null,
    };
  }

  /** Members of an organisation with any of the roles (for who may be invited). */
  async activeMembers(organisationId: string): Promise<MembershipEntity[]> {
    return this.dataSource.getRepository(MembershipEntity).findBy({ organisationId, status: MembershipStatus.ACTIVE });
  }

  eventCalendar(event: EventEntity): string {
    const where = [event.venue, event.onlineUrl].filter(Boolean).join(' · ');
    return calendarFile({
      uid: `event-${event.id}@techtransfer`,
      title: event.title,
      description: `${event.description}\n\n(${event.timeZone})`.trim(),
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      location: where || null,
      url: `${this.publicUrl}${SCREENS.event(event.id)}`,
      sequence: event.sequence,
      cancelled: event.status === EventStatus.CANCELLED,
    });
  }

  /** A meeting's calendar entry: `<event>：<who asked> × <who was asked>`, in the event's place. */
  meetingCalendar(event: EventEntity, meeting: EventMeetingEntity, a: string, b: string, cancelled = false): string {
    return calendarFile({
      uid: `meeting-${meeting.id}@techtransfer`,
      title: `${event.title}：${a} × ${b}`,
      description: [meeting.message ?? '', `(${event.timeZone})`].filter(Boolean).join('\n\n'),
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
      location: [event.venue, event.onlineUrl].filter(Boolean).join(' · ') || null,
      url: `${this.publicUrl}${SCREENS.myEventMeetings(event.id)}`,
      sequence: meeting.sequence,
      cancelled,
    });
  }
}

const cleanKeywords = (keywords: readonly string[]) => [...new Set(keywords.map((k) => k.trim()).filter(Boolean))];
