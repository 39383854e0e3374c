import { DataSource, In } from 'typeorm';
import { DemandsService } from '@app/demands';
import { MatchEntity, MatchStatus } from '@app/matching';
import { NotificationEmailStatus, NotificationEntity, NotificationKind } from '@app/notifications';
import { startTestApi, TestApi } from '@app/testing';
import { IntroductionStatus } from '../src/domain/introduction-consent';
import { DealEntity } from '../src/entities/deal.entity';
import { IntroductionEntity } from '../src/entities/introduction.entity';
import { MatchClaimEntity } from '../src/entities/match-claim.entity';
import { RELEASED_LISTING_WITHDRAWN } from '../src/market-exit.provider';
import {
  ANSWER,
  buildWorld,
  BrokerageWorld,
  CLAIM,
  claimPlanted,
  errorCode,
  introducedDeal,
  ok,
  PROPOSE,
} from './brokerage-world';

const WITHDRAW = `mutation($id: ID!) { withdrawAchievement(id: $id, input: { comment: "不再转化" }) { id status } }`;
const CLOSE_DEMAND = `mutation($id: ID!) { closeDemand(id: $id) { id status } }`;
const UNLIST_EXPERT = `mutation($id: ID!) { setExpertListed(id: $id, listed: false) { id } }`;

