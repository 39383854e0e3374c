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

  /** Millisecond precision so the keyset cursor (a JS Date) matches the stored value exactly. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
