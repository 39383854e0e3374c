import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, badInput, Clock, forbidden, JobName, JobOutcome, JobQueue, notFound } from '@app/core';
import { Actor, Role } from '@app/identity';
import type { MatchExplanation } from '@app/matching';
import { DataSource, In } from 'typeorm';
import { BrokerDigestSource } from './broker-digest-source';
import { DigestDeliveryEntity, DigestEntity, DigestItemEntity } from './digest.entity';
import { DigestPreferencesService } from './digest-preferences.service';
import {
  DEFAULT_DAY_OF_WEEK,
  DEFAULT_HOUR,
  DEFAULT_TIME_ZONE,
  DigestSettings,
  PERIOD_PATTERN,
} from './domain/digest-defaults';
import { DigestChannel, DigestFrequency, FINAL_DELIVERY_STATUSES } from './domain/digest-enums';

/** Users read per planner query; build jobs are enqueued per page, so memory stays flat whatever the user count. */
export const PLAN_PAGE = 1_000;
/**
 * Recipients per build job: a batch is built with a handful of set-based queries instead of ~10 round trips per
 * recipient. Uniqueness and idempotency stay per recipient (the digests' unique key), not per batch.
 */
export const BUILD_BATCH = 100;
/** Delivery rows per delivery job (a build batch's deliveries: 100 recipients × their channels). */
export const DELIVERY_BATCH = 300;
const DAY_MS = 86_400_000;

export interface CandidateRow {
  id: string;
  demand_id: string;
  target_type: string;
  target_id: string;
  score: number;
  explanation: MatchExplanation;
  demand_title: string;
  /** TECHNICAL_PROBLEM or APPLICATION_SCENARIO. */
  demand_kind: string;
  target_title: string;
  reason: string;
}

export interface BuildRequest {
  userId: string;
  period: string;
  windowEnd: Date;
  /** Scheduler: 1, never rebuilt. Admin re-run: the next version. */
  version: number;
  requestedById?: string | null;
  /** Admin re-runs build even when nothing is new. */
  force?: boolean;
}

/** One digest to build: who, which version and window, with the recipient's settings read for it. */
interface PlannedBuild {
  settings: DigestSettings;
  request: BuildRequest;
  windowStart: Date;
}

export interface DueRecipient {
  userId: string;
  period: string;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Plans hour slots and builds digests. A digest is a batch per (recipient, period) behind a unique key: built
 * once in one statement with its items and its delivery rows, then delivered per channel. Jobs carry batches of
 * recipients (and of delivery rows) for throughput; every guarantee stays per recipient and per delivery row.
 */
@Injectable()
export class DigestBuilderService {
  private readonly logger = new Logger(DigestBuilderService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly jobs: JobQueue,
    private readonly preferences: DigestPreferencesService,
    private readonly brokerage: BrokerDigestSource,
  ) {}

  /**
   * Due recipients of one hour slot, a page at a time in user id order: the local weekday and hour of `slot` in
   * each recipient's time zone are computed in SQL (users without preferences get the defaults), so the planner
   * never holds more than one page.
   */
  async dueRecipients(
    slot: Date,
    afterUserId: string | null,
    limit = PLAN_PAGE,
  ): Promise<Array<{ userId: string; period: string }>> {
    const rows: Array<{ user_id: string; period: string }> = await this.dataSource.query(
      `SELECT u.id AS user_id,
              CASE WHEN p.frequency = 'MONTHLY' THEN to_char(l.local, 'YYYY-MM') ELSE to_char(l.local, 'IYYY-"W"IW') END AS period
       FROM users u
       LEFT JOIN digest_preferences p ON p.user_id = u.id
       CROSS JOIN LATERAL (SELECT ($1::timestamptz AT TIME ZONE COALESCE(p.time_zone, $4)) AS local) l
       WHERE ($2::uuid IS NULL OR u.id > $2::uuid)
         AND COALESCE(p.enabled, true)
         AND extract(isodow FROM l.local) = COALESCE(p.day_of_week, $5)
         AND extract(hour FROM l.local) = COALESCE(p.hour, $6)
         AND (p.frequency IS DISTINCT FROM 'MONTHLY' OR extract(day FROM l.local) <= 7)
       ORDER BY u.id
       LIMIT $3`,
      [slot.toISOString(), afterUserId, limit, DEFAULT_TIME_ZONE, DEFAULT_DAY_OF_WEEK, DEFAULT_HOUR],
    );
    return rows.map((row) => ({ userId: row.user_id, period: row.period }));
  }

