import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { OrganisationKind } from '../domain/roles';
import { OrganisationVerificationStatus } from '../domain/verification';

@Entity('organisations')
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'enum', enum: OrganisationKind, enumName: 'organisation_kind' })
  kind: OrganisationKind;

  /** Stable key for seeded and imported organisations (idempotent seeding and imports). */
  @Index({ unique: true, where: 'external_key IS NOT NULL' })
  @Column({ type: 'text', nullable: true })
  externalKey: string | null;

  @Column({ type: 'text', nullable: true })
  region: string | null;

  /** The public badge. Self-service organisations start UNVERIFIED; an ADMIN verifies them. */
  @Index()
  @Column({
    type: 'enum',
    enum: OrganisationVerificationStatus,
    enumName: 'organisation_verification_status',
    default: OrganisationVerificationStatus.UNVERIFIED,
  })
  verificationStatus: OrganisationVerificationStatus;

  @Column({ type: 'timestamptz', nullable: true })
  verifiedAt: Date | null;

  /** The 统一社会信用代码 an ADMIN verified (one verified organisation per code). */
  @Index({ unique: true, where: 'credit_code IS NOT NULL' })
  @Column({ type: 'text', nullable: true })
  creditCode: string | null;

  /** A state-owned enterprise (国有企业), as the bureau recorded when verifying it: such enterprises post application scenarios. */
  @Column({ type: 'boolean', default: false })
  stateOwned: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
