import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The values of an agency's settings as recorded in its audit trail (numbers as stored; null = none). */
export type AgencySettingsValues = Record<string, number | null>;

/** One change of an agency's settings: who, when, and each changed value before and after. Never edited. */
@Entity('broker_agency_settings_changes')
@Index(['agencyId', 'changedAt'])
export class BrokerAgencySettingsChangeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  agencyId: string;

  @Column({ type: 'uuid' })
  changedById: string;

  /** Only the settings that changed, with their old values. */
  @Column({ type: 'jsonb' })
  before: AgencySettingsValues;

  /** The same settings, with their new values. */
  @Column({ type: 'jsonb' })
  after: AgencySettingsValues;

  @CreateDateColumn({ type: 'timestamptz' })
  changedAt: Date;
}