  /**
   * Fans out build jobs of up to BUILD_BATCH due recipients, one page at a time. The job id is derived from the
   * batch's (recipient, period) pairs, so planning the same slot twice adds nothing while the jobs are kept; and
   * a build that runs twice anyway changes nothing (the unique key per recipient and period).
   */
  async plan(slot: Date): Promise<number> {
    let after: string | null = null;
    let total = 0;
    for (;;) {
      const due = await this.dueRecipients(slot, after);
      if (due.length === 0) break;
      const batches: DueRecipient[][] = [];
      for (let from = 0; from < due.length; from += BUILD_BATCH) batches.push(due.slice(from, from + BUILD_BATCH));
      await this.jobs.enqueueBulk(
        JobName.BuildDigestBatch,
        batches.map((recipients) => ({
          data: { slot: slot.toISOString(), recipients },
          options: { jobId: buildBatchJobId(recipients) },
        })),
      );
      total += due.length;
      after = due[due.length - 1].userId;
    }
    this.logger.log(`Digest slot ${slot.toISOString()}: ${total} recipients due`);
    return total;
  }

  /** The scheduled build of version 1 for one recipient (see buildScheduledBatch). */
  async buildScheduled(userId: string, period: string, slot: Date): Promise<JobOutcome> {
    const outcomes = await this.buildScheduledBatch([{ userId, period }], slot);
    return outcomes.get(userId) ?? 'skipped';
  }

  /**
   * The scheduled builds (version 1) of a batch of recipients, each 'skipped' when turned off, when the
   * frequency changed, or nothing is new. A recipient built before (the scheduler fired twice, or the job ran
   * again after the commit) is not rebuilt: only their open deliveries are enqueued again.
   */
  async buildScheduledBatch(recipients: readonly DueRecipient[], slot: Date): Promise<Map<string, JobOutcome>> {
    const outcomes = new Map<string, JobOutcome>();
    const wanted = new Set(recipients.map((r) => `${r.userId}/${r.period}`));
    const existing = (
      await this.dataSource.query<Array<{ id: string; user_id: string; period: string }>>(
        `SELECT id, user_id, period FROM digests
         WHERE user_id = ANY($1::uuid[]) AND period = ANY($2::text[]) AND version = 1`,
        [recipients.map((r) => r.userId), [...new Set(recipients.map((r) => r.period))]],
      )
    ).filter((row) => wanted.has(`${row.user_id}/${row.period}`));
    for (const row of existing) outcomes.set(row.user_id, 'done');
    const pending = recipients.filter((recipient) => !outcomes.has(recipient.userId));

    const settings = await this.preferences.settingsForUsers(pending.map((r) => r.userId));
    const previousEnds = await this.previousWindowEnds(
      pending.map((r) => r.userId),
      slot,
    );
    const builds: PlannedBuild[] = [];
    for (const { userId, period } of pending) {
      const mine = settings.get(userId);
      const monthly = /^\d{4}-\d{2}$/.test(period);
      if (!mine || !mine.enabled || monthly !== (mine.frequency === DigestFrequency.MONTHLY)) {
        outcomes.set(userId, 'skipped');
        continue;
      }
      const days = mine.frequency === DigestFrequency.MONTHLY ? 31 : 7;
      builds.push({
        settings: mine,
        request: { userId, period, windowEnd: slot, version: 1 },
        windowStart: previousEnds.get(userId) ?? new Date(slot.getTime() - days * DAY_MS),
      });
    }
    const { built, lost } = await this.buildMany(builds);
    for (const build of builds) {
      const userId = build.request.userId;
      outcomes.set(userId, built.has(userId) || lost.has(userId) ? 'done' : 'skipped');
    }
    await this.enqueueOpenDeliveries(existing.map((row) => row.id));
    return outcomes;
  }

