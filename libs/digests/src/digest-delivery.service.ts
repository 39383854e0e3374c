import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, Clock, JOB_LOCK_MS, JobName, JobOutcome, JobQueue, notFound } from '@app/core';
import { Actor, UserEntity } from '@app/identity';
import { NotificationKind, NotificationsService, SmtpMailer, WebhooksService } from '@app/notifications';
import { DelayedError, Job, UnrecoverableError } from 'bullmq';
import { DataSource, In } from 'typeorm';
import { deliverJobId, DigestBuilderService } from './digest-builder.service';
import { DigestDeliveryEntity, DigestEntity, DigestItemEntity } from './digest.entity';
import { DigestPreferencesService, UnsubscribeChoice } from './digest-preferences.service';
import { settleConcurrently } from './domain/concurrency';
import { localTime, nextDueSlot, periodOf } from './domain/digest-defaults';
import { DigestPreview } from './digest.object';
import { DeliveryStatus, DigestChannel, DigestLanguage, FINAL_DELIVERY_STATUSES } from './domain/digest-enums';
import { explanationLines, matchLink, renderDigestEmail, renderInAppDigest } from './domain/digest-render';

/** A failed attempt that will be retried with backoff (not the last one). */
export class DeliveryAttemptError extends Error {
  override name = 'DeliveryAttemptError';

  constructor(
    message: string,
    readonly deliveryId: string,
  ) {
    super(message);
  }
}

/**
 * An email row left COMMITTING by another attempt, younger than the takeover threshold: not an attempt of this job.
 * Its retry waits until `retryAt`, when the row can be taken over — a retry spent earlier would run out of attempts
 * and leave the row stranded (found by the pg_terminate_backend drill).
 */
export class StillCommittingError extends DeliveryAttemptError {
  override name = 'StillCommittingError';

  constructor(
    deliveryId: string,
    readonly retryAt: number,
  ) {
    super(`email delivery ${deliveryId} is still committing`, deliveryId);
  }
}

/**
 * Emails (and webhooks) of one batch job in flight at once. Times the Deliveries queue concurrency it stays at
 * the SMTP mailer's idle pool (16), so connections are reused rather than reopened.
 */
export const SEND_CONCURRENCY = 4;

const CLAIMABLE = [DeliveryStatus.PENDING, DeliveryStatus.RETRYING, DeliveryStatus.SENDING];

/**
 * A COMMITTING row older than this was left by an attempt that died. A live attempt holds a row in that state at
 * most until the server answers the dot or the socket times out (SMTP_SOCKET_TIMEOUT_MS), and BullMQ hands a dead
 * worker's job to another only after its lock expired (JOB_LOCK_MS): past both, plus a margin, the attempt is
 * surely gone. (It was 25 s, below the 30 s socket timeout: a slow but live send could be sent twice.)
 */
export function abandonedCommitSeconds(smtpSocketTimeoutMs: number): number {
  return Math.ceil((smtpSocketTimeoutMs + JOB_LOCK_MS) / 1000) + 5;
}

/** A claimed email delivery with what its message needs (one UPDATE … RETURNING). */
interface ClaimedEmail {
  id: string;
  user_id: string;
  attempts: number;
  digest_id: string;
  period: string;
  version: number;
  language: DigestLanguage;
  window_start: Date;
  window_end: Date;
  item_count: number;
  requested_by_id: string | null;
  created_at: Date;
  email: string;
  display_name: string;
}

