import { ArgsType, Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionArgs, Paginated } from '@app/core';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsOptional, IsUUID, ValidateNested } from 'class-validator';
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
export class NotificationConnection extends Paginated(NotificationObject, 'Notification') {
  @Field(() => Int, { description: 'My unread notifications (whatever the filter and page)' })
  unreadCount: number;
}

@ObjectType('NotificationPreference', { description: 'The channels of one kind of event notification' })
export class NotificationPreferenceObject {
  @Field(() => NotificationKind) kind: NotificationKind;
  @Field() inApp: boolean;
  @Field() email: boolean;
  @Field({ description: 'True until changed: the default applies' }) isDefault: boolean;
}

@InputType()
export class NotificationPreferenceInput {
  @Field(() => NotificationKind)
  @IsEnum(NotificationKind)
  kind: NotificationKind;

  @Field()
  @IsBoolean()
  inApp: boolean;

  @Field()
  @IsBoolean()
  email: boolean;
}

@ArgsType()
export class UpdateNotificationPreferencesArgs {
  @Field(() => [NotificationPreferenceInput])
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => NotificationPreferenceInput)
  preferences: NotificationPreferenceInput[];
}

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
