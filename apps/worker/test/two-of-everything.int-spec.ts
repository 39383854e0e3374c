import { randomUUID } from 'node:crypto';
import { Meilisearch } from 'meilisearch';
import { DataSource } from 'typeorm';
import { JobName, JobQueue, JOB_QUEUE, loadConfig, postgresOptions, QueueName } from '@app/core';
import { pickFreePort } from '@app/dev-services';
import { FOLLOW_INDEXED_SCHEDULER_ID } from '@app/matching';
import { ReceivedMail, SmtpSink, startSmtpSink } from '@app/notifications';
import {
  ChildApp,
  createIsolatedNamespace,
  IsolatedNamespace,
  settledWorker,
  startChildApi,
  startChildWorker,
  TEST_PASSWORD,
  uniqueEmail,
} from '@app/testing';
import { DigestFixtures, eventually } from '../../../libs/digests/test/digest-test-support';

const DEMANDS = 20;
const RECIPIENTS = 20;
const REGISTER_LIMIT = 10; // RATE_LIMITS.register: 10 per IP and hour (RATE_LIMIT_SCALE=1 here)
const SLOT = new Date('2032-04-05T01:00:00Z'); // a Monday, 09:00 in Shanghai
const REGISTER = `mutation Register($input: RegisterInput!) { register(input: $input) { email } }`;

