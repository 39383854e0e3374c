import { createServer } from 'node:net';
import { OrganisationKind, Role } from '@app/identity';
import { startTestApi, testAccounts, TestApi, TestSession } from '@app/testing';

const SET_WEBHOOK = `mutation ($url: String!) { setWebhook(url: $url) { subscription { id } } }`;
const PING = `mutation { pingWebhook { ok status error } }`;

/** A port on this machine where nothing listens. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A ping says that the webhook could not be reached, never why: it must not become a probe of the network. */
describe('webhook ping', () => {
  let api: TestApi;
  let user: TestSession;
  beforeAll(async () => {
    api = await startTestApi();
    const accounts = testAccounts(api);
    const company = await accounts.organisation('回调测试公司', OrganisationKind.ENTERPRISE);
    user = await accounts.member(Role.ENTERPRISE_MEMBER, company.id, 'webhook-pinger');
  });
  afterAll(() => api.close());

  it('answers the same generic error for a refused connection and an unknown host', async () => {
    const errors: unknown[] = [];
    for (const url of [`http://127.0.0.1:${await closedPort()}/hook`, 'http://no-such-host.invalid/hook']) {
      const set = await api.gql(SET_WEBHOOK, { url }, user.token);
      expect(set.errors).toBeUndefined();
      const ping = await api.gql(PING, {}, user.token);
      expect(ping.data!.pingWebhook).toMatchObject({ ok: false, status: null });
      errors.push(ping.data!.pingWebhook.error);
    }
    expect(errors[0]).toBe(errors[1]);
    expect(String(errors[0])).not.toMatch(/ECONNREFUSED|ENOTFOUND|127\.0\.0\.1|invalid/);
  });
});
