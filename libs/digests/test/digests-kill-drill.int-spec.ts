import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { JobName, JobQueue, loadConfig, postgresOptions, QUEUE_CONCURRENCY, QueueName } from '@app/core';
import { ReceivedMail, SmtpSink, startSmtpSink } from '@app/notifications';
import { DataSource } from 'typeorm';
import { SEND_CONCURRENCY } from '@app/digests';
import { DigestFixtures, eventually, WebhookReceiver } from './digest-test-support';

const ROOT = join(__dirname, '../../..');
const RECIPIENTS = 300;
const SLOT = new Date('2032-03-01T01:00:00Z'); // a Monday: 09:00 in Shanghai
const SECRET = 'whsec_kill-drill-secret';

function startWorker(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Worker is consuming queues')) resolve(child);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) =>
      reject(new Error(`worker exited (${code}) before it was ready:\n${output.slice(-2000)}`)),
    );
  });
}

describe('kill-and-restart drill', () => {
  let sink: SmtpSink;
  let dataSource: DataSource;
  let jobs: JobQueue;
  let worker: ChildProcess | undefined;
  const mails: ReceivedMail[] = [];
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    sink = await startSmtpSink({ onMessage: (mail) => void mails.push(mail) });
    await receiver.start();
    receiver.setSecret('/drill', SECRET);
    const config = loadConfig();
    dataSource = new DataSource(postgresOptions(config.DATABASE_URL, { entities: [], applicationName: 'kill-drill' }));
    await dataSource.initialize();
    jobs = new JobQueue(config);
  });

  afterAll(async () => {
    worker?.kill('SIGKILL');
    await jobs?.onApplicationShutdown();
    await dataSource?.destroy();
    await sink?.close();
    await receiver.close();
  });

  it('SIGKILLs the worker mid fan-out; after a restart every recipient has exactly one email and one webhook', async () => {
    const fixtures = new DigestFixtures(dataSource);
    const recipients = new Map<string, string>(); // email → user id
    for (let i = 0; i < RECIPIENTS; i++) {
      const subscriber = await fixtures.subscriberWithMatches(SLOT, { matches: 1 });
      recipients.set(subscriber.email, subscriber.id);
      await dataSource.query(`INSERT INTO digest_preferences (user_id, channels) VALUES ($1, '{EMAIL,WEBHOOK}')`, [
        subscriber.id,
      ]);
      await dataSource.query('INSERT INTO webhook_subscriptions (user_id, url, secret) VALUES ($1, $2, $3)', [
        subscriber.id,
        `${receiver.url}/drill`,
        SECRET,
      ]);
    }
    // A short socket timeout keeps the takeover of COMMITTING rows (socket timeout + job lock + 5 s) at 40 s.
    const env = {
      ...process.env,
      SMTP_URL: sink.url,
      DELIVERY_BACKOFF_MS: '200',
      SMTP_SOCKET_TIMEOUT_MS: '5000',
      LOG_LEVEL: 'error',
    };

    worker = await startWorker(env);
    await jobs.enqueue(JobName.PlanDigests, { slot: SLOT.toISOString() });
    const mine = () => mails.filter((mail) => recipients.has(mail.to[0])).length;
    await eventually(async () => mine() >= RECIPIENTS / 3, 60_000, 'a third of the emails');
    worker.kill('SIGKILL');
    await new Promise((resolve) => worker!.once('exit', resolve));
    const atKill = { emails: mine(), webhooks: receiver.calls.length };
    expect(atKill.emails).toBeLessThan(RECIPIENTS); // really mid-way

    worker = await startWorker(env);
    // Jobs the killed worker held come back once their locks expire (BullMQ's stalled-job check).
    const userIds = [...recipients.values()];
    await eventually(
      async () => {
        const rows: Array<{ open: string; total: string }> = await dataSource.query(
          `SELECT count(*) FILTER (WHERE status NOT IN ('SENT','DEAD','UNKNOWN','SKIPPED')) AS open, count(*) AS total
           FROM digest_deliveries WHERE user_id = ANY($1::uuid[])`,
          [userIds],
        );
        return Number(rows[0].total) === RECIPIENTS * 2 && Number(rows[0].open) === 0;
      },
      150_000,
      'every delivery final',
    );

    // A message is identified by its Message-ID (what a mail store collapses a repeat by), as a webhook call is by
    // its idempotency key: the one window where a crash makes the outcome unknown resends the same message.
    const messagesPerRecipient = new Map<string, Set<string | undefined>>();
    let rawEmails = 0;
    for (const mail of mails) {
      if (!recipients.has(mail.to[0])) continue;
      rawEmails++;
      const ids = messagesPerRecipient.get(mail.to[0]) ?? new Set<string | undefined>();
      ids.add(mail.messageId);
      messagesPerRecipient.set(mail.to[0], ids);
    }
    const keysPerRecipient = new Map<string, Set<string>>();
    for (const call of receiver.calls) {
      expect(call.verified).toBe(true);
      const keys = keysPerRecipient.get(call.body.recipientId) ?? new Set<string>();
      keys.add(call.idempotencyKey);
      keysPerRecipient.set(call.body.recipientId, keys);
    }
    const statuses: Array<{ channel: string; status: string; n: string }> = await dataSource.query(
      `SELECT channel, status, count(*) AS n FROM digest_deliveries WHERE user_id = ANY($1::uuid[]) GROUP BY 1, 2 ORDER BY 1, 2`,
      [userIds],
    );
    const repeatedPosts =
      receiver.calls.length - [...keysPerRecipient.values()].reduce((sum, keys) => sum + keys.size, 0);
    console.log(
      JSON.stringify({ atKill, emails: mine(), webhookCalls: receiver.calls.length, repeatedPosts, statuses }),
    );

    expect([...recipients.keys()].filter((email) => messagesPerRecipient.get(email)?.size !== 1)).toEqual([]);
    expect([...messagesPerRecipient.values()].every((ids) => [...ids].every((id) => id?.startsWith('<digest.')))).toBe(
      true,
    );
    // One worker was killed once: at most the messages it had in flight (batch jobs at once × emails per batch)
    // can have been in the unknown window, and each is repeated as the same message.
    expect(rawEmails - RECIPIENTS).toBeLessThanOrEqual(QUEUE_CONCURRENCY[QueueName.Deliveries] * SEND_CONCURRENCY);
    expect(statuses.filter((row) => row.status !== 'SENT')).toEqual([]);
    // One webhook per recipient as the receiver counts them (by idempotency key); a repeat POST of the same
    // delivery after the crash is possible by design and is deduplicated by that key.
    expect(userIds.filter((id) => keysPerRecipient.get(id)?.size !== 1)).toEqual([]);
    const digests: Array<{ n: string }> = await dataSource.query(
      'SELECT count(*) AS n FROM digests WHERE user_id = ANY($1::uuid[])',
      [userIds],
    );
    expect(Number(digests[0].n)).toBe(RECIPIENTS);
  }, 300_000);
});
