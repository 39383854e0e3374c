export * from './domain/webhook-signature';
export * from './notification.entity';
export * from './webhook-subscription.entity';
export * from './notifications.service';
export * from './notification-events.service';
export * from './notification-preferences.service';
export * from './notification-preference.entity';
export * from './notification-email.job';
export * from './domain/notification-events';
export * from './webhooks.service';
export * from './smtp-mailer';
export * from './notification.object';
export * from './notifications.module';

import { NotificationEntity } from './notification.entity';
import { NotificationPreferenceEntity } from './notification-preference.entity';
import { WebhookSubscriptionEntity } from './webhook-subscription.entity';

export const NOTIFICATION_ENTITIES = [NotificationEntity, NotificationPreferenceEntity, WebhookSubscriptionEntity];
export * from './dev/smtp-sink';
