export * from './domain/webhook-signature';
export * from './notification.entity';
export * from './webhook-subscription.entity';
export * from './notifications.service';
export * from './webhooks.service';
export * from './smtp-mailer';
export * from './notification.object';
export * from './notifications.module';

import { NotificationEntity } from './notification.entity';
import { WebhookSubscriptionEntity } from './webhook-subscription.entity';

export const NOTIFICATION_ENTITIES = [NotificationEntity, WebhookSubscriptionEntity];
export * from './dev/smtp-sink';
