import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import {
  DEFAULT_CLAIM_PERIOD_SECONDS,
  DEFAULT_IDLE_REMINDER_DAYS,
  DEFAULT_PRICE_NOTICE_PERIOD_SECONDS,
} from '../domain/claim-period';
import { numeric } from './numeric';

/** A broker agency's rules; an agency without a row uses the defaults. */
@Entity('broker_agency_settings')
@Check('chk_broker_agency_commission_percent', 'commission_percent BETWEEN 0 AND 100')
export class BrokerAgencySettingsEntity {
  @PrimaryColumn({ type: 'uuid' })
  agencyId: string;

  /** How long a claim on a match is exclusive (seconds: 14 days by default; seconds let tests run quickly). */
  @Column({ type: 'int', default: DEFAULT_CLAIM_PERIOD_SECONDS })
  claimPeriodSeconds: number;

  @Column({ type: 'numeric', precision: 5, scale: 2, default: 5, transformer: numeric })
  commissionPercent: number;

  @Column({ type: 'numeric', precision: 14, scale: 4, nullable: true, transformer: numeric })
  commissionMinWan: number | null;

  @Column({ type: 'numeric', precision: 14, scale: 4, nullable: true, transformer: numeric })
  commissionCapWan: number | null;

  /** A deal without activity for this many days reminds its broker. */
  @Column({ type: 'int', default: DEFAULT_IDLE_REMINDER_DAYS })
  idleReminderDays: number;

  /** Length of the 协议定价公示 in seconds (15 days by default). */
  @Column({ type: 'int', default: DEFAULT_PRICE_NOTICE_PERIOD_SECONDS })
  priceNoticePeriodSeconds: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** A broker's industries (their work queue shows matches in them); no row or no codes = every industry. */
@Entity('broker_profiles')
export class BrokerProfileEntity {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  industryCodes: string[];

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
