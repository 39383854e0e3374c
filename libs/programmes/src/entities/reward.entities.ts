import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { RewardQualification, RewardTerms } from '../domain/reward-rules';
import { numeric } from './numeric';

/** One version of the transfer-reward rules (ADMIN), in force over [effectiveFrom, effectiveTo] (Shanghai dates). */
@Entity('reward_rule_versions')
@Index('uq_reward_rule_versions_version', ['version'], { unique: true })
export class RewardRuleVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'date' })
  effectiveFrom: string;

  /** Null: open-ended (until a later version starts). */
  @Column({ type: 'date', nullable: true })
  effectiveTo: string | null;

  @Column({ type: 'jsonb' })
  terms: RewardTerms;

  @Column({ type: 'uuid' })
  createdById: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}

export enum RewardApplicationStatus {
  /** Raised by the platform when the contract qualified; the applicants add evidence. */
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  /** Sent back by the bureau with a reason; the applicants change it and submit again. */
  RETURNED = 'RETURNED',
  APPROVED = 'APPROVED',
  PAID = 'PAID',
}

/** What the platform knew when it raised the application (the prefill), kept as the evidence of record. */
export interface RewardPrefill {
  achievement: {
    id: string;
    title: string;
    status: string;
    institutionOwned: boolean;
    ipType: string | null;
    ipRegistrationNumbers: string[];
  };
  rights: {
    kind: string | null;
    teamSharePercent: number | null;
    useRightYears: number | null;
    agreementSignedAt: string | null;
    rightsConfirmedAt: string | null;
  };
  registration: {
    registrationNumber: string;
    contractType: string | null;
    contractValueWan: number | null;
    technicalIncomeWan: number | null;
    registeredAt: string;
  };
  enterprise: { id: string; name: string; region: string | null };
  followUps: Array<{
    monthsAfter: number;
    status: string;
    productLaunched: boolean | null;
    companyFounded: boolean | null;
    revenueWan: number | null;
  }>;
  eligibility: {
    qualification: RewardQualification;
    ruleVersion: number;
    uncappedWan: number;
    cappedBy: string | null;
  };
}

export interface RewardEvidence {
  fileId: string;
  label: string;
  name: string;
}

/** A transfer-reward application for one registered contract (at most one per deal). */
@Entity('reward_applications')
@Index('uq_reward_applications_deal', ['dealId'], { unique: true })
@Index('idx_reward_applications_institution_year', ['institutionId', 'awardYear'])
@Check('chk_reward_applications_amounts', 'approved_amount_wan IS NULL OR approved_amount_wan > 0')
export class RewardApplicationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  dealId: string;

  @Column({ type: 'uuid' })
  ruleVersionId: string;

  @Index()
  @Column({
    type: 'enum',
    enum: RewardApplicationStatus,
    enumName: 'reward_application_status',
    default: RewardApplicationStatus.DRAFT,
  })
  status: RewardApplicationStatus;

  @Column({ type: 'enum', enum: RewardQualification, enumName: 'reward_qualification' })
  qualification: RewardQualification;

  /** The institution the achievement belongs to: it applies, with the team. */
  @Column({ type: 'uuid' })
  institutionId: string;

  @Index()
  @Column({ type: 'uuid' })
  achievementId: string;

  @Column({ type: 'uuid' })
  enterpriseId: string;

  @Column({ type: 'text', nullable: true })
  industryCode: string | null;

  /** The Shanghai year of the registration: the year whose cap the reward counts against. */
  @Column({ type: 'int' })
  awardYear: number;

  @Column({ type: 'text' })
  registrationNumber: string;

  @Column({ type: 'timestamptz', precision: 3 })
  registeredAt: Date;

  @Column({ type: 'numeric', precision: 14, scale: 4, transformer: numeric })
  technicalIncomeWan: number;

  @Column({ type: 'jsonb' })
  prefill: RewardPrefill;

  /** What the rules allowed when last computed (raised or submitted). */
  @Column({ type: 'numeric', precision: 14, scale: 4, transformer: numeric })
  proposedAmountWan: number;

  @Column({ type: 'numeric', precision: 14, scale: 4, nullable: true, transformer: numeric })
  approvedAmountWan: number | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  evidence: RewardEvidence[];

  @Column({ type: 'text', nullable: true })
  applicantNote: string | null;

  @Column({ type: 'text', nullable: true })
  returnReason: string | null;

  @Column({ type: 'text', nullable: true })
  reviewComment: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  reviewedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  reviewedById: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  paidAt: Date | null;

  @Column({ type: 'numeric', precision: 14, scale: 4, nullable: true, transformer: numeric })
  paidAmountWan: number | null;

  @Column({ type: 'text', nullable: true })
  paymentReference: string | null;

  /**
   * Set when the contract registration was amended after the application was submitted (SUBMITTED, APPROVED or
   * PAID): the application is not changed silently; the bureau's reviewer sees this and may return it. Cleared
   * when the applicants submit again (a returned application is refreshed from the registration first).
   */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  registrationAmendedAt: Date | null;

  /** What the amendment changed and why (as the deal's amendment records it), with `registrationAmendedAt`. */
  @Column({ type: 'text', nullable: true })
  registrationAmendmentNote: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}

export enum RewardEventKind {
  RAISED = 'RAISED',
  UPDATED = 'UPDATED',
  /** The registration was amended: a draft (or returned) application was refreshed from it, or a submitted one flagged. */
  REGISTRATION_AMENDED = 'REGISTRATION_AMENDED',
  SUBMITTED = 'SUBMITTED',
  RETURNED = 'RETURNED',
  APPROVED = 'APPROVED',
  PAID = 'PAID',
}

/** The application's record (append-only). */
@Entity('reward_application_events')
@Index('idx_reward_application_events', ['applicationId', 'createdAt'])
export class RewardApplicationEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  @Column({ type: 'enum', enum: RewardEventKind, enumName: 'reward_event_kind' })
  kind: RewardEventKind;

  /** Null when the platform acted. */
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text', nullable: true })
  body: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
