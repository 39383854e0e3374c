import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * What an uploaded file belongs to. Each kind has one access rule, registered by the lib that owns the object
 * (FileAccessRegistry): the file is downloadable by whoever that rule lets see it.
 */
export enum FileOwnerKind {
  /** An achievement's attachment: seen as its confidential fields are. */
  ACHIEVEMENT_ATTACHMENT = 'ACHIEVEMENT_ATTACHMENT',
  /** A document of an achievement's procedure (signed consent, agreement, review step): its team, TTO, admins. */
  ACHIEVEMENT_RECORD = 'ACHIEVEMENT_RECORD',
  /** A document of a deal (signed agreement, contract): its broker, parties, admins. */
  DEAL_DOCUMENT = 'DEAL_DOCUMENT',
  /** Evidence of a transfer-reward application: its applicants (institution's TTO, team), administrators. */
  REWARD_EVIDENCE = 'REWARD_EVIDENCE',
  /** An attachment of a self-reported evaluation indicator: the institution's TTO, administrators. */
  EVALUATION_EVIDENCE = 'EVALUATION_EVIDENCE',
  /** An attachment of an expert's response to a call for experts: the expert, the bureau. */
  EXPERT_CALL_RESPONSE = 'EXPERT_CALL_RESPONSE',
  /** A document of an innovation consortium's members-only space: its accepted members' people only. */
  CONSORTIUM_DOCUMENT = 'CONSORTIUM_DOCUMENT',
}

/** An uploaded file: its bytes are in the storage under `storageKey`; until attached only its uploader sees it. */
@Entity('stored_files')
@Index('idx_stored_files_owner', ['ownerKind', 'ownerId'], { where: 'owner_id IS NOT NULL' })
export class StoredFileEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  uploadedById: string;

  /** The name it was uploaded under (shown and offered on download; never used as a path). */
  @Column({ type: 'text' })
  name: string;

  /** Detected from the content (magic bytes), never taken from the client. */
  @Column({ type: 'text' })
  contentType: string;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  sizeBytes: number;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'text' })
  storageKey: string;

  @Column({ type: 'enum', enum: FileOwnerKind, enumName: 'stored_file_owner_kind', nullable: true })
  ownerKind: FileOwnerKind | null;

  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
