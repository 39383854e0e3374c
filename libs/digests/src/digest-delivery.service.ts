import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, JobOutcome } from '@app/core';
import { UserEntity } from '@app/identity';
import { MailSendError, NotificationKind, NotificationsService, SmtpMailer, WebhooksService } from '@app/notifications';
import { DataSource } from 'typeorm';
import { DigestBuilderService } from './digest-builder.service';
import { DigestDeliveryEntity, DigestEntity, DigestItemEntity } from './digest.entity';
import { DigestPreferencesService, UnsubscribeChoice } from './digest-preferences.service';
import { DeliveryStatus, DigestChannel, DigestLanguage, FINAL_DELIVERY_STATUSES } from './domain/digest-enums';
import { explanationLines, matchLink, renderDigestEmail } from './domain/digest-render';

export interface AttemptInfo {
  /** Attempts BullMQ made before this one. */
  attemptsMade: number;
  maxAttempts: number;
}

/** A failed attempt BullMQ should retry (or dead-letter, on the last one). */
export class DeliveryAttemptError extends Error {
  override name = 'DeliveryAttemptError';
}

const CLAIMABLE = [DeliveryStatus.PENDING, DeliveryStatus.RETRYING, DeliveryStatus.SENDING];

/**
 * Sends one delivery row, at most once per (digest, channel). Every step is a conditional update on the row:
 * claim (→ SENDING, attempts + 1), then, for email, COMMITTING right before the end-of-data dot, then SENT.
 *
 * Crash windows, and the choice made for each:
 * - in-app: the notification and SENT are written in one transaction (dedupe key = delivery id): exactly once.
 * - email, crash before COMMITTING: the server never got the final dot and discarded the message; the row is
 *   still SENDING and the retry sends it (a stale sender cannot also commit: COMMITTING requires its attempt).
 * - email, crash after COMMITTING: the dot probably reached the server, but we cannot know. We never resend
 *   (at most once): the row ends UNKNOWN, visible to operators, who can re-run the digest explicitly.
 * - webhook, crash after the POST: the retry POSTs again with the same Idempotency-Key (the delivery id), so
 *   the receiver drops the repeat: at least once on the wire, once for a receiver that dedupes.
 */
