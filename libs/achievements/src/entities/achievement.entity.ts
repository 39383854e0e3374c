import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
  UpdateDateColumn,
} from 'typeorm';
import { OrganisationEntity, UserEntity } from '@app/identity';
import { IndustryEntity } from '@app/taxonomy';
import { AchievementLanguage, AchievementStatus, IpType, TransferMode } from '../domain/achievement-enums';
import { numericTransformer } from './numeric.transformer';

/** Metadata of a file stored elsewhere (the bytes never pass through this table). */
export interface FileMetadata {
  /** The uploaded file (`POST /files`) it describes, downloadable at `url`; null for a file kept elsewhere. */
  fileId?: string | null;
  name: string;
  url: string | null;
  mimeType: string | null;
  sizeBytes: number | null;
  sha256: string | null;
}

/** A research achievement (科技成果) and where it stands in the rights-confirmation workflow. */
@Entity('achievements')
@Check('chk_achievements_trl', 'trl IS NULL OR trl BETWEEN 1 AND 9')
@Check('chk_achievements_price', 'asking_price_wan IS NULL OR asking_price_wan >= 0')
@Index('uq_achievements_institution_external_id', ['institutionId', 'externalId'], {
  unique: true,
  where: 'external_id IS NOT NULL',
})
@Index('idx_achievements_listing', ['createdAt', 'id'])
@Index('idx_achievements_status', ['status', 'createdAt'])
// The bureau's figures count listings in a time range (index-only, with the industry and institution).
@Index('idx_achievements_listed', ['listedAt', 'industryCode', 'institutionId'], { where: 'listed_at IS NOT NULL' })
export class AchievementEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  title: string;

  /** Public, non-confidential. */
  @Column({ type: 'text', default: '' })
  summary: string;

  /** Confidential: the institution, its inventors, brokers and administrators only. */
  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  keywords: string[];

  /** Code of the industry taxonomy (e.g. 'ai', 'low_altitude'). */
  @Index()
  @Column({ type: 'text', nullable: true })
  industryCode: string | null;

  @ManyToOne(() => IndustryEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'industry_code', referencedColumnName: 'code' })
  industry?: Relation<IndustryEntity>;

  /** Technology readiness level, 1–9. */
  @Column({ type: 'smallint', nullable: true })
  trl: number | null;

  @Column({ type: 'enum', enum: IpType, enumName: 'ip_type', nullable: true })
  ipType: IpType | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  ipRegistrationNumbers: string[];

  @Column({ type: 'enum', enum: TransferMode, enumName: 'transfer_mode', array: true, default: () => "'{}'" })
  transferModes: TransferMode[];

  /** In 万元; null means 面议 (negotiable). */
  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true, transformer: numericTransformer })
  askingPriceWan: number | null;

  @Index()
  @Column({ type: 'uuid' })
  institutionId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'institution_id' })
  institution?: Relation<OrganisationEntity>;

  @Column({ type: 'text', nullable: true })
  region: string | null;

  @Column({
    type: 'enum',
    enum: AchievementLanguage,
    enumName: 'achievement_language',
    default: AchievementLanguage.zh,
  })
  language: AchievementLanguage;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  attachments: FileMetadata[];

  /** 转化实施方案, required to submit. Confidential. */
  @Column({ type: 'text', nullable: true })
  conversionPlan: string | null;

  @Column({ type: 'enum', enum: AchievementStatus, enumName: 'achievement_status', default: AchievementStatus.DRAFT })
  status: AchievementStatus;

  /** 学校所有: the institution keeps the rights (decided by a TTO officer, or stated by an import). */
  @Column({ type: 'boolean', default: false })
  institutionOwned: boolean;

  /** The user who created it; null for imported catalogue entries. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'owner_id' })
  owner?: Relation<UserEntity>;

  /** The team representative (赋权代表). Indexed: digests find a recipient's achievements by it. */
  @Index('idx_achievements_representative', { where: 'representative_id IS NOT NULL' })
  @Column({ type: 'uuid', nullable: true })
  representativeId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'representative_id' })
  representative?: Relation<UserEntity>;

  /** Identifier in the institution's catalogue (imports are idempotent by it). */
  @Column({ type: 'text', nullable: true })
  externalId: string | null;

  /** The reason of the last rejection, kept when it returns to DRAFT. */
  @Column({ type: 'text', nullable: true })
  rejectionReason: string | null;

  /** Incremented each time the achievement enters PUBLIC_NOTICE; the window's end job carries it. */
  @Column({ type: 'int', default: 0 })
  noticeRound: number;

  @Column({ type: 'timestamptz', nullable: true })
  noticeStartsAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  noticeEndsAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  listedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  reconfirmedAt: Date | null;

  /** Millisecond precision so keyset cursors round-trip through JavaScript dates exactly. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
