import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
  UpdateDateColumn,
  ValueTransformer,
} from 'typeorm';
import { OrganisationEntity, UserEntity } from '@app/identity';
import { IndustryEntity } from '@app/taxonomy';
import { CooperationMode } from './domain/cooperation-mode';
import { DemandKind } from './domain/demand-kind';
import { DemandStatus } from './domain/demand-status';

export interface TechnicalIndicator {
  name: string;
  current: string | null;
  target: string;
  /** 必须满足 (true) or 最好满足 (false); rows stored before the flag read as false. */
  mustHave: boolean;
}

/** Indicators stored before `mustHave` existed read as nice-to-have. */
const indicatorsWithDefaults: ValueTransformer = {
  to: (value: TechnicalIndicator[] | null | undefined) => value,
  from: (value: Array<Partial<TechnicalIndicator>> | null) =>
    value === null ? null : value.map((indicator) => ({ ...indicator, mustHave: indicator.mustHave === true })),
};

/** pg returns numeric as a string (to keep precision); amounts in 万元 with 2 decimals fit a JS number exactly enough. */
const numericAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** An enterprise's technology demand (企业技术需求). */
@Entity('demands')
@Index('idx_demands_created', ['createdAt', 'id'])
@Index('idx_demands_external_id', ['organisationId', 'externalId'], { unique: true, where: 'external_id IS NOT NULL' })
@Index('idx_demands_open_deadline', ['deadline'], { where: "status = 'OPEN'" })
export class DemandEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The posting enterprise. */
  @Index()
  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<OrganisationEntity>;

  /** Null for imported demands. */
  @Column({ type: 'uuid', nullable: true })
  postedById: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'posted_by_id' })
  postedBy?: Relation<UserEntity>;

  /** A technical problem (the default) or an application scenario (应用场景) of a public body or state-owned enterprise. */
  @Index()
  @Column({ type: 'enum', enum: DemandKind, enumName: 'demand_kind', default: DemandKind.TECHNICAL_PROBLEM })
  kind: DemandKind;

  @Column({ type: 'text' })
  title: string;

  /** Public, non-confidential description. */
  @Column({ type: 'text' })
  summary: string;

  /** Visible only as DemandsService.canSeeConfidential decides; every read is logged. */
  @Column({ type: 'text', nullable: true })
  confidentialDetails: string | null;

  @Index()
  @Column({ type: 'text' })
  industryCode: string;

  @ManyToOne(() => IndustryEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'industry_code' })
  industry?: Relation<IndustryEntity>;

  @Column({ type: 'jsonb', default: () => "'[]'", transformer: indicatorsWithDefaults })
  technicalIndicators: TechnicalIndicator[];

  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true, transformer: numericAsNumber })
  budgetMinWan: number | null;

  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true, transformer: numericAsNumber })
  budgetMaxWan: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  deadline: Date | null;

  @Column({ type: 'enum', enum: CooperationMode, enumName: 'demand_cooperation_mode', array: true, default: '{}' })
  cooperationModes: CooperationMode[];

  @Column({ type: 'text', nullable: true })
  region: string | null;

  /** Scenario: where the technology would be applied (场景地点). */
  @Column({ type: 'text', nullable: true })
  site: string | null;

  /** Scenario: the data and facilities the owner makes available (可开放的数据与条件). */
  @Column({ type: 'text', nullable: true })
  dataAvailable: string | null;

  /** Scenario: the timeline of the trial and first purchase (实施周期), in the owner's words. */
  @Column({ type: 'text', nullable: true })
  timeline: string | null;

  /** The company name is hidden from viewers outside the posting organisation, brokers and administrators. */
  @Column({ type: 'boolean', default: false })
  anonymous: boolean;

  @Index()
  @Column({ type: 'enum', enum: DemandStatus, enumName: 'demand_status', default: DemandStatus.DRAFT })
  status: DemandStatus;

  /** Key of the demand in the organisation's catalogue, for idempotent imports. */
  @Column({ type: 'text', nullable: true })
  externalId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  /** Millisecond precision so the keyset cursor (a JS Date) matches the stored value exactly. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}

/** Who read a demand's confidential details, and when (an audit trail, append-only). */
@Entity('demand_confidential_reads')
@Index('idx_demand_confidential_reads_demand', ['demandId', 'readAt'])
export class DemandConfidentialReadEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  demandId: string;

  @ManyToOne(() => DemandEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'demand_id' })
  demand?: Relation<DemandEntity>;

  @Index()
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity>;

  @CreateDateColumn({ type: 'timestamptz' })
  readAt: Date;
}
