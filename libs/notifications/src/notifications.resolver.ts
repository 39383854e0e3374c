import { Args, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor } from '@app/identity';
import { NotificationPreferencesService } from './notification-preferences.service';
import {
  NotificationConnection,
  NotificationPreferenceObject,
  UpdateNotificationPreferencesArgs,
  NotificationIdArgs,
  NotificationObject,
  NotificationsArgs,
} from './notification.object';
import { NotificationsService } from './notifications.service';

/** Thin: every query is scoped to the actor in NotificationsService. */
@Resolver(() => NotificationObject)
export class NotificationsResolver {
  constructor(
    private readonly service: NotificationsService,
    private readonly preferences: NotificationPreferencesService,
  ) {}

  @Query(() => NotificationConnection, { description: 'My in-app notifications, newest first' })
  async notifications(@CurrentActor() actor: Actor, @Args() args: NotificationsArgs) {
    const [connection, unreadCount] = await Promise.all([
      this.service.list(actor, args),
      this.service.unreadCount(actor),
    ]);
    return Object.assign(connection, { unreadCount });
  }

  @Query(() => [NotificationPreferenceObject], {
    description: 'My channels (in-app, email) per kind of event notification, defaults until changed',
  })
  notificationPreferences(@CurrentActor() actor: Actor) {
    return this.preferences.list(actor);
  }

  @Mutation(() => [NotificationPreferenceObject], { description: 'Sets my channels for the kinds given' })
  updateNotificationPreferences(@CurrentActor() actor: Actor, @Args() args: UpdateNotificationPreferencesArgs) {
    return this.preferences.update(actor, args.preferences);
  }

  @Query(() => Int)
  unreadNotificationCount(@CurrentActor() actor: Actor) {
    return this.service.unreadCount(actor);
  }

  @Mutation(() => NotificationObject)
  markNotificationRead(@CurrentActor() actor: Actor, @Args() args: NotificationIdArgs) {
    return this.service.markRead(actor, args.id);
  }

  @Mutation(() => Int, { description: 'Marks all my notifications read; returns how many changed' })
  markAllNotificationsRead(@CurrentActor() actor: Actor) {
    return this.service.markAllRead(actor);
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'The web app screen this notification opens (a path such as /workspace/reviews?achievement=…)',
  })
  path(@Parent() notification: NotificationObject): string | null {
    return typeof notification.data?.path === 'string' ? notification.data.path : null;
  }

  @ResolveField(() => String, { nullable: true, description: 'The digest this notification is about' })
  digestId(@Parent() notification: NotificationObject): string | null {
    return typeof notification.data?.digestId === 'string' ? notification.data.digestId : null;
  }
}
