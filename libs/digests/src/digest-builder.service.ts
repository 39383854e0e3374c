import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, badInput, Clock, forbidden, JobName, JobOutcome, JobQueue, notFound } from '@app/core';
import { Actor, Role } from '@app/identity';
import type { MatchExplanation } from '@app/matching';
import { WebhookSubscriptionEntity } from '@app/notifications';
import { DataSource, EntityManager, In } from 'typeorm';
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
const DAY_MS = 86_400_000;

interface CandidateRow {
  id: string;
  demand_id: string;
  target_type: string;
  target_id: string;
  score: number;
  explanation: MatchExplanation;
  demand_title: string;
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

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Plans hour slots and builds digests. A digest is a batch per (recipient, period) behind a unique key: built
 * once in one transaction with its items and its delivery rows, then one delivery job per channel.
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

  /** Fans out one build job per due recipient, with a job id per (recipient, period): planning twice adds nothing. */
  async plan(slot: Date): Promise<number> {
    let after: string | null = null;
    let total = 0;
    for (;;) {
      const due = await this.dueRecipients(slot, after);
      if (due.length === 0) break;
      await this.jobs.enqueueBulk(
        JobName.BuildDigest,
        due.map(({ userId, period }) => ({
          data: { userId, period, slot: slot.toISOString() },
          options: { jobId: buildJobId(userId, period) },
        })),
      );
      total += due.length;
      after = due[due.length - 1].userId;
    }
    this.logger.log(`Digest slot ${slot.toISOString()}: ${total} recipients due`);
    return total;
  }

  /** The scheduled build of version 1 ('skipped' when turned off, when the frequency changed, or nothing is new). */
  async buildScheduled(userId: string, period: string, slot: Date): Promise<JobOutcome> {
    const existing = await this.dataSource.getRepository(DigestEntity).findOneBy({ userId, period, version: 1 });
    if (existing) {
      // Built before (the scheduler fired twice, or the job retried after the commit): only make sure deliveries run.
      await this.enqueueDeliveries(existing.id);
      return 'done';
    }
    const settings = await this.preferences.settingsFor(userId);
    if (!settings || !settings.enabled) return 'skipped';
    const monthly = /^\d{4}-\d{2}$/.test(period);
    if (monthly !== (settings.frequency === DigestFrequency.MONTHLY)) return 'skipped';
    const digest = await this.build(settings, { userId, period, windowEnd: slot, version: 1 });
    return digest ? 'done' : 'skipped';
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
    const digest = await this.build(
      settings,
      {
        userId,
        period,
        windowEnd: latest?.windowEnd ?? this.clock.now(),
        version: (latest?.version ?? 0) + 1,
        requestedById: actor.userId,
        force: true,
      },
      latest?.windowStart,
    );
    return digest!;
  }

