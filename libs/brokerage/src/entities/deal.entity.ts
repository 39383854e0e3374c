import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { MatchTargetType } from '@app/matching';
import { DealStage, TechContractType } from '../domain/deal-workflow';
import { numeric } from './numeric';

export enum PriceNoticeStatus {
  NONE = 'NONE',
  OPEN = 'OPEN',
  ENDED = 'ENDED',
  OBJECTED = 'OBJECTED',
}

/** A deal born of an accepted introduction, followed to the registered technology contract. */
@Entity('deals')
@Check('chk_deals_amounts', 'contract_value_wan IS NULL OR contract_value_wan >= 0')
@Index('idx_deals_broker', ['brokerId', 'stage'])
@Index('idx_deals_idle', ['lastActivityAt'], { where: "stage NOT IN ('CLOSED_WON', 'CLOSED_LOST')" })
/** The bureau's ledger and figures of registered contracts, by registration time. */
@Index('idx_deals_registered', ['registeredAt'], { where: 'registered_at IS NOT NULL' })
// The bureau's figures: deals opened in a time range, and an achievement's deals (the funnel rollup).
@Index('idx_deals_created', ['createdAt', 'demandId', 'stage'])
@Index('idx_deals_target', ['targetType', 'targetId'])
export class DealEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column({ type: 'uuid' })
  introductionId: string;

  @Column({ type: 'uuid' })
  demandId: string;

  @Column({ type: 'enum', enum: MatchTargetType, enumName: 'brokerage_target_type' })
  targetType: MatchTargetType;

  @Column({ type: 'uuid' })
  targetId: string;

  @Column({ type: 'uuid' })
  brokerId: string;

  @Column({ type: 'uuid' })
  agencyId: string;

  @Index()
  @Column({ type: 'uuid' })
  demandOrganisationId: string;

  @Index()
  @Column({ type: 'uuid' })
  targetOrganisationId: string;

  @Column({ type: 'enum', enum: DealStage, enumName: 'deal_stage', default: DealStage.INTRODUCED })
  stage: DealStage;

  @Column({ type: 'timestamptz', precision: 3 })
  stageEnteredAt: Date;

  @Column({ type: 'text', nullable: true })
  lostReason: string | null;

  /** The negotiated price (协议定价), 万元. */
  @Column({ type: 'numeric', precision: 14, scale: 4, nullable: true, transformer: numeric })
  agreedPriceWan: number | null;

  @Column({ type: 'numeric', precision: 14, scale: 4, nullable: true, transformer: numeric })
  contractValueWan: number | null;

  /** Computed by the agency's commission rule whenever the contract value changes. */
  @Column({ type: 'numeric', precision: 14, scale: 4, nullable: true, transformer: numeric })
  commissionWan: number | null;

  @Column({ type: 'text', nullable: true })
  registrationNumber: string | null;

  /** 登记机构: the technology-contract registration office that registered the contract. */
  @Column({ type: 'text', nullable: true })
  registrationAuthority: string | null;

  @Column({ type: 'enum', enum: TechContractType, enumName: 'tech_contract_type', nullable: true })
  contractType: TechContractType | null;

  @Column({ type: 'numeric', precision: 14, scale: 4, nullable: true, transformer: numeric })
  technicalIncomeWan: number | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  registeredAt: Date | null;

  /** Why the registered contract value differs from the noticed agreed price (required when it does). */
  @Column({ type: 'text', nullable: true })
  valueDifferenceReason: string | null;

  /** For a registered licence (LICENSE): exclusive (独占/排他) uses the listing up, non-exclusive keeps it listed. */
  @Column({ type: 'boolean', nullable: true })
  exclusiveLicence: boolean | null;

  /** This deal moved its achievement LISTED → IN_NEGOTIATION and still holds it (see domain/market-effects). */
  @Column({ type: 'boolean', default: false })
  holdsListing: boolean;

  /** This deal moved its demand OPEN → IN_PROGRESS and still holds it. */
  @Column({ type: 'boolean', default: false })
  holdsDemand: boolean;

  /** 暂停: why the broker put the deal on hold (null while it runs); on hold it is not idle-reminded. */
  @Column({ type: 'text', nullable: true })
  onHoldReason: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  onHoldSince: Date | null;

  @Column({
    type: 'enum',
    enum: PriceNoticeStatus,
    enumName: 'deal_price_notice_status',
    default: PriceNoticeStatus.NONE,
  })
  priceNoticeStatus: PriceNoticeStatus;

  /** Incremented by each notice; the end job carries it so a stale job does nothing. */
  @Column({ type: 'int', default: 0 })
  priceNoticeRound: number;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  priceNoticeStartsAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  priceNoticeEndsAt: Date | null;

  /** Any recorded activity (stage, note, task, amounts) renews it; the idle reminder reads it. */
  @Column({ type: 'timestamptz', precision: 3 })
  lastActivityAt: Date;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}