async function metric(workerPort: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${workerPort}/metrics`)).text();
  const line = text.split('\n').find((row) => row.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : 0;
}

/**
 * Two API processes and two worker processes on the same PostgreSQL database, Redis prefix and Meilisearch
 * indexes (a namespace of their own): job schedulers fire once per interval, each digest is built once, each outbox
 * row is indexed once and matched once, and the rate limits are counted across both APIs.
 */
describe('two of everything', () => {
  let namespace: IsolatedNamespace;
  let sink: SmtpSink;
  let dataSource: DataSource;
  let jobs: JobQueue;
  const mails: ReceivedMail[] = [];
  const apis: ChildApp[] = [];
  const workers: ChildApp[] = [];
  const workerPorts: number[] = [];

  beforeAll(async () => {
    namespace = await createIsolatedNamespace('twoofeach');
    sink = await startSmtpSink({ onMessage: (mail) => void mails.push(mail) });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: namespace.databaseUrl,
      MEILI_INDEX_PREFIX: namespace.indexPrefix,
      REDIS_PREFIX: namespace.redisPrefix,
      RATE_LIMIT_SCALE: '1',
      SMTP_URL: sink.url,
      LOG_LEVEL: 'warn',
    };
    workerPorts.push(await pickFreePort(), await pickFreePort());
    const started = await Promise.all([
      startChildApi(env),
      startChildApi(env),
      ...workerPorts.map((port) => startChildWorker({ ...env, WORKER_HEALTH_PORT: String(port) })),
    ]);
    apis.push(...started.slice(0, 2));
    workers.push(...started.slice(2));
    const config = loadConfig({ ...env });
    dataSource = new DataSource(postgresOptions(config.DATABASE_URL, { entities: [], applicationName: 'two-of-each' }));
    await dataSource.initialize();
    jobs = new JobQueue(config);
    // Both workers' boot-time heals (and the rematch after) are done before anything is counted.
    await settledWorker(jobs, 120_000);
  }, 300_000);

  afterAll(async () => {
    await Promise.all([...apis, ...workers].map((child) => child.stop('SIGTERM')));
    await jobs?.onApplicationShutdown();
    await dataSource?.destroy();
    await sink?.close();
    await namespace?.drop();
  });

  it('fires schedulers once, builds each digest once, indexes and matches each outbox row once, shares rate limits', async () => {
    const config = loadConfig({
      ...process.env,
      MEILI_INDEX_PREFIX: namespace.indexPrefix,
      REDIS_PREFIX: namespace.redisPrefix,
    });
    const meili = new Meilisearch({ host: config.MEILI_URL, apiKey: config.MEILI_MASTER_KEY });
    const since = new Date(Date.now() - 1_000).toISOString(); // Meilisearch's clock is this machine's
    const matchedBefore = await Promise.all(
      workerPorts.map((port) => metric(port, 'tt_matching_duration_seconds_count')),
    );

    // Outbox rows: open demands, each written with its row in one transaction (as the services do).
    const fixtures = new DigestFixtures(dataSource);
    const enterprise = await fixtures.organisation('ENTERPRISE');
    const demandIds: string[] = [];
    for (let i = 0; i < DEMANDS; i++) {
      await dataSource.transaction(async (manager) => {
        const [demand] = await manager.query<Array<{ id: string }>>(
          `INSERT INTO demands (organisation_id, title, summary, industry_code, status)
           VALUES ($1, $2, $3, 'ai', 'OPEN') RETURNING id`,
          [enterprise, `双实例需求 ${i} 视觉检测`, `需要高精度视觉检测设备 ${randomUUID()}`],
        );
        await manager.query(`INSERT INTO outbox_events (subject, subject_id) VALUES ('DEMAND', $1)`, [demand.id]);
        demandIds.push(demand.id);
      });
    }

    // A digest slot planned twice (as two planners would): each recipient's digest is built once.
    const recipients = new Map<string, string>();
    for (let i = 0; i < RECIPIENTS; i++) {
      const subscriber = await fixtures.subscriberWithMatches(SLOT, { matches: 1 });
      recipients.set(subscriber.email, subscriber.id);
    }
    await jobs.enqueue(JobName.PlanDigests, { slot: SLOT.toISOString() });
    await jobs.enqueue(JobName.PlanDigests, { slot: SLOT.toISOString() });

    // Registrations from one address, alternating between the two APIs: the limit counts them together.
    const university = await fixtures.organisation('UNIVERSITY');
    const codes: string[] = [];
    for (let i = 0; i < REGISTER_LIMIT + 2; i++) {
      const response = await fetch(`${apis[i % 2].url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: REGISTER,
          variables: {
            input: {
              email: uniqueEmail('twice'),
              password: TEST_PASSWORD,
              displayName: '双实例',
              role: 'RESEARCHER',
              organisationId: university,
            },
          },
        }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
      codes.push(body.errors?.[0]?.extensions?.code ?? 'OK');
    }

    // Every row indexed and followed by matching; every delivery final.
    await eventually(
      async () => {
        const [row] = await dataSource.query<Array<{ open: string }>>(
          `SELECT count(*) AS open FROM outbox_events WHERE subject_id = ANY($1::uuid[]) AND (processed_at IS NULL OR followed_at IS NULL)`,
          [demandIds],
        );
        return Number(row.open) === 0;
      },
      90_000,
      'every outbox row indexed and followed',
    );
    await eventually(
      async () => {
        // The follow-indexed scheduler's next run always waits in this queue: only matching jobs count.
        const pending = await jobs
          .queue(QueueName.Matching)
          .getJobs(['waiting', 'active', 'delayed', 'prioritized'], 0, 1_000);
        return pending.every((job) => !job || job.name === String(JobName.FollowIndexedChanges));
      },
      90_000,
      'the matching jobs done',
    );
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
      90_000,
      'every delivery final',
    );

    // Indexed once: the documents sent to Meilisearch for these demands since the start, one each.
    const tasks = await meili.tasks.getTasks({
      types: ['documentAdditionOrUpdate', 'documentDeletion'],
      afterEnqueuedAt: since,
      limit: 1000,
    });
    const demandIndexTasks = tasks.results.filter(
      (task) => task.indexUid?.startsWith(namespace.indexPrefix) && task.indexUid.includes('demand'),
    );
    const documentsSent = demandIndexTasks.reduce((sum, task) => {
      const details = (task.details ?? {}) as { receivedDocuments?: number; providedIds?: number };
      return sum + (details.receivedDocuments ?? 0) + (details.providedIds ?? 0);
    }, 0);
    // Matched once: matching computations counted by both workers' metrics, one per demand.
    const matchedAfter = await Promise.all(
      workerPorts.map((port) => metric(port, 'tt_matching_duration_seconds_count')),
    );
    const matchedPerWorker = matchedAfter.map((after, i) => after - matchedBefore[i]);
    const matched = matchedPerWorker.reduce((sum, n) => sum + n, 0);

    // Schedulers: one per key whichever worker registered it; its iterations at least one interval apart.
    const followQueue = jobs.queue(JOB_QUEUE[JobName.FollowIndexedChanges]);
    const schedulers = (await followQueue.getJobSchedulers()).filter(
      (scheduler) => scheduler.key === FOLLOW_INDEXED_SCHEDULER_ID,
    );
    const iterations = (await followQueue.getJobs(['completed'], 0, 200))
      .filter((job) => job.name === String(JobName.FollowIndexedChanges) && job.id?.startsWith('repeat:'))
      .map((job) => Number(job.id!.split(':').at(-1)))
      .sort((a, b) => a - b);
    const gaps = iterations.slice(1).map((at, i) => at - iterations[i]);

    const digests = await dataSource.query<Array<{ n: string }>>(
      'SELECT count(*) AS n FROM digests WHERE user_id = ANY($1::uuid[])',
      [userIds],
    );
    const notifications = await dataSource.query<Array<{ n: string }>>(
      `SELECT count(*) AS n FROM notifications WHERE kind = 'DIGEST' AND user_id = ANY($1::uuid[])`,
      [userIds],
    );
    const emails = mails.filter((mail) => recipients.has(mail.to[0]));
    const refused = codes.filter((code) => code === 'TOO_MANY_REQUESTS').length;
    console.log(
      `two APIs + two workers: ${DEMANDS} outbox rows → ${documentsSent} documents indexed, ${matched} matchings ` +
        `(per worker ${matchedPerWorker.join(' + ')}); ${RECIPIENTS} recipients, slot planned twice → ` +
        `${digests[0].n} digests, ${notifications[0].n} in-app, ${emails.length} emails; ${schedulers.length} follow ` +
        `scheduler, ${iterations.length} iterations, smallest gap ${Math.min(...gaps)} ms; registrations ` +
        `${codes.length - refused} accepted, ${refused} refused (limit ${REGISTER_LIMIT})`,
    );

    expect(documentsSent).toBe(DEMANDS);
    expect(matched).toBe(DEMANDS);
    expect(Number(digests[0].n)).toBe(RECIPIENTS);
    expect(Number(notifications[0].n)).toBe(RECIPIENTS);
    expect(emails.length).toBe(RECIPIENTS);
    expect(new Set(emails.map((mail) => mail.to[0])).size).toBe(RECIPIENTS);
    expect(schedulers).toHaveLength(1);
    expect(iterations.length).toBeGreaterThanOrEqual(2);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1_900); // every 2 s, once: never two runs of one iteration
    expect(codes.slice(0, REGISTER_LIMIT)).toEqual(Array(REGISTER_LIMIT).fill('OK'));
    expect(refused).toBe(2);
  }, 300_000);
});
