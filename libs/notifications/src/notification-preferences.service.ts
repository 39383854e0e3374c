import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { badInput } from '@app/core';
import { Actor } from '@app/identity';
import {
  ChannelChoice,
  DEFAULT_EVENT_CHANNELS,
  EVENT_KINDS,
  EventKind,
  isEventKind,
} from './domain/notification-events';
import { NotificationPreferenceEntity } from './notification-preference.entity';

export interface NotificationPreference extends ChannelChoice {
  kind: EventKind;
  /** True while the person has not changed this kind (the default applies). */
  isDefault: boolean;
}

/** Per-kind channels of event notifications: the actor's own only. */
@Injectable()
export class NotificationPreferencesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(actor: Actor): Promise<NotificationPreference[]> {
    const rows = await this.dataSource.getRepository(NotificationPreferenceEntity).findBy({ userId: actor.userId });
    const chosen = new Map(rows.map((row) => [row.kind, row]));
    return EVENT_KINDS.map((kind) => {
      const row = chosen.get(kind);
      return row
        ? { kind, inApp: row.inApp, email: row.email, isDefault: false }
        : { kind, ...DEFAULT_EVENT_CHANNELS[kind], isDefault: true };
    });
  }

  /** Sets the channels of the kinds given (each once); the others keep theirs. */
  async update(actor: Actor, changes: ReadonlyArray<{ kind: string; inApp: boolean; email: boolean }>) {
    const seen = new Set<string>();
    for (const change of changes) {
      if (!isEventKind(change.kind as EventKind)) {
        throw badInput(`${change.kind} is not a kind of event notification`, { field: 'kind' });
      }
      if (seen.has(change.kind)) throw badInput(`${change.kind} is given twice`, { field: 'kind' });
      seen.add(change.kind);
    }
    if (changes.length > 0) {
      await this.dataSource
        .createQueryBuilder()
        .insert()
        .into(NotificationPreferenceEntity)
        .values(
          changes.map((change) => ({
            userId: actor.userId,
            kind: change.kind as EventKind,
            inApp: change.inApp,
            email: change.email,
          })),
        )
        .orUpdate(['in_app', 'email', 'updated_at'], ['user_id', 'kind'])
        .execute();
    }
    return this.list(actor);
  }
}
