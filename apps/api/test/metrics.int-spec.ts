import { Writable } from 'node:stream';
import { AppConfig, JOB_QUEUE, JobName, JobQueue } from '@app/core';
import { OrganisationKind } from '@app/identity';
import { startTestApi, testAccounts, TestApi, TEST_PASSWORD, uniqueEmail } from '@app/testing';
import { createWorkerApp } from '../../worker/src/bootstrap';

const REGISTER = `mutation Register($input: RegisterInput!) { register(input: $input) { email } }`;

/** Polls until the probe answers (the test's own timeout bounds it). */
async function eventually<T>(probe: () => T | null | undefined | Promise<T | null | undefined>): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('metrics and request ids', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('counts GraphQL operations and HTTP responses, reads queue and outbox gauges, and carries a request id into the job and the worker log', async () => {
    const university = await testAccounts(api).organisation('指标测试大学', OrganisationKind.UNIVERSITY);
    const requestId = `metrics-test-${Date.now()}`;
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': requestId },
      body: JSON.stringify({
        query: REGISTER,
        variables: {
          input: {
            email: uniqueEmail('metrics'),
            password: TEST_PASSWORD,
            displayName: '指标',
            role: 'RESEARCHER',
            organisationId: university.id,
          },
        },
      }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe(requestId);
    // An invalid id is replaced, never echoed.
    const replaced = await fetch(`${api.url}/health`, { headers: { 'x-request-id': 'bad id\twith spaces' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    // The job the mutation enqueued carries the request id.
    const queue = api.app.get(JobQueue).queue(JOB_QUEUE[JobName.SendAccountMail]);
    const jobs = await queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed']);
    const job = jobs.find((candidate) => candidate.data?.requestId === requestId);
    expect(job?.name).toBe(JobName.SendAccountMail);

    await api.gql('query MetricsProbe { __typename }');
    await api.gql('{ __typename }');
    const scrape = await fetch(`${api.url}/metrics`);
    expect(scrape.status).toBe(200);
    expect(scrape.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await scrape.text();
    expect(text).toMatch(/^tt_graphql_request_duration_seconds_count\{operation="MetricsProbe",outcome="ok"\} 1$/m);
    expect(text).toMatch(/^tt_graphql_request_duration_seconds_count\{operation="Register",outcome="ok"\} 1$/m);
    expect(text).toMatch(/^tt_graphql_request_duration_seconds_count\{operation="\(anonymous\)",outcome="ok"\} 1$/m);
    expect(text).toMatch(/^tt_http_responses_total\{route="graphql",status_class="2xx"\} [3-9]$/m);
    const waiting = text.match(/^tt_queue_jobs\{queue="deliveries",state="waiting"\} (\d+)$/m);
    expect(Number(waiting?.[1])).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^tt_outbox_lag_seconds\{consumer="search"\} [\d.e+-]+$/m);
    expect(text).toMatch(/^tt_outbox_lag_seconds\{consumer="matching"\} [\d.e+-]+$/m);
    expect(text).toMatch(/^tt_outbox_dead_letters \d+$/m);
    expect(text).toMatch(/^tt_meilisearch_tasks\{status="enqueued"\} \d+$/m);
    expect(text).not.toContain('tt_metrics_collect_errors_total{');

    // The worker that runs the job logs its lines with the request id.
    const lines: Array<Record<string, unknown>> = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const logLevel = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = 'info';
    const worker = await createWorkerApp({ logDestination: destination });
    process.env.LOG_LEVEL = logLevel;
    try {
      const line = await eventually(() =>
        lines.find((entry) => entry.requestId === requestId && entry.job === JobName.SendAccountMail),
      );
      expect(line.jobId).toBe(job!.id);
    } finally {
      await worker.close();
    }
  });

  it('asks for the bearer token when METRICS_TOKEN is set', async () => {
    const config = api.app.get(AppConfig);
    config.METRICS_TOKEN = 'metrics-token-for-the-test';
    try {
      expect((await fetch(`${api.url}/metrics`)).status).toBe(401);
      const wrong = await fetch(`${api.url}/metrics`, { headers: { authorization: 'Bearer wrong' } });
      expect(wrong.status).toBe(401);
      const right = await fetch(`${api.url}/metrics`, {
        headers: { authorization: 'Bearer metrics-token-for-the-test' },
      });
      expect(right.status).toBe(200);
      expect(await right.text()).toContain('tt_http_responses_total');
    } finally {
      config.METRICS_TOKEN = undefined;
    }
  });
});
