import { DataSource } from 'typeorm';
import { loadConfig, postgresOptions } from '@app/core';
import { ChildApp, startChildApi, TEST_PASSWORD, uniqueEmail } from '@app/testing';

const REGISTER = `mutation Register($input: RegisterInput!) { register(input: $input) { email message } }`;
const CLIENTS = 12;
const SHUTDOWN_TIMEOUT_MS = 10_000;

type Outcome = 'ok' | 'refused-503' | 'no-answer' | 'other';
interface Sent {
  email: string;
  sentAt: number;
  answeredAt?: number;
  outcome?: Outcome;
  detail?: string;
}

/**
 * Drill: SIGTERM on an API process under a steady load of registrations (each hashes a password: slow enough to be
 * caught in flight). Every request that was running finishes and is answered; the ones arriving afterwards are
 * refused (503 SHUTTING_DOWN, or the connection is refused) and changed nothing; nothing answered is missing.
 */
describe('SIGTERM on the API under load', () => {
  let api: ChildApp | undefined;
  let dataSource: DataSource;
  let organisationId: string;

  beforeAll(async () => {
    const config = loadConfig();
    dataSource = new DataSource(postgresOptions(config.DATABASE_URL, { entities: [], applicationName: 'api-drill' }));
    await dataSource.initialize();
    const [row] = await dataSource.query<Array<{ id: string }>>(
      `INSERT INTO organisations (name, kind) VALUES ($1, 'UNIVERSITY') RETURNING id`,
      [`停机演练大学 ${Date.now()}`],
    );
    organisationId = row.id;
  });
  afterAll(async () => {
    await api?.stop('SIGKILL');
    await dataSource?.destroy();
  });

  it('finishes the requests in flight, refuses new ones, loses none', async () => {
    api = await startChildApi({
      ...process.env,
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
      // Rate limits of its own (earlier runs' registrations from 127.0.0.1 do not count).
      REDIS_PREFIX: `${process.env.REDIS_PREFIX ?? 'tt'}-drain-${Date.now().toString(36)}`,
      LOG_LEVEL: 'error',
    });
    const sent: Sent[] = [];
    let refusedConnections = 0;
    let stopped = false;
    const client = async (index: number) => {
      while (!stopped) {
        const request: Sent = { email: uniqueEmail(`drain${index}`), sentAt: Date.now() };
        sent.push(request);
        try {
          const response = await fetch(`${api!.url}/graphql`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              // Half the clients keep their connection open between requests (a proxy's pool), half do not.
              ...(index % 2 === 0 ? { connection: 'close' } : {}),
            },
            body: JSON.stringify({
              query: REGISTER,
              variables: {
                input: {
                  email: request.email,
                  password: TEST_PASSWORD,
                  displayName: '停机演练',
                  role: 'RESEARCHER',
                  organisationId,
                },
              },
            }),
          });
          const body = (await response.json()) as {
            data?: unknown;
            errors?: Array<{ extensions?: { code?: string } }>;
          };
          request.answeredAt = Date.now();
          if (response.status === 200 && body.data) request.outcome = 'ok';
          else if (response.status === 503 && body.errors?.[0]?.extensions?.code === 'SHUTTING_DOWN')
            request.outcome = 'refused-503';
          else {
            request.outcome = 'other';
            request.detail = `${response.status} ${JSON.stringify(body).slice(0, 300)}`;
          }
        } catch (error) {
          request.answeredAt = Date.now();
          const code = (error as { cause?: { code?: string } }).cause?.code;
          if (code === 'ECONNREFUSED') {
            // Never reached the server: the listener is closed. Not a request at all; stop this client.
            sent.splice(sent.indexOf(request), 1);
            refusedConnections++;
            return;
          }
          request.outcome = 'no-answer';
          request.detail = String((error as { cause?: unknown }).cause ?? error);
        }
      }
    };
    const clients = Array.from({ length: CLIENTS }, (_, index) => client(index));
    // Load until a good number of registrations are done and several are running.
    const deadline = Date.now() + 60_000;
    while (
      sent.filter((request) => request.outcome === 'ok').length < 30 &&
      !sent.some((request) => request.outcome === 'other') &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const sigtermAt = Date.now();
    const inFlight = sent.filter((request) => request.answeredAt === undefined).length;
    const stop = api.stop('SIGTERM');
    const exit = await stop;
    stopped = true;
    await Promise.all(clients);

    const committed = new Set(
      (
        await dataSource.query<Array<{ email: string }>>('SELECT email FROM users WHERE email = ANY($1::text[])', [
          sent.map((request) => request.email),
        ])
      ).map((row) => row.email),
    );
    const count = (outcome: Outcome) => sent.filter((request) => request.outcome === outcome).length;
    const inFlightAtSigterm = sent.filter(
      (request) => request.sentAt <= sigtermAt && (request.answeredAt ?? Infinity) > sigtermAt,
    );
    // Lost: answered OK but not committed, or committed without an answer (the client cannot know it happened).
    const lost = sent.filter(
      (request) =>
        (request.outcome === 'ok' && !committed.has(request.email)) ||
        (request.outcome !== 'ok' && committed.has(request.email)),
    );
    const stoppedLine = /Stopped: (\d+) requests in flight, (\d+) cut/.exec(api.output());
    console.log(
      `drill SIGTERM on the API under load: in flight ${inFlight} requests (server counted ${stoppedLine?.[1]}), ` +
        `answered ${count('ok')}, refused ${count('refused-503')} with 503 + ${refusedConnections} connections, ` +
        `cut at the bound ${stoppedLine?.[2]}, lost ${lost.length}, repeated 0; stopped in ${exit.ms} ms`,
    );

    expect(exit.code).toBe(0);
    expect(exit.ms).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 5_000);
    expect(stoppedLine?.[2]).toBe('0');
    expect(inFlightAtSigterm.length).toBeGreaterThan(0); // the drill really caught requests running
    // Every request running at SIGTERM was answered: done, or (when it reached the server after the drain began)
    // refused with 503; none was cut.
    expect(inFlightAtSigterm.filter((request) => request.outcome === 'other')).toEqual([]);
    expect(inFlightAtSigterm.filter((request) => request.outcome === 'ok').length).toBeGreaterThan(0);
    expect(lost).toEqual([]);
    expect(count('other')).toBe(0);
    // A request without any answer never reached the application (its connection was closing): nothing changed.
    expect(sent.filter((request) => request.outcome === 'no-answer' && committed.has(request.email))).toEqual([]);
  }, 180_000);
});
