import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, JobName, JobOutcome, JobPayloads, OnJob } from '@app/core';
import { AccountLinks, UserEntity } from '@app/identity';
import { notificationLanguageOf, renderEventEmail, SCREENS } from './domain/notification-events';
import { NotificationEmailStatus, NotificationEntity } from './notification.entity';
import { SmtpMailer } from './smtp-mailer';

/**
 * Sends the email of one event notification, at least once: PENDING → (the message handed over) COMMITTING →
 * (the server's answer) SENT. A retry after a crash in COMMITTING sends the same message again — its Message-ID
 * is `<notification.<id>@host>`, so mail stores collapse the repeat; SENT is never sent again.
 */
@Injectable()
export class NotificationEmailJob {
  private readonly host: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mailer: SmtpMailer,
    private readonly links: AccountLinks,
    config: AppConfig,
  ) {
    this.host = new URL(config.PUBLIC_URL).hostname || 'localhost';
  }

  @OnJob(JobName.SendNotificationEmail)
  async send(payload: JobPayloads[JobName.SendNotificationEmail]): Promise<JobOutcome> {
    const notification = await this.dataSource
      .getRepository(NotificationEntity)
      .findOneBy({ id: payload.notificationId });
    if (
      !notification ||
      (notification.emailStatus !== NotificationEmailStatus.PENDING &&
        notification.emailStatus !== NotificationEmailStatus.COMMITTING)
    ) {
      return 'skipped';
    }
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: notification.userId });
    if (!user) return 'skipped';
    const path = typeof notification.data.path === 'string' ? notification.data.path : '/workspace';
    const rendered = renderEventEmail({
      language: notificationLanguageOf(user.locale),
      recipientName: user.displayName,
      title: notification.title,
      body: notification.body,
      link: this.links.screen(path),
      settingsLink: this.links.screen(SCREENS.settings()),
    });
    await this.mailer.send(
      {
        to: user.email,
        ...rendered,
        messageId: `<notification.${notification.id}@${this.host}>`,
        headers: { 'X-Notification-Kind': notification.kind },
        attachments: notification.emailAttachment
          ? [
              {
                filename: notification.emailAttachment.fileName,
                content: notification.emailAttachment.content,
                contentType: notification.emailAttachment.contentType,
              },
            ]
          : undefined,
      },
      async () => {
        const [, affected] = await this.dataSource.query<[unknown, number]>(
          `UPDATE notifications SET email_status = $2 WHERE id = $1 AND email_status IN ($3, $2)`,
          [notification.id, NotificationEmailStatus.COMMITTING, NotificationEmailStatus.PENDING],
        );
        return affected > 0;
      },
    );
    await this.dataSource.query(
      `UPDATE notifications SET email_status = $2, email_sent_at = now() WHERE id = $1 AND email_status = $3`,
      [notification.id, NotificationEmailStatus.SENT, NotificationEmailStatus.COMMITTING],
    );
    return 'done';
  }
}
