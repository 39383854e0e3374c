import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn, Relation, UpdateDateColumn } from 'typeorm';
import { OrganisationEntity } from '@app/identity';
import { numericTransformer } from './numeric.transformer';

export const DEFAULT_NOTICE_PERIOD_SECONDS = 15 * 24 * 3600;
export const DEFAULT_STALE_PERIOD_DAYS = 180;
export const DEFAULT_MIN_TEAM_SHARE_PERCENT = 70;
export const DEFAULT_MAX_TEAM_SHARE_PERCENT = 90;

/** An institution's rules for the workflow; an institution without a row uses the defaults above. */
@Entity('achievement_institution_settings')
@Check('chk_achievement_settings_share_bounds', 'min_team_share_percent <= max_team_share_percent')
export class AchievementSettingsEntity {
  @PrimaryColumn({ type: 'uuid' })
  institutionId: string;

  @OneToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'institution_id' })
  institution?: Relation<OrganisationEntity>;

  /** Length of the public notice (公示期) in seconds: 15 days by default; seconds let tests run quickly. */
  @Column({ type: 'int', default: DEFAULT_NOTICE_PERIOD_SECONDS })
  noticePeriodSeconds: number;

  /** A listing not reconfirmed for this many days becomes STALE. */
  @Column({ type: 'int', default: DEFAULT_STALE_PERIOD_DAYS })
  stalePeriodDays: number;

  @Column({
    type: 'numeric',
    precision: 5,
    scale: 2,
    default: DEFAULT_MIN_TEAM_SHARE_PERCENT,
    transformer: numericTransformer,
  })
  minTeamSharePercent: number;

  @Column({
    type: 'numeric',
    precision: 5,
    scale: 2,
    default: DEFAULT_MAX_TEAM_SHARE_PERCENT,
    transformer: numericTransformer,
  })
  maxTeamSharePercent: number;

  /** Excluded categories (负面清单): industry codes, IP types or keywords that may not go through 赋权. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  negativeList: string[];

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
