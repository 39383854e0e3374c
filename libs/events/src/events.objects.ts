import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  EventKind,
  EventStatus,
  MeetingOutcome,
  MeetingStatus,
  ParticipantSide,
  RegistrationStatus,
} from './entities/event.entities';
import { ProposalDirection } from './proposals.service';

registerEnumType(EventKind, { name: 'EventKind', description: '政策宣讲 / 对接活动 / 路演' });
registerEnumType(EventStatus, { name: 'EventStatus' });
registerEnumType(RegistrationStatus, { name: 'EventRegistrationStatus' });
registerEnumType(ParticipantSide, { name: 'EventParticipantSide' });
registerEnumType(MeetingStatus, { name: 'EventMeetingStatus' });
registerEnumType(MeetingOutcome, { name: 'EventMeetingOutcome' });
registerEnumType(ProposalDirection, { name: 'EventProposalDirection' });

@ObjectType('EventSlot', { description: 'A fixed-length one-to-one meeting slot' })
export class EventSlotObject {
  @Field(() => Int) index: number;
  @Field() startsAt: Date;
  @Field() endsAt: Date;
  @Field({ description: 'Start in the event’s time zone, YYYY-MM-DDTHH:mm' }) startsAtLocal: string;
}

@ObjectType('Event', { description: 'A matchmaking event, policy session or roadshow (对接活动)' })
export class EventObject {
  @Field(() => ID) id: string;
  @Field(() => EventKind) kind: EventKind;
  @Field(() => EventStatus) status: EventStatus;
  @Field() title: string;
  @Field() description: string;
  @Field(() => [String]) industryCodes: string[];
  @Field(() => [String]) keywords: string[];
  @Field() startsAt: Date;
  @Field() endsAt: Date;
  @Field({ description: 'IANA time zone the event is held in' }) timeZone: string;
  @Field(() => String, { nullable: true }) venue: string | null;
  @Field(() => String, { nullable: true }) onlineUrl: string | null;
  @Field(() => Int) capacity: number;
  @Field(() => Int) slotMinutes: number;
  @Field(() => ID) organiserOrganisationId: string;
  @Field(() => [ID]) presentingInstitutionIds: string[];
  @Field(() => Date, { nullable: true }) publishedAt: Date | null;
}

@ObjectType('EventPage')
export class EventPageObject {
  @Field(() => [EventObject]) nodes: EventObject[];
  @Field(() => Int) totalCount: number;
}

@ObjectType('EventRegistration')
export class EventRegistrationObject {
  @Field(() => ID) id: string;
  @Field(() => ID) eventId: string;
  @Field(() => ParticipantSide) side: ParticipantSide;
  @Field(() => RegistrationStatus) status: RegistrationStatus;
  @Field(() => String, { nullable: true }) message: string | null;
  @Field(() => Date, { nullable: true }) decidedAt: Date | null;
  @Field(() => Date, { nullable: true }) checkedInAt: Date | null;
  @Field() createdAt: Date;
  @Field() personName: string;
  @Field(() => String, { nullable: true }) organisationName: string | null;
}

@ObjectType('EventParticipant', { description: 'An approved participant one may book a meeting with' })
export class EventParticipantObject {
  @Field(() => ID) registrationId: string;
  @Field(() => ParticipantSide) side: ParticipantSide;
  @Field() personName: string;
  @Field(() => String, { nullable: true }) organisationName: string | null;
  @Field(() => [Int], { description: 'Slots this participant is already booked in' }) busySlotIndexes: number[];
  @Field({ description: 'The viewer themself' }) isMe: boolean;
}

@ObjectType('EventMeeting')
export class EventMeetingObject {
  @Field(() => ID) id: string;
  @Field(() => ID) eventId: string;
  @Field(() => Int) slotIndex: number;
  @Field() startsAt: Date;
  @Field() endsAt: Date;
  @Field(() => MeetingStatus) status: MeetingStatus;
  @Field(() => String, { nullable: true }) message: string | null;
  @Field(() => ID, { nullable: true }) demandId: string | null;
  @Field(() => ID, { nullable: true }) achievementId: string | null;
  @Field(() => String, { nullable: true }) declineReason: string | null;
  @Field(() => MeetingOutcome, { nullable: true }) outcome: MeetingOutcome | null;
  @Field(() => String, { nullable: true }) outcomeReason: string | null;
  @Field(() => ID, { nullable: true, description: 'The introduction request a follow-up raised' })
  listingInterestId: string | null;
  @Field() enterpriseName: string;
  @Field(() => String, { nullable: true }) enterpriseOrganisation: string | null;
  @Field() researcherName: string;
  @Field(() => String, { nullable: true }) researcherOrganisation: string | null;
  @Field({ description: 'The viewer asked for it (the other side answers)' }) requestedByMe: boolean;
  @Field({ description: 'The viewer may accept or decline it' }) awaitingMyAnswer: boolean;
  @Field({ description: 'The viewer (the enterprise side) may record its outcome now' }) outcomeDue: boolean;
}

@ObjectType('EventInvitationProposal', { description: 'Who to invite, and why (from the matching engine)' })
export class EventInvitationProposalObject {
  @Field(() => ProposalDirection) direction: ProposalDirection;
  @Field(() => ID) organisationId: string;
  @Field() organisationName: string;
  @Field(() => ID, { nullable: true }) personId: string | null;
  @Field(() => ID) demandId: string;
  @Field() demandTitle: string;
  @Field() targetType: string;
  @Field(() => ID) targetId: string;
  @Field() targetTitle: string;
  @Field(() => Float) score: number;
  @Field(() => ID) matchId: string;
  @Field(() => [String]) matchedTerms: string[];
  @Field(() => [String]) reasons: string[];
  @Field() alreadyRegistered: boolean;
}

@ObjectType('EventFigures', { description: 'registrations → meetings → introductions → deals' })
export class EventFiguresObject {
  @Field(() => Int) registrations: number;
  @Field(() => Int) approved: number;
  @Field(() => Int) checkedIn: number;
  @Field(() => Int) meetingsRequested: number;
  @Field(() => Int) meetingsAccepted: number;
  @Field(() => Int) followUps: number;
  @Field(() => Int) notInterested: number;
  @Field(() => Int) introductions: number;
  @Field(() => Int) deals: number;
}
