import { AppConfig } from '@app/core';
import { startTestApi, TestApi } from '@app/testing';
import { buildWorld, introducedDeal, MOVE } from './brokerage-world';

const NOTE = `mutation($dealId: ID!, $body: String!) { addDealNote(dealId: $dealId, body: $body) { id } }`;

/**
 * Drill: as many concurrent calls on one deal as the pool has connections, and more. Each call locks the deal in a
 * transaction and checks the caller's side of it; that check runs on the transaction's own connection, so the
 * calls queue on the row lock and all complete, instead of every connection waiting for a second one.
 */
describe('30 concurrent deal changes on a pool of 5', () => {
  let api: TestApi;
  const saved = process.env.DATABASE_POOL_SIZE;

  beforeAll(async () => {
    process.env.DATABASE_POOL_SIZE = '5';
    try {
      api = await startTestApi();
    } finally {
      process.env.DATABASE_POOL_SIZE = saved;
    }
  });
  afterAll(async () => {
    await api?.close();
  });

  it('completes every call', async () => {
    expect(api.app.get(AppConfig).DATABASE_POOL_SIZE).toBe(5);
    const world = await buildWorld(api, 'pool5', 1);
    const { dealId } = await introducedDeal(api, world);
    // The researcher stands on the target side: their side is checked with queries inside the locked transaction.
    const notes = await Promise.all(
      Array.from({ length: 30 }, (_, i) => api.gql(NOTE, { dealId, body: `并发备注 ${i}` }, world.researcher.token)),
    );
    const noteErrors = notes.filter((res) => res.errors);
    expect(noteErrors).toEqual([]);

    // 30 concurrent moves by that party: one closes the deal, the others get a typed refusal; none hangs.
    const moves = await Promise.all(
      Array.from({ length: 30 }, () =>
        api.gql(MOVE, { input: { dealId, stage: 'CLOSED_LOST', lostReason: '并发测试' } }, world.researcher.token),
      ),
    );
    const moved = moves.filter((res) => !res.errors);
    const refused = moves.filter((res) => res.errors?.[0].extensions?.code === 'BAD_USER_INPUT');
    expect(moved).toHaveLength(1);
    expect(refused).toHaveLength(29);
    console.log(
      `drill pool-of-5: in flight 30 notes + 30 moves; completed ${notes.length - noteErrors.length} notes, ` +
        `${moved.length} move + ${refused.length} typed refusals; lost 0, repeated 0`,
    );
  });
});