  /**
   * An administrator re-runs a period for one recipient: a NEW digest version over the same window (or up to now
   * when the period had none), with fresh deliveries on the recipient's channels. The scheduled version and its
   * deliveries stay as they were, so the re-run is explicit and auditable, never a silent resend.
   */
  async rerun(actor: Actor, userId: string, period: string): Promise<DigestEntity> {
    if (!actor.isAdmin) throw forbidden('Only administrators re-run digests');
    if (!PERIOD_PATTERN.test(period)) throw badInput('Period must look like 2026-W19 or 2026-05', { field: 'period' });
    const settings = await this.preferences.settingsFor(userId);
    if (!settings) throw notFound('User', userId);
    const latest = await this.dataSource
      .getRepository(DigestEntity)
      .findOne({ where: { userId, period }, order: { version: 'DESC' } });
    const windowEnd = latest?.windowEnd ?? this.clock.now();
    const request: BuildRequest = {
      userId,
      period,
      windowEnd,
      version: (latest?.version ?? 0) + 1,
      requestedById: actor.userId,
      force: true,
    };
    const windowStart =
      latest?.windowStart ??
      (await this.previousWindowEnds([userId], windowEnd)).get(userId) ??
      defaultStart(windowEnd, settings.frequency);
    const { built } = await this.buildMany([{ settings, request, windowStart }]);
    // Null: a concurrent re-run inserted this version first; its statement holds items and deliveries.
    return (
      built.get(userId) ??
      this.dataSource.getRepository(DigestEntity).findOneByOrFail({ userId, period, version: request.version })
    );
  }

  /**
   * What the recipient's next digest would hold if it were built now: their new matches since their last digest
   * (or the default window), with the same selection as the scheduled build. Reads only; builds nothing.
   */
  async previewItems(userId: string): Promise<{ settings: DigestSettings; items: CandidateRow[] } | null> {
    const settings = await this.preferences.settingsFor(userId);
    if (!settings) return null;
    const now = this.clock.now();
    const windowStart =
      (await this.previousWindowEnds([userId], now)).get(userId) ?? defaultStart(now, settings.frequency);
    const request: BuildRequest = { userId, period: 'preview', windowEnd: now, version: 0 };
    const items = await this.selectItemsForMany([{ settings, request, windowStart }]);
    return { settings, items: items.get(userId) ?? [] };
  }

