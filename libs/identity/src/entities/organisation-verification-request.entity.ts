import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
} from 'typeorm';
import { VerificationRequestStatus } from '../domain/verification';
import { OrganisationEntity } from './organisation.entity';

/** What an organisation's administrator submits for the bureau to check, and the bureau's decision. */
@Entity('organisation_verification_requests')
@Index(['organisationId'], { unique: true, where: `status = 'PENDING'` })
@Index(['status', 'createdAt'])
export class OrganisationVerificationRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<OrganisationEntity>;

  @Column({ type: 'uuid' })
  submittedById: string;

  /** The name as registered (营业执照 / 法人证书), which may differ from the short name shown. */
  @Column({ type: 'text' })
  registeredName: string;

  /** 统一社会信用代码, checked with its check character before it could be submitted. */
  @Column({ type: 'text', nullable: true })
  creditCode: string | null;

  /** Anything else that helps the check (where the licence can be seen, a contact at the organisation). */
  @Column({ type: 'text', nullable: true })
  evidence: string | null;

  @Column({
    type: 'enum',
    enum: VerificationRequestStatus,
    enumName: 'verification_request_status',
    default: VerificationRequestStatus.PENDING,
  })
  status: VerificationRequestStatus;

  @Column({ type: 'uuid', nullable: true })
  decidedById: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  rejectionReason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
