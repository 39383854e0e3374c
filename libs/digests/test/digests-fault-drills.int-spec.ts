import { DataSource, QueryRunner } from 'typeorm';
import { JobName, JobQueue, loadConfig, postgresOptions, QUEUE_CONCURRENCY, QueueName } from '@app/core';
import { SEND_CONCURRENCY } from '@app/digests';
import { ReceivedMail, SmtpSink, startSmtpSink } from '@app/notifications';
import { ChildApp, LocalRedis, startChildWorker, startLocalRedis } from '@app/testing';
import { DigestFixtures, eventually } from './digest-test-support';

const RECIPIENTS = 40;
/** The documented bound on repeated emails for one fault of one worker (see the README's Reliability section). */
const REPEAT_BOUND = QUEUE_CONCURRENCY[QueueName.Deliveries] * SEND_CONCURRENCY;

interface Outcome {
  emails: number;
  repeated: number;
  digests: number;
  notifications: number;
  lost: number;
}

/** ISO week (2032-W13) of a UTC instant: the weekly period of a recipient in Asia/Shanghai at 09:00. */
function isoWeek(at: Date): string {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  day.setUTCDate(day.getUTCDate() + 4 - (day.getUTCDay() || 7));
  const yearStart = new Date(Date.UTC(day.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((day.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/**
 * Drills of the weekly digest under faults, each on its own slot and recipients (channels EMAIL + IN_APP, the
 * default), with the real worker as a child process: SIGTERM mid fan-out, redis-server stopped for 10 s, and every
 * PostgreSQL connection of the database terminated. Afterwards every recipient has exactly one digest, one in-app
 * notification and one email message (by Message-ID), with raw repeats within the documented bound.
 */
describe('digest slot under faults', () => {
  let sink: SmtpSink;
  let dataSource: DataSource;
  let fixtures: DigestFixtures;
  const mails: ReceivedMail[] = [];
  let mailDelayMs = 0;
  const children: ChildApp[] = [];
  const cleanups: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    // Each message is answered after mailDelayMs: the fan-out lasts long enough to be caught mid-way.
    sink = await startSmtpSink({
      onMessage: async (mail) => {
        mails.push(mail);
        if (mailDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, mailDelayMs));
      },
    });
    const config = loadConfig();
    dataSource = new DataSource(postgresOptions(config.DATABASE_URL, { entities: [], applicationName: 'fault-drill' }));
    await dataSource.initialize();
    fixtures = new DigestFixtures(dataSource);
  });

  afterAll(async () => {
    for (const child of children) await child.stop('SIGKILL');
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    await dataSource?.destroy();
    await sink?.close();
  });

  async function recipientsFor(slot: Date): Promise<Map<string, string>> {
    const recipients = new Map<string, string>(); // email → user id
    for (let i = 0; i < RECIPIENTS; i++) {
      const subscriber = await fixtures.subscriberWithMatches(slot, { matches: 1 });
      recipients.set(subscriber.email, subscriber.id);
    }
    return recipients;
  }

  function workerEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return {
      ...process.env,
      SMTP_URL: sink.url,
      DELIVERY_BACKOFF_MS: '200',
      SMTP_SOCKET_TIMEOUT_MS: '5000',
      LOG_LEVEL: 'warn',
      ...extra,
    };
  }

  async function worker(env: NodeJS.ProcessEnv): Promise<ChildApp> {
    const child = await startChildWorker(env);
    children.push(child);
    return child;
  }

  const emailsTo = (recipients: Map<string, string>) => mails.filter((mail) => recipients.has(mail.to[0])).length;

  /** Waits until every delivery of these recipients is final, then counts and checks what they received. */
  async function outcome(recipients: Map<string, string>, timeoutMs = 150_000): Promise<Outcome> {
    const userIds = [...recipients.values()];
    await eventually(
      async () => {
        const [row] = await dataSource.query<Array<{ open: string; total: string }>>(
          `SELECT count(*) FILTER (WHERE status NOT IN ('SENT','DEAD','UNKNOWN','SKIPPED')) AS open, count(*) AS total
           FROM digest_deliveries WHERE user_id = ANY($1::uuid[])`,
          [userIds],
        );
        return Number(row.total) === RECIPIENTS * 2 && Number(row.open) === 0;
      },
      timeoutMs,
      'every delivery final',
    ).catch(async (error: Error) => {
      throw new Error(`${error.message}\n${await stateOf(userIds)}`);
    });
    const messages = new Map<string, Set<string | undefined>>();
    let raw = 0;
    for (const mail of mails) {
      if (!recipients.has(mail.to[0])) continue;
      raw++;
      messages.set(mail.to[0], (messages.get(mail.to[0]) ?? new Set()).add(mail.messageId));
    }
    const [digests] = await dataSource.query<Array<{ n: string }>>(
      'SELECT count(*) AS n FROM digests WHERE user_id = ANY($1::uuid[])',
      [userIds],
    );
    const perUser = await dataSource.query<Array<{ user_id: string; n: string }>>(
      `SELECT user_id, count(*) AS n FROM notifications WHERE kind = 'DIGEST' AND user_id = ANY($1::uuid[]) GROUP BY 1`,
      [userIds],
    );
    const notified = new Map(perUser.map((row) => [row.user_id, Number(row.n)]));
    const statuses = await dataSource.query<Array<{ status: string; n: string }>>(
      `SELECT status, count(*) AS n FROM digest_deliveries WHERE user_id = ANY($1::uuid[]) GROUP BY 1`,
      [userIds],
    );
    // Exactly one of each per recipient; anything else counts as lost (missing) or is caught by the expectations.
    expect(statuses.filter((row) => row.status !== 'SENT')).toEqual([]);
    expect([...recipients.keys()].filter((email) => messages.get(email)?.size !== 1)).toEqual([]);
    expect(userIds.filter((id) => notified.get(id) !== 1)).toEqual([]);
    expect(Number(digests.n)).toBe(RECIPIENTS);
    const lost =
      [...recipients.keys()].filter((email) => !messages.has(email)).length +
      userIds.filter((id) => !notified.has(id)).length;
    return { emails: raw, repeated: raw - RECIPIENTS, digests: Number(digests.n), notifications: perUser.length, lost };
  }

  /** What a drill that did not finish left behind: the rows, the queues and the worker's last words. */
  async function stateOf(userIds: string[]): Promise<string> {
    const statuses = await dataSource.query<Array<{ channel: string; status: string; attempts: number; n: string }>>(
      `SELECT channel, status, attempts, count(*) AS n FROM digest_deliveries WHERE user_id = ANY($1::uuid[])
       GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      [userIds],
    );
    const [digests] = await dataSource.query<Array<{ n: string }>>(
      'SELECT count(*) AS n FROM digests WHERE user_id = ANY($1::uuid[])',
      [userIds],
    );
    const jobs = new JobQueue(loadConfig());
    const queues: Record<string, unknown> = {};
    try {
      for (const name of [QueueName.Digests, QueueName.Deliveries]) {
        queues[name] = await jobs.countJobs(name).catch((error: Error) => error.message);
        const failed = await jobs.queue(name).getFailed(0, 2);
        if (failed.length > 0) queues[`${name} failed`] = failed.map((job) => `${job.name}: ${job.failedReason}`);
      }
    } finally {
      await jobs.onApplicationShutdown();
    }
    const workers = children.map((child) => ({
      exit: child.child.exitCode ?? child.child.signalCode ?? 'running',
      output: child.output().slice(-1500),
    }));
    return JSON.stringify({ digests: Number(digests.n), deliveries: statuses, queues, workers }, null, 1);
  }

  it('SIGTERM on the worker mid fan-out: running jobs finish or are handed back; nothing lost', async () => {
    const slot = new Date('2032-03-08T01:00:00Z'); // a Monday, 09:00 in Shanghai
    const recipients = await recipientsFor(slot);
    // One more subscriber, whose row this test locks: a build of their digest (of another week) waits on the lock
    // (its INSERT's foreign-key check) past the shutdown bound, so the worker must hand that job back.
    const laterSlot = new Date('2032-03-29T01:00:00Z');
    const blocked = await fixtures.subscriberWithMatches(laterSlot, { matches: 1 });
    const lock: QueryRunner = dataSource.createQueryRunner();
    await lock.connect();
    cleanups.push(() => lock.release());
    await lock.startTransaction();
    await lock.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [blocked.id]);

    mailDelayMs = 300;
    const first = await worker(workerEnv({ SHUTDOWN_TIMEOUT_MS: '5000' }));
    const jobs = new JobQueue(loadConfig());
    cleanups.push(() => jobs.onApplicationShutdown());
    await jobs.enqueue(JobName.PlanDigests, { slot: slot.toISOString() });
    await eventually(async () => emailsTo(recipients) >= 8, 60_000, 'the first emails');
    await jobs.enqueue(
      JobName.BuildDigest,
      { userId: blocked.id, period: isoWeek(laterSlot), slot: laterSlot.toISOString() },
      { jobId: `drill-blocked-build-${blocked.id}` },
    );
    await eventually(
      async () => (await jobs.countJobs(QueueName.Digests)).active > 0 || undefined,
      30_000,
      'the blocked build running',
    );
    const inFlight =
      (await jobs.countJobs(QueueName.Deliveries)).active + (await jobs.countJobs(QueueName.Digests)).active;
    const atStop = emailsTo(recipients);
    const exit = await first.stop('SIGTERM');
    const handedBack = (first.output().match(/job handed back/g) ?? []).length;
    expect(exit.ms).toBeLessThan(5_000 + 5_000 + 2_000);
    // The blocked build at least; on a slow machine the delivery job may outlive the bound too and be handed back.
    expect(handedBack).toBeGreaterThanOrEqual(1);

    await lock.rollbackTransaction();
    mailDelayMs = 0;
    await worker(workerEnv());
    const result = await outcome(recipients);
    const blockedDone = await eventually(
      async () => {
        const rows = await dataSource.query<Array<{ status: string }>>(
          'SELECT status FROM digest_deliveries WHERE user_id = $1',
          [blocked.id],
        );
        return rows.length === 2 && rows.every((row) => row.status === 'SENT') ? rows : undefined;
      },
      60_000,
      "the handed-back build's deliveries",
    );
    console.log(
      `drill SIGTERM on the worker mid digest fan-out: in flight ${inFlight} jobs (delivery + a build blocked on a ` +
        `lock), handed back ${handedBack}, stopped in ${exit.ms} ms, emails at SIGTERM ${atStop}/${RECIPIENTS}; lost ` +
        `${result.lost}, repeated ${result.repeated} (emails ${result.emails}, digests ${result.digests}, in-app ` +
        `${result.notifications}; handed-back build delivered ${blockedDone.length}/2)`,
    );
    expect(result.lost).toBe(0);
    // A delivery job handed back while its emails were at the end-of-data dot resends them as the same messages.
    expect(result.repeated).toBeLessThanOrEqual(handedBack > 1 ? REPEAT_BOUND : 0);
    for (const child of children.splice(0)) await child.stop('SIGTERM');
  }, 240_000);

  it('redis-server stopped for 10 s during the slot: one digest, one in-app notification, one email each', async () => {
    const slot = new Date('2032-03-15T01:00:00Z');
    const recipients = await recipientsFor(slot);
    // A Redis of this test's own (persistent, as in production), so the shared one is not disturbed.
    const redis: LocalRedis = await startLocalRedis({ persistent: true });
    cleanups.push(() => redis.destroy());
    mailDelayMs = 100;
    await worker(workerEnv({ REDIS_URL: redis.url }));
    const jobs = new JobQueue(loadConfig({ ...process.env, REDIS_URL: redis.url }));
    await jobs.enqueue(JobName.PlanDigests, { slot: slot.toISOString() });
    await jobs.onApplicationShutdown();
    await eventually(async () => emailsTo(recipients) >= 1, 60_000, 'the first email');
    await redis.stop();
    const atStop = emailsTo(recipients);
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    await redis.start();
    mailDelayMs = 0;
    const result = await outcome(recipients);
    console.log(
      `drill redis-server stopped 10 s mid digest fan-out: in flight ${RECIPIENTS - atStop} emails of ${RECIPIENTS} ` +
        `recipients; lost ${result.lost}, repeated ${result.repeated} emails (bound ${REPEAT_BOUND}), ` +
        `digests ${result.digests}, in-app ${result.notifications}`,
    );
    expect(result.lost).toBe(0);
    expect(result.repeated).toBeLessThanOrEqual(REPEAT_BOUND);
    for (const child of children.splice(0)) await child.stop('SIGTERM');
  }, 240_000);

  it('every PostgreSQL connection terminated (pg_terminate_backend) during the slot: nothing lost', async () => {
    const slot = new Date('2032-03-22T01:00:00Z');
    const recipients = await recipientsFor(slot);
    mailDelayMs = 100;
    await worker(workerEnv());
    const jobs = new JobQueue(loadConfig());
    cleanups.push(() => jobs.onApplicationShutdown());
    await jobs.enqueue(JobName.PlanDigests, { slot: slot.toISOString() });
    await eventually(async () => emailsTo(recipients) >= 1, 60_000, 'the first email');
    const atFault = emailsTo(recipients);
    let terminated = 0;
    for (let round = 0; round < 3; round++) {
      const rows = await dataSource.query<Array<{ ok: boolean }>>(
        `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name <> 'fault-drill'`,
      );
      terminated += rows.filter((row) => row.ok).length;
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
    mailDelayMs = 0;
    const result = await outcome(recipients);
    console.log(
      `drill pg_terminate_backend x3 mid digest fan-out: ${terminated} connections killed, in flight ` +
        `${RECIPIENTS - atFault} emails of ${RECIPIENTS} recipients; lost ${result.lost}, repeated ${result.repeated} ` +
        `emails (bound ${REPEAT_BOUND}), digests ${result.digests}, in-app ${result.notifications}`,
    );
    expect(terminated).toBeGreaterThan(0);
    expect(result.lost).toBe(0);
    expect(result.repeated).toBeLessThanOrEqual(REPEAT_BOUND);
    for (const child of children.splice(0)) await child.stop('SIGTERM');
  }, 240_000);
});
