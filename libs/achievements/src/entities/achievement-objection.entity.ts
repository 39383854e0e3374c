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

/** An objection filed during a public notice (公示异议). Resolved when the TTO decides the review again. */
@Entity('achievement_objections')
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
}
