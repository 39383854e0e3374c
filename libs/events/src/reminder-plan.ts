import { EntityManager } from 'typeorm';
import { JobName, recordJobIntent } from '@app/core';
import { EventEntity } from './entities/event.entities';

/** Reminders go out this long before an event starts. */
export const EVENT_REMINDER_BEFORE_MS = 24 * 3600_000;
/** When the reminder of an event with this start is due. */
export const reminderDueAt = (startsAt: Date) => new Date(startsAt.getTime() - EVENT_REMINDER_BEFORE_MS);

/** The deterministic job id of the reminder for one start time (a new start: a new job; the same: one job). */
export const reminderJobId = (eventId: string, startsAt: Date) => `event-reminder-${eventId}-${startsAt.getTime()}`;

/**
 * Records the reminder of the event's current start as a delayed job intent, in the caller's transaction (the
 * publication, or an edit that moved the event). A job planned for an earlier start finds nothing due and does
 * nothing.
 */
export async function recordReminder(manager: EntityManager, event: EventEntity): Promise<void> {
  await recordJobIntent(
    manager,
    JobName.EventReminder,
    { eventId: event.id, startsAt: event.startsAt.toISOString() },
    { jobId: reminderJobId(event.id, event.startsAt), runAt: reminderDueAt(event.startsAt) },
  );
}
