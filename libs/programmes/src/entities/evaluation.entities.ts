import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import {
  AwardTier,
  IndicatorDefinition,
  IndicatorScore,
  IndicatorSource,
  TierThresholds,
} from '../domain/evaluation-scoring';
import { numeric } from './numeric';

/** A new R&D institution's partner university (or research institute). */
@Entity('rd_institution_partners')
export class RdInstitutionPartnerEntity {
  @PrimaryColumn({ type: 'uuid' })
  institutionId: string;

  @PrimaryColumn({ type: 'uuid' })
  partnerId: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}

export enum EvaluationSchemeStatus {
  /** Being defined by the bureau. */
  DRAFT = 'DRAFT',
  /** Institutions file reports; the bureau verifies and computes results. */
  OPEN = 'OPEN',
  /** Results published; nothing changes any more. */
  PUBLISHED = 'PUBLISHED',
}

/** The indicator scheme of one year (ADMIN). */
@Entity('evaluation_schemes')
export class EvaluationSchemeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'jsonb' })
  indicators: IndicatorDefinition[];

  @Column({ type: 'jsonb' })
  tiers: TierThresholds;

  @Column({
    type: 'enum',
    enum: EvaluationSchemeStatus,
    enumName: 'evaluation_scheme_status',
    default: EvaluationSchemeStatus.DRAFT,
  })
  status: EvaluationSchemeStatus;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  resultsComputedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  publishedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}

export enum EvaluationReportStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  RETURNED = 'RETURNED',
  /** Every self-reported indicator was verified by the bureau. */
  VERIFIED = 'VERIFIED',
}

/** An institution's annual report against one year's scheme. */
@Entity('evaluation_reports')
@Index('uq_evaluation_reports_institution_year', ['institutionId', 'year'], { unique: true })
export class EvaluationReportEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schemeId: string;

  @Index()
  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'uuid' })
  institutionId: string;

  @Column({
    type: 'enum',
    enum: EvaluationReportStatus,
    enumName: 'evaluation_report_status',
    default: EvaluationReportStatus.DRAFT,
  })
  status: EvaluationReportStatus;

  @Column({ type: 'text', nullable: true })
  returnReason: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  verifiedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}

export enum IndicatorVerification {
  /** Counted by the platform from its own records. */
  PLATFORM = 'PLATFORM',
  PENDING = 'PENDING',
  VERIFIED = 'VERIFIED',
  REJECTED = 'REJECTED',
}

/** A record a platform indicator was counted from. */
export interface IndicatorLink {
  kind: 'DEAL' | 'ACHIEVEMENT' | 'INTRODUCTION' | 'FOLLOW_UP';
  id: string;
  label: string;
}

/** One indicator's value in a report. */
@Entity('evaluation_report_values')
@Index('uq_evaluation_report_values', ['reportId', 'indicatorKey'], { unique: true })
export class EvaluationReportValueEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  reportId: string;

  @Column({ type: 'text' })
  indicatorKey: string;

  @Column({ type: 'enum', enum: IndicatorSource, enumName: 'indicator_source' })
  source: IndicatorSource;

  @Column({ type: 'numeric', precision: 18, scale: 4, nullable: true, transformer: numeric })
  value: number | null;

  /** For platform indicators: the records counted (at most 200 kept). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  links: IndicatorLink[];

  @Column({ type: 'enum', enum: IndicatorVerification, enumName: 'indicator_verification' })
  verification: IndicatorVerification;

  @Column({ type: 'text', nullable: true })
  verificationNote: string | null;

  @Column({ type: 'uuid', nullable: true })
  verifiedById: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  verifiedAt: Date | null;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}

/** One institution's computed result of one year (replaced on each computation until published). */
@Entity('evaluation_results')
@Index('uq_evaluation_results_institution_year', ['institutionId', 'year'], { unique: true })
export class EvaluationResultEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  schemeId: string;

  @Index()
  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'uuid' })
  institutionId: string;

  @Column({ type: 'numeric', precision: 7, scale: 2, transformer: numeric })
  totalScore: number;

  @Column({ type: 'int' })
  rank: number;

  @Column({ type: 'enum', enum: AwardTier, enumName: 'award_tier' })
  tier: AwardTier;

  @Column({ type: 'jsonb' })
  indicators: IndicatorScore[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  missingIndicators: string[];

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  computedAt: Date;
}
