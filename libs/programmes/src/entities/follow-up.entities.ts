import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { FollowUpStatus } from '../domain/follow-up-schedule';
import { numeric } from './numeric';

/** What came of a registered contract, asked of its enterprise 6, 12 and 36 months after registration. */
@Entity('outcome_follow_ups')
@Index('uq_outcome_follow_ups_deal_months', ['dealId', 'monthsAfter'], { unique: true })
@Index('idx_outcome_follow_ups_pending', ['status', 'dueAt'], { where: "status IN ('SCHEDULED', 'ASKED')" })
export class OutcomeFollowUpEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  dealId: string;

  @Column({ type: 'smallint' })
  monthsAfter: number;

  @Column({ type: 'timestamptz', precision: 3 })
  dueAt: Date;

  @Column({ type: 'enum', enum: FollowUpStatus, enumName: 'follow_up_status', default: FollowUpStatus.SCHEDULED })
  status: FollowUpStatus;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  askedAt: Date | null;

  @Column({ type: 'smallint', default: 0 })
  remindersSent: number;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lapsedAt: Date | null;

  /** The demand's enterprise: it answers. */
  @Index()
  @Column({ type: 'uuid' })
  enterpriseId: string;

  /** The institution (or expert's organisation) of the contract. */
  @Index()
  @Column({ type: 'uuid' })
  institutionId: string;

  @Column({ type: 'text', nullable: true })
  industryCode: string | null;

  @Column({ type: 'timestamptz', precision: 3 })
  registeredAt: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  answeredAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  answeredById: string | null;

  @Column({ type: 'boolean', nullable: true })
  productLaunched: boolean | null;

  /** Revenue attributable to the contract so far, 万元. */
  @Column({ type: 'numeric', precision: 14, scale: 4, nullable: true, transformer: numeric })
  revenueWan: number | null;

  @Column({ type: 'int', nullable: true })
  jobsCreated: number | null;

  @Column({ type: 'numeric', precision: 14, scale: 4, nullable: true, transformer: numeric })
  followOnInvestmentWan: number | null;

  /** A company founded with the achievement (by its inventors, in the district). */
  @Column({ type: 'boolean', nullable: true })
  companyFounded: boolean | null;

  @Column({ type: 'text', nullable: true })
  companyName: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}

export enum ProgrammeEmailStatus {
  PENDING = 'PENDING',
  /** The message was handed to the server and its end sent: never sent again (at most once). */
  COMMITTING = 'COMMITTING',
  SENT = 'SENT',
}

/** One email of a follow-up step to one person: the unique key makes each step's email at most one. */
@Entity('programme_emails')
@Index('uq_programme_emails_step', ['followUpId', 'step', 'userId'], { unique: true })
@Index('idx_programme_emails_pending', ['createdAt'], { where: "status = 'PENDING'" })
export class ProgrammeEmailEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  followUpId: string;

  /** ask, remind-1, remind-2 */
  @Column({ type: 'text' })
  step: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  toAddress: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text' })
  body: string;

  @Column({
    type: 'enum',
    enum: ProgrammeEmailStatus,
    enumName: 'programme_email_status',
    default: ProgrammeEmailStatus.PENDING,
  })
  status: ProgrammeEmailStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
