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
import { AchievementStatus } from '../domain/achievement-enums';
import { AchievementEntity, FileMetadata } from './achievement.entity';

/** One step of the evidence record (尽职免责): who moved the achievement, when, from where to where, and why. */
@Entity('achievement_transitions')
@Index('idx_achievement_transitions_timeline', ['achievementId', 'createdAt', 'id'])
export class AchievementTransitionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  achievementId: string;

  @ManyToOne(() => AchievementEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'achievement_id' })
  achievement?: Relation<AchievementEntity>;

  /** The user who acted; null when a scheduled job or an import did. */
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  /** The workflow event, or CREATE / IMPORT for the first entry. */
  @Column({ type: 'text' })
  event: string;

  /** Null for the entry that created the achievement. */
  @Column({ type: 'enum', enum: AchievementStatus, enumName: 'achievement_status', nullable: true })
  fromStatus: AchievementStatus | null;

  @Column({ type: 'enum', enum: AchievementStatus, enumName: 'achievement_status' })
  toStatus: AchievementStatus;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  documents: FileMetadata[];

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
