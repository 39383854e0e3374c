import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  EntityManager,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

const DAY = 86_400;

/**
 * The platform's bounds on what agencies, brokers and institutions may set, with their defaults: the bureau (a
 * platform ADMIN) changes them. A deployment without a row uses the defaults.
 */
export const DEFAULT_PLATFORM_SETTINGS = {
  /** Claims a broker may hold at once. */
  maxOpenClaimsPerBroker: 20,
  /** Claims an agency's brokers may hold at once, together. */
  maxOpenClaimsPerAgency: 200,
  /** The longest claim period an agency may set (30 days). */
  maxClaimPeriodSeconds: 30 * DAY,
  /** The shortest 公示 (public notice of an achievement) an institution may set (15 days). */
  minPublicNoticeSeconds: 15 * DAY,
  /** The shortest 协议定价公示 (price notice of a deal) an agency may set (15 days). */
  minPriceNoticeSeconds: 15 * DAY,
};

export type PlatformSettingsValues = typeof DEFAULT_PLATFORM_SETTINGS;
export const PLATFORM_SETTING_KEYS = Object.keys(DEFAULT_PLATFORM_SETTINGS) as Array<keyof PlatformSettingsValues>;

/** The single row (id 1) of the platform's settings. */
@Entity('platform_settings')
@Check('chk_platform_settings_single_row', 'id = 1')
export class PlatformSettingsEntity implements PlatformSettingsValues {
  @PrimaryColumn({ type: 'int' })
  id: number;

  @Column({ type: 'int' }) maxOpenClaimsPerBroker: number;
  @Column({ type: 'int' }) maxOpenClaimsPerAgency: number;
  @Column({ type: 'int' }) maxClaimPeriodSeconds: number;
  @Column({ type: 'int' }) minPublicNoticeSeconds: number;
  @Column({ type: 'int' }) minPriceNoticeSeconds: number;

  @Column({ type: 'uuid', nullable: true })
  updatedById: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** One change of the platform's settings: who, when, each changed value before and after. Never edited. */
@Entity('platform_settings_changes')
@Index(['changedAt'])
export class PlatformSettingsChangeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  changedById: string;

  @Column({ type: 'jsonb' })
  before: Record<string, number>;

  @Column({ type: 'jsonb' })
  after: Record<string, number>;

  @CreateDateColumn({ type: 'timestamptz' })
  changedAt: Date;
}

/** The platform's settings now (the defaults where the bureau set nothing). */
export async function readPlatformSettings(manager: EntityManager): Promise<PlatformSettingsValues> {
  const row = await manager.findOneBy(PlatformSettingsEntity, { id: 1 });
  if (!row) return { ...DEFAULT_PLATFORM_SETTINGS };
  return Object.fromEntries(PLATFORM_SETTING_KEYS.map((key) => [key, row[key]])) as PlatformSettingsValues;
}
