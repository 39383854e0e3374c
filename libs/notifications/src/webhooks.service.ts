import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, badInput, Clock, notFound } from '@app/core';
import { Actor } from '@app/identity';
import { DataSource } from 'typeorm';
import { postJson } from './webhook-transport';
import {
  EVENT_HEADER,
  IDEMPOTENCY_HEADER,
  newWebhookSecret,
  SIGNATURE_HEADER,
  signWebhook,
  TIMESTAMP_HEADER,
  webhookUrlProblem,
} from './domain/webhook-signature';
import { NotificationKind } from './notification.entity';
import { NotificationsService } from './notifications.service';
import { WebhookSubscriptionEntity } from './webhook-subscription.entity';

export interface WebhookResult {
  ok: boolean;
  status: number | null;
  error: string | null;
}

/** Webhook subscriptions (one per user) and the signed POST every delivery and ping goes through. */
/** What a failed ping says when no answer came, whatever the cause. */
export const WEBHOOK_UNREACHABLE = 'The webhook URL could not be reached within the deadline';

@Injectable()
export class WebhooksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
  ) {}

  forUser(userId: string): Promise<WebhookSubscriptionEntity | null> {
    return this.dataSource.getRepository(WebhookSubscriptionEntity).findOneBy({ userId });
  }

  /** Creates or replaces the actor's subscription with a new secret, returned once (never readable again). */
  async subscribe(actor: Actor, url: string): Promise<{ subscription: WebhookSubscriptionEntity; secret: string }> {
    const problem = webhookUrlProblem(url);
    if (problem) throw badInput(`Webhook URL ${problem}`, { field: 'url' });
    const secret = newWebhookSecret();
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(WebhookSubscriptionEntity)
      .values({
        userId: actor.userId,
        url,
        secret,
        enabled: true,
        consecutiveFailures: 0,
        disabledAt: null,
        lastError: null,
      })
      .orUpdate(
        ['url', 'secret', 'enabled', 'consecutive_failures', 'disabled_at', 'last_error', 'updated_at'],
        ['user_id'],
      )
      .execute();
    const subscription = await this.dataSource
      .getRepository(WebhookSubscriptionEntity)
      .findOneByOrFail({ userId: actor.userId });
    return { subscription, secret };
  }

  async unsubscribe(actor: Actor): Promise<boolean> {
    const result = await this.dataSource.getRepository(WebhookSubscriptionEntity).delete({ userId: actor.userId });
    return (result.affected ?? 0) > 0;
  }

  /**
   * Sends a signed `ping` to the actor's webhook and reports what came back (does not count as a failure). The
   * error is generic: the receiver's HTTP status, or that it could not be reached — never why (a refused private
   * address, a refused connection, a DNS failure), which would make the ping a probe of the network.
   */
  async ping(actor: Actor): Promise<WebhookResult> {
    const subscription = await this.forUser(actor.userId);
    if (!subscription) throw notFound('Webhook subscription');
    const body = JSON.stringify({ type: 'ping', sentAt: this.clock.now().toISOString() });
    const result = await this.post(subscription, 'ping', `ping-${subscription.id}-${Date.now()}`, body);
    if (result.ok || result.status !== null) return result;
    return { ...result, error: WEBHOOK_UNREACHABLE };
  }

  /**
   * POSTs `body` signed over `${timestamp}.${body}`. The idempotency key lets the receiver drop a repeat (a
   * retry after we crashed between its 2xx and our bookkeeping). Never throws: the result says what happened.
   */
  async post(
    subscription: WebhookSubscriptionEntity,
    event: string,
    idempotencyKey: string,
    body: string,
  ): Promise<WebhookResult> {
    const timestamp = Math.floor(this.clock.now().getTime() / 1000);
    try {
      const status = await postJson(subscription.url, body, {
        timeoutMs: this.config.WEBHOOK_TIMEOUT_MS,
        allowPrivateNetworks: this.config.webhooksMayReachPrivateNetworks,
        headers: {
          'user-agent': 'techtransfer-webhooks/1',
          [SIGNATURE_HEADER]: signWebhook(subscription.secret, timestamp, body),
          [TIMESTAMP_HEADER]: String(timestamp),
          [IDEMPOTENCY_HEADER]: idempotencyKey,
          [EVENT_HEADER]: event,
        },
      });
      const ok = status >= 200 && status < 300;
      return { ok, status, error: ok ? null : `HTTP ${status}` };
    } catch (error) {
      return {
        ok: false,
        status: null,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      };
    }
  }

  async recordSuccess(subscriptionId: string): Promise<void> {
    await this.dataSource
      .getRepository(WebhookSubscriptionEntity)
      .update({ id: subscriptionId }, { consecutiveFailures: 0, lastError: null });
  }

  /**
   * A delivery was dead-lettered: one more failure in a row. At the threshold the subscription is disabled (one
   * conditional update, so it happens once) and the owner is told in-app.
   */
  async recordDeadLetter(subscriptionId: string, error: string): Promise<{ disabled: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      // UPDATE … RETURNING answers [rows, affected count].
      const [rows]: [Array<{ user_id: string; consecutive_failures: number; url: string }>, number] =
        await manager.query(
          `UPDATE webhook_subscriptions SET consecutive_failures = consecutive_failures + 1, last_error = $2, updated_at = now()
         WHERE id = $1 RETURNING user_id, consecutive_failures, url`,
          [subscriptionId, error.slice(0, 500)],
        );
      const row = rows[0];
      if (!row || row.consecutive_failures < this.config.WEBHOOK_DISABLE_AFTER_FAILURES) return { disabled: false };
      const disabled = await manager
        .getRepository(WebhookSubscriptionEntity)
        .update({ id: subscriptionId, enabled: true }, { enabled: false, disabledAt: this.clock.now() });
      if (!disabled.affected) return { disabled: false };
      await this.notifications.notify(
        {
          userId: row.user_id,
          kind: NotificationKind.WEBHOOK_DISABLED,
          title: 'Webhook disabled / Webhook 已停用',
          body: `${row.consecutive_failures} deliveries to ${row.url} failed in a row (last: ${error.slice(0, 200)}). Set the webhook again to re-enable it.`,
          data: { subscriptionId, url: row.url },
          dedupeKey: `webhook-disabled:${subscriptionId}:${row.consecutive_failures}`,
        },
        manager,
      );
      return { disabled: true };
    });
  }
}
