import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** PENDING (the bureau reviews) → PUBLISHED (in the public catalogue) or REJECTED (with the reason). */
export enum CatalogueEntryStatus {
  PENDING = 'PENDING',
  PUBLISHED = 'PUBLISHED',
  REJECTED = 'REJECTED',
}

/**
 * One application to the bureau's recommended catalogue of innovative products (应用示范推荐目录): an enterprise's
 * product that came from an achievement it acquired in a signed or registered deal (`dealId`, the evidence).
 */
@Entity('catalogue_entries')
@Index('idx_catalogue_entries_status', ['status', 'createdAt'])
export class CatalogueEntryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  enterpriseId: string;

  @Column({ type: 'uuid' })
  applicantId: string;

  @Column({ type: 'uuid' })
  achievementId: string;

  /** The deal in which the enterprise acquired the achievement (CONTRACT_SIGNED or later). */
  @Column({ type: 'uuid' })
  dealId: string;

  @Column({ type: 'text' })
  productName: string;

  @Column({ type: 'text' })
  description: string;

  @Column({
    type: 'enum',
    enum: CatalogueEntryStatus,
    enumName: 'catalogue_entry_status',
    default: CatalogueEntryStatus.PENDING,
  })
  status: CatalogueEntryStatus;

  @Column({ type: 'text', nullable: true })
  rejectionReason: string | null;

  @Column({ type: 'uuid', nullable: true })
  decidedById: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  publishedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