export enum DealActivityKind {
  CREATED = 'CREATED',
  STAGE_CHANGED = 'STAGE_CHANGED',
  NOTE = 'NOTE',
  TASK_ADDED = 'TASK_ADDED',
  TASK_DONE = 'TASK_DONE',
  AMOUNTS_SET = 'AMOUNTS_SET',
  PRICE_NOTICE_STARTED = 'PRICE_NOTICE_STARTED',
  PRICE_NOTICE_OBJECTION = 'PRICE_NOTICE_OBJECTION',
  PRICE_NOTICE_ENDED = 'PRICE_NOTICE_ENDED',
  /** A hand-off package for the technology-property exchange (进场交易) was prepared (programmes). */
  EXCHANGE_HANDOFF = 'EXCHANGE_HANDOFF',
  /** The exchange's listing number or result was recorded (programmes). */
  EXCHANGE_RESULT = 'EXCHANGE_RESULT',
  /** The broker put the deal on hold, with the reason. */
  ON_HOLD = 'ON_HOLD',
  /** The deal runs again after a hold. */
  RESUMED = 'RESUMED',
  /** A correction of the registered contract (its `deal_amendments` row holds before, after and the reason). */
  REGISTRATION_AMENDED = 'REGISTRATION_AMENDED',
}

/** The registration fields an amendment may correct, as stored before and after it. */
export interface RegistrationSnapshot {
  registrationNumber: string | null;
  registrationAuthority: string | null;
  contractValueWan: number | null;
  technicalIncomeWan: number | null;
  valueDifferenceReason: string | null;
}

/**
 * A correction of a registered contract (append-only): who, when, the registration fields before and after, and
 * why. The registration is never edited otherwise once recorded.
 */
@Entity('deal_amendments')
@Index('idx_deal_amendments_deal', ['dealId', 'createdAt'])
export class DealAmendmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  dealId: string;

  @Column({ type: 'uuid' })
  actorId: string;

  @Column({ type: 'jsonb' })
  before: RegistrationSnapshot;

  @Column({ type: 'jsonb' })
  after: RegistrationSnapshot;

  @Column({ type: 'text' })
  reason: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}

/** The deal's timeline (append-only); stage changes carry from/to so time in stage can be measured. */
@Entity('deal_activities')
@Index('idx_deal_activities_timeline', ['dealId', 'createdAt', 'id'])
/** When each deal's contract was signed (the bureau's 签约 figures read only these rows). */
@Index('idx_deal_activities_signed', ['dealId', 'createdAt'], { where: "to_stage = 'CONTRACT_SIGNED'" })
// The bureau's signed contracts in a time range start from the signings in it.
@Index('idx_deal_activities_signed_at', ['createdAt', 'dealId'], { where: "to_stage = 'CONTRACT_SIGNED'" })
export class DealActivityEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  dealId: string;

  @Column({ type: 'enum', enum: DealActivityKind, enumName: 'deal_activity_kind' })
  kind: DealActivityKind;

  /** Null when a job acted. */
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'enum', enum: DealStage, enumName: 'deal_stage', nullable: true })
  fromStage: DealStage | null;

  @Column({ type: 'enum', enum: DealStage, enumName: 'deal_stage', nullable: true })
  toStage: DealStage | null;

  @Column({ type: 'text', nullable: true })
  body: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}

@Entity('deal_tasks')
@Index('idx_deal_tasks_deal', ['dealId', 'dueAt'])
export class DealTaskEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  dealId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  dueAt: Date | null;

  @Column({ type: 'uuid' })
  createdById: string;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  doneAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}

/** One reminder per (deal, idle period): the unique key makes the job safe to run twice. */
@Entity('deal_reminders')
@Unique('uq_deal_reminders_period', ['dealId', 'idleSince'])
export class DealReminderEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  dealId: string;

  @Index()
  @Column({ type: 'uuid' })
  brokerId: string;

  /** The deal's last activity when the reminder fired: names the idle period. */
  @Column({ type: 'timestamptz', precision: 3 })
  idleSince: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  readAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
