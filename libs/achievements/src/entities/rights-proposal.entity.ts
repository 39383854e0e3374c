import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn, Relation, UpdateDateColumn } from 'typeorm';
import { RightsProposalKind } from '../domain/achievement-enums';
import { numericTransformer } from './numeric.transformer';
import { AchievementEntity, FileMetadata } from './achievement.entity';

/** The proposed ownership split (team share) or long-term use right, and the signed agreement (赋权协议). */
@Entity('achievement_rights_proposals')
@Check(
  'chk_rights_proposal_terms',
  "(kind = 'TEAM_SHARE' AND team_share_percent BETWEEN 0 AND 100 AND use_right_years IS NULL) OR " +
    "(kind = 'USE_RIGHT' AND use_right_years >= 1 AND team_share_percent IS NULL)",
)
export class RightsProposalEntity {
  @PrimaryColumn({ type: 'uuid' })
  achievementId: string;

  @OneToOne(() => AchievementEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'achievement_id' })
  achievement?: Relation<AchievementEntity>;

  @Column({ type: 'enum', enum: RightsProposalKind, enumName: 'rights_proposal_kind' })
  kind: RightsProposalKind;

  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true, transformer: numericTransformer })
  teamSharePercent: number | null;

  @Column({ type: 'smallint', nullable: true })
  useRightYears: number | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  agreementSignedAt: Date | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  agreementDocuments: FileMetadata[];

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
