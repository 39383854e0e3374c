import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { badInput, RequestLoaders } from '@app/core';
import {
  Actor,
  CurrentActor,
  DirectoryService,
  Loaders,
  OptionalActor,
  OrganisationObject,
  organisationLoader,
  Public,
} from '@app/identity';
import { instantToZoned } from './domain/time-zones';
import { organises } from './event-access';
import { EventEntity, EventMeetingEntity, EventRegistrationEntity, MeetingStatus } from './entities/event.entities';
import {
  AnswerMeetingInput,
  CreateEventInput,
  DecideRegistrationInput,
  EventsArgs,
  RecordMeetingOutcomeInput,
  RegisterForEventInput,
  RequestMeetingInput,
  UpdateEventInput,
  WithdrawRegistrationInput,
} from './events.inputs';
import {
  EventFiguresObject,
  EventInvitationProposalObject,
  EventMeetingObject,
  EventObject,
  EventPageObject,
  EventParticipantObject,
  EventRegistrationObject,
  EventSlotObject,
} from './events.objects';
import { EventsService } from './events.service';
import { MeetingsService } from './meetings.service';
import { ProposalsService } from './proposals.service';

/** Matchmaking events: public list and detail, the organiser's desk, registrations and one-to-one meetings. */
@Resolver(() => EventObject)
export class EventsResolver {
  constructor(
    private readonly events: EventsService,
    private readonly meetings: MeetingsService,
    private readonly proposals: ProposalsService,
    private readonly directory: DirectoryService,
  ) {}

  // ---- public ----

  @Public()
  @Query(() => EventPageObject, {
    name: 'events',
    description: 'Published events: upcoming soonest first (or past ones)',
  })
  publicEvents(@Args() args: EventsArgs) {
    return this.events.listPublic(args);
  }

  @Public()
  @Query(() => EventObject, { description: 'A published event (drafts: their organisers only)' })
  event(@OptionalActor() actor: Actor | undefined, @Args('id', { type: () => ID }) id: string) {
    return this.events.get(actor, id);
  }

  @ResolveField(() => [EventSlotObject])
  slots(@Parent() event: EventEntity): EventSlotObject[] {
    return this.events.slots(event).map((slot) => ({
      ...slot,
      startsAtLocal: instantToZoned(slot.startsAt, event.timeZone),
    }));
  }

  @ResolveField(() => String, { description: 'Start in the event’s time zone, YYYY-MM-DDTHH:mm' })
  startsAtLocal(@Parent() event: EventEntity) {
    return instantToZoned(event.startsAt, event.timeZone);
  }

  @ResolveField(() => String, { description: 'End in the event’s time zone, YYYY-MM-DDTHH:mm' })
  endsAtLocal(@Parent() event: EventEntity) {
    return instantToZoned(event.endsAt, event.timeZone);
  }

  @ResolveField(() => OrganisationObject, { nullable: true })
  organiser(@Parent() event: EventEntity, @Loaders() loaders: RequestLoaders) {
    return organisationLoader(loaders, this.directory).load(event.organiserOrganisationId);
  }

  @ResolveField(() => Int, { description: 'Places left (approved registrations count)' })
  capacityLeft(@Parent() event: EventEntity) {
    return this.events.capacityLeft(event);
  }

  @ResolveField(() => EventRegistrationObject, { nullable: true, description: 'The viewer’s registration' })
  async myRegistration(@Parent() event: EventEntity, @OptionalActor() actor: Actor | undefined) {
    const registration = await this.events.myRegistration(actor, event.id);
    return registration ? (await this.describeRegistrations([registration]))[0] : null;
  }

  @ResolveField(() => Boolean, { description: 'The viewer organises this event' })
  iOrganise(@Parent() event: EventEntity, @OptionalActor() actor: Actor | undefined) {
    return organises(actor, event);
  }

  // ---- organisers ----

  @Query(() => [EventObject], { description: 'Events the viewer organises (any status)' })
  organisedEvents(@CurrentActor() actor: Actor) {
    return this.events.listOrganised(actor);
  }

  @Mutation(() => EventObject, { description: 'The bureau, a TTO officer or a broker creates a draft event' })
  createEvent(@CurrentActor() actor: Actor, @Args('input') input: CreateEventInput) {
    return this.events.create(actor, input);
  }

  @Mutation(() => EventObject, {
    description:
      'Organisers edit an event (capacity not below the approvals); new times or place tell the registrants (updated .ics)',
  })
  updateEvent(@CurrentActor() actor: Actor, @Args('input') input: UpdateEventInput) {
    return this.events.update(actor, input);
  }

  @Mutation(() => EventObject)
  publishEvent(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.events.publish(actor, id);
  }

