import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor, Public } from '@app/identity';
import { DigestBuilderService } from './digest-builder.service';
import { DigestDeliveryService } from './digest-delivery.service';
import { DigestPreferencesService } from './digest-preferences.service';
import {
  DigestObject,
  DigestPreferencesInput,
  DigestPreferencesObject,
  DigestPreview,
  QueueDashboardTicket,
  RerunDigestArgs,
  UnsubscribeArgs,
} from './digest.object';
import { QueueDashboardService } from './queue-dashboard';

/** Thin: preferences are the actor's own; re-runs and dashboard tickets check ADMIN in the services. */
@Resolver()
export class DigestsResolver {
  constructor(
    private readonly preferences: DigestPreferencesService,
    private readonly builder: DigestBuilderService,
    private readonly dashboard: QueueDashboardService,
    private readonly delivery: DigestDeliveryService,
  ) {}

  @Query(() => DigestPreview, { description: 'My next digest as it would read now, and when it is due' })
  digestPreview(@CurrentActor() actor: Actor) {
    return this.delivery.preview(actor);
  }

  @Query(() => DigestPreferencesObject, { description: 'My digest settings (defaults until changed)' })
  digestPreferences(@CurrentActor() actor: Actor) {
    return this.preferences.get(actor);
  }

  @Mutation(() => DigestPreferencesObject)
  updateDigestPreferences(@CurrentActor() actor: Actor, @Args('input') input: DigestPreferencesInput) {
    return this.preferences.update(actor, input);
  }

  @Public()
  @Mutation(() => DigestPreferencesObject, { description: 'The one-click link of a digest email, without signing in' })
  async unsubscribeDigest(@Args() args: UnsubscribeArgs) {
    return (await this.preferences.applyUnsubscribe(args.token, args.frequency)).settings;
  }

  @Mutation(() => DigestObject, {
    description: 'ADMIN: builds a new version of a period for one recipient and delivers it on their channels',
  })
  rerunDigest(@CurrentActor() actor: Actor, @Args() args: RerunDigestArgs) {
    return this.builder.rerun(actor, args.userId, args.period);
  }

  @Mutation(() => QueueDashboardTicket, { description: 'ADMIN: a short-lived link to the queue dashboard' })
  issueQueueDashboardTicket(@CurrentActor() actor: Actor) {
    return this.dashboard.issueTicket(actor);
  }
}
