import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, JobIntentRelay, JobName, JobOutcome, JobPayloads, JobQueue, OnJob, QueueName } from '@app/core';
import { NotificationEventsService, NotificationKind, SCREENS } from '@app/notifications';
import { CALENDAR_CONTENT_TYPE } from './domain/calendar-file';
import { EventEntity, EventRegistrationEntity, EventStatus, RegistrationStatus } from './entities/event.entities';
import { EventsService } from './events.service';
import { EVENT_REMINDER_BEFORE_MS, reminderDueAt } from './reminder-plan';

export const EVENT_REMINDERS_SWEEP_SCHEDULER_ID = 'events-reminders-sweep';
/** Hourly: a reminder whose delayed job was lost goes out within the hour. */
export const EVENT_REMINDERS_SWEEP_EVERY_MS = 3600_000;

/**
 * A day before a published event starts, each approved participant is reminded in-app and by email with the
 * event's .ics — once per person and start time (the notification's dedupe key names the start), whether the
 * delayed job or the hourly sweep gets there first, however often either runs.
 */
@Injectable()
export class EventRemindersService {
  private readonly logger = new Logger(EventRemindersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly notifications: NotificationEventsService,
    private readonly intents: JobIntentRelay,
    private readonly events: EventsService,
  ) {}

  /** Reminds the approved participants when the reminder is due (published, within a day of the start). */
  async remind(eventId: string): Promise<JobOutcome> {
    const notified = await this.dataSource.transaction(async (manager) => {
      const event = await manager.findOneBy(EventEntity, { id: eventId });
      const now = this.clock.now().getTime();
      if (!event || event.status !== EventStatus.PUBLISHED) return 0;
      if (now < reminderDueAt(event.startsAt).getTime() || now >= event.startsAt.getTime()) return 0;
      const approved = await manager.findBy(EventRegistrationEntity, {
        eventId,
        status: RegistrationStatus.APPROVED,
      });
      if (approved.length === 0) return 0;
      return this.notifications.publish(manager, {
        kind: NotificationKind.EVENT_REMINDER,
        eventKey: `reminder:${event.id}:${event.startsAt.getTime()}`,
        audiences: [{ userIds: approved.map((r) => r.userId), path: SCREENS.event(event.id) }],
        data: { eventId: event.id },
        params: { subject: event.title, reason: this.events.whenAndWhere(event) },
        emailAttachment: {
          fileName: 'event.ics',
          contentType: CALENDAR_CONTENT_TYPE,
          content: this.events.eventCalendar(event),
        },
      });
    });
    if (notified === 0) return 'skipped';
    await this.intents.relayNow();
    return 'done';
  }

  /** The safety net: every published event whose reminder is due now, reminded by the same idempotent code. */
  async sweep(): Promise<number> {
    const now = this.clock.now();
    const due = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM events WHERE status = 'PUBLISHED' AND starts_at > $1 AND starts_at <= $2
       ORDER BY starts_at LIMIT 500`,
      [now, new Date(now.getTime() + EVENT_REMINDER_BEFORE_MS)],
    );
    let reminded = 0;
    for (const row of due) if ((await this.remind(row.id)) === 'done') reminded += 1;
    if (reminded > 0) this.logger.log(`Event reminders sent by the sweep for ${reminded} event(s)`);
    return reminded;
  }
}

/** The worker's side of events: the reminder jobs and their hourly sweep. */
@Injectable()
export class EventsJobs implements OnApplicationBootstrap {
  constructor(
    private readonly reminders: EventRemindersService,
    private readonly jobs: JobQueue,
  ) {}

  /** Registers the sweep schedule; upserting by id keeps a single schedule however often workers boot. */
  async onApplicationBootstrap(): Promise<void> {
    await this.jobs
      .queue(QueueName.Events)
      .upsertJobScheduler(
        EVENT_REMINDERS_SWEEP_SCHEDULER_ID,
        { every: EVENT_REMINDERS_SWEEP_EVERY_MS },
        { name: JobName.SweepEventReminders, data: {} },
      );
  }

  @OnJob(JobName.EventReminder)
  reminder(payload: JobPayloads[JobName.EventReminder]): Promise<JobOutcome> {
    return this.reminders.remind(payload.eventId);
  }

  @OnJob(JobName.SweepEventReminders)
  async sweep(): Promise<JobOutcome> {
    return (await this.reminders.sweep()) > 0 ? 'done' : 'skipped';
  }
}