  /**
   * Builds digests in one statement: digests (ON CONFLICT DO NOTHING on the unique key), their items and one
   * delivery row per channel, all or nothing; then one delivery job per DELIVERY_BATCH rows. `lost`: recipients
   * whose digest a concurrent build inserted first (its statement holds items and deliveries; their open
   * deliveries are enqueued again).
   */
  private async buildMany(
    builds: readonly PlannedBuild[],
  ): Promise<{ built: Map<string, DigestEntity>; lost: Set<string> }> {
    const built = new Map<string, DigestEntity>();
    const lost = new Set<string>();
    if (builds.length === 0) return { built, lost };
    const items = await this.selectItemsForMany(builds);
    const toInsert = builds.filter(
      (build) =>
        (items.get(build.request.userId)?.length ?? 0) > 0 || !this.config.DIGEST_SKIP_EMPTY || build.request.force,
    );
    if (toInsert.length === 0) return { built, lost };
    const channels = await this.channelsForMany(toInsert);

    const rows: Array<{ id: string; user_id: string; created_at: Date; delivery_ids: string[] }> =
      await this.dataSource.query(
        `WITH new_digests AS (
           INSERT INTO digests (user_id, period, version, window_start, window_end, language, item_count, requested_by_id)
           SELECT user_id, period, version, window_start, window_end, language, item_count, requested_by_id
           FROM jsonb_to_recordset($1::jsonb) AS x(user_id uuid, period text, version int, window_start timestamptz,
                window_end timestamptz, language digest_language, item_count int, requested_by_id uuid)
           ON CONFLICT (user_id, period, version) DO NOTHING
           RETURNING id, user_id, created_at
         ), new_items AS (
           INSERT INTO digest_items (digest_id, position, match_id, demand_id, target_type, target_id, score,
                                     demand_title, demand_kind, target_title, reason, explanation)
           SELECT d.id, i.position, i.match_id, i.demand_id, i.target_type, i.target_id, i.score, i.demand_title,
                  i.demand_kind, i.target_title, i.reason, i.explanation
           FROM new_digests d
           JOIN jsonb_to_recordset($2::jsonb) AS i(user_id uuid, position smallint, match_id uuid, demand_id uuid,
                target_type text, target_id uuid, score double precision, demand_title text, demand_kind text, target_title text,
                reason text, explanation jsonb) ON i.user_id = d.user_id
         ), new_deliveries AS (
           INSERT INTO digest_deliveries (digest_id, user_id, channel)
           SELECT d.id, d.user_id, c.channel
           FROM new_digests d JOIN jsonb_to_recordset($3::jsonb) AS c(user_id uuid, channel digest_channel) ON c.user_id = d.user_id
           ON CONFLICT (digest_id, channel) DO NOTHING
           RETURNING id, digest_id
         )
         SELECT d.id, d.user_id, d.created_at,
                COALESCE((SELECT array_agg(n.id) FROM new_deliveries n WHERE n.digest_id = d.id), '{}') AS delivery_ids
         FROM new_digests d`,
        [
          JSON.stringify(
            toInsert.map(({ settings, request, windowStart }) => ({
              user_id: request.userId,
              period: request.period,
              version: request.version,
              window_start: windowStart.toISOString(),
              window_end: request.windowEnd.toISOString(),
              language: settings.language,
              item_count: items.get(request.userId)?.length ?? 0,
              requested_by_id: request.requestedById ?? null,
            })),
          ),
          JSON.stringify(
            toInsert.flatMap(({ request }) =>
              (items.get(request.userId) ?? []).map((item, index) => ({
                user_id: request.userId,
                position: index + 1,
                match_id: item.id,
                demand_id: item.demand_id,
                target_type: item.target_type,
                target_id: item.target_id,
                score: item.score,
                demand_title: item.demand_title,
                demand_kind: item.demand_kind,
                target_title: item.target_title,
                reason: item.reason,
                explanation: item.explanation,
              })),
            ),
          ),
          JSON.stringify(
            toInsert.flatMap(({ request }) =>
              (channels.get(request.userId) ?? []).map((channel) => ({ user_id: request.userId, channel })),
            ),
          ),
        ],
      );

    const byUser = new Map(toInsert.map((build) => [build.request.userId, build]));
    for (const row of rows) {
      const { settings, request, windowStart } = byUser.get(row.user_id)!;
      built.set(
        row.user_id,
        this.dataSource.getRepository(DigestEntity).create({
          id: row.id,
          userId: request.userId,
          period: request.period,
          version: request.version,
          windowStart,
          windowEnd: request.windowEnd,
          language: settings.language,
          itemCount: items.get(request.userId)?.length ?? 0,
          requestedById: request.requestedById ?? null,
          createdAt: new Date(row.created_at),
        }),
      );
    }
    for (const build of toInsert) if (!built.has(build.request.userId)) lost.add(build.request.userId);

    await this.enqueueDeliveryBatches(rows.flatMap((row) => row.delivery_ids));
    if (lost.size > 0) {
      const winners: Array<{ id: string }> = await this.dataSource.query(
        `SELECT d.id FROM digests d
         JOIN unnest($1::uuid[], $2::text[], $3::int[]) AS r(user_id, period, version)
           ON d.user_id = r.user_id AND d.period = r.period AND d.version = r.version`,
        [
          [...lost],
          [...lost].map((userId) => byUser.get(userId)!.request.period),
          [...lost].map((userId) => byUser.get(userId)!.request.version),
        ],
      );
      await this.enqueueOpenDeliveries(winners.map((row) => row.id));
    }
    return { built, lost };
  }

