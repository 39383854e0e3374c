import { DataSource } from 'typeorm';
import { JobName, JobQueue, JOB_QUEUE } from '@app/core';
import { startTestApi, TestApi, TEST_PASSWORD, uniqueEmail } from '@app/testing';

const REGISTER = `mutation Register($input: RegisterInput!) { register(input: $input) { email } }`;
const RESET = `mutation Reset($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) }`;

/**
 * Account emails that follow a change (verification and reset tokens, invitations) are job intents written in the
 * change's transaction and relayed after the commit — the same relay as every other follow-up job, so a crash
 * between the commit and the enqueue loses none (the worker's sweep relays what is left; see the commit-then-kill
 * drill).
 */
describe('account emails as job intents', () => {
  let api: TestApi;
  let dataSource: DataSource;

  beforeAll(async () => {
    api = await startTestApi();
    dataSource = api.app.get(DataSource);
  });
  afterAll(() => api?.close());

  async function intentFor(userEmail: string, kind: string) {
    const [token] = await dataSource.query<Array<{ id: string }>>(
      `SELECT t.id FROM account_tokens t WHERE t.email = $1 AND t.purpose = $2 ORDER BY t.created_at DESC LIMIT 1`,
      [userEmail, kind],
    );
    const jobId = `account-mail.${kind}.${token.id}`;
    const [intent] = await dataSource.query<Array<{ job_name: string; relayed_at: Date | null; payload: unknown }>>(
      'SELECT job_name, relayed_at, payload FROM job_intents WHERE job_id = $1',
      [jobId],
    );
    return { jobId, intent, tokenId: token.id };
  }

  it('records the verification and reset emails with their tokens and relays them after the commit', async () => {
    const [organisation] = await dataSource.query<Array<{ id: string }>>(
      `INSERT INTO organisations (name, kind) VALUES ($1, 'UNIVERSITY') RETURNING id`,
      [`意图大学 ${Date.now()}`],
    );
    const email = uniqueEmail('intent');
    const registered = await api.gql(REGISTER, {
      input: {
        email,
        password: TEST_PASSWORD,
        displayName: '意图',
        role: 'RESEARCHER',
        organisationId: organisation.id,
      },
    });
    expect(registered.errors).toBeUndefined();
    const verify = await intentFor(email, 'VERIFY_EMAIL');
    expect(verify.intent).toMatchObject({
      job_name: JobName.SendAccountMail,
      payload: expect.objectContaining({ kind: 'VERIFY_EMAIL', id: verify.tokenId }) as unknown,
    });
    expect(verify.intent.relayed_at).not.toBeNull();
    const queue = api.app.get(JobQueue).queue(JOB_QUEUE[JobName.SendAccountMail]);
    expect(await queue.getJob(verify.jobId)).toBeDefined();

    const reset = await api.gql(RESET, { input: { email } });
    expect(reset.errors).toBeUndefined();
    const resetIntent = await intentFor(email, 'RESET_PASSWORD');
    expect(resetIntent.intent).toMatchObject({ job_name: JobName.SendAccountMail });
    expect(resetIntent.intent.relayed_at).not.toBeNull();
  });
});
