import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Connection, decodeCursor, fail, lazyCount, OutboxSubject, toConnection } from '@app/core';
import type { Actor } from '@app/identity';
import { DataSource } from 'typeorm';

export interface OutboxDeadLetter {
  id: string;
  subject: OutboxSubject;
  subjectId: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  deadAt: Date;
}

interface DeadRow {
  id: string;
  subject: OutboxSubject;
  subject_id: string;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  dead_at: Date;
}

/** Outbox rows that failed `OUTBOX_MAX_ATTEMPTS` times: the platform administrators list and retry them. */
@Injectable()
export class OutboxDeadLetters {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Newest first. ADMIN only. */
  async list(actor: Actor, page: { first: number; after?: string }): Promise<Connection<OutboxDeadLetter>> {
    if (!actor.isAdmin) throw fail('PLATFORM_ADMIN_REQUIRED');
    let before: string | null = null;
    if (page.after) {
      const [id] = decodeCursor(page.after, 1);
      if (typeof id !== 'string' || !/^\d{1,19}$/.test(id)) throw fail('INVALID_CURSOR', { field: 'after' });
      before = id;
    }
    const rows = await this.dataSource.query<DeadRow[]>(
      `SELECT id, subject, subject_id, attempts, last_error, created_at, dead_at FROM outbox_events
       WHERE dead_at IS NOT NULL AND ($1::bigint IS NULL OR id < $1::bigint) ORDER BY id DESC LIMIT $2`,
      [before, page.first + 1],
    );
    const count = lazyCount(async () => {
      const [{ count }] = await this.dataSource.query<Array<{ count: string }>>(
        'SELECT count(*) AS count FROM outbox_events WHERE dead_at IS NOT NULL',
      );
      return Number(count);
    });
    return toConnection(rows.map(toDeadLetter), page.first, (row) => [row.id], count);
  }

  /**
   * Puts dead-lettered rows back in line with a fresh count of attempts (the consumers take them at their next
   * pass); returns how many were dead. ADMIN only. Ids that are not dead letters are ignored.
   */
  async retry(actor: Actor, ids: readonly string[]): Promise<number> {
    if (!actor.isAdmin) throw fail('PLATFORM_ADMIN_REQUIRED');
    const invalid = ids.find((id) => !/^\d{1,19}$/.test(id));
    if (invalid !== undefined) throw fail('INVALID_OUTBOX_ROW_ID', { id: invalid.slice(0, 40), field: 'ids' });
    const valid = [...ids];
    const result = await this.dataSource.query<[unknown, number]>(
      `UPDATE outbox_events SET dead_at = NULL, attempts = 0 WHERE dead_at IS NOT NULL AND id = ANY($1::bigint[])`,
      [valid],
    );
    return result[1];
  }
}

function toDeadLetter(row: DeadRow): OutboxDeadLetter {
  return {
    id: String(row.id),
    subject: row.subject,
    subjectId: row.subject_id,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at,
    deadAt: row.dead_at,
  };
}
