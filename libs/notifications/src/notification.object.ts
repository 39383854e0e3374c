import { ArgsType, Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionArgs, Paginated } from '@app/core';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { NotificationKind } from './notification.entity';

registerEnumType(NotificationKind, { name: 'NotificationKind' });

@ObjectType('Notification')
export class NotificationObject {
  @Field(() => ID) id: string;
  @Field(() => NotificationKind) kind: NotificationKind;
  @Field() title: string;
  @Field() body: string;
  data: Record<string, unknown>;
  @Field(() => GraphQLISODateTime, { nullable: true }) readAt: Date | null;
  @Field(() => GraphQLISODateTime) createdAt: Date;
}

@ObjectType()
export class NotificationConnection extends Paginated(NotificationObject, 'Notification') {}

@ArgsType()
export class NotificationsArgs extends ConnectionArgs {
  @Field({ defaultValue: false })
  @IsOptional()
  @IsBoolean()
  unreadOnly: boolean = false;
}

@ArgsType()
export class NotificationIdArgs {
  @Field(() => ID)
  @IsUUID()
  id: string;
}

@ObjectType()
export class WebhookSubscriptionObject {
  @Field(() => ID) id: string;
  @Field() url: string;
  @Field() enabled: boolean;
  @Field(() => Int) consecutiveFailures: number;
  @Field(() => GraphQLISODateTime, { nullable: true }) disabledAt: Date | null;
  @Field(() => String, { nullable: true }) lastError: string | null;
  @Field(() => GraphQLISODateTime) createdAt: Date;
}

@ObjectType({ description: 'The secret is shown here once; store it to verify the X-Signature header' })
export class WebhookSubscriptionCreated {
  @Field(() => WebhookSubscriptionObject) subscription: WebhookSubscriptionObject;
  @Field() secret: string;
}

@ObjectType()
export class WebhookPingResult {
  @Field() ok: boolean;
  @Field(() => Int, { nullable: true }) status: number | null;
  @Field(() => String, { nullable: true }) error: string | null;
}
