import { Global, Injectable, Logger, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Meilisearch } from 'meilisearch';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { InjectMeili } from '../meilisearch/meilisearch.module';
import { QueueName } from '../queues/job-names';
import { JobQueue } from '../queues/job-queue';

/** Gauges read from PostgreSQL, Redis and Meilisearch are collected on scrape, at most once per this. */
const COLLECT_CACHE_MS = 5_000;
/** Distinct GraphQL operation names kept as label values; later new names count as `other`. */
const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Outbox consumers and the column each one stamps once it handled a row. */
const OUTBOX_CONSUMERS = { search: 'processed_at', matching: 'followed_at' } as const;

/**
 * Prometheus metrics of one process (API or worker), in its own registry. Counters and histograms are observed
 * where things happen; queue, outbox, digest and Meilisearch gauges are read on scrape (cached briefly, each
 * source on its own: one that fails leaves its gauges as they were and counts in `tt_metrics_collect_errors_total`).
 */
@Injectable()
export class MetricsService {
  private readonly logger = new Logger(MetricsService.name);
  readonly registry = new Registry();
  private readonly operationNames = new Set<string>();
  private lastCollect = 0;
  private collecting?: Promise<void>;

  readonly graphqlDuration = new Histogram({
    name: 'tt_graphql_request_duration_seconds',
    help: 'GraphQL operations from request to response, by operation name and outcome (ok, error)',
    labelNames: ['operation', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly httpResponses = new Counter({
    name: 'tt_http_responses_total',
    help: 'HTTP responses by route group and status class (2xx, 3xx, 4xx, 5xx)',
    labelNames: ['route', 'status_class'],
    registers: [this.registry],
  });
  readonly matchingDuration = new Histogram({
    name: 'tt_matching_duration_seconds',
    help: 'Time to compute the matches of one demand',
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly queueJobs = new Gauge({
    name: 'tt_queue_jobs',
    help: 'BullMQ jobs per queue and state (waiting, active, delayed, failed)',
    labelNames: ['queue', 'state'],
    registers: [this.registry],
  });
  private readonly outboxLag = new Gauge({
    name: 'tt_outbox_lag_seconds',
    help: 'Age of the oldest outbox row a consumer (search, matching) has not handled yet (0: none waits)',
    labelNames: ['consumer'],
    registers: [this.registry],
  });
  private readonly outboxPending = new Gauge({
    name: 'tt_outbox_pending',
    help: 'Outbox rows a consumer (search, matching) has not handled yet',
    labelNames: ['consumer'],
    registers: [this.registry],
  });
  private readonly outboxDeadLetters = new Gauge({
    name: 'tt_outbox_dead_letters',
    help: 'Outbox rows given up after OUTBOX_MAX_ATTEMPTS (ADMINs list and retry them)',
    registers: [this.registry],
  });
  private readonly jobIntentsPending = new Gauge({
    name: 'tt_job_intents_pending',
    help: 'Committed job intents not yet relayed to BullMQ',
    registers: [this.registry],
  });
  private readonly meiliTasks = new Gauge({
    name: 'tt_meilisearch_tasks',
    help: 'Meilisearch tasks not finished, by status (enqueued, processing)',
    labelNames: ['status'],
    registers: [this.registry],
  });
  private readonly digestDeliveries = new Gauge({
    name: 'tt_digest_deliveries',
    help: 'Digest deliveries created in the last 7 days, by channel and status (PENDING: planned, SENT, FAILED, …)',
    labelNames: ['channel', 'status'],
    registers: [this.registry],
  });
  private readonly collectErrors = new Counter({
    name: 'tt_metrics_collect_errors_total',
    help: 'Scrape-time collections that failed, by source',
    labelNames: ['source'],
    registers: [this.registry],
  });

  constructor(
    private readonly config: AppConfig,
    private readonly jobs: JobQueue,
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectMeili() private readonly meili: Meilisearch,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'tt_process_' });
  }

  /** A bounded label value for a GraphQL operation name: unnamed, malformed or past the cap collapse. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return '(anonymous)';
    if (!OPERATION_NAME.test(name)) return '(other)';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_NAMES) return '(other)';
    this.operationNames.add(name);
    return name;
  }

  /** The text a Prometheus scrape gets. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    await this.collect();
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private collect(): Promise<void> {
    if (Date.now() - this.lastCollect < COLLECT_CACHE_MS) return Promise.resolve();
    this.collecting ??= Promise.all([
      this.guard('queues', () => this.collectQueues()),
      this.guard('outbox', () => this.collectOutbox()),
      this.guard('digests', () => this.collectDigests()),
      this.guard('meilisearch', () => this.collectMeilisearch()),
    ]).then(() => {
      this.lastCollect = Date.now();
      this.collecting = undefined;
    });
    return this.collecting;
  }

  private async guard(source: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.collectErrors.inc({ source });
      this.logger.warn({ source, err: error }, 'metrics source not collected');
    }
  }

  private async collectQueues(): Promise<void> {
    await Promise.all(
      Object.values(QueueName).map(async (queue) => {
        const counts = await this.jobs.countJobs(queue);
        for (const [state, count] of Object.entries(counts)) this.queueJobs.set({ queue, state }, count);
      }),
    );
  }

  private async collectOutbox(): Promise<void> {
    for (const [consumer, column] of Object.entries(OUTBOX_CONSUMERS)) {
      // Column names come from the constant above, never from input.
      const [row] = await this.dataSource.query<Array<{ pending: number; lag: number | null }>>(
        `SELECT count(*)::int AS pending, extract(epoch FROM now() - min(created_at))::float AS lag
         FROM outbox_events WHERE ${column} IS NULL AND dead_at IS NULL`,
      );
      this.outboxPending.set({ consumer }, row.pending);
      this.outboxLag.set({ consumer }, Math.max(0, row.lag ?? 0));
    }
    const [dead] = await this.dataSource.query<Array<{ dead: number; intents: number }>>(
      `SELECT (SELECT count(*)::int FROM outbox_events WHERE dead_at IS NOT NULL) AS dead,
              (SELECT count(*)::int FROM job_intents WHERE relayed_at IS NULL) AS intents`,
    );
    this.outboxDeadLetters.set(dead.dead);
    this.jobIntentsPending.set(dead.intents);
  }

  private async collectDigests(): Promise<void> {
    const rows = await this.dataSource.query<Array<{ channel: string; status: string; count: number }>>(
      `SELECT channel::text AS channel, status::text AS status, count(*)::int AS count FROM digest_deliveries
       WHERE created_at > now() - interval '7 days' GROUP BY 1, 2`,
    );
    this.digestDeliveries.reset();
    for (const row of rows) this.digestDeliveries.set({ channel: row.channel, status: row.status }, row.count);
  }

  private async collectMeilisearch(): Promise<void> {
    for (const status of ['enqueued', 'processing'] as const) {
      const tasks = await this.meili.tasks.getTasks({ statuses: [status], limit: 1 });
      this.meiliTasks.set({ status }, tasks.total);
    }
  }

  /** Whether a request may read the metrics: METRICS_TOKEN unset, or its bearer token matches. */
  authorized(authorization: string | undefined): boolean {
    const token = this.config.METRICS_TOKEN;
    if (!token) return true;
    const digest = (value: string) => createHash('sha256').update(value).digest();
    return timingSafeEqual(digest(authorization ?? ''), digest(`Bearer ${token}`));
  }
}

/** The route group of a path, a bounded label for HTTP counts. */
export function routeGroup(path: string): string {
  const first = path.split('/')[1] ?? '';
  return ['graphql', 'graphiql', 'health', 'metrics', 'files', 'digests', 'admin'].includes(first) ? first : 'other';
}

@Global()
@Module({ providers: [MetricsService], exports: [MetricsService] })
export class MetricsModule {}
