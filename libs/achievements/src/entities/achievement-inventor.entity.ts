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
import { numericTransformer } from './numeric.transformer';
import { AchievementEntity, FileMetadata } from './achievement.entity';

/** A 完成人: a platform user or a named person, with their contribution share and consent. */
@Entity('achievement_inventors')
@Index('uq_achievement_inventors_user', ['achievementId', 'userId'], { unique: true, where: 'user_id IS NOT NULL' })
export class AchievementInventorEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  achievementId: string;

  @ManyToOne(() => AchievementEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'achievement_id' })
  achievement?: Relation<AchievementEntity>;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity>;

  @Column({ type: 'text' })
  name: string;

  /** Percent of the contribution; the shares of an achievement sum to 100. */
  @Column({ type: 'numeric', precision: 7, scale: 4, transformer: numericTransformer })
  contributionShare: number;

  /** Order in the list of inventors (first = lead). */
  @Column({ type: 'smallint', default: 0 })
  position: number;

  /** When this inventor agreed to the application and split; reset whenever the team or split changes. */
  @Column({ type: 'timestamptz', nullable: true })
  consentedAt: Date | null;

  /** Who recorded the consent (the inventor themself, or a team member for a named person on paper). */
  @Column({ type: 'uuid', nullable: true })
  consentRecordedById: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  consentDocuments: FileMetadata[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
