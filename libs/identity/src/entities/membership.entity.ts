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
import { MembershipStatus } from '../domain/membership-status';
import { Role } from '../domain/roles';
import { OrganisationEntity } from './organisation.entity';
import { UserEntity } from './user.entity';

/**
 * A user holds a role in an organisation; one row per (user, organisation, role). Only ACTIVE rows give rights;
 * a request to join waits PENDING until the organisation's administrators decide.
 */
@Entity('memberships')
@Index(['userId', 'organisationId', 'role'], { unique: true })
@Index(['organisationId', 'status'])
export class MembershipEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, (user) => user.memberships, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity>;

  @Index()
  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<OrganisationEntity>;

  @Column({ type: 'enum', enum: Role, enumName: 'role' })
  role: Role;

  /** PENDING by default: nobody gets a role's rights without a decision. */
  @Column({
    type: 'enum',
    enum: MembershipStatus,
    enumName: 'membership_status',
    default: MembershipStatus.PENDING,
  })
  status: MembershipStatus;

  /** The organisation-admin capability: manages members, invitations, verification and the agency's settings. */
  @Column({ type: 'boolean', default: false })
  orgAdmin: boolean;

  /** Why a request was rejected (shown to the person who asked). */
  @Column({ type: 'text', nullable: true })
  rejectionReason: string | null;

  /** Who made the last decision (approve, reject, remove, invitation, grant) and when. */
  @Column({ type: 'uuid', nullable: true })
  decidedById: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