  /** The open (not final) deliveries of these digests, enqueued again; their rows decide whether anything is sent. */
  async enqueueOpenDeliveries(digestIds: readonly string[]): Promise<void> {
    if (digestIds.length === 0) return;
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM digest_deliveries WHERE digest_id = ANY($1::uuid[]) AND status <> ALL($2::digest_delivery_status[])`,
      [digestIds, FINAL_DELIVERY_STATUSES],
    );
    await this.enqueueDeliveryBatches(rows.map((row) => row.id));
  }

  /** Delivery jobs of up to DELIVERY_BATCH rows, id derived from the (sorted) rows: the same batch is added once. */
  private async enqueueDeliveryBatches(deliveryIds: readonly string[]): Promise<void> {
    const sorted = [...deliveryIds].sort();
    const batches: string[][] = [];
    for (let from = 0; from < sorted.length; from += DELIVERY_BATCH)
      batches.push(sorted.slice(from, from + DELIVERY_BATCH));
    await this.jobs.enqueueBulk(
      JobName.DeliverDigestBatch,
      batches.map((batch) => ({ data: { deliveryIds: batch }, options: { jobId: deliverBatchJobId(batch) } })),
    );
  }

  /** Channels per recipient; the webhook channel only counts while the user has an enabled subscription. */
  private async channelsForMany(builds: readonly PlannedBuild[]): Promise<Map<string, DigestChannel[]>> {
    const wantWebhook = builds
      .filter((build) => build.settings.channels.includes(DigestChannel.WEBHOOK))
      .map((build) => build.request.userId);
    const withWebhook = new Set<string>();
    if (wantWebhook.length > 0) {
      const rows: Array<{ user_id: string }> = await this.dataSource.query(
        'SELECT user_id FROM webhook_subscriptions WHERE user_id = ANY($1::uuid[]) AND enabled',
        [wantWebhook],
      );
      for (const row of rows) withWebhook.add(row.user_id);
    }
    return new Map(
      builds.map(({ settings, request }) => [
        request.userId,
        settings.channels.filter((channel) => channel !== DigestChannel.WEBHOOK || withWebhook.has(request.userId)),
      ]),
    );
  }

  /** New since the last digest: the end of each recipient's latest window before `windowEnd` (none: first digest). */
  private async previousWindowEnds(userIds: readonly string[], windowEnd: Date): Promise<Map<string, Date>> {
    if (userIds.length === 0) return new Map();
    const rows: Array<{ user_id: string; end: Date }> = await this.dataSource.query(
      `SELECT user_id, max(window_end) AS end FROM digests
       WHERE user_id = ANY($1::uuid[]) AND window_end < $2 GROUP BY user_id`,
      [userIds, windowEnd.toISOString()],
    );
    return new Map(rows.map((row) => [row.user_id, new Date(row.end)]));
  }

  /**
   * Each recipient's new matches, best first, top N, for a whole batch in one query (a LATERAL per recipient).
   * Who gets which matches follows MatchesService's visibility rules: members of the demand's organisation; the
   * achievement's owner, representative and inventors and its institution's TTO officers; the expert and their
   * institution's TTO officers; brokers, matches whose demand is in one of their topic industries (unclaimed
   * ones). Topics, when given, narrow the list: an industry (of the demand or the achievement) and any keyword in
   * a title.
   */
  private async selectItemsForMany(builds: readonly PlannedBuild[]): Promise<Map<string, CandidateRow[]>> {
    const userIds = builds.map((build) => build.request.userId);
    const memberships: Array<{ user_id: string; organisation_id: string; role: Role }> = await this.dataSource.query(
      `SELECT user_id, organisation_id, role FROM memberships WHERE user_id = ANY($1::uuid[]) AND status = 'ACTIVE'`,
      [userIds],
    );
    const limit = this.config.DIGEST_MAX_ITEMS;
    const brokers = new Set<string>();
    const recipients = builds.map(({ settings, request, windowStart }, ord) => {
      const mine = memberships.filter((m) => m.user_id === request.userId);
      const isBroker = mine.some((m) => m.role === Role.BROKER) && settings.topicIndustries.length > 0;
      if (isBroker) brokers.add(request.userId);
      return {
        ord,
        user_id: request.userId,
        window_start: windowStart.toISOString(),
        window_end: request.windowEnd.toISOString(),
        organisations: [...new Set(mine.map((m) => m.organisation_id))],
        tto_organisations: mine.filter((m) => m.role === Role.TTO_OFFICER).map((m) => m.organisation_id),
        is_broker: isBroker,
        industries: settings.topicIndustries,
        keywords: settings.topicKeywords.map((keyword) => `%${escapeLike(keyword)}%`),
        // Brokers' unclaimed filter runs after the query: fetch spare rows for it.
        item_limit: isBroker ? limit * 3 : limit,
      };
    });

    // Candidates are found from each recipient's own objects through indexes (never a scan of all matches):
    // their organisations' demands, achievements they own, represent, invented or their TTO handles, expert
    // profiles (theirs or their TTO's), and for brokers the demands of their industries.
    const rows: Array<CandidateRow & { user_id: string }> = await this.dataSource.query(
      `WITH r AS MATERIALIZED (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(ord int, user_id uuid, window_start timestamptz,
           window_end timestamptz, organisations uuid[], tto_organisations uuid[], is_broker boolean, industries text[],
           keywords text[], item_limit int)
       ), my_demands AS (
         SELECT r.user_id, d.id, 'OWN_DEMAND' AS reason, 1 AS rank FROM r JOIN demands d ON d.organisation_id = ANY(r.organisations)
         UNION ALL SELECT r.user_id, d.id, 'BROKER_INDUSTRY', 3 FROM r
           JOIN demands d ON r.is_broker AND d.industry_code = ANY(r.industries)
       ), my_targets AS (
         SELECT r.user_id, 'ACHIEVEMENT'::match_target_type AS target_type, a.id FROM r JOIN achievements a ON a.owner_id = r.user_id
         UNION SELECT r.user_id, 'ACHIEVEMENT', a.id FROM r JOIN achievements a ON a.institution_id = ANY(r.tto_organisations)
         UNION SELECT r.user_id, 'ACHIEVEMENT', a.id FROM r JOIN achievements a ON a.representative_id = r.user_id
         UNION SELECT r.user_id, 'ACHIEVEMENT', i.achievement_id FROM r JOIN achievement_inventors i ON i.user_id = r.user_id
         UNION SELECT r.user_id, 'EXPERT', e.id FROM r JOIN experts e ON e.user_id = r.user_id
         UNION SELECT r.user_id, 'EXPERT', e.id FROM r JOIN experts e ON e.organisation_id = ANY(r.tto_organisations)
       ), candidates AS (
         SELECT o.user_id, m.id, o.reason, o.rank FROM my_demands o JOIN matches m ON m.demand_id = o.id
         UNION ALL SELECT o.user_id, m.id, 'OWN_TARGET', 2 FROM my_targets o
           JOIN matches m ON m.target_type = o.target_type AND m.target_id = o.id
       ), reasons AS (
         SELECT DISTINCT ON (user_id, id) user_id, id, reason FROM candidates ORDER BY user_id, id, rank
       ), ranked AS (
         SELECT r.ord, r.item_limit, rs.user_id, rs.reason, m.id, m.demand_id, m.target_type, m.target_id, m.score,
                m.explanation, d.title AS demand_title, d.kind::text AS demand_kind, COALESCE(a.title, e.name) AS target_title,
                row_number() OVER (PARTITION BY rs.user_id ORDER BY m.score DESC, m.id) AS n
         FROM reasons rs
         JOIN r ON r.user_id = rs.user_id
         JOIN matches m ON m.id = rs.id
         JOIN demands d ON d.id = m.demand_id
         LEFT JOIN achievements a ON m.target_type = 'ACHIEVEMENT' AND a.id = m.target_id
         LEFT JOIN experts e ON m.target_type = 'EXPERT' AND e.id = m.target_id
         WHERE m.created_at > r.window_start AND m.created_at <= r.window_end
           AND m.status NOT IN ('DECLINED', 'DISMISSED')
           AND (cardinality(r.industries) = 0 OR d.industry_code = ANY(r.industries) OR a.industry_code = ANY(r.industries))
           AND (cardinality(r.keywords) = 0 OR EXISTS (
                 SELECT 1 FROM unnest(r.keywords) k WHERE d.title ILIKE k OR COALESCE(a.title, e.name) ILIKE k))
       )
       SELECT user_id, id, demand_id, target_type, target_id, score, explanation, demand_title, demand_kind, target_title,
              reason
       FROM ranked WHERE n <= item_limit
       ORDER BY ord, score DESC, id`,
      [JSON.stringify(recipients)],
    );
    const byUser = new Map<string, CandidateRow[]>(userIds.map((userId) => [userId, []]));
    for (const { user_id, ...row } of rows) byUser.get(user_id)!.push(row);
    if (brokers.size === 0) return byUser;

    const brokerOnly = [...brokers].flatMap((userId) =>
      byUser
        .get(userId)!
        .filter((row) => row.reason === 'BROKER_INDUSTRY')
        .map((row) => row.id),
    );
    const unclaimed = brokerOnly.length > 0 ? await this.brokerage.unclaimed(brokerOnly) : new Set<string>();
    for (const userId of brokers) {
      byUser.set(
        userId,
        byUser
          .get(userId)!
          .filter((row) => row.reason !== 'BROKER_INDUSTRY' || unclaimed.has(row.id))
          .slice(0, limit),
      );
    }
    return byUser;
  }

  async digestWithItems(digestId: string): Promise<{ digest: DigestEntity; items: DigestItemEntity[] } | null> {
    const digest = await this.dataSource.getRepository(DigestEntity).findOneBy({ id: digestId });
    if (!digest) return null;
    const items = await this.dataSource
      .getRepository(DigestItemEntity)
      .find({ where: { digestId }, order: { position: 'ASC' } });
    return { digest, items };
  }

  async deliveriesOf(digestIds: readonly string[]): Promise<DigestDeliveryEntity[]> {
    return this.dataSource
      .getRepository(DigestDeliveryEntity)
      .find({ where: { digestId: In([...digestIds]) }, order: { channel: 'ASC' } });
  }
}

export const deliverJobId = (deliveryId: string) => `deliver.${deliveryId}`;

/** Deterministic per batch of (recipient, period) pairs: the same planned batch is enqueued once. */
export const buildBatchJobId = (recipients: readonly DueRecipient[]) =>
  `digest-batch.${digestOf(recipients.map((r) => `${r.userId}/${r.period}`))}`;

/** Deterministic per set of delivery rows. */
export const deliverBatchJobId = (deliveryIds: readonly string[]) =>
  `deliver-batch.${digestOf([...deliveryIds].sort())}`;

const digestOf = (parts: readonly string[]) => createHash('sha256').update(parts.join(',')).digest('hex').slice(0, 40);

function defaultStart(windowEnd: Date, frequency: DigestFrequency): Date {
  return new Date(windowEnd.getTime() - (frequency === DigestFrequency.MONTHLY ? 31 : 7) * DAY_MS);
}
