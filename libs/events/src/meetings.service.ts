import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Clock, fail } from '@app/core';
import { AchievementEntity } from '@app/achievements';
import { MarketService } from '@app/brokerage';
import { DemandEntity } from '@app/demands';
import { Actor } from '@app/identity';
import { NotificationEventsService, NotificationKind, SCREENS } from '@app/notifications';
import { CALENDAR_CONTENT_TYPE } from './domain/calendar-file';
import { Booking, bookingProblem, eventSlots, MeetingSide } from './domain/scheduler';
import { instantToZoned } from './domain/time-zones';
import { organises } from './event-access';
import {
  EventEntity,
  EventMeetingEntity,
  EventRegistrationEntity,
  MeetingOutcome,
  MeetingStatus,
  ParticipantSide,
  RegistrationStatus,
} from './entities/event.entities';
import { AnswerMeetingInput, RecordMeetingOutcomeInput, RequestMeetingInput } from './events.inputs';
import { EventsService } from './events.service';

const ACTIVE = [MeetingStatus.REQUESTED, MeetingStatus.ACCEPTED];

const sideOf = (registration: EventRegistrationEntity): MeetingSide | null =>
  registration.side === ParticipantSide.OBSERVER ? null : registration.side;

/** A participant the viewer may book, with the slots they are busy in. */
export interface EventParticipant {
  registration: EventRegistrationEntity;
  busySlotIndexes: number[];
}

/**
 * The one-to-one meeting scheduler: approved participants book each other in the event's fixed-length slots (the
 * rules are `domain/scheduler.ts`; the event row is locked while a request is checked and written, and unique
 * indexes back it), the other side accepts or declines, the enterprise records the outcome afterwards.
 */