/** Issue 12, item 6: open matches of a withdrawn target are closed at once, claimed ones too. */
describe('a listing that leaves the market closes its open matches', () => {
  let api: TestApi;
  let dataSource: DataSource;

  beforeAll(async () => {
    api = await startTestApi();
    dataSource = api.app.get(DataSource);
  }, 120_000);
  afterAll(() => api?.close());

  const matchOf = (id: string) => dataSource.getRepository(MatchEntity).findOneByOrFail({ id });
  const claimOf = (matchId: string) =>
    dataSource.getRepository(MatchClaimEntity).findOneOrFail({ where: { matchId }, order: { claimedAt: 'DESC' } });
  const closedNotices = (userIds: string[]) =>
    dataSource.getRepository(NotificationEntity).findBy({ kind: NotificationKind.MATCH_CLOSED, userId: In(userIds) });

  it('withdrawing an achievement closes its claimed match, ends the claim, withdraws the pending introduction and tells them', async () => {
    const world: BrokerageWorld = await buildWorld(api, 'withdrawn', 2);
    const [broker, otherBroker] = world.brokers;
    await claimPlanted(api, world.achievementMatch, broker);
    const { proposeIntroduction } = await ok(
      api,
      PROPOSE,
      { input: { matchId: world.achievementMatch.id, message: '建议洽谈' } },
      broker,
    );

    await ok(api, WITHDRAW, { id: world.achievement.id }, world.researcher);

    expect((await matchOf(world.achievementMatch.id)).status).toBe(MatchStatus.CLOSED);
    const claim = await claimOf(world.achievementMatch.id);
    expect(claim.releasedAt).not.toBeNull();
    expect(claim.releaseReason).toBe(RELEASED_LISTING_WITHDRAWN);
    const introduction = await dataSource
      .getRepository(IntroductionEntity)
      .findOneByOrFail({ id: proposeIntroduction.id });
    expect(introduction.status).toBe(IntroductionStatus.WITHDRAWN);
    // The broker and the demand side hear of it (in-app, and by email by default); the withdrawing researcher not.
    const notices = await closedNotices([broker.userId, world.member.userId, world.researcher.userId]);
    expect(notices.map((n) => n.userId).sort()).toEqual([broker.userId, world.member.userId].sort());
    expect(notices.every((n) => n.inApp && n.emailStatus === NotificationEmailStatus.PENDING)).toBe(true);
    // The broker no longer holds it: their claims and the work queue do not list it.
    const queue = await ok(
      api,
      `{ brokerWorkQueue(first: 50) { claims { matchId } matches { nodes { match { id } } } } }`,
      {},
      broker,
    );
    expect(queue.brokerWorkQueue.claims.map((c: { matchId: string }) => c.matchId)).not.toContain(
      world.achievementMatch.id,
    );
    expect(queue.brokerWorkQueue.matches.nodes.map((n: { match: { id: string } }) => n.match.id)).not.toContain(
      world.achievementMatch.id,
    );

    // Nothing new starts on it: no claim, no introduction, no answer to the withdrawn one.
    const claimAgain = await api.gql(CLAIM, { id: world.achievementMatch.id }, otherBroker.token);
    expect(claimAgain.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const proposeAgain = await api.gql(PROPOSE, { input: { matchId: world.achievementMatch.id } }, broker.token);
    expect(proposeAgain.errors?.[0].extensions?.reason).toBe('LISTING_NOT_AVAILABLE');
    expect(
      await errorCode(api, ANSWER, { input: { introductionId: introduction.id, accept: true } }, world.member),
    ).toBe('BAD_USER_INPUT');
    expect(await dataSource.getRepository(DealEntity).existsBy({ introductionId: introduction.id })).toBe(false);
  });

  it('closing a demand closes its claimed matches but leaves a deal under way (and its claim) to the deal rules', async () => {
    const world: BrokerageWorld = await buildWorld(api, 'closed-demand', 2);
    const [dealBroker, expertBroker] = world.brokers;
    const { dealId } = await introducedDeal(api, world);
    await claimPlanted(api, world.expertMatch, expertBroker);

    await ok(api, CLOSE_DEMAND, { id: world.demand.id }, world.member);

    expect((await matchOf(world.expertMatch.id)).status).toBe(MatchStatus.CLOSED);
    const expertClaim = await claimOf(world.expertMatch.id);
    expect(expertClaim.releaseReason).toBe(RELEASED_LISTING_WITHDRAWN);
    expect((await closedNotices([expertBroker.userId])).length).toBe(1);
    // The deal's claim (its introduction was accepted) holds; the deal is untouched.
    const dealClaim = await claimOf(world.achievementMatch.id);
    expect(dealClaim.releasedAt).toBeNull();
    const deal = await dataSource.getRepository(DealEntity).findOneByOrFail({ id: dealId });
    expect(deal.stage).toBe('INTRODUCED');
    expect((await closedNotices([dealBroker.userId])).length).toBe(0);
  });

  it('a demand expiring (the worker’s sweep) closes its claimed matches too', async () => {
    const world: BrokerageWorld = await buildWorld(api, 'expired-demand', 1);
    await claimPlanted(api, world.expertMatch, world.brokers[0]);
    await dataSource.query(`UPDATE demands SET deadline = now() - interval '1 day' WHERE id = $1`, [world.demand.id]);

    expect(await api.app.get(DemandsService).expireOverdue()).toContain(world.demand.id);

    expect((await matchOf(world.expertMatch.id)).status).toBe(MatchStatus.CLOSED);
    expect((await matchOf(world.achievementMatch.id)).status).toBe(MatchStatus.CLOSED);
    expect((await claimOf(world.expertMatch.id)).releaseReason).toBe(RELEASED_LISTING_WITHDRAWN);
    expect((await closedNotices([world.brokers[0].userId])).length).toBe(1);
  });

  it('unlisting an expert closes its claimed match and ends the claim', async () => {
    const world: BrokerageWorld = await buildWorld(api, 'unlisted', 1);
    await claimPlanted(api, world.expertMatch, world.brokers[0]);

    await ok(api, UNLIST_EXPERT, { id: world.expert.id }, world.expertUser);

    expect((await matchOf(world.expertMatch.id)).status).toBe(MatchStatus.CLOSED);
    expect((await claimOf(world.expertMatch.id)).releaseReason).toBe(RELEASED_LISTING_WITHDRAWN);
    expect((await closedNotices([world.brokers[0].userId])).length).toBe(1);
    // The demand's own untouched match is not the expert's: it stays open.
    expect((await matchOf(world.achievementMatch.id)).status).toBe(MatchStatus.SUGGESTED);
  });
});