@Injectable()
export class DigestDeliveryService {
  private readonly logger = new Logger(DigestDeliveryService.name);
  private readonly host: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly builder: DigestBuilderService,
    private readonly preferences: DigestPreferencesService,
    private readonly mailer: SmtpMailer,
    private readonly webhooks: WebhooksService,
    private readonly notifications: NotificationsService,
  ) {
    this.host = new URL(config.PUBLIC_URL).hostname || 'localhost';
  }

  async deliver(deliveryId: string, attempt: AttemptInfo): Promise<JobOutcome> {
    const delivery = await this.dataSource.getRepository(DigestDeliveryEntity).findOneBy({ id: deliveryId });
    if (!delivery || FINAL_DELIVERY_STATUSES.includes(delivery.status)) return 'skipped';
    switch (delivery.channel) {
      case DigestChannel.IN_APP:
        return this.deliverInApp(delivery);
      case DigestChannel.EMAIL:
        return this.deliverEmail(delivery, attempt);
      case DigestChannel.WEBHOOK:
        return this.deliverWebhook(delivery, attempt);
    }
  }

  private async deliverInApp(delivery: DigestDeliveryEntity): Promise<JobOutcome> {
    const content = await this.builder.digestWithItems(delivery.digestId);
    if (!content) return this.finish(delivery.id, DeliveryStatus.SKIPPED, 'digest is gone');
    const { digest, items } = content;
    const zh = digest.language === DigestLanguage.zh;
    return this.dataSource.transaction(async (manager) => {
      await this.notifications.notify(
        {
          userId: delivery.userId,
          kind: NotificationKind.DIGEST,
          title: zh
            ? `本期新匹配 ${items.length} 条（${digest.period}）`
            : `${items.length} new matches (${digest.period})`,
          body: items
            .slice(0, 3)
            .map((item) => `${item.demandTitle} ↔ ${item.targetTitle}`)
            .join('\n'),
          data: { digestId: digest.id, period: digest.period, itemCount: items.length },
          dedupeKey: `digest-delivery:${delivery.id}`,
        },
        manager,
      );
      await manager.query(
        `UPDATE digest_deliveries SET status = 'SENT', attempts = attempts + 1, sent_at = now(), updated_at = now()
         WHERE id = $1 AND status <> ALL($2::digest_delivery_status[])`,
        [delivery.id, FINAL_DELIVERY_STATUSES],
      );
      return 'done' as const;
    });
  }

  private async deliverEmail(delivery: DigestDeliveryEntity, attempt: AttemptInfo): Promise<JobOutcome> {
    if (delivery.status === DeliveryStatus.COMMITTING) {
      // We crashed after the point of no return: the server may have the message. Never resend.
      await this.finishFrom(
        delivery.id,
        DeliveryStatus.COMMITTING,
        DeliveryStatus.UNKNOWN,
        'worker stopped after the end of data; outcome unknown, not resent',
      );
      this.logger.warn({
        deliveryId: delivery.id,
        msg: 'email outcome unknown after a crash; not resent (at most once)',
      });
      return 'skipped';
    }
    const content = await this.builder.digestWithItems(delivery.digestId);
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: delivery.userId });
    if (!content || !user) return this.finish(delivery.id, DeliveryStatus.SKIPPED, 'digest or recipient is gone');
    const claimed = await this.claim(delivery.id);
    if (claimed === null) return 'skipped';

    const mail = this.composeEmail(content.digest, content.items, user);
    try {
      await this.mailer.send(mail, async () => {
        const committed = await this.dataSource.query<[unknown[], number]>(
          `UPDATE digest_deliveries SET status = 'COMMITTING', updated_at = now() WHERE id = $1 AND status = 'SENDING' AND attempts = $2`,
          [delivery.id, claimed],
        );
        return committed[1] === 1;
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof MailSendError && error.outcome === 'unknown') {
        await this.finishFrom(delivery.id, DeliveryStatus.COMMITTING, DeliveryStatus.UNKNOWN, message);
        return 'skipped';
      }
      return this.failAttempt(delivery, attempt, message);
    }
    await this.finishFrom(delivery.id, DeliveryStatus.COMMITTING, DeliveryStatus.SENT, null);
    return 'done';
  }

  private async deliverWebhook(delivery: DigestDeliveryEntity, attempt: AttemptInfo): Promise<JobOutcome> {
    const subscription = await this.webhooks.forUser(delivery.userId);
    if (!subscription || !subscription.enabled) {
      return this.finish(delivery.id, DeliveryStatus.SKIPPED, subscription ? 'webhook disabled' : 'no webhook');
    }
    const content = await this.builder.digestWithItems(delivery.digestId);
    if (!content) return this.finish(delivery.id, DeliveryStatus.SKIPPED, 'digest is gone');
    const claimed = await this.claim(delivery.id);
    if (claimed === null) return 'skipped';

    const body = JSON.stringify(this.webhookPayload(delivery, content.digest, content.items));
    const result = await this.webhooks.post(subscription, 'digest', delivery.id, body);
    if (result.ok) {
      await this.finishFrom(delivery.id, DeliveryStatus.SENDING, DeliveryStatus.SENT, null);
      if (subscription.consecutiveFailures > 0) await this.webhooks.recordSuccess(subscription.id);
      return 'done';
    }
    const dead = await this.failAttempt(delivery, attempt, result.error ?? 'failed', true);
    return dead;
  }

  /** PENDING/RETRYING/SENDING → SENDING with attempts + 1; the new attempt number, or null when not claimable. */
  private async claim(deliveryId: string): Promise<number | null> {
    const rows: [Array<{ attempts: number }>, number] = await this.dataSource.query(
      `UPDATE digest_deliveries SET status = 'SENDING', attempts = attempts + 1, updated_at = now()
       WHERE id = $1 AND status = ANY($2::digest_delivery_status[]) RETURNING attempts`,
      [deliveryId, CLAIMABLE],
    );
    return rows[0][0]?.attempts ?? null;
  }

  /**
   * A failed attempt: RETRYING (and throw, so BullMQ retries with backoff) or, on the last attempt, DEAD (and
   * throw too, so the job sits in the failed list of the dashboard). A dead webhook delivery counts toward
   * disabling the subscription.
   */
  private async failAttempt(
    delivery: DigestDeliveryEntity,
    attempt: AttemptInfo,
    error: string,
    webhook = false,
  ): Promise<never> {
    const last = attempt.attemptsMade + 1 >= attempt.maxAttempts;
    const status = last ? DeliveryStatus.DEAD : DeliveryStatus.RETRYING;
    // Counted before the row turns DEAD, so whoever sees DEAD also sees the subscription's state.
    if (last && webhook) {
      const subscription = await this.webhooks.forUser(delivery.userId);
      if (subscription) await this.webhooks.recordDeadLetter(subscription.id, error);
    }
    await this.dataSource.query(
      `UPDATE digest_deliveries SET status = $2, last_error = $3, updated_at = now()
       WHERE id = $1 AND status IN ('SENDING', 'COMMITTING')`,
      [delivery.id, status, error.slice(0, 1000)],
    );
    throw new DeliveryAttemptError(
      `${delivery.channel} delivery ${delivery.id} failed (${last ? 'dead-lettered' : 'will retry'}): ${error}`,
    );
  }

  private async finish(deliveryId: string, status: DeliveryStatus, note: string | null): Promise<JobOutcome> {
    await this.dataSource.query(
      `UPDATE digest_deliveries SET status = $2, last_error = $3, updated_at = now()
       WHERE id = $1 AND status <> ALL($4::digest_delivery_status[])`,
      [deliveryId, status, note, FINAL_DELIVERY_STATUSES],
    );
    return 'skipped';
  }

  private async finishFrom(
    deliveryId: string,
    from: DeliveryStatus,
    to: DeliveryStatus,
    note: string | null,
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE digest_deliveries SET status = $3, last_error = $4, updated_at = now(),
              sent_at = CASE WHEN $5::boolean THEN now() ELSE sent_at END
       WHERE id = $1 AND status = $2`,
      [deliveryId, from, to, note, to === DeliveryStatus.SENT],
    );
  }

  private links(userId: string) {
    const base = this.config.PUBLIC_URL.replace(/\/+$/, '');
    const token = encodeURIComponent(this.preferences.unsubscribeToken(userId));
    return {
      unsubscribeUrl: `${base}/digests/unsubscribe?token=${token}&frequency=${UnsubscribeChoice.OFF}`,
      monthlyUrl: `${base}/digests/unsubscribe?token=${token}&frequency=${UnsubscribeChoice.MONTHLY}`,
      preferencesUrl: `${base}/settings/digest`,
    };
  }

  composeEmail(digest: DigestEntity, items: DigestItemEntity[], user: UserEntity) {
    const links = this.links(user.id);
    const rendered = renderDigestEmail({
      language: digest.language,
      recipientName: user.displayName,
      period: digest.period,
      items,
      publicUrl: this.config.PUBLIC_URL,
      ...links,
    });
    return {
      to: user.email,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      // Deterministic: one digest version, one Message-ID, whichever attempt sends it.
      messageId: `<digest.${digest.id}@${this.host}>`,
      headers: {
        'List-Unsubscribe': `<${links.unsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'X-Digest-Period': digest.period,
      },
    };
  }

  private webhookPayload(delivery: DigestDeliveryEntity, digest: DigestEntity, items: DigestItemEntity[]) {
    return {
      type: 'digest',
      deliveryId: delivery.id,
      digestId: digest.id,
      recipientId: delivery.userId,
      period: digest.period,
      version: digest.version,
      language: digest.language,
      windowStart: digest.windowStart.toISOString(),
      windowEnd: digest.windowEnd.toISOString(),
      items: items.map((item) => ({
        matchId: item.matchId,
        demandId: item.demandId,
        targetType: item.targetType,
        targetId: item.targetId,
        demandTitle: item.demandTitle,
        targetTitle: item.targetTitle,
        score: item.score,
        reason: item.reason,
        why: explanationLines(item.explanation, digest.language),
        link: matchLink(this.config.PUBLIC_URL, item.matchId),
      })),
    };
  }
}
