import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AchievementEntity } from '@app/achievements';
import {
  BrokerAgencySettingsEntity,
  DealEntity,
  DealReminderEntity,
  IDLE_DEALS_SCHEDULER_ID,
  PriceNoticeStatus,
} from '@app/brokerage';
import { DEFAULT_PLATFORM_SETTINGS, JobName, JobQueue, PlatformSettingsEntity, QueueName } from '@app/core';
import { NotificationEntity, NotificationKind } from '@app/notifications';
import { startTestApi, TestApi, settledWorker } from '@app/testing';
import { createWorkerApp } from '../../../apps/worker/src/bootstrap';
import { eventually } from '../../../apps/api/test/support/marketplace-actors';
import { buildWorld, errorCode, introducedDeal, MOVE, ok } from './brokerage-world';

const DAY = 24 * 3600_000;

describe('brokerage jobs through the real queue', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let dataSource: DataSource;

  beforeAll(async () => {
    api = await startTestApi();
    worker = await createWorkerApp();
    await settledWorker(worker);
    dataSource = api.app.get(DataSource);
  }, 180_000);
  afterAll(async () => {
    await dataSource.getRepository(PlatformSettingsEntity).delete({ id: 1 });
    await worker.close();
    await api.close();
  });

  it('registers the idle-deal schedule at boot and reminds once per (deal, idle period)', async () => {
    const scheduler = await worker.get(JobQueue).queue(QueueName.Brokerage).getJobScheduler(IDLE_DEALS_SCHEDULER_ID);
    expect(scheduler).toMatchObject({ name: JobName.RemindIdleDeals });

    const world = await buildWorld(api, 'idle', 1);
    const { dealId } = await introducedDeal(api, world);
    const fresh = await buildWorld(api, 'busy', 1);
    const { dealId: busyId } = await introducedDeal(api, fresh);
    const deals = dataSource.getRepository(DealEntity);
    const idleSince = new Date(Date.now() - 8 * DAY);
    await deals.update({ id: dealId }, { lastActivityAt: idleSince });
    await deals.update({ id: busyId }, { lastActivityAt: new Date(Date.now() - 6 * DAY) });
    const reminders = dataSource.getRepository(DealReminderEntity);

    const queue = worker.get(JobQueue);
    await queue.enqueue(JobName.RemindIdleDeals, {});
    const first = await eventually(async () => {
      const rows = await reminders.findBy({ dealId });
      return rows.length > 0 ? rows : undefined;
    });
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ brokerId: world.brokers[0].userId, idleSince });

    // Running again changes nothing (same idle period); a deal idle 6 days is not reminded (default 7).
    const job = await worker.get(JobQueue).queue(QueueName.Brokerage).add(JobName.RemindIdleDeals, {});
    await eventually(async () => ((await job.getState()) === 'completed' ? true : undefined));
    expect(await reminders.countBy({ dealId })).toBe(1);
    expect(await reminders.countBy({ dealId: busyId })).toBe(0);
    const notified = await dataSource
      .getRepository(NotificationEntity)
      .findBy({ userId: world.brokers[0].userId, kind: NotificationKind.DEAL_IDLE });
    expect(notified.map((n) => n.data)).toEqual([
      { dealId, idleSince: idleSince.toISOString(), path: `/workspace/broker/deals/${dealId}` },
    ]);

    // An agency with a shorter period: the 6-day-idle deal is reminded now.
    await dataSource
      .getRepository(BrokerAgencySettingsEntity)
      .upsert({ agencyId: fresh.agencyA.id, idleReminderDays: 5 }, ['agencyId']);
    await queue.enqueue(JobName.RemindIdleDeals, {});
    await eventually(async () => ((await reminders.countBy({ dealId: busyId })) === 1 ? true : undefined));

    const listed = await ok(api, `{ dealReminders { dealId idleSince } }`, {}, world.brokers[0]);
    expect(listed.dealReminders).toEqual([{ dealId, idleSince: idleSince.toISOString() }]);

    // Activity starts a new period: once idle again, a second reminder.
    const later = new Date(Date.now() - 7 * DAY - 60_000);
    await deals.update({ id: dealId }, { lastActivityAt: later });
    await queue.enqueue(JobName.RemindIdleDeals, {});
    await eventually(async () => ((await reminders.countBy({ dealId })) === 2 ? true : undefined));
  });

  // These notices run for a second or two: the bureau's minimum is lowered for them (the defaults come back after).
  beforeAll(async () => {
    await dataSource
      .getRepository(PlatformSettingsEntity)
      .upsert({ id: 1, ...DEFAULT_PLATFORM_SETTINGS, minPriceNoticeSeconds: 1 }, ['id']);
  });

  it('runs the 协议定价公示 as a delayed job and signs no contract before it ends', async () => {
    const world = await buildWorld(api, 'notice', 1);
    const broker = world.brokers[0];
    await dataSource.getRepository(AchievementEntity).update({ id: world.achievement.id }, { institutionOwned: true });
    await dataSource
      .getRepository(BrokerAgencySettingsEntity)
      .upsert({ agencyId: world.agencyA.id, priceNoticePeriodSeconds: 2 }, ['agencyId']);
    const { dealId } = await introducedDeal(api, world);
    await ok(api, MOVE, { input: { dealId, stage: 'NDA_SIGNED' } }, broker);
    const publish = `mutation($id: ID!, $price: Float) { publishDealPriceNotice(dealId: $id, agreedPriceWan: $price) {
      priceNoticeStatus priceNoticeRound priceNoticeEndsAt agreedPriceWan } }`;
    expect(await errorCode(api, publish, { id: dealId, price: 90 }, broker)).toBe('BAD_USER_INPUT'); // not negotiating yet
    await ok(api, MOVE, { input: { dealId, stage: 'NEGOTIATING' } }, broker);
    expect(await errorCode(api, publish, { id: dealId, price: 90 }, world.member)).toBe('FORBIDDEN');
    const published = await ok(api, publish, { id: dealId, price: 90 }, world.tto);
    expect(published.publishDealPriceNotice).toMatchObject({
      priceNoticeStatus: 'OPEN',
      priceNoticeRound: 1,
      agreedPriceWan: 90,
    });

    // Public, signed out: in the running list (found without its id) and by its deal's id.
    const running = `{ priceNotices(first: 100) { totalCount nodes { dealId achievementTitle agreedPriceWan round status
      institution { id } achievement { id } } } }`;
    const notices = (await api.gql(running)).data!.priceNotices;
    expect(notices.totalCount).toBe(notices.nodes.length);
    expect(notices.nodes).toContainEqual({
      dealId,
      achievementTitle: world.achievement.title,
      agreedPriceWan: 90,
      round: 1,
      status: 'OPEN',
      institution: { id: world.university.id },
      achievement: { id: world.achievement.id },
    });
    const single = await api.gql(`query($id: ID!) { priceNotice(dealId: $id) { dealId status endsAt } }`, {
      id: dealId,
    });
    expect(single.data!.priceNotice).toMatchObject({ dealId, status: 'OPEN' });
    await ok(
      api,
      `mutation($input: DealAmountsInput!) { setDealAmounts(input: $input) { id } }`,
      { input: { dealId, contractValueWan: 90 } },
      broker,
    );
    const early = await api.gql(MOVE, { input: { dealId, stage: 'CONTRACT_SIGNED' } }, broker.token);
    expect(early.errors![0].message).toMatch(/price notice/);

    const ended = await eventually(async () => {
      const deal = await dataSource.getRepository(DealEntity).findOneByOrFail({ id: dealId });
      return deal.priceNoticeStatus === PriceNoticeStatus.ENDED ? deal : undefined;
    }, 15_000);
    expect(ended.priceNoticeRound).toBe(1);
    const past = await api.gql(`{ priceNotices(status: ENDED, first: 100) { totalCount nodes { dealId status } } }`);
    expect(past.data!.priceNotices.nodes).toContainEqual({ dealId, status: 'ENDED' });
    const stillRunning = (await api.gql(`{ priceNotices(first: 100) { nodes { dealId } } }`)).data!.priceNotices;
    expect(stillRunning.nodes).not.toContainEqual({ dealId });
    const signed = await ok(api, MOVE, { input: { dealId, stage: 'CONTRACT_SIGNED' } }, broker);
    expect(signed.moveDeal.stage).toBe('CONTRACT_SIGNED');
  });

  it('ends a price notice that drew an objection as OBJECTED, which blocks signing', async () => {
    const world = await buildWorld(api, 'objected', 1);
    const broker = world.brokers[0];
    await dataSource
      .getRepository(BrokerAgencySettingsEntity)
      .upsert({ agencyId: world.agencyA.id, priceNoticePeriodSeconds: 1 }, ['agencyId']);
    const { dealId } = await introducedDeal(api, world);
    await ok(api, MOVE, { input: { dealId, stage: 'NDA_SIGNED' } }, broker);
    await ok(api, MOVE, { input: { dealId, stage: 'NEGOTIATING' } }, broker);
    await ok(
      api,
      `mutation($id: ID!) { publishDealPriceNotice(dealId: $id, agreedPriceWan: 50) { id } }`,
      { id: dealId },
      broker,
    );
    await ok(
      api,
      `mutation($id: ID!) { objectToPriceNotice(dealId: $id, reason: "低于评估价") }`,
      { id: dealId },
      world.outsider,
    );
    await eventually(async () => {
      const deal = await dataSource.getRepository(DealEntity).findOneByOrFail({ id: dealId });
      return deal.priceNoticeStatus === PriceNoticeStatus.OBJECTED ? deal : undefined;
    }, 15_000);
    await ok(
      api,
      `mutation($input: DealAmountsInput!) { setDealAmounts(input: $input) { id } }`,
      { input: { dealId, contractValueWan: 50 } },
      broker,
    );
    expect(await errorCode(api, MOVE, { input: { dealId, stage: 'CONTRACT_SIGNED' } }, broker)).toBe('BAD_USER_INPUT');
  });
});
