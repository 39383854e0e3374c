import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
} from 'typeorm';
import { UserEntity } from '@app/identity';

export enum NotificationKind {
  /** A digest delivered in-app. */
  DIGEST = 'DIGEST',
  /** The user's webhook subscription was disabled after repeated failures. */
  WEBHOOK_DISABLED = 'WEBHOOK_DISABLED',
  /** Brokerage: a deal the user brokers has been idle for the agency's period. */
  DEAL_IDLE = 'DEAL_IDLE',
  /** Brokerage: an introduction of the user's listing was declined (with the reason). */
  INTRODUCTION_DECLINED = 'INTRODUCTION_DECLINED',
  /** Programmes: an outcome follow-up of a registered contract asks the enterprise what came of it (or reminds). */
  OUTCOME_FOLLOW_UP = 'OUTCOME_FOLLOW_UP',
  /** Programmes: a transfer-reward application was raised, returned, approved or paid. */
  REWARD_APPLICATION = 'REWARD_APPLICATION',
  /** Achievements: an application for rights confirmation waits for the institution's TTO review. */
  RIGHTS_SUBMITTED = 'RIGHTS_SUBMITTED',
  /** Achievements: the TTO returned an application (with its reason) to the researcher. */
  RIGHTS_RETURNED = 'RIGHTS_RETURNED',
  /** Achievements: someone objected to a public notice (公示异议); the TTO triages it. */
  OBJECTION_FILED = 'OBJECTION_FILED',
  /** Achievements: the TTO upheld or dismissed an objection (objector and owner hear the outcome). */
  OBJECTION_RESOLVED = 'OBJECTION_RESOLVED',
  /** Achievements: a public notice ended without objection (rights confirmation can go on). */
  NOTICE_ENDED = 'NOTICE_ENDED',
  /** Brokerage: a broker proposed an introduction (both sides answer). */
  INTRODUCTION_PROPOSED = 'INTRODUCTION_PROPOSED',
  /** Brokerage: one side accepted an introduction. */
  INTRODUCTION_ACCEPTED = 'INTRODUCTION_ACCEPTED',
  /** Brokerage: the other side read the confidential details an introduction revealed (who read them). */
  DETAILS_REVEALED = 'DETAILS_REVEALED',
  /** Brokerage: a deal moved to another stage. */
  DEAL_STAGE_CHANGED = 'DEAL_STAGE_CHANGED',
  /** Brokerage: someone objected to a deal's price notice (协议定价公示). */
  PRICE_NOTICE_OBJECTION = 'PRICE_NOTICE_OBJECTION',
  /**
   * Brokerage: a listing left the market (achievement withdrawn, demand closed or expired, expert unlisted), so a
   * match a broker claimed, or an introduction proposed on it, was closed.
   */
  MATCH_CLOSED = 'MATCH_CLOSED',
  /** Events: the organiser approved or declined a registration (approved: the event's .ics attached). */
  EVENT_REGISTRATION_DECIDED = 'EVENT_REGISTRATION_DECIDED',
  /** Events: another participant asked for a one-to-one meeting in a slot. */
  EVENT_MEETING_REQUESTED = 'EVENT_MEETING_REQUESTED',
  /** Events: a meeting request was accepted (the meeting's .ics attached) or declined. */
  EVENT_MEETING_ANSWERED = 'EVENT_MEETING_ANSWERED',
  /** Events: the organiser changed the event's times or place (approved: the updated .ics attached). */
  EVENT_CHANGED = 'EVENT_CHANGED',
  /** Events: the event starts in a day (approved participants, the .ics attached). */
  EVENT_REMINDER = 'EVENT_REMINDER',
  /** Expert calls: the bureau invited an expert to answer a research question (政府决策课题). */
  EXPERT_CALL_INVITED = 'EXPERT_CALL_INVITED',
  /** Events: the organiser cancelled the event (approved: the cancelled .ics attached). */
  EVENT_CANCELLED = 'EVENT_CANCELLED',
  /** Events: a meeting moved with its event, or was cancelled (a party withdrew, the event was cancelled). */
  EVENT_MEETING_CHANGED = 'EVENT_MEETING_CHANGED',
  /** An organisation is invited to join an innovation consortium (its administrators accept or decline). */
  CONSORTIUM_INVITED = 'CONSORTIUM_INVITED',
}

/** A file the notification's email carries (an event's or meeting's calendar entry). Never secrets. */
export interface NotificationEmailAttachment {
  fileName: string;
  contentType: string;
  content: string;
}

/** An event notification's email: NONE (not wanted), PENDING, COMMITTING (the final dot may be out), SENT. */
export enum NotificationEmailStatus {
  NONE = 'NONE',
  PENDING = 'PENDING',
  COMMITTING = 'COMMITTING',
  SENT = 'SENT',
}

/** An in-app notification for one user. */
@Entity('notifications')
@Index('idx_notifications_user_created', ['userId', 'createdAt', 'id'])
@Index('idx_notifications_user_unread', ['userId'], { where: 'read_at IS NULL' })
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity>;

  @Column({ type: 'enum', enum: NotificationKind, enumName: 'notification_kind' })
  kind: NotificationKind;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  body: string;

  /** Ids the client needs to act (e.g. the digest id); never secrets. */
  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  /** Makes creating the same notification twice (a retried job) a no-op, e.g. the digest delivery id. */
  @Index('uq_notifications_dedupe_key', { unique: true, where: 'dedupe_key IS NOT NULL' })
  @Column({ type: 'text', nullable: true })
  dedupeKey: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;

  /** Shown in the notification centre; false when the recipient wants this kind by email only. */
  @Column({ type: 'boolean', default: true })
  inApp: boolean;

  @Column({
    type: 'enum',
    enum: NotificationEmailStatus,
    enumName: 'notification_email_status',
    default: NotificationEmailStatus.NONE,
  })
  emailStatus: NotificationEmailStatus;

  @Column({ type: 'timestamptz', nullable: true })
  emailSentAt: Date | null;

  /** Attached to the email only (not shown in-app). */
  @Column({ type: 'jsonb', nullable: true })
  emailAttachment: NotificationEmailAttachment | null;

  /** Millisecond precision so the keyset cursor (a JS Date) matches the stored value exactly. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