  @Mutation(() => EventObject, {
    description: 'Organisers call the event off: meetings cancelled, registrants told (with the cancelled .ics)',
  })
  cancelEvent(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { type: () => String, nullable: true, description: 'Told to the registrants (≤ 500)' })
    reason?: string | null,
  ) {
    if (reason && reason.length > 500) throw badInput('At most 500 characters', { field: 'reason' });
    return this.events.cancel(actor, id, reason);
  }

  @Query(() => [EventRegistrationObject], { description: 'Organisers: every registration, pending first' })
  async eventRegistrations(@CurrentActor() actor: Actor, @Args('eventId', { type: () => ID }) eventId: string) {
    return this.describeRegistrations(await this.events.registrations(actor, eventId));
  }

  @Mutation(() => EventRegistrationObject, { description: 'Organisers approve (within the capacity) or decline' })
  async decideEventRegistration(@CurrentActor() actor: Actor, @Args('input') input: DecideRegistrationInput) {
    return (await this.describeRegistrations([await this.events.decide(actor, input)]))[0];
  }

  @Mutation(() => EventRegistrationObject, { description: 'Organisers check an approved participant in' })
  async checkInEventRegistration(
    @CurrentActor() actor: Actor,
    @Args('registrationId', { type: () => ID }) registrationId: string,
  ) {
    return (await this.describeRegistrations([await this.events.checkIn(actor, registrationId)]))[0];
  }

  @Query(() => [EventInvitationProposalObject], { description: 'Organisers: who to invite, from the matches' })
  eventProposals(@CurrentActor() actor: Actor, @Args('eventId', { type: () => ID }) eventId: string) {
    return this.proposals.proposals(actor, eventId);
  }

  @Query(() => EventFiguresObject, { description: 'Organisers: registrations → meetings → introductions → deals' })
  eventFigures(@CurrentActor() actor: Actor, @Args('eventId', { type: () => ID }) eventId: string) {
    return this.proposals.figures(actor, eventId);
  }

  @Query(() => [EventMeetingObject], { description: 'Organisers: every meeting of the event' })
  async eventMeetings(@CurrentActor() actor: Actor, @Args('eventId', { type: () => ID }) eventId: string) {
    return this.describeMeetings(actor, await this.meetings.all(actor, eventId));
  }

  // ---- participants ----

  @Mutation(() => EventRegistrationObject, { description: 'Register (pending until the organiser approves)' })
  async registerForEvent(@CurrentActor() actor: Actor, @Args('input') input: RegisterForEventInput) {
    return (await this.describeRegistrations([await this.events.register(actor, input)]))[0];
  }

  @Mutation(() => EventRegistrationObject, {
    description: 'The registrant calls off their registration: the place is free, their meetings are cancelled',
  })
  async withdrawEventRegistration(@CurrentActor() actor: Actor, @Args('input') input: WithdrawRegistrationInput) {
    const registration = await this.events.withdrawRegistration(actor, input.eventId, input.reason);
    return (await this.describeRegistrations([registration]))[0];
  }

  @Query(() => [EventParticipantObject], { description: 'Approved participants (for approved ones and organisers)' })
  async eventParticipants(@CurrentActor() actor: Actor, @Args('eventId', { type: () => ID }) eventId: string) {
    const participants = await this.meetings.participants(actor, eventId);
    const people = await this.events.people(participants.map((p) => p.registration));
    return participants.map(({ registration, busySlotIndexes }) => ({
      registrationId: registration.id,
      side: registration.side,
      personName: people.name(registration.userId),
      organisationName: people.organisation(registration.organisationId),
      busySlotIndexes,
      isMe: registration.userId === actor.userId,
    }));
  }

  @Query(() => [EventMeetingObject], { description: 'The viewer’s meetings at an event' })
  async myEventMeetings(@CurrentActor() actor: Actor, @Args('eventId', { type: () => ID }) eventId: string) {
    return this.describeMeetings(actor, await this.meetings.mine(actor, eventId));
  }

  @Mutation(() => EventMeetingObject, { description: 'Ask another approved participant to meet in a slot' })
  async requestEventMeeting(@CurrentActor() actor: Actor, @Args('input') input: RequestMeetingInput) {
    return (await this.describeMeetings(actor, [await this.meetings.request(actor, input)]))[0];
  }

  @Mutation(() => EventMeetingObject, { description: 'The asked side accepts or declines' })
  async answerEventMeeting(@CurrentActor() actor: Actor, @Args('input') input: AnswerMeetingInput) {
    return (await this.describeMeetings(actor, [await this.meetings.answer(actor, input)]))[0];
  }

  @Mutation(() => EventMeetingObject, {
    description: 'After the meeting, the enterprise side: follow-up (an introduction request) or not interested',
  })
  async recordEventMeetingOutcome(@CurrentActor() actor: Actor, @Args('input') input: RecordMeetingOutcomeInput) {
    return (await this.describeMeetings(actor, [await this.meetings.recordOutcome(actor, input)]))[0];
  }

  // ---- mapping ----

  private async describeRegistrations(rows: EventRegistrationEntity[]): Promise<EventRegistrationObject[]> {
    if (rows.length === 0) return [];
    const people = await this.events.people(rows);
    return rows.map((r) => ({
      ...r,
      personName: people.name(r.userId),
      organisationName: people.organisation(r.organisationId),
    }));
  }

  private async describeMeetings(actor: Actor, rows: EventMeetingEntity[]): Promise<EventMeetingObject[]> {
    if (rows.length === 0) return [];
    const registrations = await this.events.registrationsByIds(
      rows.flatMap((m) => [m.enterpriseRegistrationId, m.researcherRegistrationId]),
    );
    const people = await this.events.people(registrations);
    const byId = new Map(registrations.map((r) => [r.id, r]));
    return rows.map((m) => {
      const enterprise = byId.get(m.enterpriseRegistrationId);
      const researcher = byId.get(m.researcherRegistrationId);
      const mine = [enterprise, researcher].find((r) => r?.userId === actor.userId);
      return {
        ...m,
        enterpriseName: enterprise ? people.name(enterprise.userId) : '',
        enterpriseOrganisation: people.organisation(enterprise?.organisationId ?? null),
        researcherName: researcher ? people.name(researcher.userId) : '',
        researcherOrganisation: people.organisation(researcher?.organisationId ?? null),
        requestedByMe: !!mine && mine.id === m.requestedByRegistrationId,
        awaitingMyAnswer: !!mine && mine.id !== m.requestedByRegistrationId && m.status === MeetingStatus.REQUESTED,
        outcomeDue:
          !!mine &&
          mine === enterprise &&
          m.status === MeetingStatus.ACCEPTED &&
          m.outcome === null &&
          m.endsAt.getTime() <= this.events.now().getTime(),
      };
    });
  }
}
