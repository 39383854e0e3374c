import { INestApplicationContext } from '@nestjs/common';
import { JobName, JobQueue } from '@app/core';
import { DigestBuilderService, DigestDeliveryEntity, DigestEntity } from '@app/digests';
import { OrganisationKind } from '@app/identity';
import { ReceivedMail, SmtpSink, startSmtpSink } from '@app/notifications';
import { startTestApi, TestApi, testAccounts } from '@app/testing';
import { DataSource } from 'typeorm';
import { createWorkerApp } from '../../../apps/worker/src/bootstrap';
import { DigestFixtures, eventually, WebhookReceiver } from './digest-test-support';

const PREFS = `{ digestPreferences { enabled frequency channels dayOfWeek hour timeZone language languageChosen topicIndustries topicKeywords } }`;
const UPDATE = `mutation U($input: DigestPreferencesInput!) { updateDigestPreferences(input: $input) { enabled frequency channels dayOfWeek hour timeZone language topicKeywords } }`;
const SET_WEBHOOK = `mutation W($url: String!) { setWebhook(url: $url) { secret subscription { id url enabled } } }`;
const PING = `mutation { pingWebhook { ok status error } }`;
const NOTIFICATIONS = `query N($unreadOnly: Boolean) { notifications(first: 10, unreadOnly: $unreadOnly) { totalCount nodes { id kind title digestId readAt } } unreadNotificationCount }`;
const MARK_READ = `mutation M($id: ID!) { markNotificationRead(id: $id) { id readAt } }`;
const MARK_ALL = `mutation { markAllNotificationsRead }`;
const UNSUBSCRIBE = `mutation U($token: String!, $frequency: UnsubscribeChoice) { unsubscribeDigest(token: $token, frequency: $frequency) { enabled frequency } }`;
const RERUN = `mutation R($userId: ID!, $period: String!) { rerunDigest(userId: $userId, period: $period) { id version period itemCount } }`;
const TICKET = `mutation { issueQueueDashboardTicket { url expiresAt } }`;

/** Mondays 01:00 UTC (09:00 in Shanghai), a different week per scenario so they never share a window. */
const slot = (week: number) => new Date(Date.UTC(2031, 0, 6 + 7 * week, 1));
const isoWeek = (week: number) => `2031-W${String(2 + week).padStart(2, '0')}`;

