import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

export enum EventKind {
  /** 政府进高校政策宣讲 */
  POLICY_SESSION = 'POLICY_SESSION',
  /** 对接活动 */
  MATCHMAKING = 'MATCHMAKING',
  /** 路演 */
  ROADSHOW = 'ROADSHOW',
}

export enum EventStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  CANCELLED = 'CANCELLED',
}

export enum RegistrationStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  DECLINED = 'DECLINED',
  /** The registrant called it off (their meetings are cancelled, their place is free); they may register again. */
  WITHDRAWN = 'WITHDRAWN',
}

/** The side of the table a registrant sits on; OBSERVER (a broker, the bureau) attends but books no meetings. */
export enum ParticipantSide {
  ENTERPRISE = 'ENTERPRISE',
  RESEARCHER = 'RESEARCHER',
  OBSERVER = 'OBSERVER',
}

export enum MeetingStatus {
  REQUESTED = 'REQUESTED',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  /** Called off after it was requested or accepted: a party withdrew, or the event was cancelled. */
  CANCELLED = 'CANCELLED',
}

export enum MeetingOutcome {
  /** The enterprise wants to go on: an introduction request enters the brokers' queue. */
  FOLLOW_UP = 'FOLLOW_UP',
  NOT_INTERESTED = 'NOT_INTERESTED',
}

/** A matchmaking event (对接活动), a policy session or a roadshow, organised by the bureau, a TTO or a broker agency. */
@Entity('events')
@Index('idx_events_published_start', ['startsAt'], { where: "status = 'PUBLISHED'" })
export class EventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'enum', enum: EventKind, enumName: 'event_kind' })
  kind: EventKind;

  @Column({ type: 'enum', enum: EventStatus, enumName: 'event_status', default: EventStatus.DRAFT })
  status: EventStatus;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  /** Themes: industries (codes of the taxonomy) and key words. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  industryCodes: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  keywords: string[];

  @Column({ type: 'timestamptz', precision: 3 })
  startsAt: Date;

  @Column({ type: 'timestamptz', precision: 3 })
  endsAt: Date;

  /** IANA zone the event is held in: its times are shown (and entered) in it. */
  @Column({ type: 'text' })
  timeZone: string;

  @Column({ type: 'text', nullable: true })
  venue: string | null;

  @Column({ type: 'text', nullable: true })
  onlineUrl: string | null;

  /** How many registrations may be approved. */
  @Column({ type: 'int' })
  capacity: number;

  /** Length of a one-to-one meeting slot. */
  @Column({ type: 'smallint', default: 20 })
  slotMinutes: number;

  /** The organising organisation (the bureau, an institution, a broker agency). */
  @Index()
  @Column({ type: 'uuid' })
  organiserOrganisationId: string;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  /** Institutions presenting their listings and experts (invitation proposals start from them). */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  presentingInstitutionIds: string[];

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  publishedAt: Date | null;

  /** The calendar entry's SEQUENCE (RFC 5545): raised by every edit of what the .ics shows. */
  @Column({ type: 'int', default: 0 })
  sequence: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}

/** One person's registration, approved by the organiser within the capacity. */
@Entity('event_registrations')
@Unique('uq_event_registrations_person', ['eventId', 'userId'])
export class EventRegistrationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @Index()
  @Column({ type: 'uuid' })
  userId: string;

  /** The organisation the person comes for (their enterprise or institution), when they have one. */
  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @Column({ type: 'enum', enum: ParticipantSide, enumName: 'event_participant_side' })
  side: ParticipantSide;

  @Column({ type: 'enum', enum: RegistrationStatus, enumName: 'event_registration_status', default: 'PENDING' })
  status: RegistrationStatus;

  @Column({ type: 'text', nullable: true })
  message: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  checkedInAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}

/**
 * A one-to-one meeting in a slot of the event, between an enterprise registrant and a researcher or expert. A
 * requested or accepted meeting holds its slot for both (unique indexes below); a declined one frees it.
 */
@Entity('event_meetings')
@Index('uq_event_meetings_enterprise_slot', ['enterpriseRegistrationId', 'slotIndex'], {
  unique: true,
  where: "status IN ('REQUESTED', 'ACCEPTED')",
})
@Index('uq_event_meetings_researcher_slot', ['researcherRegistrationId', 'slotIndex'], {
  unique: true,
  where: "status IN ('REQUESTED', 'ACCEPTED')",
})
@Index('uq_event_meetings_pair', ['enterpriseRegistrationId', 'researcherRegistrationId'], {
  unique: true,
  where: "status IN ('REQUESTED', 'ACCEPTED')",
})
export class EventMeetingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  eventId: string;

  @Column({ type: 'uuid' })
  enterpriseRegistrationId: string;

  @Column({ type: 'uuid' })
  researcherRegistrationId: string;

  /** Who asked (one of the two registrations); the other answers. */
  @Column({ type: 'uuid' })
  requestedByRegistrationId: string;

  @Column({ type: 'smallint' })
  slotIndex: number;

  @Column({ type: 'timestamptz', precision: 3 })
  startsAt: Date;

  @Column({ type: 'timestamptz', precision: 3 })
  endsAt: Date;

  @Column({ type: 'enum', enum: MeetingStatus, enumName: 'event_meeting_status', default: 'REQUESTED' })
  status: MeetingStatus;

  @Column({ type: 'text', nullable: true })
  message: string | null;

  /** What the meeting is about, when the requester named it: the enterprise's demand, the listing. */
  @Column({ type: 'uuid', nullable: true })
  demandId: string | null;

  @Column({ type: 'uuid', nullable: true })
  achievementId: string | null;

  @Column({ type: 'text', nullable: true })
  declineReason: string | null;

  /** The meeting's calendar entry SEQUENCE (RFC 5545): raised when it moves or is cancelled. */
  @Column({ type: 'int', default: 0 })
  sequence: number;

  @Column({ type: 'enum', enum: MeetingOutcome, enumName: 'event_meeting_outcome', nullable: true })
  outcome: MeetingOutcome | null;

  @Column({ type: 'text', nullable: true })
  outcomeReason: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  outcomeAt: Date | null;

  /** The introduction request the follow-up raised (brokerage's listing interest). */
  @Column({ type: 'uuid', nullable: true })
  listingInterestId: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