@Injectable()
export class MeetingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly events: EventsService,
    private readonly notifications: NotificationEventsService,
    private readonly market: MarketService,
  ) {}

  /** Approved participants (for organisers and approved participants; NOT_FOUND for anyone else). */
  async participants(actor: Actor, eventId: string): Promise<EventParticipant[]> {
    const event = await this.events.get(actor, eventId);
    if (!organises(actor, event) && !(await this.events.approvedRegistrationOf(actor, eventId))) {
      throw fail('EVENT_NOT_FOUND', { id: eventId });
    }
    const registrations = await this.dataSource.getRepository(EventRegistrationEntity).find({
      where: { eventId, status: RegistrationStatus.APPROVED },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: 2000,
    });
    const bookings = await this.activeMeetings(eventId);
    return registrations.map((registration) => ({
      registration,
      busySlotIndexes: bookings
        .filter((m) => m.enterpriseRegistrationId === registration.id || m.researcherRegistrationId === registration.id)
        .map((m) => m.slotIndex)
        .sort((a, b) => a - b),
    }));
  }

  /** The actor's own meetings at an event (as either side). */
  async mine(actor: Actor, eventId: string): Promise<EventMeetingEntity[]> {
    await this.events.get(actor, eventId);
    const registration = await this.dataSource
      .getRepository(EventRegistrationEntity)
      .findOneBy({ eventId, userId: actor.userId });
    if (!registration) return [];
    return this.dataSource.getRepository(EventMeetingEntity).find({
      where: [
        { eventId, enterpriseRegistrationId: registration.id },
        { eventId, researcherRegistrationId: registration.id },
      ],
      order: { slotIndex: 'ASC', createdAt: 'ASC' },
    });
  }

  /** Every meeting of an event, for its organisers. */
  async all(actor: Actor, eventId: string): Promise<EventMeetingEntity[]> {
    await this.events.organised(actor, eventId);
    return this.dataSource.getRepository(EventMeetingEntity).find({
      where: { eventId },
      order: { slotIndex: 'ASC', createdAt: 'ASC' },
      take: 5000,
    });
  }

  async request(actor: Actor, input: RequestMeetingInput): Promise<EventMeetingEntity> {
    const meeting = await this.dataSource.transaction(async (manager) => {
      const event = await manager.findOne(EventEntity, {
        where: { id: input.eventId },
        lock: { mode: 'pessimistic_write' },
      });
      const requester = event ? await this.events.approvedRegistrationOf(actor, event.id, manager) : null;
      // Only approved participants see who else takes part: anyone else does not know this event's people.
      if (!event || !requester) throw fail('EVENT_NOT_FOUND', { id: input.eventId });
      if (event.endsAt.getTime() <= this.clock.now().getTime()) throw fail('EVENT_NOT_OPEN', { state: 'ENDED' });
      const counterpart = await manager.findOneBy(EventRegistrationEntity, {
        id: input.withRegistrationId,
        eventId: event.id,
        status: RegistrationStatus.APPROVED,
      });
      if (!counterpart) throw fail('EVENT_REGISTRATION_NOT_FOUND', { id: input.withRegistrationId });
      const slots = eventSlots(event);
      const active = await manager.findBy(EventMeetingEntity, { eventId: event.id, status: In(ACTIVE) });
      const bookings: Booking[] = active.map((m) => ({
        slotIndex: m.slotIndex,
        participantIds: [m.enterpriseRegistrationId, m.researcherRegistrationId],
      }));
      const problem = bookingProblem({
        slotCount: slots.length,
        bookings,
        requester: { id: requester.id, side: sideOf(requester) },
        counterpart: { id: counterpart.id, side: sideOf(counterpart) },
        slotIndex: input.slotIndex,
      });
      if (problem === 'SLOT_OUT_OF_RANGE') throw fail('EVENT_MEETING_SLOT_INVALID', { slotIndex: input.slotIndex });
      if (problem === 'NOT_A_MEETING_SIDE' || problem === 'SAME_SIDE') {
        throw fail('EVENT_MEETING_SIDES_INVALID', { problem });
      }
      if (problem) throw fail('EVENT_MEETING_SLOT_TAKEN', { problem });
      const enterprise = requester.side === ParticipantSide.ENTERPRISE ? requester : counterpart;
      const researcher = enterprise === requester ? counterpart : requester;
      if (input.demandId) {
        const demand = await manager.findOneBy(DemandEntity, { id: input.demandId });
        if (!demand || demand.organisationId !== enterprise.organisationId) {
          throw fail('DEMAND_NOT_FOUND', { id: input.demandId });
        }
      }
      if (input.achievementId) {
        const achievement = await manager.findOneBy(AchievementEntity, { id: input.achievementId });
        if (!achievement || achievement.institutionId !== researcher.organisationId) {
          throw fail('ACHIEVEMENT_NOT_FOUND', { id: input.achievementId });
        }
      }
      const slot = slots[input.slotIndex];
      const saved = await manager.save(
        manager.create(EventMeetingEntity, {
          eventId: event.id,
          enterpriseRegistrationId: enterprise.id,
          researcherRegistrationId: researcher.id,
          requestedByRegistrationId: requester.id,
          slotIndex: slot.index,
          startsAt: slot.startsAt,
          endsAt: slot.endsAt,
          status: MeetingStatus.REQUESTED,
          message: input.message?.trim() || null,
          demandId: input.demandId ?? null,
          achievementId: input.achievementId ?? null,
        }),
      );
      const people = await this.events.people([requester]);
      await this.notifications.publish(manager, {
        kind: NotificationKind.EVENT_MEETING_REQUESTED,
        eventKey: `meeting:${saved.id}`,
        actorId: actor.userId,
        audiences: [{ userIds: [counterpart.userId], path: SCREENS.myEventMeetings(event.id) }],
        data: { eventId: event.id, meetingId: saved.id },
        params: {
          subject: event.title,
          actorName: people.name(requester.userId),
          reason: `${instantToZoned(slot.startsAt, event.timeZone).replace('T', ' ')} (${event.timeZone})`,
        },
      });
      return saved;
    });
    return meeting;
  }

  async answer(actor: Actor, input: AnswerMeetingInput): Promise<EventMeetingEntity> {
    return this.dataSource.transaction(async (manager) => {
      const found = await manager.findOneBy(EventMeetingEntity, { id: input.meetingId });
      const registrations = found
        ? await manager.findBy(EventRegistrationEntity, {
            id: In([found.enterpriseRegistrationId, found.researcherRegistrationId]),
          })
        : [];
      const answerer = registrations.find((r) => r.userId === actor.userId);
      // Only the side that was asked answers; the requester and everyone else do not see it here.
      if (!found || !answerer || answerer.id === found.requestedByRegistrationId) {
        throw fail('EVENT_MEETING_NOT_FOUND', { id: input.meetingId });
      }
      const event = await manager.findOneOrFail(EventEntity, {
        where: { id: found.eventId },
        lock: { mode: 'pessimistic_write' },
      });
      const meeting = await manager.findOneByOrFail(EventMeetingEntity, { id: found.id });
      if (meeting.status !== MeetingStatus.REQUESTED) {
        throw fail('EVENT_MEETING_ALREADY_ANSWERED', { status: meeting.status });
      }
      meeting.status = input.accept ? MeetingStatus.ACCEPTED : MeetingStatus.DECLINED;
      meeting.declineReason = input.accept ? null : input.reason?.trim() || null;
      await manager.save(meeting);
      const requester = registrations.find((r) => r.id === meeting.requestedByRegistrationId)!;
      const when = `${instantToZoned(meeting.startsAt, event.timeZone).replace('T', ' ')} (${event.timeZone})`;
      const people = await this.events.people(registrations);
      const attachment = input.accept
        ? {
            fileName: 'meeting.ics',
            contentType: CALENDAR_CONTENT_TYPE,
            content: this.events.meetingCalendar(
              event,
              meeting,
              people.name(requester.userId),
              people.name(answerer.userId),
            ),
          }
        : null;
      const base = {
        kind: NotificationKind.EVENT_MEETING_ANSWERED,
        data: { eventId: event.id, meetingId: meeting.id },
        params: { subject: event.title, outcome: meeting.status, reason: input.accept ? when : meeting.declineReason },
        emailAttachment: attachment,
      } as const;
      await this.notifications.publish(manager, {
        ...base,
        eventKey: `meeting-answer:${meeting.id}`,
        actorId: actor.userId,
        audiences: [{ userIds: [requester.userId], path: SCREENS.myEventMeetings(event.id) }],
      });
      if (input.accept) {
        // The one who accepted gets the confirmation (and its calendar entry) too.
        await this.notifications.publish(manager, {
          ...base,
          eventKey: `meeting-confirmed:${meeting.id}`,
          actorId: null,
          audiences: [{ userIds: [answerer.userId], path: SCREENS.myEventMeetings(event.id) }],
        });
      }
      return meeting;
    });
  }

  /**
   * After an accepted meeting, the enterprise side records what came of it. Follow-up wanted: the pair (its
   * demand and the listing) becomes an introduction request in the brokers' work queue — brokerage's own
   * "ask for an introduction" path (`MarketService.expressInterest`), so brokers claim it like any other.
   * Not interested: a reason.
   */
  async recordOutcome(actor: Actor, input: RecordMeetingOutcomeInput): Promise<EventMeetingEntity> {
    const repository = this.dataSource.getRepository(EventMeetingEntity);
    const meeting = await repository.findOneBy({ id: input.meetingId });
    const enterprise = meeting
      ? await this.dataSource.getRepository(EventRegistrationEntity).findOneBy({ id: meeting.enterpriseRegistrationId })
      : null;
    if (!meeting || !enterprise || enterprise.userId !== actor.userId) {
      throw fail('EVENT_MEETING_NOT_FOUND', { id: input.meetingId });
    }
    if (meeting.status !== MeetingStatus.ACCEPTED || meeting.endsAt.getTime() > this.clock.now().getTime()) {
      throw fail('EVENT_MEETING_OUTCOME_NOT_YET');
    }
    const event = await this.dataSource.getRepository(EventEntity).findOneByOrFail({ id: meeting.eventId });
    if (input.outcome === MeetingOutcome.NOT_INTERESTED) {
      const reason = input.reason?.trim();
      if (!reason) throw fail('EVENT_MEETING_OUTCOME_INCOMPLETE', { field: 'reason' });
      meeting.outcome = MeetingOutcome.NOT_INTERESTED;
      meeting.outcomeReason = reason;
    } else {
      const demandId = input.demandId ?? meeting.demandId;
      const achievementId = input.achievementId ?? meeting.achievementId;
      if (!demandId) throw fail('EVENT_MEETING_OUTCOME_INCOMPLETE', { field: 'demandId' });
      if (!achievementId) throw fail('EVENT_MEETING_OUTCOME_INCOMPLETE', { field: 'achievementId' });
      const interest = await this.market.expressInterest(actor, {
        demandId,
        achievementId,
        message: [`【${event.title}】`, input.reason?.trim()].filter(Boolean).join(' '),
      });
      meeting.outcome = MeetingOutcome.FOLLOW_UP;
      meeting.outcomeReason = input.reason?.trim() || null;
      meeting.demandId = demandId;
      meeting.achievementId = achievementId;
      meeting.listingInterestId = interest.id;
    }
    meeting.outcomeAt = this.clock.now();
    return repository.save(meeting);
  }

  /** Whether the viewer may see a meeting (a party or an organiser). */
  async visible(actor: Actor, meeting: EventMeetingEntity): Promise<boolean> {
    const registrations = await this.dataSource.getRepository(EventRegistrationEntity).findBy({
      id: In([meeting.enterpriseRegistrationId, meeting.researcherRegistrationId]),
    });
    if (registrations.some((r) => r.userId === actor.userId)) return true;
    const event = await this.dataSource.getRepository(EventEntity).findOneBy({ id: meeting.eventId });
    return !!event && organises(actor, event);
  }

  private activeMeetings(eventId: string): Promise<EventMeetingEntity[]> {
    return this.dataSource.getRepository(EventMeetingEntity).findBy({ eventId, status: In(ACTIVE) });
  }
}