  private async build(
    settings: DigestSettings,
    request: BuildRequest,
    windowStartOverride?: Date,
  ): Promise<DigestEntity | null> {
    const windowStart =
      windowStartOverride ?? (await this.windowStart(request.userId, request.windowEnd, settings.frequency));
    const items = await this.selectItems(request.userId, settings, windowStart, request.windowEnd);
    if (items.length === 0 && this.config.DIGEST_SKIP_EMPTY && !request.force) return null;

    const created = await this.dataSource.transaction(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(DigestEntity)
        .values({
          userId: request.userId,
          period: request.period,
          version: request.version,
          windowStart,
          windowEnd: request.windowEnd,
          language: settings.language,
          itemCount: items.length,
          requestedById: request.requestedById ?? null,
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      const digestId = (inserted.raw as Array<{ id: string }>)[0]?.id;
      if (!digestId) return null; // a concurrent build won: its transaction holds items and deliveries
      if (items.length > 0) {
        await manager.insert(
          DigestItemEntity,
          items.map((item, index) => ({
            digestId,
            position: index + 1,
            matchId: item.id,
            demandId: item.demand_id,
            targetType: item.target_type,
            targetId: item.target_id,
            score: item.score,
            demandTitle: item.demand_title,
            targetTitle: item.target_title,
            reason: item.reason,
            explanation: item.explanation,
          })),
        );
      }
      const channels = await this.channelsFor(manager, request.userId, settings.channels);
      let deliveryIds: string[] = [];
      if (channels.length > 0) {
        const deliveries = await manager
          .createQueryBuilder()
          .insert()
          .into(DigestDeliveryEntity)
          .values(channels.map((channel) => ({ digestId, userId: request.userId, channel })))
          .orIgnore()
          .returning(['id'])
          .execute();
        deliveryIds = (deliveries.raw as Array<{ id: string }>).map((row) => row.id);
      }
      return { digestId, deliveryIds };
    });

    if (!created) {
      // A concurrent build won: its transaction holds items and deliveries; make sure they run.
      const digest = await this.dataSource
        .getRepository(DigestEntity)
        .findOneByOrFail({ userId: request.userId, period: request.period, version: request.version });
      await this.enqueueDeliveries(digest.id);
      return digest;
    }
    await this.enqueueDeliveryJobs(created.deliveryIds);
    return this.dataSource.getRepository(DigestEntity).create({
      id: created.digestId,
      userId: request.userId,
      period: request.period,
      version: request.version,
      windowStart,
      windowEnd: request.windowEnd,
      language: settings.language,
      itemCount: items.length,
      requestedById: request.requestedById ?? null,
      createdAt: this.clock.now(),
    });
  }

  /** One job per delivery that is not final, id = delivery id: enqueuing again while it exists adds nothing. */
  async enqueueDeliveries(digestId: string): Promise<void> {
    const deliveries = await this.dataSource
      .getRepository(DigestDeliveryEntity)
      .find({ select: { id: true, status: true }, where: { digestId } });
    const open = deliveries.filter((delivery) => !FINAL_DELIVERY_STATUSES.includes(delivery.status));
    await this.enqueueDeliveryJobs(open.map((delivery) => delivery.id));
  }

  private async enqueueDeliveryJobs(deliveryIds: string[]): Promise<void> {
    await this.jobs.enqueueBulk(
      JobName.DeliverDigest,
      deliveryIds.map((deliveryId) => ({
        data: { deliveryId },
        options: {
          jobId: deliverJobId(deliveryId),
          attempts: this.config.DELIVERY_ATTEMPTS,
          backoff: { type: 'exponential', delay: this.config.DELIVERY_BACKOFF_MS },
        },
      })),
    );
  }

  /** The webhook channel only counts while the user has an enabled subscription. */
  private async channelsFor(
    manager: EntityManager,
    userId: string,
    channels: DigestChannel[],
  ): Promise<DigestChannel[]> {
    if (!channels.includes(DigestChannel.WEBHOOK)) return channels;
    const webhook = await manager.getRepository(WebhookSubscriptionEntity).existsBy({ userId, enabled: true });
    return webhook ? channels : channels.filter((channel) => channel !== DigestChannel.WEBHOOK);
  }

  /** New since the last digest: its window end, or one period back for a first digest. */
  private async windowStart(userId: string, windowEnd: Date, frequency: DigestFrequency): Promise<Date> {
    const rows: Array<{ end: Date | null }> = await this.dataSource.query(
      'SELECT max(window_end) AS end FROM digests WHERE user_id = $1 AND window_end < $2',
      [userId, windowEnd.toISOString()],
    );
    const days = frequency === DigestFrequency.MONTHLY ? 31 : 7;
    return rows[0]?.end ? new Date(rows[0].end) : new Date(windowEnd.getTime() - days * DAY_MS);
  }

  /**
   * The recipient's new matches, best first, top N. Who gets which matches follows MatchesService's visibility
   * rules, in SQL for one recipient: members of the demand's organisation; the achievement's owner,
   * representative and inventors and its institution's TTO officers; the expert and their institution's TTO
   * officers; brokers, matches whose demand is in one of their topic industries (unclaimed ones). Topics, when
   * given, narrow the list: an industry (of the demand or the achievement) and any keyword in a title.
   */
  private async selectItems(
    userId: string,
    settings: DigestSettings,
    windowStart: Date,
    windowEnd: Date,
  ): Promise<CandidateRow[]> {
    const memberships: Array<{ organisation_id: string; role: Role }> = await this.dataSource.query(
      'SELECT organisation_id, role FROM memberships WHERE user_id = $1',
      [userId],
    );
    const organisations = [...new Set(memberships.map((m) => m.organisation_id))];
    const ttoOrganisations = memberships.filter((m) => m.role === Role.TTO_OFFICER).map((m) => m.organisation_id);
    const isBroker = memberships.some((m) => m.role === Role.BROKER) && settings.topicIndustries.length > 0;
    const limit = this.config.DIGEST_MAX_ITEMS;
    const keywords = settings.topicKeywords.map((keyword) => `%${escapeLike(keyword)}%`);

    // Candidates are found from the recipient's own objects through indexes (never a scan of all matches):
    // their organisations' demands, achievements they own, represent, invented or their TTO handles, expert
    // profiles (theirs or their TTO's), and for brokers the demands of their industries.
    const rows: CandidateRow[] = await this.dataSource.query(
      `WITH my_achievements AS (
         SELECT id FROM achievements WHERE owner_id = $1
         UNION SELECT id FROM achievements WHERE institution_id = ANY($5::uuid[])
         -- representative_id has no index yet (achievements lib): a small scan until it gets one.
         UNION SELECT id FROM achievements WHERE representative_id = $1
         UNION SELECT achievement_id FROM achievement_inventors WHERE user_id = $1
       ), my_experts AS (
         SELECT id FROM experts WHERE user_id = $1
         UNION SELECT id FROM experts WHERE organisation_id = ANY($5::uuid[])
       ), candidates AS (
         SELECT m.id, 'OWN_DEMAND' AS reason, 1 AS rank FROM matches m
           WHERE m.demand_id IN (SELECT id FROM demands WHERE organisation_id = ANY($4::uuid[]))
         UNION ALL SELECT m.id, 'OWN_TARGET', 2 FROM matches m
           WHERE m.target_type = 'ACHIEVEMENT' AND m.target_id IN (SELECT id FROM my_achievements)
         UNION ALL SELECT m.id, 'OWN_TARGET', 2 FROM matches m
           WHERE m.target_type = 'EXPERT' AND m.target_id IN (SELECT id FROM my_experts)
         UNION ALL SELECT m.id, 'BROKER_INDUSTRY', 3 FROM matches m
           WHERE $6::boolean AND m.demand_id IN (SELECT id FROM demands WHERE industry_code = ANY($7::text[]))
       ), reasons AS (
         SELECT DISTINCT ON (id) id, reason FROM candidates ORDER BY id, rank
       )
       SELECT m.id, m.demand_id, m.target_type, m.target_id, m.score, m.explanation,
              d.title AS demand_title, COALESCE(a.title, e.name) AS target_title, r.reason
       FROM reasons r
       JOIN matches m ON m.id = r.id
       JOIN demands d ON d.id = m.demand_id
       LEFT JOIN achievements a ON m.target_type = 'ACHIEVEMENT' AND a.id = m.target_id
       LEFT JOIN experts e ON m.target_type = 'EXPERT' AND e.id = m.target_id
       WHERE m.created_at > $2 AND m.created_at <= $3
         AND m.status NOT IN ('DECLINED', 'DISMISSED')
         AND (cardinality($7::text[]) = 0 OR d.industry_code = ANY($7::text[]) OR a.industry_code = ANY($7::text[]))
         AND (cardinality($8::text[]) = 0 OR EXISTS (
               SELECT 1 FROM unnest($8::text[]) k WHERE d.title ILIKE k OR COALESCE(a.title, e.name) ILIKE k))
       ORDER BY m.score DESC, m.id
       LIMIT $9`,
      [
        userId,
        windowStart.toISOString(),
        windowEnd.toISOString(),
        organisations,
        ttoOrganisations,
        isBroker,
        settings.topicIndustries,
        keywords,
        // Brokers' unclaimed filter runs after the query: fetch spare rows for it.
        isBroker ? limit * 3 : limit,
      ],
    );
    if (!isBroker) return rows;
    const brokerOnly = rows.filter((row) => row.reason === 'BROKER_INDUSTRY').map((row) => row.id);
    const unclaimed = brokerOnly.length > 0 ? await this.brokerage.unclaimed(brokerOnly) : new Set<string>();
    return rows.filter((row) => row.reason !== 'BROKER_INDUSTRY' || unclaimed.has(row.id)).slice(0, limit);
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

export const buildJobId = (userId: string, period: string) => `digest.${userId}.${period}`;
export const deliverJobId = (deliveryId: string) => `deliver.${deliveryId}`;
