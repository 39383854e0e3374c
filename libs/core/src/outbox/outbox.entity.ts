import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** The kinds of object whose changes reach the search index. */
export enum OutboxSubject {
  ACHIEVEMENT = 'ACHIEVEMENT',
  EXPERT = 'EXPERT',
  DEMAND = 'DEMAND',
}

/**
 * A change to an indexed object, written in the same transaction as the change itself, so the index can
 * never miss one. Each consumer marks the rows it has handled on the row itself (the search indexer
 * `processed_at`, matching `followed_at`), never with a cursor over ids: ids are taken at INSERT, not at commit,
 * so a row with a lower id may become visible after a higher one was handled. Rows carry only the subject and
 * id: consumers re-read the current state. A row failing `OUTBOX_MAX_ATTEMPTS` times is dead-lettered
 * (`dead_at`) and left alone until an ADMIN retries it.
 */
@Entity('outbox_events')
@Index('idx_outbox_pending', ['id'], { where: 'processed_at IS NULL' })
@Index('idx_outbox_unfollowed', ['id'], { where: 'processed_at IS NOT NULL AND followed_at IS NULL' })
@Index('idx_outbox_dead', ['id'], { where: 'dead_at IS NOT NULL' })
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

  /** Set when the row failed too often: no consumer takes it again until an ADMIN retries it. */
  @Column({ type: 'timestamptz', nullable: true })
  deadAt: Date | null;

  /** Set when matching has turned the indexed change into its matching job. */
  @Column({ type: 'timestamptz', nullable: true })
  followedAt: Date | null;
}

/**
 * Formerly how far matching had followed the outbox by id (unsafe under out-of-order commits); kept only so the
 * migration to per-row marks (`followed_at`) can read where it stood. Nothing writes it any more.
 */
@Entity('outbox_consumers')
export class OutboxConsumerEntity {
  @PrimaryColumn({ type: 'text' })
  consumer: string;

  @Column({ type: 'bigint', default: '0' })
  lastEventId: string;
}

/**
 * The generation of the index built for one kind by the last full reindex. The same generation is written to
 * the Meilisearch index itself (as a document of the generations index), so the worker can tell an index that
 * lost its data, or belongs to another database, from one that is merely behind.
 */
@Entity('search_index_generations')
export class SearchIndexGenerationEntity {
  @PrimaryColumn({ type: 'text' })
  kind: string;

  @Column({ type: 'uuid' })
  generation: string;

  @Column({ type: 'timestamptz' })
  builtAt: Date;
}
