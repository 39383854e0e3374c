import { DataSource } from 'typeorm';
import { startTestApi, TestApi } from '@app/testing';
import { DealEntity, DealReminderEntity, DealsService } from '@app/brokerage';
import { buildWorld, errorCode, introducedDeal, MOVE, ok } from './brokerage-world';

const HOLD = `mutation($id: ID!, $reason: String!) { holdDeal(dealId: $id, reason: $reason) { id stage onHoldReason onHoldSince
  timeline { kind body } } }`;
const RESUME = `mutation($id: ID!) { resumeDeal(dealId: $id) { id onHoldReason onHoldSince timeline { kind } } }`;

describe('deals on hold (暂停)', () => {
  let api: TestApi;
  let dataSource: DataSource;

  beforeAll(async () => {
    api = await startTestApi();
    dataSource = api.app.get(DataSource);
  });
  afterAll(() => api.close());

  it('lets the broker put a deal on hold with a reason, skips it in idle reminders, and resumes it', async () => {
    const world = await buildWorld(api, 'hold', 1);
    const broker = world.brokers[0];
    const { dealId } = await introducedDeal(api, world);
    // A reason is required; only the broker holds; someone else does not know the deal.
    const blank = await api.gql(HOLD, { id: dealId, reason: '  ' }, broker.token);
    expect(blank.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(await errorCode(api, HOLD, { id: dealId, reason: '等待预算' }, world.member)).toBe('FORBIDDEN');
    expect(await errorCode(api, HOLD, { id: dealId, reason: '等待预算' }, world.outsider)).toBe('NOT_FOUND');

    const held = (await ok(api, HOLD, { id: dealId, reason: '企业等待年度预算批复' }, broker)).holdDeal;
    expect(held).toMatchObject({ stage: 'INTRODUCED', onHoldReason: '企业等待年度预算批复' });
    expect(held.onHoldSince).toBeTruthy();
    expect(held.timeline.at(-1)).toEqual({ kind: 'ON_HOLD', body: '企业等待年度预算批复' });

    // Idle for a month: an on-hold deal is not reminded; once resumed and idle again, it is.
    const idle = () =>
      dataSource.query(`UPDATE deals SET last_activity_at = now() - interval '30 days' WHERE id = $1`, [dealId]);
    await idle();
    await api.app.get(DealsService).remindIdleDeals();
    expect(await dataSource.getRepository(DealReminderEntity).countBy({ dealId })).toBe(0);
    const resumed = (await ok(api, RESUME, { id: dealId }, broker)).resumeDeal;
    expect(resumed).toMatchObject({ onHoldReason: null, onHoldSince: null });
    expect(resumed.timeline.at(-1)).toEqual({ kind: 'RESUMED' });
    await idle();
    await api.app.get(DealsService).remindIdleDeals();
    expect(await dataSource.getRepository(DealReminderEntity).countBy({ dealId })).toBe(1);

    // Moving a deal on hold ends the hold; a closed deal cannot be put on hold.
    await ok(api, HOLD, { id: dealId, reason: '专利审查中' }, broker);
    await ok(api, MOVE, { input: { dealId, stage: 'NDA_SIGNED' } }, broker);
    expect(await dataSource.getRepository(DealEntity).findOneByOrFail({ id: dealId })).toMatchObject({
      onHoldReason: null,
      onHoldSince: null,
    });
    await ok(api, MOVE, { input: { dealId, stage: 'CLOSED_LOST', lostReason: '技术路线变更' } }, broker);
    const closed = await api.gql(HOLD, { id: dealId, reason: '太晚了' }, broker.token);
    expect(closed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
