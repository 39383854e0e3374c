import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { JobName, recordJobIntent } from '@app/core';
import { MembershipEntity, MembershipStatus, Role, UserEntity } from '@app/identity';
import {
  DEFAULT_EVENT_CHANNELS,
  EventKind,
  EventParams,
  notificationLanguageOf,
  renderEvent,
} from './domain/notification-events';
import { NotificationEmailAttachment, NotificationEmailStatus, NotificationEntity } from './notification.entity';
import { NotificationPreferenceEntity } from './notification-preference.entity';

/** Who hears of an event, and the screen each of them opens (the TTO's review, the researcher's page …). */
export interface EventAudience {
  userIds: ReadonlyArray<string | null | undefined>;
  path: string;
}

export interface NotificationEvent {
  kind: EventKind;
  /**
   * Deterministic for the event (a transition's, objection's, activity's id …): the same event published twice
   * (a retried job, a repeated transaction) notifies each person once.
   */
  eventKey: string;
  audiences: readonly EventAudience[];
  /** Who caused it: never notified of their own act. */
  actorId?: string | null;
  /** Ids the client may need (never secrets); `path` is added per recipient. */
  data: Record<string, string | number | null>;
  params: EventParams;
  /** Attached to each recipient's email (an .ics calendar entry). */
  emailAttachment?: NotificationEmailAttachment | null;
}

/**
 * The one path from a domain event to the people it waits on. Called inside the transaction that made the change:
 * the notifications (in-app, exactly once: a unique dedupe key per event and person) commit with it, and each
 * email wanted is a job intent of the same transaction (`notifications.send-email`, job id from the notification
 * id), relayed after the commit or by the worker's sweep, and sent at least once with a deterministic Message-ID.
 */
@Injectable()
export class NotificationEventsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Publishes one event; returns how many people were notified now (0 when published before). */
  async publish(manager: EntityManager, event: NotificationEvent): Promise<number> {
    const pathOf = new Map<string, string>();
    for (const audience of event.audiences) {
      for (const userId of audience.userIds) {
        // The first audience that names a person decides their screen (list the most specific first).
        if (userId && userId !== event.actorId && !pathOf.has(userId)) pathOf.set(userId, audience.path);
      }
    }
    const userIds = [...pathOf.keys()].sort();
    if (userIds.length === 0) return 0;
    const users = await manager.find(UserEntity, { where: { id: In(userIds) }, select: { id: true, locale: true } });
    const preferences = await manager.find(NotificationPreferenceEntity, {
      where: { userId: In(userIds), kind: event.kind },
    });
    const chosen = new Map(preferences.map((row) => [row.userId, row]));
    const rows = users
      .map((user) => {
        const channels = chosen.get(user.id) ?? DEFAULT_EVENT_CHANNELS[event.kind];
        if (!channels.inApp && !channels.email) return null;
        const text = renderEvent(event.kind, event.params, notificationLanguageOf(user.locale));
        return {
          userId: user.id,
          kind: event.kind,
          title: text.title,
          body: text.body,
          data: { ...event.data, path: pathOf.get(user.id)! },
          dedupeKey: `${event.kind}:${event.eventKey}:${user.id}`,
          inApp: channels.inApp,
          emailStatus: channels.email ? NotificationEmailStatus.PENDING : NotificationEmailStatus.NONE,
          emailAttachment: channels.email ? (event.emailAttachment ?? null) : null,
        };
      })
      .filter((row): row is NonNullable<typeof row> => row !== null);
    if (rows.length === 0) return 0;
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      .values(rows)
      .orIgnore()
      .returning(['id', 'emailStatus'])
      .execute();
    const created = result.raw as Array<{ id: string; email_status: NotificationEmailStatus }>;
    for (const row of created) {
      if (row.email_status !== NotificationEmailStatus.PENDING) continue;
      await recordJobIntent(
        manager,
        JobName.SendNotificationEmail,
        { notificationId: row.id },
        { jobId: `notification-email.${row.id}` },
      );
    }
    return created.length;
  }

  /** Publishes in its own transaction (for callers outside one). */
  publishNow(event: NotificationEvent): Promise<number> {
    return this.dataSource.transaction((manager) => this.publish(manager, event));
  }

  /** The ACTIVE members of an organisation holding a role (an institution's TTO officers …). */
  async membersWithRole(manager: EntityManager, organisationId: string | null, role: Role): Promise<string[]> {
    if (!organisationId) return [];
    const members = await manager.find(MembershipEntity, {
      where: { organisationId, role, status: MembershipStatus.ACTIVE },
      select: { userId: true },
    });
    return [...new Set(members.map((member) => member.userId))].sort();
  }
}
