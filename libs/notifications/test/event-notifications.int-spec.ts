import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AchievementsService, AchievementStatus } from '@app/achievements';
import {
  NotificationEmailJob,
  NotificationEmailStatus,
  NotificationEntity,
  NotificationEventsService,
  NotificationKind,
  ReceivedMail,
  SmtpSink,
  startSmtpSink,
} from '@app/notifications';
import { settledWorker, startTestApi, TestApi } from '@app/testing';
import { createWorkerApp } from '../../../apps/worker/src/bootstrap';
import { seedAchievement } from '../../../apps/api/test/achievements.fixtures';
import { eventually, TestActor } from '../../../apps/api/test/support/marketplace-actors';
import {
  ANSWER,
  buildWorld,
  BrokerageWorld,
  CLAIM,
  errorCode,
  introducedDeal,
  MOVE,
  ok,
  plantedAfterFollower,
  PROPOSE,
} from '../../brokerage/test/brokerage-world';

const MINE = `query($first: Int!, $unreadOnly: Boolean) { notifications(first: $first, unreadOnly: $unreadOnly) {
  totalCount unreadCount nodes { id kind title body path readAt } } }`;
const READ = `mutation($id: ID!) { markNotificationRead(id: $id) { id readAt } }`;
const PREFS = `mutation($p: [NotificationPreferenceInput!]!) { updateNotificationPreferences(preferences: $p) {
  kind inApp email isDefault } }`;
const step = (mutation: string) => `mutation($id: ID!, $input: TransitionInput) {
  ${mutation}(id: $id, input: $input) { id status } }`;
const OBJECT = `mutation($id: ID!, $reason: String!) { fileAchievementObjection(id: $id, reason: $reason) { id } }`;
const TRIAGE = `mutation($id: ID!, $uphold: Boolean!, $resolution: String!) {
  triageAchievementObjection(objectionId: $id, uphold: $uphold, resolution: $resolution) { id outcome } }`;
const DEMAND_CONFIDENTIAL = `query($id: ID!) { demand(id: $id) { id confidentialDetails } }`;

