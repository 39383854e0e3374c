import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

export enum ExpertCallStatus {
  DRAFT = 'DRAFT',
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}

export enum ExpertCallInvitationStatus {
  INVITED = 'INVITED',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
}

/** A research question the bureau puts to experts (政府决策课题): DRAFT → OPEN → CLOSED. */
@Entity('expert_calls')
export class ExpertCallEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'enum', enum: ExpertCallStatus, enumName: 'expert_call_status', default: ExpertCallStatus.DRAFT })
  status: ExpertCallStatus;

  @Column({ type: 'text' })
  title: string;

  /** The question itself, in Chinese or English (the proposals search with it). */
  @Column({ type: 'text' })
  question: string;

  /** Industries (codes of the taxonomy) and key words the proposals search with. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  industryCodes: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  keywords: string[];

  /** Answers and responses are taken until then. */
  @Column({ type: 'timestamptz', precision: 3 })
  deadline: Date;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  openedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  closedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}

/** One expert invited to a call: their answer and, once accepted, their response. */
@Entity('expert_call_invitations')
@Unique('uq_expert_call_invitations_expert', ['callId', 'expertId'])
export class ExpertCallInvitationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  callId: string;

  @Column({ type: 'uuid' })
  expertId: string;

  /** The person behind the expert profile when invited: they answer and respond. */
  @Index()
  @Column({ type: 'uuid' })
  userId: string;

  @Column({
    type: 'enum',
    enum: ExpertCallInvitationStatus,
    enumName: 'expert_call_invitation_status',
    default: ExpertCallInvitationStatus.INVITED,
  })
  status: ExpertCallInvitationStatus;

  /** Why the engine proposed the expert: the words of the call their profile matched. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  matchedTerms: string[];

  @Column({ type: 'uuid', nullable: true })
  invitedById: string | null;

  @Column({ type: 'text', nullable: true })
  declineReason: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  answeredAt: Date | null;

  /** The expert's response (submitted again before the deadline: replaced). */
  @Column({ type: 'text', nullable: true })
  response: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  respondedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  invitedAt: Date;
}
