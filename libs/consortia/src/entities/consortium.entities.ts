import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

/** DRAFT (only the lead) → ACTIVE (a second organisation accepted) → RECOGNISED (by the bureau); CLOSED by the lead. */
export enum ConsortiumStatus {
  DRAFT = 'DRAFT',
  ACTIVE = 'ACTIVE',
  RECOGNISED = 'RECOGNISED',
  CLOSED = 'CLOSED',
}

/** 牵头 / 支撑 / 协同. */
export enum ConsortiumRole {
  LEAD = 'LEAD',
  SUPPORT = 'SUPPORT',
  COLLABORATE = 'COLLABORATE',
}

export enum ConsortiumMemberStatus {
  INVITED = 'INVITED',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
}

export enum ConsortiumLinkKind {
  DEMAND = 'DEMAND',
  ACHIEVEMENT = 'ACHIEVEMENT',
}

/** What a logged read of the members-only space read. */
export enum ConsortiumSpaceReadSubject {
  DOCUMENTS = 'DOCUMENTS',
  MILESTONES = 'MILESTONES',
  DOCUMENT_DOWNLOAD = 'DOCUMENT_DOWNLOAD',
}

/** An innovation consortium (创新联合体): an enterprise leads universities, institutes and supply-chain companies. */
@Entity('consortia')
export class ConsortiumEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  /** What the consortium sets out to achieve (攻关目标). */
  @Column({ type: 'text' })
  goal: string;

  /** An industry code of the taxonomy. */
  @Column({ type: 'text', nullable: true })
  industryCode: string | null;

  /** The leading enterprise (牵头单位). */
  @Index()
  @Column({ type: 'uuid' })
  leadOrganisationId: string;

  @Column({ type: 'enum', enum: ConsortiumStatus, enumName: 'consortium_status', default: ConsortiumStatus.DRAFT })
  status: ConsortiumStatus;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  recognisedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  recognisedById: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  closedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}

/** One organisation in a consortium: its role and where its invitation stands (the lead is ACCEPTED from the start). */
@Entity('consortium_members')
@Unique('uq_consortium_members_organisation', ['consortiumId', 'organisationId'])
export class ConsortiumMemberEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  consortiumId: string;

  @Index()
  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'enum', enum: ConsortiumRole, enumName: 'consortium_role' })
  role: ConsortiumRole;

  @Column({
    type: 'enum',
    enum: ConsortiumMemberStatus,
    enumName: 'consortium_member_status',
    default: ConsortiumMemberStatus.INVITED,
  })
  status: ConsortiumMemberStatus;

  @Column({ type: 'uuid', nullable: true })
  invitedById: string | null;

  @Column({ type: 'uuid', nullable: true })
  answeredById: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  answeredAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  invitedAt: Date;
}

/** A demand of a member enterprise or an achievement of a member institution the consortium works on. */
@Entity('consortium_links')
@Unique('uq_consortium_links_target', ['consortiumId', 'kind', 'targetId'])
export class ConsortiumLinkEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  consortiumId: string;

  @Column({ type: 'enum', enum: ConsortiumLinkKind, enumName: 'consortium_link_kind' })
  kind: ConsortiumLinkKind;

  @Index()
  @Column({ type: 'uuid' })
  targetId: string;

  @Column({ type: 'uuid', nullable: true })
  linkedById: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}

/** A milestone of the members-only space. */
@Entity('consortium_milestones')
@Index('idx_consortium_milestones_consortium', ['consortiumId', 'dueDate'])
export class ConsortiumMilestoneEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  consortiumId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'date' })
  dueDate: string;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  doneAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}

/** Who read the members-only space (documents, milestones, a download) and when: an audit trail, append-only. */
@Entity('consortium_space_reads')
@Index('idx_consortium_space_reads_consortium', ['consortiumId', 'readAt'])
export class ConsortiumSpaceReadEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  consortiumId: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'enum', enum: ConsortiumSpaceReadSubject, enumName: 'consortium_space_read_subject' })
  subject: ConsortiumSpaceReadSubject;

  /** The downloaded file, for a download. */
  @Column({ type: 'uuid', nullable: true })
  fileId: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  readAt: Date;
}
