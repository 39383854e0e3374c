import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
  UpdateDateColumn,
} from 'typeorm';
import { UserEntity } from '@app/identity';
import type { MatchExplanation } from '@app/matching';
import { DeliveryStatus, DigestChannel, DigestLanguage } from './domain/digest-enums';

/**
 * One recipient's digest for one period, built once: unique per (user, period, version). The scheduler only
 * ever builds version 1; an administrator's re-run adds the next version.
 */
@Entity('digests')
@Index('uq_digests_user_period_version', ['userId', 'period', 'version'], { unique: true })
@Index('idx_digests_user_window_end', ['userId', 'windowEnd'])
export class DigestEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity>;

  /** 2026-W19 or 2026-05, in the recipient's time zone. */
  @Column({ type: 'text' })
  period: string;

  @Column({ type: 'int', default: 1 })
  version: number;

  /** Matches created in (windowStart, windowEnd] are in it; the next digest starts at windowEnd. */
  @Column({ type: 'timestamptz', precision: 3 })
  windowStart: Date;

  @Column({ type: 'timestamptz', precision: 3 })
  windowEnd: Date;

  @Column({ type: 'enum', enum: DigestLanguage, enumName: 'digest_language' })
  language: DigestLanguage;

  @Column({ type: 'int' })
  itemCount: number;

  /** Who asked for a re-run (null: the scheduler). */
  @Column({ type: 'uuid', nullable: true })
  requestedById: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}

/** A match as it was when the digest was built (titles and explanation copied: the email says what was true). */
@Entity('digest_items')
@Index('uq_digest_items_position', ['digestId', 'position'], { unique: true })
export class DigestItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  digestId: string;

  @ManyToOne(() => DigestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'digest_id' })
  digest?: Relation<DigestEntity>;

  @Column({ type: 'smallint' })
  position: number;

  @Column({ type: 'uuid' })
  matchId: string;

  @Column({ type: 'uuid' })
  demandId: string;

  @Column({ type: 'text' })
  targetType: string;

  @Column({ type: 'uuid' })
  targetId: string;

  @Column({ type: 'double precision' })
  score: number;

  @Column({ type: 'text' })
  demandTitle: string;

  /** The demand's kind when the digest was built: an APPLICATION_SCENARIO is labelled 应用场景 / Application scenario. */
  @Column({ type: 'text', default: 'TECHNICAL_PROBLEM' })
  demandKind: string;

  @Column({ type: 'text' })
  targetTitle: string;

  /** Why the recipient gets it: OWN_DEMAND, OWN_TARGET or BROKER_INDUSTRY. */
  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'jsonb' })
  explanation: MatchExplanation;
}

/** One channel of one digest: unique per (digest, channel); its status is the at-most-once guard. */
@Entity('digest_deliveries')
@Index('uq_digest_deliveries_channel', ['digestId', 'channel'], { unique: true })
@Index('idx_digest_deliveries_status', ['status', 'updatedAt'])
export class DigestDeliveryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  digestId: string;

  @ManyToOne(() => DigestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'digest_id' })
  digest?: Relation<DigestEntity>;

  @Index()
  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'enum', enum: DigestChannel, enumName: 'digest_channel' })
  channel: DigestChannel;

  @Column({ type: 'enum', enum: DeliveryStatus, enumName: 'digest_delivery_status', default: DeliveryStatus.PENDING })
  status: DeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