describe('event notifications (in-app exactly once, email at least once, per-kind preferences)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let dataSource: DataSource;
  let sink: SmtpSink;
  let world: BrokerageWorld;
  const mails: ReceivedMail[] = [];

  beforeAll(async () => {
    sink = await startSmtpSink({ onMessage: (mail) => void mails.push(mail) });
    Object.assign(process.env, { SMTP_URL: sink.url, PUBLIC_URL: 'https://tt.example' });
    api = await startTestApi();
    worker = await createWorkerApp();
    // The worker's boot-time heal rematches every open demand: planted matches are made after it.
    await settledWorker(worker, 150_000);
    dataSource = api.app.get(DataSource);
    world = await buildWorld(api, 'notify', 2);
    // The enterprise member reads English.
    await dataSource.query(`UPDATE users SET locale = 'en' WHERE id = $1`, [world.member.userId]);
  }, 180_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sink?.close();
  });

  /** The rows of one kind a person got (in-app or not). */
  const rowsOf = (actor: TestActor, kind: NotificationKind) =>
    dataSource.getRepository(NotificationEntity).findBy({ userId: actor.userId, kind });
  const mailsFor = (notification: NotificationEntity) =>
    mails.filter((mail) => mail.messageId === `<notification.${notification.id}@tt.example>`);
  /** Waits until the email of this notification is recorded SENT (the worker sent it). */
  const sent = (notification: NotificationEntity) =>
    eventually(async () => {
      const row = await dataSource.getRepository(NotificationEntity).findOneByOrFail({ id: notification.id });
      return row.emailStatus === NotificationEmailStatus.SENT && mailsFor(row).length > 0 ? row : null;
    }, 20_000);

  it('a submission notifies the TTO once, in-app and by email, linking to the review; a return notifies the researcher', async () => {
    const draft = await seedAchievement(api, {
      institutionId: world.university.id,
      ownerId: world.researcher.userId,
      status: AchievementStatus.DRAFT,
      title: '通知测试成果',
    });
    await ok(api, step('submitAchievement'), { id: draft.id }, world.researcher);
    const [submitted, ...more] = await rowsOf(world.tto, NotificationKind.RIGHTS_SUBMITTED);
    expect(more).toHaveLength(0);
    expect(submitted).toMatchObject({
      inApp: true,
      title: '待审：《通知测试成果》提交了确权申请',
      data: { achievementId: draft.id, path: `/workspace/reviews?achievement=${draft.id}` },
    });
    // The submitter is not told of their own act.
    expect(await rowsOf(world.researcher, NotificationKind.RIGHTS_SUBMITTED)).toHaveLength(0);
    const mailed = await sent(submitted);
    const [mail] = mailsFor(mailed);
    expect(mail.subject).toBe('待审：《通知测试成果》提交了确权申请');
    expect(mail.text).toContain(`https://tt.example/workspace/reviews?achievement=${draft.id}`);
    expect(mail.text).toContain('https://tt.example/settings/notifications');

    // The TTO sees it in the centre with the unread count; reading it there is theirs alone.
    const centre = (await ok(api, MINE, { first: 20 }, world.tto)).notifications;
    const item = centre.nodes.find((node: { id: string }) => node.id === submitted.id);
    expect(item).toMatchObject({ kind: 'RIGHTS_SUBMITTED', path: `/workspace/reviews?achievement=${draft.id}` });
    expect(centre.unreadCount).toBeGreaterThanOrEqual(1);
    expect(await errorCode(api, READ, { id: submitted.id }, world.researcher)).toBe('NOT_FOUND');
    expect((await ok(api, READ, { id: submitted.id }, world.tto)).markNotificationRead.readAt).toBeTruthy();
    const after = (await ok(api, MINE, { first: 20 }, world.tto)).notifications;
    expect(after.unreadCount).toBe(centre.unreadCount - 1);

    // Approve to TTO review, then return it with a reason: the researcher hears it, with the reason.
    await ok(api, step('approveAchievementStage'), { id: draft.id }, world.tto);
    await ok(api, step('approveAchievementStage'), { id: draft.id }, world.tto);
    await ok(api, step('rejectAchievement'), { id: draft.id, input: { comment: '缺少完成人同意书' } }, world.tto);
    const returned = await rowsOf(world.researcher, NotificationKind.RIGHTS_RETURNED);
    expect(returned).toHaveLength(1);
    expect(returned[0]).toMatchObject({
      body: '退回理由：缺少完成人同意书',
      data: { path: `/workspace/achievements/${draft.id}` },
    });
  });

  it('an objection notifies the TTO; its outcome the objector and the owner; a notice ended the owner (once, even when the job runs twice)', async () => {
    const onNotice = await seedAchievement(api, {
      institutionId: world.university.id,
      ownerId: world.researcher.userId,
      status: AchievementStatus.PUBLIC_NOTICE,
      title: '公示中的成果',
    });
    const { fileAchievementObjection } = await ok(
      api,
      OBJECT,
      { id: onNotice.id, reason: '本公司参与过研发' },
      world.outsider,
    );
    const filed = await rowsOf(world.tto, NotificationKind.OBJECTION_FILED);
    expect(filed.filter((row) => row.data.achievementId === onNotice.id)).toHaveLength(1);
    expect(filed[0].data.path).toBe('/workspace/office/notices');
    await ok(api, TRIAGE, { id: fileAchievementObjection.id, uphold: false, resolution: '证据不足' }, world.tto);
    const toObjector = await rowsOf(world.outsider, NotificationKind.OBJECTION_RESOLVED);
    expect(toObjector).toHaveLength(1);
    expect(toObjector[0]).toMatchObject({ data: { path: '/notices' } });
    expect(toObjector[0].title).toContain('异议不成立');
    const toOwner = await rowsOf(world.researcher, NotificationKind.OBJECTION_RESOLVED);
    expect(toOwner.map((row) => row.data.path)).toEqual([`/workspace/achievements/${onNotice.id}`]);

    await dataSource.query(`UPDATE achievements SET notice_ends_at = now() - interval '1 second' WHERE id = $1`, [
      onNotice.id,
    ]);
    const achievements = api.app.get(AchievementsService);
    expect(await achievements.endNotice(onNotice.id, 1)).toBe('done');
    expect(await achievements.endNotice(onNotice.id, 1)).toBe('skipped');
    const ended = await rowsOf(world.researcher, NotificationKind.NOTICE_ENDED);
    expect(ended.filter((row) => row.data.achievementId === onNotice.id)).toHaveLength(1);
  });

  it('introductions notify both sides and the broker, revealed details tell the enterprise who read, stages the parties; preferences are kept', async () => {
    // The researcher wants deal stages by email only, the member no accepted-introduction notices at all.
    const researcherPrefs = (
      await ok(api, PREFS, { p: [{ kind: 'DEAL_STAGE_CHANGED', inApp: false, email: true }] }, world.researcher)
    ).updateNotificationPreferences;
    expect(researcherPrefs.find((p: { kind: string }) => p.kind === 'DEAL_STAGE_CHANGED')).toEqual({
      kind: 'DEAL_STAGE_CHANGED',
      inApp: false,
      email: true,
      isDefault: false,
    });
    await ok(api, PREFS, { p: [{ kind: 'INTRODUCTION_ACCEPTED', inApp: false, email: false }] }, world.member);
    expect(await errorCode(api, PREFS, { p: [{ kind: 'DIGEST', inApp: true, email: true }] }, world.member)).toBe(
      'BAD_USER_INPUT',
    );

    const broker = world.brokers[0];
    const { introductionId, dealId } = await introducedDeal(api, world);
    const path = `/workspace/my-introductions/${introductionId}`;
    // Proposed: both sides, in their languages; never the broker who proposed.
    const proposedToMember = await rowsOf(world.member, NotificationKind.INTRODUCTION_PROPOSED);
    expect(proposedToMember).toHaveLength(1);
    expect(proposedToMember[0].title).toMatch(/^An introduction was proposed: /);
    expect(proposedToMember[0].data.path).toBe(path);
    const proposedToResearcher = await rowsOf(world.researcher, NotificationKind.INTRODUCTION_PROPOSED);
    expect(proposedToResearcher.map((row) => row.data.path)).toEqual([
      `/workspace/achievements/${world.achievement.id}`,
    ]);
    expect(await rowsOf(broker, NotificationKind.INTRODUCTION_PROPOSED)).toHaveLength(0);
    const english = mailsFor(await sent(proposedToMember[0]))[0];
    expect(english.subject).toMatch(/^An introduction was proposed: /);
    expect(english.text).toContain(`https://tt.example${path}`);
    // Accepted: the other side and the broker, each answer once; the member chose not to hear it.
    const acceptedToBroker = await rowsOf(broker, NotificationKind.INTRODUCTION_ACCEPTED);
    expect(acceptedToBroker.map((row) => row.data.path)).toEqual([
      '/workspace/broker/deals',
      '/workspace/broker/deals',
    ]);
    expect(await rowsOf(world.researcher, NotificationKind.INTRODUCTION_ACCEPTED)).toHaveLength(1);
    expect(await rowsOf(world.member, NotificationKind.INTRODUCTION_ACCEPTED)).toHaveLength(0);

    // The researcher reads the demand's confidential details twice: the member hears it once, with the reader.
    for (let i = 0; i < 2; i++) {
      expect(
        (await ok(api, DEMAND_CONFIDENTIAL, { id: world.demand.id }, world.researcher)).demand.confidentialDetails,
      ).toContain('CONFIDENTIAL');
    }
    const read = await rowsOf(world.member, NotificationKind.DETAILS_REVEALED);
    expect(read).toHaveLength(1);
    expect(read[0]).toMatchObject({ emailStatus: NotificationEmailStatus.NONE, data: { path } });
    expect(read[0].title).toMatch(/read the confidential details/);

    // A stage change: the parties but not the broker who moved it; the researcher by email only.
    await ok(api, MOVE, { input: { dealId, stage: 'NDA_SIGNED' } }, broker);
    const toMember = await rowsOf(world.member, NotificationKind.DEAL_STAGE_CHANGED);
    expect(toMember).toHaveLength(1);
    expect(toMember[0]).toMatchObject({
      inApp: true,
      data: { path: `/workspace/broker/deals/${dealId}`, stage: 'NDA_SIGNED' },
    });
    expect(await rowsOf(broker, NotificationKind.DEAL_STAGE_CHANGED)).toHaveLength(0);
    const [emailOnly] = await rowsOf(world.researcher, NotificationKind.DEAL_STAGE_CHANGED);
    expect(emailOnly).toMatchObject({
      inApp: false,
      data: { path: `/workspace/broker/deals/${dealId}` },
    });
    await sent(emailOnly);
    const centre = (await ok(api, MINE, { first: 50 }, world.researcher)).notifications;
    expect(centre.nodes.map((node: { id: string }) => node.id)).not.toContain(emailOnly.id);
    expect(await errorCode(api, READ, { id: emailOnly.id }, world.researcher)).toBe('NOT_FOUND');

    // A price-notice objection goes to the broker (the notice is published while negotiating).
    await ok(api, MOVE, { input: { dealId, stage: 'NEGOTIATING' } }, broker);
    expect(await rowsOf(world.member, NotificationKind.DEAL_STAGE_CHANGED)).toHaveLength(2);
    await ok(
      api,
      `mutation($id: ID!) { publishDealPriceNotice(dealId: $id, agreedPriceWan: 100) { id } }`,
      { id: dealId },
      broker,
    );
    await ok(
      api,
      `mutation($id: ID!, $reason: String!) { objectToPriceNotice(dealId: $id, reason: $reason) }`,
      { id: dealId, reason: '价格明显偏低' },
      world.outsider,
    );
    const objection = await rowsOf(broker, NotificationKind.PRICE_NOTICE_OBJECTION);
    expect(objection).toHaveLength(1);
    expect(objection[0].data.path).toBe(`/workspace/broker/deals/${dealId}`);
    expect(objection[0].body).toBe('异议内容：价格明显偏低');
  });

  it('a decline notifies the other side and the broker with the reason; the same event published again and the email job run again add nothing', async () => {
    // A fresh marketplace: the deal above holds the first demand (IN_PROGRESS), which takes no new introduction.
    const fresh = await buildWorld(api, 'decline', 2);
    await plantedAfterFollower(api, worker, fresh);
    await dataSource.query(`UPDATE users SET locale = 'en' WHERE id = $1`, [fresh.member.userId]);
    const broker = fresh.brokers[1];
    await ok(api, CLAIM, { id: fresh.expertMatch.id }, broker);
    const { proposeIntroduction } = await ok(api, PROPOSE, { input: { matchId: fresh.expertMatch.id } }, broker);
    await ok(
      api,
      ANSWER,
      {
        input: { introductionId: proposeIntroduction.id, accept: false, reason: 'TOO_EARLY', comment: '还在样机阶段' },
      },
      fresh.expertUser,
    );
    const toBroker = await rowsOf(broker, NotificationKind.INTRODUCTION_DECLINED);
    expect(toBroker).toHaveLength(1);
    expect(toBroker[0].body).toBe('理由：阶段过早；还在样机阶段');
    const toMember = (await rowsOf(fresh.member, NotificationKind.INTRODUCTION_DECLINED)).filter(
      (row) => row.data.introductionId === proposeIntroduction.id,
    );
    expect(toMember).toHaveLength(1);
    expect(toMember[0].body).toBe('Reason: too early; 还在样机阶段');

    // A retried job publishing the same event again creates nothing; the email job run again sends nothing.
    const events = api.app.get(NotificationEventsService);
    const again = await events.publishNow({
      kind: NotificationKind.INTRODUCTION_DECLINED,
      eventKey: `${proposeIntroduction.id}:TARGET`,
      actorId: fresh.expertUser.userId,
      audiences: [{ userIds: [broker.userId, fresh.member.userId], path: '/x' }],
      data: { introductionId: proposeIntroduction.id },
      params: { subject: 'x' },
    });
    expect(again).toBe(0);
    const mailed = await sent(toBroker[0]);
    const count = mailsFor(mailed).length;
    expect(await worker.get(NotificationEmailJob).send({ notificationId: mailed.id })).toBe('skipped');
    expect(mailsFor(mailed)).toHaveLength(count);
    expect(count).toBe(1);
  });
});
