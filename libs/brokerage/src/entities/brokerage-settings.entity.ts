import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { BrokerCredentialLevel, BrokerCredentialStatus } from '../domain/broker-credential';
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

  /** 技术经纪人 credential: level, certificate, issuer, expiry; verified by a platform ADMIN before any broker work. */
  @Column({
    type: 'enum',
    enum: BrokerCredentialStatus,
    enumName: 'broker_credential_status',
    default: BrokerCredentialStatus.NONE,
  })
  credentialStatus: BrokerCredentialStatus;

  @Column({ type: 'enum', enum: BrokerCredentialLevel, enumName: 'broker_credential_level', nullable: true })
  credentialLevel: BrokerCredentialLevel | null;

  @Column({ type: 'text', nullable: true })
  certificateNumber: string | null;

  @Column({ type: 'text', nullable: true })
  issuingBody: string | null;

  /** After this instant the broker's capabilities are suspended until a renewed credential is verified. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  credentialExpiresAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  credentialSubmittedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  credentialDecidedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  credentialDecidedById: string | null;

  @Column({ type: 'text', nullable: true })
  credentialRejectionReason: string | null;

  /** When the broker acknowledged the platform's confidentiality terms (needed before any confidential read). */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  confidentialityAcknowledgedAt: Date | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** Append-only: each time a broker read a demand's or an achievement's confidential details, and on what basis. */
@Entity('broker_confidential_reads')
@Index('idx_broker_confidential_reads_subject', ['subjectType', 'subjectId', 'readAt'])
export class BrokerConfidentialReadEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  /** DEMAND or ACHIEVEMENT. */
  @Column({ type: 'text' })
  subjectType: string;

  @Column({ type: 'uuid' })
  subjectId: string;

  /** ENTRUSTMENT or CLAIM: why the broker could read it. */
  @Column({ type: 'text' })
  basis: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  readAt: Date;
}
