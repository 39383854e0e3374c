import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** The kinds of object whose changes reach the search index. */
export enum OutboxSubject {
  ACHIEVEMENT = 'ACHIEVEMENT',
  EXPERT = 'EXPERT',
  DEMAND = 'DEMAND',
}

/**
 * A change to an indexed object, written in the same transaction as the change itself, so the index can
 * never miss one. The worker drains pending rows in id order and marks them processed once Meilisearch has
 * confirmed the task. Rows carry only the subject and id: the indexer re-reads the current state.
 */
@Entity('outbox_events')
@Index('idx_outbox_pending', ['id'], { where: 'processed_at IS NULL' })
export class OutboxEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'enum', enum: OutboxSubject, enumName: 'outbox_subject' })
  subject: OutboxSubject;

  @Column({ type: 'uuid' })
  subjectId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  processedAt: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;
}

/**
 * How far a consumer other than the search indexer (e.g. matching) has followed the outbox. Kept in the same
 * database as the outbox, so a restored or replaced database can never leave a cursor pointing past its rows.
 */
@Entity('outbox_consumers')
export class OutboxConsumerEntity {
  @PrimaryColumn({ type: 'text' })
  consumer: string;

  @Column({ type: 'bigint', default: '0' })
  lastEventId: string;
}
