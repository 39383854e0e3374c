import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, Connection, notFound, pageNewestFirst } from '@app/core';
import { Actor } from '@app/identity';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { NotificationEntity, NotificationKind } from './notification.entity';

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  title: string;
  body?: string;
  data?: Record<string, unknown>;
  /** Same key twice creates one notification (retried jobs). */
  dedupeKey?: string;
}

/** In-app notifications: every read and write is scoped to the actor's own user id. */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Creates a notification unless one with the same dedupe key exists; true when created. */
  async notify(notification: NewNotification, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      .values({
        userId: notification.userId,
        kind: notification.kind,
        title: notification.title,
        body: notification.body ?? '',
        // TypeORM's deep-partial type cannot express an open JSON record; the value is bound as a parameter.
        data: (notification.data ?? {}) as object,
        dedupeKey: notification.dedupeKey ?? null,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  /** Creates many notifications in one statement, skipping those whose dedupe key exists; how many were created. */
  async notifyMany(
    notifications: readonly NewNotification[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<number> {
    if (notifications.length === 0) return 0;
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      .values(
        notifications.map((notification) => ({
          userId: notification.userId,
          kind: notification.kind,
          title: notification.title,
          body: notification.body ?? '',
          // TypeORM's deep-partial type cannot express a JSON object of unknown values (tsc needs the cast).
          // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
          data: (notification.data ?? {}) as object,
          dedupeKey: notification.dedupeKey ?? null,
        })),
      )
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as unknown[]).length;
  }

  async list(
    actor: Actor,
    page: { first: number; after?: string; unreadOnly?: boolean },
  ): Promise<Connection<NotificationEntity>> {
    const query = this.dataSource
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where('n.userId = :userId', { userId: actor.userId })
      .andWhere('n.inApp');
    if (page.unreadOnly) query.andWhere('n.readAt IS NULL');
    return pageNewestFirst(query, 'n', page);
  }

  unreadCount(actor: Actor): Promise<number> {
    return this.dataSource
      .getRepository(NotificationEntity)
      .countBy({ userId: actor.userId, readAt: IsNull(), inApp: true });
  }

  async markRead(actor: Actor, id: string): Promise<NotificationEntity> {
    const repository = this.dataSource.getRepository(NotificationEntity);
    const notification = await repository.findOneBy({ id, userId: actor.userId, inApp: true });
    if (!notification) throw notFound('Notification', id);
    if (!notification.readAt) {
      await repository.update({ id, readAt: IsNull() }, { readAt: this.clock.now() });
      return repository.findOneByOrFail({ id });
    }
    return notification;
  }

  /** Marks every unread notification read; returns how many changed. */
  async markAllRead(actor: Actor): Promise<number> {
    const result = await this.dataSource
      .getRepository(NotificationEntity)
      .update({ userId: actor.userId, readAt: IsNull(), inApp: true }, { readAt: this.clock.now() });
    return result.affected ?? 0;
  }
}