/**
 * Sends delivery rows, each at most once per (digest, channel). Every step is a conditional update on the row:
 * claim (→ SENDING, attempts + 1), then, for email, COMMITTING right before the end-of-data dot, then SENT. Batch
 * jobs send many rows (emails over pooled SMTP connections, in-app rows in one transaction); a row whose attempt
 * fails is retried alone by a `deliver.<id>` job with backoff. Attempts are counted on the row: the attempt that
 * reaches DELIVERY_ATTEMPTS and fails leaves it DEAD (and its job in the failed list).
 *
 * Crash windows, and the choice made for each:
 * - in-app: the notifications and SENT are written in one transaction (dedupe key = delivery id): exactly once.
 * - email, crash before COMMITTING: the server never got the final dot and discarded the message; the row is
 *   still SENDING and the retry sends it (a stale sender cannot also commit: COMMITTING requires its attempt).
 * - email, crash after COMMITTING (or no answer to the dot): the server may or may not have the message, and no
 *   protocol can tell us. Losing it is the worse outcome, so the row is taken over once the dead attempt is
 *   surely gone (COMMITTING for longer than a job lock lives) and the SAME message is sent again: same
 *   Message-ID, the identity mail stores use to collapse a repeat — the email counterpart of the webhook's
 *   Idempotency-Key. A worker has at most (delivery jobs at once × SEND_CONCURRENCY) messages in that window, so a
 *   crash repeats at most that many emails, and only ever as the same messages; none is lost.
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
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
  ) {
    this.host = new URL(config.PUBLIC_URL).hostname || 'localhost';
  }

  /**
   * One delivery row (a retry job): a failed attempt throws DeliveryAttemptError so BullMQ retries it with
   * backoff, or UnrecoverableError when it was the last one (the row is DEAD, the job stays in the failed list).
   */
  async deliver(deliveryId: string, job?: Job): Promise<JobOutcome> {
    const { sent, failures } = await this.send([deliveryId]);
    if (failures[0] instanceof StillCommittingError && job?.token) {
      // Wait for the takeover without spending an attempt.
      await job.moveToDelayed(failures[0].retryAt, job.token);
      throw new DelayedError();
    }
    if (failures.length > 0) throw failures[0];
    return sent > 0 ? 'done' : 'skipped';
  }

  /**
   * A batch of delivery rows: rows already final are skipped, failed attempts are handed to their own retry job
   * (`deliver.<id>`, delayed by DELIVERY_BACKOFF_MS), dead ones are logged. An unexpected error (the database
   * went away) fails the batch job after the other rows were tried, and BullMQ runs it again.
   */
  async deliverBatch(deliveryIds: readonly string[]): Promise<JobOutcome> {
    const { sent, failures } = await this.send(deliveryIds);
    const retries: string[] = [];
    let unexpected: Error | null = null;
    const stillCommitting = new Map<string, number>();
    for (const failure of failures) {
      if (failure instanceof StillCommittingError) stillCommitting.set(failure.deliveryId, failure.retryAt);
      if (failure instanceof DeliveryAttemptError) retries.push(failure.deliveryId);
      else if (failure instanceof UnrecoverableError) this.logger.warn({ msg: failure.message });
      else unexpected ??= failure instanceof Error ? failure : new Error(String(failure));
    }
    await this.jobs.enqueueBulk(
      JobName.DeliverDigest,
      retries.map((deliveryId) => ({
        data: { deliveryId },
        options: {
          jobId: deliverJobId(deliveryId),
          delay: Math.max(this.config.DELIVERY_BACKOFF_MS, (stillCommitting.get(deliveryId) ?? 0) - Date.now()),
          attempts: this.config.DELIVERY_ATTEMPTS,
          backoff: { type: 'exponential', delay: this.config.DELIVERY_BACKOFF_MS },
        },
      })),
    );
    if (unexpected) throw unexpected;
    return sent > 0 ? 'done' : 'skipped';
  }

  /** Sends the rows that are not final yet, by channel; each row's failure is returned, not thrown. */
  private async send(deliveryIds: readonly string[]): Promise<{ sent: number; failures: unknown[] }> {
    const rows = await this.dataSource.getRepository(DigestDeliveryEntity).find({
      select: { id: true, userId: true, digestId: true, channel: true, status: true, updatedAt: true },
      where: { id: In([...deliveryIds]) },
    });
    const open = rows.filter((row) => !FINAL_DELIVERY_STATUSES.includes(row.status));
    const ofChannel = (channel: DigestChannel) => open.filter((row) => row.channel === channel);
    let sent = 0;
    const failures: unknown[] = [];
    const inApp = ofChannel(DigestChannel.IN_APP);
    if (inApp.length > 0) sent += await this.deliverInApp(inApp.map((row) => row.id));

    const emails = ofChannel(DigestChannel.EMAIL);
    if (emails.length > 0) {
      const claimed = await this.claimEmails(emails.map((row) => row.id));
      // A COMMITTING row not claimed is held by a live attempt, or by a dead one whose lock has not expired yet:
      // look again later, so the row can never be stranded.
      const claimedIds = new Set(claimed.map((row) => row.id));
      for (const row of emails) {
        if (row.status === DeliveryStatus.COMMITTING && !claimedIds.has(row.id)) {
          const takeoverAt =
            row.updatedAt.getTime() + abandonedCommitSeconds(this.config.SMTP_SOCKET_TIMEOUT_MS) * 1000;
          failures.push(new StillCommittingError(row.id, takeoverAt + 1_000));
        }
      }
      const items = await this.itemsOf(claimed.map((row) => row.digest_id));
      const outcomes = await settleConcurrently(claimed, SEND_CONCURRENCY, async (row) => {
        if ((await this.sendEmail(row, items.get(row.digest_id) ?? [])) === 'done') sent++;
      });
      failures.push(...outcomes.filter((failure) => failure !== null));
    }

    const webhooks = ofChannel(DigestChannel.WEBHOOK);
    const outcomes = await settleConcurrently(webhooks, SEND_CONCURRENCY, async (row) => {
      if ((await this.deliverWebhook(row)) === 'done') sent++;
    });
    failures.push(...outcomes.filter((failure) => failure !== null));
    return { sent, failures };
  }

  /** In-app rows: their notifications (dedupe key = delivery id) and SENT in one transaction; how many were sent. */
  private async deliverInApp(deliveryIds: readonly string[]): Promise<number> {
    const rows: Array<{
      id: string;
      user_id: string;
      digest_id: string;
      period: string;
      language: DigestLanguage;
      item_count: number;
      first_items: Array<{ demandTitle: string; demandKind: string; targetTitle: string }>;
    }> = await this.dataSource.query(
      `SELECT dd.id, dd.user_id, d.id AS digest_id, d.period, d.language, d.item_count,
              COALESCE((SELECT json_agg(json_build_object('demandTitle', i.demand_title, 'demandKind', i.demand_kind,
                                                   'targetTitle', i.target_title)
                                 ORDER BY i.position)
                        FROM digest_items i WHERE i.digest_id = d.id AND i.position <= 3), '[]') AS first_items
       FROM digest_deliveries dd JOIN digests d ON d.id = dd.digest_id
       WHERE dd.id = ANY($1::uuid[]) AND dd.status <> ALL($2::digest_delivery_status[])`,
      [deliveryIds, FINAL_DELIVERY_STATUSES],
    );
    if (rows.length === 0) return 0;
    return this.dataSource.transaction(async (manager) => {
      await this.notifications.notifyMany(
        rows.map((row) => ({
          userId: row.user_id,
          kind: NotificationKind.DIGEST,
          ...renderInAppDigest({
            language: row.language,
            period: row.period,
            itemCount: row.item_count,
            firstItems: row.first_items,
          }),
          data: { digestId: row.digest_id, period: row.period, itemCount: row.item_count },
          dedupeKey: `digest-delivery:${row.id}`,
        })),
        manager,
      );
      const updated: [unknown[], number] = await manager.query(
        `UPDATE digest_deliveries SET status = 'SENT', attempts = attempts + 1, sent_at = now(), updated_at = now()
         WHERE id = ANY($1::uuid[]) AND status <> ALL($2::digest_delivery_status[])`,
        [rows.map((row) => row.id), FINAL_DELIVERY_STATUSES],
      );
      return updated[1];
    });
  }

  /**
   * Email rows are claimed in one UPDATE that also returns the digest and the recipient. A row left COMMITTING by
   * an attempt that died (older than a job lock lives) is claimed too and its message sent again, with the same
   * Message-ID; a younger COMMITTING row belongs to a live attempt and is left to it. (A digest or recipient that
   * is gone takes its delivery rows with it: ON DELETE CASCADE.)
   */
  private async claimEmails(deliveryIds: readonly string[]): Promise<ClaimedEmail[]> {
    const claimed: [Array<ClaimedEmail & { resent: boolean }>, number] = await this.dataSource.query(
      `UPDATE digest_deliveries dd SET status = 'SENDING', attempts = dd.attempts + 1, updated_at = now(),
              last_error = CASE WHEN dd.status = 'COMMITTING'
                                THEN 'resent after a crash at the end of data (same Message-ID)' ELSE dd.last_error END
       FROM digests d JOIN users u ON u.id = d.user_id
       WHERE dd.id = ANY($1::uuid[]) AND d.id = dd.digest_id
         AND (dd.status = ANY($2::digest_delivery_status[])
              OR (dd.status = 'COMMITTING' AND dd.updated_at < now() - make_interval(secs => $3)))
       RETURNING dd.id, dd.user_id, dd.attempts, d.id AS digest_id, d.period, d.version, d.language, d.window_start,
                 d.window_end, d.item_count, d.requested_by_id, d.created_at, u.email, u.display_name,
                 dd.last_error IS NOT NULL AND dd.last_error LIKE 'resent after a crash%' AS resent`,
      [deliveryIds, CLAIMABLE, abandonedCommitSeconds(this.config.SMTP_SOCKET_TIMEOUT_MS)],
    );
    for (const row of claimed[0].filter((row) => row.resent)) {
      this.logger.warn({ deliveryId: row.id, msg: 'email outcome unknown after a crash; resending the same message' });
    }
    return claimed[0];
  }

  private async itemsOf(digestIds: readonly string[]): Promise<Map<string, DigestItemEntity[]>> {
    const byDigest = new Map<string, DigestItemEntity[]>();
    if (digestIds.length === 0) return byDigest;
    const items = await this.dataSource
      .getRepository(DigestItemEntity)
      .find({ where: { digestId: In([...new Set(digestIds)]) }, order: { digestId: 'ASC', position: 'ASC' } });
    for (const item of items) {
      const list = byDigest.get(item.digestId) ?? [];
      list.push(item);
      byDigest.set(item.digestId, list);
    }
    return byDigest;
  }

  private async sendEmail(row: ClaimedEmail, items: DigestItemEntity[]): Promise<JobOutcome> {
    const digest = this.dataSource.getRepository(DigestEntity).create({
      id: row.digest_id,
      userId: row.user_id,
      period: row.period,
      version: row.version,
      language: row.language,
      windowStart: new Date(row.window_start),
      windowEnd: new Date(row.window_end),
      itemCount: row.item_count,
      requestedById: row.requested_by_id,
      createdAt: new Date(row.created_at),
    });
    const user = { id: row.user_id, email: row.email, displayName: row.display_name } as UserEntity;
    const mail = this.composeEmail(digest, items, user);
    try {
      // COMMITTING is written before the end-of-data dot: a crash from here to SENT leaves the outcome unknown and
      // the row is later resent as the same message (see the class comment).
      await this.mailer.send(mail, async () => {
        const committed = await this.dataSource.query<[unknown[], number]>(
          `UPDATE digest_deliveries SET status = 'COMMITTING', updated_at = now() WHERE id = $1 AND status = 'SENDING' AND attempts = $2`,
          [row.id, row.attempts],
        );
        return committed[1] === 1;
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // No answer to the end of data is as ambiguous as a crash there: the retry sends the same message again.
      return this.failAttempt({ id: row.id, channel: DigestChannel.EMAIL, userId: row.user_id }, row.attempts, message);
    }
    await this.finishFrom(row.id, DeliveryStatus.COMMITTING, DeliveryStatus.SENT, null);
    return 'done';
  }

  private async deliverWebhook(delivery: DigestDeliveryEntity): Promise<JobOutcome> {
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
    return this.failAttempt(delivery, claimed, result.error ?? 'failed');
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
   * A failed attempt (number `attempt`, as claimed on the row): RETRYING and DeliveryAttemptError (retried with
   * backoff), or, when it was the last of DELIVERY_ATTEMPTS, DEAD and UnrecoverableError (no more retries; the job
   * sits in the failed list of the dashboard). A dead webhook delivery counts toward disabling the subscription.
   * Only the attempt that holds the row writes it: a stale attempt leaves a newer one alone.
   */
  private async failAttempt(
    delivery: Pick<DigestDeliveryEntity, 'id' | 'channel' | 'userId'>,
    attempt: number,
    error: string,
  ): Promise<never> {
    const last = attempt >= this.config.DELIVERY_ATTEMPTS;
    const status = last ? DeliveryStatus.DEAD : DeliveryStatus.RETRYING;
    // Counted before the row turns DEAD, so whoever sees DEAD also sees the subscription's state.
    if (last && delivery.channel === DigestChannel.WEBHOOK) {
      const subscription = await this.webhooks.forUser(delivery.userId);
      if (subscription) await this.webhooks.recordDeadLetter(subscription.id, error);
    }
    await this.dataSource.query(
      `UPDATE digest_deliveries SET status = $2, last_error = $3, updated_at = now()
       WHERE id = $1 AND status IN ('SENDING', 'COMMITTING') AND attempts = $4`,
      [delivery.id, status, error.slice(0, 1000), attempt],
    );
    const message = `${delivery.channel} delivery ${delivery.id} failed (attempt ${attempt}, ${last ? 'dead-lettered' : 'will retry'}): ${error}`;
    throw last ? new UnrecoverableError(message) : new DeliveryAttemptError(message, delivery.id);
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

  /**
   * The recipient's next digest as it would read if built now (the same renderer and links as the email), with
   * the slot it is due in. Builds and sends nothing.
   */
  async preview(actor: Actor): Promise<DigestPreview> {
    const found = await this.builder.previewItems(actor.userId);
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: actor.userId });
    if (!found || !user) throw notFound('User', actor.userId);
    const { settings, items } = found;
    const now = this.clock.now();
    const due = nextDueSlot(settings, now);
    const period = periodOf(localTime(due ?? now, settings.timeZone), settings.frequency);
    const rendered = renderDigestEmail({
      language: settings.language,
      recipientName: user.displayName,
      period,
      items: items.map((item) => ({
        matchId: item.id,
        demandId: item.demand_id,
        targetId: item.target_id,
        targetType: item.target_type,
        demandTitle: item.demand_title,
        demandKind: item.demand_kind,
        targetTitle: item.target_title,
        score: item.score,
        reason: item.reason,
        explanation: item.explanation,
      })),
      publicUrl: this.config.PUBLIC_URL,
      ...this.links(user.id),
    });
    return {
      period,
      nextSendAt: due,
      language: settings.language,
      channels: settings.enabled ? settings.channels : [],
      itemCount: items.length,
      ...rendered,
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
        demandKind: item.demandKind,
        targetTitle: item.targetTitle,
        score: item.score,
        reason: item.reason,
        why: explanationLines(item.explanation, digest.language),
        link: matchLink(this.config.PUBLIC_URL, item),
      })),
    };
  }
}
