import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

const PLANNER = 'hourly';
const HOUR_MS = 3_600_000;
/** A worker down for longer than this plans only the last two days of slots (older digests would be stale news). */
export const MAX_CATCH_UP_SLOTS = 48;

/** The scheduled planner's memory: the last slot it planned (see DigestPlanStateEntity). */
@Injectable()
export class DigestPlanState {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every slot after the last one planned up to `slot`, oldest first (just `slot` the first time). */
  async slotsToPlan(slot: Date): Promise<Date[]> {
    const [state] = await this.dataSource.query<Array<{ last_slot: Date }>>(
      'SELECT last_slot FROM digest_plan_state WHERE planner = $1',
      [PLANNER],
    );
    if (!state) return [slot];
    const last = new Date(state.last_slot).getTime();
    const from = Math.max(last + HOUR_MS, slot.getTime() - (MAX_CATCH_UP_SLOTS - 1) * HOUR_MS);
    const slots: Date[] = [];
    for (let at = from; at <= slot.getTime(); at += HOUR_MS) slots.push(new Date(at));
    return slots;
  }

  /** Never moves back (two workers, or a late retry of an older slot). */
  async remember(slot: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO digest_plan_state (planner, last_slot) VALUES ($1, $2)
       ON CONFLICT (planner) DO UPDATE SET last_slot = GREATEST(digest_plan_state.last_slot, EXCLUDED.last_slot)`,
      [PLANNER, slot],
    );
  }
}
