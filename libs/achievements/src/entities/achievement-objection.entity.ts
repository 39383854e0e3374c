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
import { AchievementEntity } from './achievement.entity';

/** What became of an objection: the TTO reviewed again and either returned the application or restarted the notice. */
export enum ObjectionOutcome {
  /** The TTO rejected the application (back to DRAFT): the objection prevailed. */
  APPLICATION_RETURNED = 'APPLICATION_RETURNED',
  /** The TTO approved it again: a new notice round started. */
  NOTICE_RESTARTED = 'NOTICE_RESTARTED',
  /** The TTO upheld the objection at triage: the application went back to review. */
  UPHELD = 'UPHELD',
  /** The TTO dismissed the objection at triage: the notice ran on (not restarted). */
  DISMISSED = 'DISMISSED',
}

/**
 * An objection filed during a public notice (公示异议). The TTO triages it: upheld (back to review) or dismissed (the
 * notice runs on); still open ones are resolved when the TTO decides the review again.
 */
@Entity('achievement_objections')
@Index('idx_achievement_objections_objector', ['objectorId', 'createdAt'])
// One open objection per person and notice round.
@Index('uq_achievement_objections_open', ['achievementId', 'objectorId', 'noticeRound'], {
  unique: true,
  where: 'resolved_at IS NULL',
})
export class AchievementObjectionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  achievementId: string;

  @ManyToOne(() => AchievementEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'achievement_id' })
  achievement?: Relation<AchievementEntity>;

  @Column({ type: 'uuid' })
  objectorId: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'int' })
  noticeRound: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  resolvedById: string | null;

  @Column({ type: 'text', nullable: true })
  resolution: string | null;

  /** Set with `resolvedAt` (null on objections resolved before outcomes were recorded). */
  @Column({ type: 'enum', enum: ObjectionOutcome, enumName: 'achievement_objection_outcome', nullable: true })
  outcome: ObjectionOutcome | null;
}
