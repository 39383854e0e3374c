import { Module } from '@nestjs/common';
import { IdentityModule } from '@app/identity';
import { AccountMailJob } from './account-mail.job';
import { NotificationEmailJob } from './notification-email.job';
import { NotificationEventsService } from './notification-events.service';
import { NotificationPreferencesService } from './notification-preferences.service';
import { NotificationsResolver } from './notifications.resolver';
import { NotificationsService } from './notifications.service';
import { SmtpMailer } from './smtp-mailer';
import { WebhooksResolver } from './webhooks.resolver';
import { WebhooksService } from './webhooks.service';

/** Channels: in-app notifications, webhook subscriptions and the signed POST, SMTP mail. For every process. */
@Module({
  providers: [
    NotificationsService,
    NotificationEventsService,
    NotificationPreferencesService,
    WebhooksService,
    SmtpMailer,
  ],
  exports: [
    NotificationsService,
    NotificationEventsService,
    NotificationPreferencesService,
    WebhooksService,
    SmtpMailer,
  ],
})
export class NotificationsModule {}

/** GraphQL surface, imported by apps/api only. */
@Module({ imports: [NotificationsModule], providers: [NotificationsResolver, WebhooksResolver] })
export class NotificationsGraphqlModule {}

/** Account emails and event notification emails; imported by apps/worker only. */
@Module({ imports: [NotificationsModule, IdentityModule], providers: [AccountMailJob, NotificationEmailJob] })
export class NotificationsJobsModule {}
