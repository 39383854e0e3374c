import { Args, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor } from '@app/identity';
import {
  NotificationConnection,
  NotificationIdArgs,
  NotificationObject,
  NotificationsArgs,
} from './notification.object';
import { NotificationsService } from './notifications.service';

/** Thin: every query is scoped to the actor in NotificationsService. */
@Resolver(() => NotificationObject)
export class NotificationsResolver {
  constructor(private readonly service: NotificationsService) {}

  @Query(() => NotificationConnection, { description: 'My in-app notifications, newest first' })
  notifications(@CurrentActor() actor: Actor, @Args() args: NotificationsArgs) {
    return this.service.list(actor, args);
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

  @ResolveField(() => String, { nullable: true, description: 'The digest this notification is about' })
  digestId(@Parent() notification: NotificationObject): string | null {
    return typeof notification.data?.digestId === 'string' ? notification.data.digestId : null;
  }
}
