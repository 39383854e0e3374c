import { EntityManager } from 'typeorm';
import { OutboxEventEntity, OutboxSubject } from './outbox.entity';

/** The PostgreSQL NOTIFY channel announcing new outbox rows. */
export const OUTBOX_NOTIFY_CHANNEL = 'search_outbox';

/**
 * Records that indexed objects changed. Call it with the EntityManager of the transaction that made the change.
 * Every domain service that changes an achievement, expert or demand must call this in that same transaction.
 */
export async function recordOutboxChange(
  manager: EntityManager,
  subject: OutboxSubject,
  subjectIds: string | readonly string[],
): Promise<void> {
  const ids = typeof subjectIds === 'string' ? [subjectIds] : [...new Set(subjectIds)];
  if (ids.length === 0) return;
  await manager.insert(
    OutboxEventEntity,
    ids.map((subjectId) => ({ subject, subjectId })),
  );
  // Delivered at commit (never for a rolled-back change) and coalesced per transaction: the worker drains
  // right away instead of at its next scheduled pass.
  await manager.query('SELECT pg_notify($1, $2)', [OUTBOX_NOTIFY_CHANNEL, subject]);
}
