/**
 * Outcome follow-ups (成果转化成效跟踪): 6, 12 and 36 months after a contract is registered the enterprise is asked
 * what came of it, reminded twice, and the question lapses when nobody answers. Pure: dates in, steps out.
 */
import { addShanghaiMonths } from './calendar';

export const FOLLOW_UP_MONTHS = [6, 12, 36] as const;
/** Reminders this many days after the question was asked, while it is unanswered. */
export const REMINDER_AFTER_DAYS = [7, 21] as const;
/** Unanswered this many days after the question: it lapses. */
export const LAPSE_AFTER_DAYS = 60;

const DAY = 24 * 3600_000;

export enum FollowUpStatus {
  /** Not due yet. */
  SCHEDULED = 'SCHEDULED',
  /** The enterprise was asked and has not answered. */
  ASKED = 'ASKED',
  ANSWERED = 'ANSWERED',
  /** Nobody answered in time; an answer is still welcome. */
  LAPSED = 'LAPSED',
}

/** When each follow-up of a contract registered at `registeredAt` is due. */
export function followUpDueDates(registeredAt: Date): Array<{ monthsAfter: number; dueAt: Date }> {
  return FOLLOW_UP_MONTHS.map((monthsAfter) => ({ monthsAfter, dueAt: addShanghaiMonths(registeredAt, monthsAfter) }));
}

export interface FollowUpState {
  status: FollowUpStatus;
  dueAt: Date;
  askedAt: Date | null;
  remindersSent: number;
}

export type FollowUpStep =
  | { kind: 'ASK'; at: Date; key: string }
  | { kind: 'REMIND'; at: Date; key: string; reminder: number }
  | { kind: 'LAPSE'; at: Date; key: string };

/**
 * The next thing to do for a follow-up and when (null: nothing more). `key` names the step, so the job that
 * performs it has a deterministic id and a step is never performed twice.
 */
export function nextFollowUpStep(state: FollowUpState): FollowUpStep | null {
  switch (state.status) {
    case FollowUpStatus.SCHEDULED:
      return { kind: 'ASK', at: state.dueAt, key: 'ask' };
    case FollowUpStatus.ASKED: {
      const askedAt = (state.askedAt ?? state.dueAt).getTime();
      if (state.remindersSent < REMINDER_AFTER_DAYS.length) {
        const reminder = state.remindersSent + 1;
        return {
          kind: 'REMIND',
          at: new Date(askedAt + REMINDER_AFTER_DAYS[state.remindersSent] * DAY),
          key: `remind-${reminder}`,
          reminder,
        };
      }
      return { kind: 'LAPSE', at: new Date(askedAt + LAPSE_AFTER_DAYS * DAY), key: 'lapse' };
    }
    case FollowUpStatus.ANSWERED:
    case FollowUpStatus.LAPSED:
      return null;
  }
}

/** The step due at `now`, or null when the next step is still ahead (or there is none). */
export function dueFollowUpStep(state: FollowUpState, now: Date): FollowUpStep | null {
  const step = nextFollowUpStep(state);
  return step && step.at.getTime() <= now.getTime() ? step : null;
}
