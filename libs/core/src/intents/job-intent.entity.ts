import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A job that must follow a state change, written in the same transaction as the change (`recordJobIntent`) and
 * relayed to BullMQ after the commit by `JobIntentRelay` — right away by the process that committed, and by the
 * worker's periodic sweep for whatever that missed (the process died between commit and enqueue, Redis was
 * down). The job id is deterministic, so relaying an intent twice adds the job once.
 */
@Entity('job_intents')
@Index('idx_job_intents_pending', ['id'], { where: 'relayed_at IS NULL' })
export class JobIntentEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  jobName: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  /** BullMQ job id (deterministic: a second relay of the same intent adds nothing). */
  @Column({ type: 'text' })
  jobId: string;

  /** When the job is due (a delayed job); null: at once. */
  @Column({ type: 'timestamptz', nullable: true })
  runAt: Date | null;

  /** The request that caused it, carried into the job's logs. */
  @Column({ type: 'text', nullable: true })
  requestId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  relayedAt: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;
}