describe('weekly digests', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let dataSource: DataSource;
  let fixtures: DigestFixtures;
  let sink: SmtpSink;
  const mails: ReceivedMail[] = [];
  const receiver = new WebhookReceiver();
  // Digests only: the same sink also receives account emails (address verification).
  const mailsTo = (email: string) =>
    mails.filter((mail) => mail.to.includes(email) && mail.messageId?.startsWith('<digest.'));

  beforeAll(async () => {
    sink = await startSmtpSink({ onMessage: (mail) => void mails.push(mail) });
    await receiver.start();
    Object.assign(process.env, {
      SMTP_URL: sink.url,
      PUBLIC_URL: 'https://tt.example',
      DELIVERY_ATTEMPTS: '3',
      DELIVERY_BACKOFF_MS: '50',
      WEBHOOK_DISABLE_AFTER_FAILURES: '2',
    });
    api = await startTestApi();
    worker = await createWorkerApp();
    dataSource = api.app.get(DataSource);
    fixtures = new DigestFixtures(dataSource);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.close();
    await receiver.close();
  });

  /** A new enterprise's creator (through the API), with the address verified. */
  async function register(locale = 'zh') {
    const { organisationId, creator } = await testAccounts(api).selfServiceOrganisation(
      OrganisationKind.ENTERPRISE,
      `企业 ${Math.random().toString(36).slice(2, 8)}`,
      { verified: false, locale, displayName: locale === 'en' ? 'Alice' : '王五' },
    );
    return { token: creator.token, id: creator.userId, email: creator.email, organisationId };
  }

  /** A registered user whose demand got `count` matches in the week before `at`. */
  async function withMatches(user: { organisationId: string }, at: Date, count = 2) {
    const institution = await fixtures.organisation('UNIVERSITY');
    const demandId = await fixtures.demand(user.organisationId, '高精度视觉检测设备');
    const matchIds: string[] = [];
    for (let i = 0; i < count; i++) {
      const expertId = await fixtures.expert(institution, `张教授 ${i + 1}`);
      matchIds.push(
        await fixtures.match(demandId, expertId, 0.9 - i * 0.1, new Date(at.getTime() - (i + 1) * 3_600_000)),
      );
    }
    return matchIds;
  }

  const plan = (at: Date) => worker.get(JobQueue).enqueue(JobName.PlanDigests, { slot: at.toISOString() });

  const deliveriesOf = async (userId: string) =>
    dataSource
      .getRepository(DigestDeliveryEntity)
      .find({ where: { userId }, order: { createdAt: 'ASC', channel: 'ASC' } });

  const settled = async (userId: string, count: number) => {
    try {
      return await eventually(async () => {
        const rows = await deliveriesOf(userId);
        return (
          rows.length >= count &&
          rows.every((row) => ['SENT', 'DEAD', 'UNKNOWN', 'SKIPPED'].includes(row.status)) &&
          rows
        );
      }, 20_000);
    } catch {
      throw new Error(`deliveries not settled: ${JSON.stringify(await deliveriesOf(userId))}`);
    }
  };

  /** A header as sent (unfolded), from the raw message. */
  const rawHeader = (mail: ReceivedMail, name: string) => {
    const head = mail.raw
      .toString('utf8')
      .split('\r\n\r\n')[0]
      .replace(/\r\n[ \t]+/g, ' ');
    return new RegExp(`^${name}: (.*)$`, 'im').exec(head)?.[1];
  };

  it('gives every user default preferences (language from the locale) and validates changes', async () => {
    const alice = await register('en');
    const prefs = await api.gql(PREFS, {}, alice.token);
    expect(prefs.data!.digestPreferences).toEqual({
      enabled: true,
      frequency: 'WEEKLY',
      channels: ['EMAIL', 'IN_APP'],
      dayOfWeek: 1,
      hour: 9,
      timeZone: 'Asia/Shanghai',
      language: 'en',
      languageChosen: false,
      topicIndustries: [],
      topicKeywords: [],
    });
    const badZone = await api.gql(UPDATE, { input: { timeZone: 'Mars/Olympus' } }, alice.token);
    expect(badZone.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'timeZone' });
    const badHour = await api.gql(UPDATE, { input: { hour: 24 } }, alice.token);
    expect(badHour.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const updated = await api.gql(
      UPDATE,
      {
        input: {
          timeZone: 'Europe/Berlin',
          dayOfWeek: 3,
          hour: 18,
          channels: ['IN_APP', 'IN_APP'],
          topicKeywords: [' 视觉 ', ''],
        },
      },
      alice.token,
    );
    expect(updated.data!.updateDigestPreferences).toEqual({
      enabled: true,
      frequency: 'WEEKLY',
      channels: ['IN_APP'],
      dayOfWeek: 3,
      hour: 18,
      timeZone: 'Europe/Berlin',
      language: 'en',
      topicKeywords: ['视觉'],
    });
    expect((await api.gql(PREFS, {})).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('plans by local time: Monday 09:00 Shanghai is due at 01:00 UTC, Monday 09:00 Berlin at 08:00 UTC in winter', async () => {
    const shanghai = await register();
    const berlin = await register();
    await api.gql(UPDATE, { input: { timeZone: 'Europe/Berlin' } }, berlin.token);
    const builder = worker.get(DigestBuilderService);
    const dueAt = async (at: Date) => {
      const ids = new Map<string, string>();
      let after: string | null = null;
      for (;;) {
        const page = await builder.dueRecipients(at, after, 500);
        if (page.length === 0) return ids;
        for (const row of page) ids.set(row.userId, row.period);
        after = page[page.length - 1].userId;
      }
    };
    const oneUtc = await dueAt(new Date('2031-01-06T01:00:00Z'));
    const eightUtc = await dueAt(new Date('2031-01-06T08:00:00Z'));
    expect(oneUtc.get(shanghai.id)).toBe('2031-W02');
    expect(oneUtc.has(berlin.id)).toBe(false);
    expect(eightUtc.get(berlin.id)).toBe('2031-W02');
    expect(eightUtc.has(shanghai.id)).toBe(false);
    // Summer time: Berlin is UTC+2, so 07:00 UTC.
    expect((await dueAt(new Date('2031-06-02T07:00:00Z'))).has(berlin.id)).toBe(true);
  });

  it('builds once per recipient and week, and delivers email in Chinese and English and in-app, exactly once', async () => {
    const at = slot(10);
    const zh = await register('zh');
    const en = await register('en');
    const zhMatches = await withMatches(zh, at, 3);
    await withMatches(en, at, 1);
    // An old match (before the window) and a declined one never appear.
    const old = await withMatches(zh, new Date(at.getTime() - 10 * 86_400_000), 1);
    const declined = await withMatches(zh, at, 1);
    await dataSource.query(`UPDATE matches SET status = 'DECLINED', decline_reason = 'OTHER' WHERE id = $1`, [
      declined[0],
    ]);

    await plan(at);
    await plan(at); // the scheduler firing twice changes nothing
    const zhMail = await eventually(async () => mailsTo(zh.email)[0], 20_000, 'zh mail');
    const enMail = await eventually(async () => mailsTo(en.email)[0], 20_000, 'en mail');
    await settled(zh.id, 2);
    await settled(en.id, 2);

    const digests = await dataSource.getRepository(DigestEntity).findBy({ userId: zh.id });
    expect(digests).toHaveLength(1);
    expect(digests[0]).toMatchObject({ period: isoWeek(10), version: 1, itemCount: 3, language: 'zh' });
    expect(zhMail.subject).toBe(`本期新匹配 3 条（${isoWeek(10)}）`);
    expect(zhMail.messageId).toBe(`<digest.${digests[0].id}@tt.example>`);
    expect(zhMail.text).toContain('王五，您好');
    expect(zhMail.text).toContain('关键词吻合：视觉检测');
    expect(zhMail.text).toContain('行业一致');
    // Each item opens a screen of the web app (here: the match inbox of the recipient's demand) naming the match.
    for (const id of zhMatches) {
      expect(zhMail.text).toMatch(new RegExp(`https://tt\\.example/workspace/demands/[0-9a-f-]{36}\\?match=${id}`));
    }
    expect(zhMail.text).not.toContain(old[0]);
    expect(zhMail.text).not.toContain(declined[0]);
    expect(zhMail.html).toContain('高精度视觉检测设备 ↔ 张教授 1');
    expect(zhMail.html).toMatch(
      new RegExp(`href="https://tt\\.example/workspace/demands/[0-9a-f-]{36}\\?match=${zhMatches[0]}"`),
    );
    // Best first.
    expect(zhMail.text.indexOf(zhMatches[0])).toBeLessThan(zhMail.text.indexOf(zhMatches[2]));
    expect(rawHeader(zhMail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(rawHeader(zhMail, 'List-Unsubscribe')).toMatch(/https:\/\/tt\.example\/digests\/unsubscribe\?token=u1\./);

    expect(enMail.subject).toBe(`1 new match for you (${isoWeek(10)})`);
    expect(enMail.text).toContain('Hello Alice,');
    expect(enMail.text).toContain('Matching terms: 视觉检测');
    expect(enMail.text).toContain('same industry (ai)');
    expect(enMail.html).toContain('Why it matched');

    // In-app: listed, counted, marked read one by one or all at once.
    const inbox = await api.gql(NOTIFICATIONS, {}, zh.token);
    expect(inbox.data!.unreadNotificationCount).toBe(1);
    expect(inbox.data!.notifications.nodes).toEqual([
      expect.objectContaining({
        kind: 'DIGEST',
        title: `本期新匹配 3 条（${isoWeek(10)}）`,
        digestId: digests[0].id,
        readAt: null,
      }),
    ]);
    const read = await api.gql(MARK_READ, { id: inbox.data!.notifications.nodes[0].id }, zh.token);
    expect(read.data!.markNotificationRead.readAt).toEqual(expect.any(String));
    const notMine = await api.gql(MARK_READ, { id: inbox.data!.notifications.nodes[0].id }, en.token);
    expect(notMine.errors![0].extensions!.code).toBe('NOT_FOUND');
    expect((await api.gql(MARK_ALL, {}, en.token)).data!.markAllNotificationsRead).toBe(1);
    expect((await api.gql(NOTIFICATIONS, { unreadOnly: true }, en.token)).data!.notifications.totalCount).toBe(0);

    // Re-planning the same slot and re-running the build job deliver nothing more.
    await plan(at);
    await worker
      .get(JobQueue)
      .enqueue(
        JobName.BuildDigest,
        { userId: zh.id, period: isoWeek(10), slot: at.toISOString() },
        { jobId: `again.${zh.id}` },
      );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(mailsTo(zh.email)).toHaveLength(1);
    expect(await dataSource.getRepository(DigestEntity).countBy({ userId: zh.id })).toBe(1);

    // Next week: only what is new since this digest.
    const next = slot(11);
    const fresh = await withMatches(zh, next, 1);
    await plan(next);
    const second = await eventually(async () => mailsTo(zh.email)[1], 20_000, 'second week mail');
    expect(second.subject).toBe(`本期新匹配 1 条（${isoWeek(11)}）`);
    expect(second.text).toContain(fresh[0]);
    expect(second.text).not.toContain(zhMatches[0]);
  });

  it('plans every slot missed since the last one planned (worker down), once, late', async () => {
    const at = slot(60);
    const user = await register();
    await withMatches(user, at, 1);
    // The planner last planned three hours before the recipient's slot; the worker was down since.
    await dataSource.query(
      `INSERT INTO digest_plan_state (planner, last_slot) VALUES ('hourly', $1)
       ON CONFLICT (planner) DO UPDATE SET last_slot = EXCLUDED.last_slot`,
      [new Date(at.getTime() - 3 * 3_600_000)],
    );
    const back = new Date(at.getTime() + 2 * 3_600_000);
    const catchUp = (when: Date) =>
      worker.get(JobQueue).enqueue(JobName.PlanDigests, { slot: when.toISOString(), catchUp: true });
    await catchUp(back);
    await eventually(async () => mailsTo(user.email)[0], 20_000, 'late digest mail');
    // Planned again (the scheduler fires twice, the next hour comes): nothing is planned twice.
    await catchUp(back);
    await catchUp(new Date(back.getTime() + 3_600_000));
    await eventually(
      async () => {
        const [row] = await dataSource.query<Array<{ last_slot: Date }>>(
          `SELECT last_slot FROM digest_plan_state WHERE planner = 'hourly'`,
        );
        return new Date(row.last_slot).getTime() === back.getTime() + 3_600_000;
      },
      20_000,
      'slots remembered',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await dataSource.getRepository(DigestEntity).countBy({ userId: user.id })).toBe(1);
    expect(mailsTo(user.email)).toHaveLength(1);
    console.log(
      `drill digest slot missed: in flight 1 recipient due ${at.toISOString()}, worker back at ${back.toISOString()} ` +
        `(last planned 3 h before it); lost 0, digests 1, emails 1, repeated 0`,
    );
  });

  it('skips recipients with nothing new, and recipients who turned digests off', async () => {
    const at = slot(20);
    const idle = await register();
    const off = await register();
    await withMatches(off, at, 1);
    await api.gql(UPDATE, { input: { enabled: false } }, off.token);
    const marker = await register();
    await withMatches(marker, at, 1);
    await plan(at);
    await eventually(async () => mailsTo(marker.email)[0], 20_000, 'marker mail');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await dataSource.getRepository(DigestEntity).countBy({ userId: idle.id })).toBe(0);
    expect(await dataSource.getRepository(DigestEntity).countBy({ userId: off.id })).toBe(0);
    expect(mailsTo(off.email)).toHaveLength(0);
  });

  it('posts signed webhooks with the delivery id as idempotency key, retries with backoff, dead-letters and disables', async () => {
    const user = await register();
    await api.gql(UPDATE, { input: { channels: ['WEBHOOK'] } }, user.token);
    const path = receiver.path();
    const bad = await api.gql(SET_WEBHOOK, { url: 'ftp://example.com/hook' }, user.token);
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url' });
    const created = await api.gql(SET_WEBHOOK, { url: `${receiver.url}${path}` }, user.token);
    const secret: string = created.data!.setWebhook.secret;
    expect(secret).toMatch(/^whsec_/);
    receiver.setSecret(path, secret);

    // The ping is signed with the secret just shown.
    const ping = await api.gql(PING, {}, user.token);
    expect(ping.data!.pingWebhook).toEqual({ ok: true, status: 200, error: null });
    expect(receiver.callsTo(path)[0]).toMatchObject({ verified: true, body: { type: 'ping' } });

    // Two failures, then success on the third (last) attempt.
    const first = slot(30);
    await withMatches(user, first, 2);
    receiver.fail(path, 2);
    await plan(first);
    const [delivered] = await settled(user.id, 1);
    expect(delivered).toMatchObject({ channel: 'WEBHOOK', status: 'SENT', attempts: 3 });
    const digestCalls = receiver.callsTo(path).filter((call) => call.body.type === 'digest');
    expect(digestCalls.map((call) => call.status)).toEqual([500, 500, 200]);
    expect(new Set(digestCalls.map((call) => call.idempotencyKey))).toEqual(new Set([delivered.id]));
    expect(digestCalls.every((call) => call.verified)).toBe(true);
    expect(digestCalls[2].body).toMatchObject({ type: 'digest', period: isoWeek(30), recipientId: user.id });
    expect(digestCalls[2].body.items).toHaveLength(2);
    expect(digestCalls[2].body.items[0].why).toContain('关键词吻合：视觉检测');

    // A wrong signature is refused by the receiver (it verifies with the secret it was given).
    receiver.setSecret(path, 'whsec_wrong');
    const tampered = await api.gql(PING, {}, user.token);
    expect(tampered.data!.pingWebhook).toMatchObject({ ok: false, status: 401 });
    receiver.setSecret(path, secret);

    // Always failing: each delivery is dead-lettered after 3 attempts; the second one in a row disables it.
    receiver.fail(path, -1);
    for (const week of [31, 32]) {
      await withMatches(user, slot(week), 1);
      await plan(slot(week));
    }
    const rows = await settled(user.id, 3);
    expect(rows.map((row) => [row.status, row.attempts])).toEqual([
      ['SENT', 3],
      ['DEAD', 3],
      ['DEAD', 3],
    ]);
    const inbox = await api.gql(NOTIFICATIONS, {}, user.token);
    expect(inbox.data!.notifications.nodes).toEqual([expect.objectContaining({ kind: 'WEBHOOK_DISABLED' })]);
    const subscription = await dataSource.query<Array<{ enabled: boolean; consecutive_failures: number }>>(
      'SELECT enabled, consecutive_failures FROM webhook_subscriptions WHERE user_id = $1',
      [user.id],
    );
    expect(subscription[0]).toEqual({ enabled: false, consecutive_failures: 2 });

    // A disabled webhook gets no more calls.
    const before = receiver.callsTo(path).length;
    await withMatches(user, slot(33), 1);
    await plan(slot(33));
    await eventually(
      async () => (await dataSource.getRepository(DigestEntity).countBy({ userId: user.id })) === 4,
      10_000,
      'fourth digest',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.callsTo(path).length).toBe(before);
  });

  it('unsubscribes with the signed link, without signing in, and refuses a tampered token', async () => {
    const user = await register();
    await withMatches(user, slot(40), 1);
    await plan(slot(40));
    const mail = await eventually(async () => mailsTo(user.email)[0], 20_000, 'mail');
    const link = /<([^>]+)>/.exec(rawHeader(mail, 'List-Unsubscribe')!)![1];
    const local = link.replace('https://tt.example', api.url);
    const token = new URL(local).searchParams.get('token')!;

    const tampered = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    const refused = await fetch(local.replace(encodeURIComponent(token), encodeURIComponent(tampered)));
    expect(refused.status).toBe(400);
    const otherUser = token.replace(user.id, '00000000-0000-4000-8000-000000000000');
    expect((await api.gql(UNSUBSCRIBE, { token: otherUser })).errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect((await api.gql(PREFS, {}, user.token)).data!.digestPreferences.enabled).toBe(true);

    // Opening a link (or a mail scanner prefetching it) changes nothing: it asks, with a button that POSTs.
    const question = await fetch(local);
    expect(question.status).toBe(200);
    const page = await question.text();
    expect(page).toContain('Unsubscribe?');
    expect(page).toMatch(/<form method="post" action="\?token=[^"]+frequency=OFF">/);
    expect((await api.gql(PREFS, {}, user.token)).data!.digestPreferences.enabled).toBe(true);
    const monthlyQuestion = await fetch(local.replace('frequency=OFF', 'frequency=MONTHLY'));
    expect(await monthlyQuestion.text()).toContain('Monthly?');
    expect((await api.gql(PREFS, {}, user.token)).data!.digestPreferences.frequency).not.toBe('MONTHLY');

    const monthly = await fetch(local.replace('frequency=OFF', 'frequency=MONTHLY'), { method: 'POST' });
    expect(monthly.status).toBe(200);
    expect(await monthly.text()).toContain('Monthly');
    expect((await api.gql(PREFS, {}, user.token)).data!.digestPreferences).toMatchObject({
      enabled: true,
      frequency: 'MONTHLY',
    });

    const oneClick = await fetch(local, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(oneClick.status).toBe(200);
    expect((await api.gql(PREFS, {}, user.token)).data!.digestPreferences.enabled).toBe(false);

    const again = await api.gql(UNSUBSCRIBE, { token, frequency: 'WEEKLY' });
    expect(again.data!.unsubscribeDigest).toEqual({ enabled: true, frequency: 'WEEKLY' });
  });

  it('lets administrators re-run a period as a new version, delivered again, and nobody else', async () => {
    const user = await register();
    await withMatches(user, slot(50), 2);
    await plan(slot(50));
    const firstMail = await eventually(async () => mailsTo(user.email)[0], 20_000, 'first mail');
    const admin = await testAccounts(api).admin();

    const denied = await api.gql(RERUN, { userId: user.id, period: isoWeek(50) }, user.token);
    expect(denied.errors![0].extensions!.code).toBe('FORBIDDEN');
    const badPeriod = await api.gql(RERUN, { userId: user.id, period: 'next week' }, admin.token);
    expect(badPeriod.errors![0].extensions!.code).toBe('BAD_USER_INPUT');

    const rerun = await api.gql(RERUN, { userId: user.id, period: isoWeek(50) }, admin.token);
    expect(rerun.data!.rerunDigest).toMatchObject({ version: 2, period: isoWeek(50), itemCount: 2 });
    const secondMail = await eventually(async () => mailsTo(user.email)[1], 20_000, 'second mail');
    expect(secondMail.messageId).toBe(`<digest.${rerun.data!.rerunDigest.id}@tt.example>`);
    expect(secondMail.messageId).not.toBe(firstMail.messageId);
    expect(secondMail.subject).toBe(firstMail.subject);
  });

  it('serves the queue dashboard to administrators only (bearer token, or a ticket swapped for a cookie)', async () => {
    const user = await register();
    const admin = await testAccounts(api).admin();

    expect((await fetch(`${api.url}/admin/queues`)).status).toBe(401);
    expect(
      (await fetch(`${api.url}/admin/queues`, { headers: { authorization: `Bearer ${user.token}` } })).status,
    ).toBe(401);
    const page = await fetch(`${api.url}/admin/queues`, { headers: { authorization: `Bearer ${admin.token}` } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');

    expect((await api.gql(TICKET, {}, user.token)).errors![0].extensions!.code).toBe('FORBIDDEN');
    const ticket = await api.gql(TICKET, {}, admin.token);
    const url: string = ticket.data!.issueQueueDashboardTicket.url;
    const opened = await fetch(`${api.url}${url}`);
    expect(opened.status).toBe(200);
    const cookie = opened.headers.get('set-cookie')!.split(';')[0];
    expect(cookie).toMatch(/^tt_queue_dashboard=/);
    const queues = await fetch(`${api.url}/admin/queues/api/queues`, { headers: { cookie } });
    expect(queues.status).toBe(200);
    const names = ((await queues.json()) as { queues: Array<{ name: string }> }).queues
      .map((queue) => queue.name)
      .sort();
    expect(names).toEqual(expect.arrayContaining(['deliveries', 'digests', 'maintenance', 'matching', 'search']));
    const forged = await fetch(`${api.url}/admin/queues/api/queues`, {
      headers: { cookie: `${cookie.slice(0, -3)}abc` },
    });
    expect(forged.status).toBe(401);
  });

  it('labels an application scenario (应用场景) in the email and the in-app digest', async () => {
    const at = slot(70);
    const user = await register('zh');
    const institution = await fixtures.organisation('UNIVERSITY');
    const demandId = await fixtures.demand(user.organisationId, '港区无人机巡检');
    await dataSource.query(`UPDATE demands SET kind = 'APPLICATION_SCENARIO', site = '3 号码头' WHERE id = $1`, [
      demandId,
    ]);
    const expertId = await fixtures.expert(institution, '李教授');
    await fixtures.match(demandId, expertId, 0.8, new Date(at.getTime() - 3_600_000));

    await plan(at);
    const mail = await eventually(async () => mailsTo(user.email)[0], 20_000, 'scenario mail');
    await settled(user.id, 2);
    expect(mail.text).toContain('[应用场景] 港区无人机巡检 ↔ 李教授');
    expect(mail.html).toContain('[应用场景] 港区无人机巡检');
    const inApp = await api.gql(`query { notifications(first: 5) { nodes { kind body } } }`, {}, user.token);
    expect(inApp.data!.notifications.nodes).toContainEqual({
      kind: 'DIGEST',
      body: '[应用场景] 港区无人机巡检 ↔ 李教授',
    });
  });
});
