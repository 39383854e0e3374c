import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { numeric } from './numeric';

export enum HandoffSource {
  /** From a listing (an achievement on the marketplace). */
  LISTING = 'LISTING',
  /** From a brokered deal. */
  DEAL = 'DEAL',
}

export enum HandoffStatus {
  /** The package is ready for the exchange. */
  PREPARED = 'PREPARED',
  /** The exchange listed it (its listing number recorded). */
  LISTED = 'LISTED',
  /** The exchange's result recorded. */
  CLOSED = 'CLOSED',
}

export enum ExchangeResult {
  TRADED = 'TRADED',
  NOT_TRADED = 'NOT_TRADED',
  WITHDRAWN = 'WITHDRAWN',
}

/** A hand-off to the provincial technology-property exchange (进场交易) and what the exchange reported back. */
@Entity('exchange_handoffs')
export class ExchangeHandoffEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'enum', enum: HandoffSource, enumName: 'handoff_source' })
  source: HandoffSource;

  @Index()
  @Column({ type: 'uuid' })
  achievementId: string;

  @Index({ where: 'deal_id IS NOT NULL' })
  @Column({ type: 'uuid', nullable: true })
  dealId: string | null;

  @Index()
  @Column({ type: 'uuid' })
  institutionId: string;

  @Column({ type: 'uuid' })
  preparedById: string;

  @Column({ type: 'enum', enum: HandoffStatus, enumName: 'handoff_status', default: HandoffStatus.PREPARED })
  status: HandoffStatus;

  /** The package as handed over (the JSON document). */
  @Column({ type: 'jsonb' })
  package: Record<string, unknown>;

  @Column({ type: 'text', nullable: true })
  exchangeListingNumber: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  listedAt: Date | null;

  @Column({ type: 'enum', enum: ExchangeResult, enumName: 'exchange_result', nullable: true })
  result: ExchangeResult | null;

  @Column({ type: 'numeric', precision: 14, scale: 4, nullable: true, transformer: numeric })
  resultPriceWan: number | null;

  @Column({ type: 'text', nullable: true })
  resultNote: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  resultRecordedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
