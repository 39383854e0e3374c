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
} from 'typeorm';
import { OrganisationEntity, UserEntity } from '@app/identity';
import { ExpertService, ExpertVisibility } from './domain/expert-service';

/** An expert's profile (专家), linked to a researcher's account or kept by the institution's TTO for a staff member. */
@Entity('experts')
@Index('idx_experts_created', ['createdAt', 'id'])
@Index('idx_experts_external_id', ['organisationId', 'externalId'], { unique: true, where: 'external_id IS NOT NULL' })
@Index('idx_experts_user', ['userId'], { unique: true, where: 'user_id IS NOT NULL' })
export class ExpertEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The researcher's own account, when the expert has one (one profile per account). */
  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity>;

  /** The institution. */
  @Index()
  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<OrganisationEntity>;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @Column({ type: 'text' })
  name: string;

  /** e.g. 教授、博士生导师 */
  @Column({ type: 'text', nullable: true })
  title: string | null;

  @Column({ type: 'text', array: true, default: '{}' })
  researchFields: string[];

  @Column({ type: 'text', array: true, default: '{}' })
  keywords: string[];

  @Column({ type: 'text', default: '' })
  bio: string;

  @Column({ type: 'enum', enum: ExpertService, enumName: 'expert_service', array: true, default: '{}' })
  services: ExpertService[];

  /** Free text, e.g. 每月可安排 2 天 */
  @Column({ type: 'text', nullable: true })
  availability: string | null;

  /** Language codes, e.g. zh, en. */
  @Column({ type: 'text', array: true, default: '{zh}' })
  languages: string[];

  @Index()
  @Column({ type: 'text', nullable: true })
  region: string | null;

  @Column({ type: 'enum', enum: ExpertVisibility, enumName: 'expert_visibility', default: ExpertVisibility.PUBLIC })
  visibility: ExpertVisibility;

  /** Never public: ExpertsService.canSeeContact decides. */
  @Column({ type: 'text', nullable: true })
  contactEmail: string | null;

  @Column({ type: 'text', nullable: true })
  contactPhone: string | null;

  /** Key in the institution's catalogue, for idempotent imports. */
  @Column({ type: 'text', nullable: true })
  externalId: string | null;

  /** Unlisted profiles are seen only by the expert, the institution's TTO officers and administrators. */
  @Column({ type: 'boolean', default: true })
  listed: boolean;

  /** Millisecond precision so the keyset cursor (a JS Date) matches the stored value exactly. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
