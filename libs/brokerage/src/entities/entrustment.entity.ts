import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum EntrustedSubject {
  ACHIEVEMENT = 'ACHIEVEMENT',
  DEMAND = 'DEMAND',
}

/**
 * 委托: an achievement's team/TTO or a demand's enterprise asks a broker (or every broker of an agency) to find
 * it a counterpart. While `exclusiveUntil` is in the future, only the entrusted brokers may claim its matches.
 */
@Entity('entrustments')
@Check('chk_entrustments_trustee', '(broker_id IS NULL) <> (agency_id IS NULL)')
@Index('idx_entrustments_subject', ['subjectType', 'subjectId'])
@Index('uq_entrustments_active_broker', ['subjectType', 'subjectId', 'brokerId'], {
  unique: true,
  where: 'revoked_at IS NULL AND broker_id IS NOT NULL',
})
@Index('uq_entrustments_active_agency', ['subjectType', 'subjectId', 'agencyId'], {
  unique: true,
  where: 'revoked_at IS NULL AND agency_id IS NOT NULL',
})
export class EntrustmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'enum', enum: EntrustedSubject, enumName: 'entrusted_subject' })
  subjectType: EntrustedSubject;

  @Column({ type: 'uuid' })
  subjectId: string;

  /** The institution or enterprise entrusting it. */
  @Column({ type: 'uuid' })
  ownerOrganisationId: string;

  @Column({ type: 'uuid' })
  entrustedById: string;

  @Index({ where: 'broker_id IS NOT NULL' })
  @Column({ type: 'uuid', nullable: true })
  brokerId: string | null;

  @Index({ where: 'agency_id IS NOT NULL' })
  @Column({ type: 'uuid', nullable: true })
  agencyId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  exclusiveUntil: Date | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
