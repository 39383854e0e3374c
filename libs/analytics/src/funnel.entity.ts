import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The conversion funnel's rollup: one row per listed achievement with the first time each later step happened
 * to it (a match, an introduction, a deal, a signed contract, a registered contract). Written only by
 * `analytics_funnel_refresh` (the migration AnalyticsFunnelRollup), which the funnel query runs first for the
 * achievements marked in analytics_funnel_dirty: the figures are as fresh as the live tables (see the lib's README).
 */
@Entity('analytics_achievement_funnel')
@Index('idx_analytics_achievement_funnel_listed', ['listedAt', 'industryCode'])
export class AchievementFunnelEntity {
  @PrimaryColumn({ type: 'uuid' })
  achievementId: string;

  @Column({ type: 'timestamptz' })
  listedAt: Date;

  @Column({ type: 'text', nullable: true })
  industryCode: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  firstMatchedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  firstIntroducedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  firstDealAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  firstSignedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  firstRegisteredAt: Date | null;
}

/**
 * Achievements whose funnel row may be out of date, appended by statement triggers on achievements, matches,
 * introductions, deals and deal_activities (in the writing transaction, so a mark commits with its change); a
 * row without an achievement (after a TRUNCATE) asks for a full rebuild. Never updated, so writers never wait on
 * each other here.
 */
@Entity('analytics_funnel_dirty')
export class FunnelDirtyEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid', nullable: true })
  achievementId: string | null;
}

export const ANALYTICS_ENTITIES = [AchievementFunnelEntity, FunnelDirtyEntity];
