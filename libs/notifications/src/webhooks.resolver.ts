import { Args, ArgsType, Field, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import { Actor, CurrentActor } from '@app/identity';
import { WebhookPingResult, WebhookSubscriptionCreated, WebhookSubscriptionObject } from './notification.object';
import { WebhooksService } from './webhooks.service';
import { RateLimit } from '@app/core';

@ArgsType()
export class SetWebhookArgs {
  @Field({ description: 'http(s) URL receiving signed JSON POSTs' })
  @IsString()
  @MaxLength(2000)
  url: string;
}

@Resolver(() => WebhookSubscriptionObject)
export class WebhooksResolver {
  constructor(private readonly webhooks: WebhooksService) {}

  @Query(() => WebhookSubscriptionObject, {
    nullable: true,
    description: 'My webhook subscription (without its secret)',
  })
  myWebhook(@CurrentActor() actor: Actor) {
    return this.webhooks.forUser(actor.userId);
  }

  @Mutation(() => WebhookSubscriptionCreated, {
    description: 'Creates or replaces my webhook; a new secret, shown once',
  })
  setWebhook(@CurrentActor() actor: Actor, @Args() args: SetWebhookArgs) {
    return this.webhooks.subscribe(actor, args.url);
  }

  @Mutation(() => Boolean)
  deleteWebhook(@CurrentActor() actor: Actor) {
    return this.webhooks.unsubscribe(actor);
  }

  @Mutation(() => WebhookPingResult, { description: 'Sends a signed ping to my webhook and reports the answer' })
  @RateLimit('webhookPing')
  pingWebhook(@CurrentActor() actor: Actor) {
    return this.webhooks.ping(actor);
  }
}
