import { INestApplicationContext } from '@nestjs/common';
import type { Meilisearch } from 'meilisearch';
import { DataSource } from 'typeorm';
import { AchievementEntity, AchievementStatus, AchievementTransitionEntity } from '@app/achievements';
import { MEILI_CLIENT, OutboxSubject, recordOutboxChange } from '@app/core';
import { DemandEntity, DemandStatus } from '@app/demands';
import { MatchEntity, MatchStatus, MatchTargetType } from '@app/matching';
import { SearchKind, SearchSources } from '@app/search';
import { settledWorker, startTestApi, TestApi } from '@app/testing';
import { createWorkerApp } from '../../../apps/worker/src/bootstrap';
import { DealEntity, ListingInterestEntity } from '@app/brokerage';
import { eventually } from '../../search/test/search-fixtures';
import {
  ACK,
  ANSWER,
  buildWorld,
  BrokerageWorld,
  CLAIM,
  endedPriceNotice,
  errorCode,
  introducedDeal,
  MOVE,
  ok,
  plantedAfterFollower,
  PROPOSE,
} from './brokerage-world';

const INTEREST = `mutation($input: ListingInterestInput!) {
  expressListingInterest(input: $input) { id achievementId demandId matchId message } }`;
const QUEUE = `query($industry: String, $institution: ID, $maxAge: Int, $interestOnly: Boolean) {
  brokerWorkQueue(first: 100, industryCode: $industry, institutionId: $institution, maxAgeDays: $maxAge,
    interestOnly: $interestOnly) {
    matches { totalCount nodes { matchedAt match { id status } interest { id message demandId } } } } }`;
const DEAL = `query($id: ID!) { deal(id: $id) { id stage exclusiveLicence achievement { id title status } demand { id status } } }`;
const PERFORMANCE = `{ brokerPerformance { openClaims introductionsProposed introductionsAccepted registeredContracts
  contractValueWan technicalIncomeWan dealsByStage { stage count } } }`;

describe('deals move what they are about (listing and demand status, search, interest)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let dataSource: DataSource;
  let meili: Meilisearch;
  let achievementsUid: string;
  let demandsUid: string;

  beforeAll(async () => {
    api = await startTestApi();
    worker = await createWorkerApp();
    // Matches are planted by hand below: let the worker's boot-time heal and rematch finish first.
    await settledWorker(worker, 200_000);
    dataSource = api.app.get(DataSource);
    meili = api.app.get<Meilisearch>(MEILI_CLIENT);
    achievementsUid = api.app.get(SearchSources).liveUid(SearchKind.ACHIEVEMENT);
    demandsUid = api.app.get(SearchSources).liveUid(SearchKind.DEMAND);
  }, 240_000);
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  const statusOf = async (world: BrokerageWorld) => ({
    achievement: (await dataSource.getRepository(AchievementEntity).findOneByOrFail({ id: world.achievement.id }))
      .status,
    demand: (await dataSource.getRepository(DemandEntity).findOneByOrFail({ id: world.demand.id })).status,
  });
  const indexed = async (uid: string, id: string): Promise<boolean> => {
    try {
      await meili.index(uid).getDocument(id);
      return true;
    } catch {
      return false;
    }
  };
  const expectIndexed = (uid: string, id: string, present: boolean) =>
    eventually(async () => expect(await indexed(uid, id)).toBe(present), 20_000, 100);

  /** A world whose listing and demand are in the search indexes (planted rows are indexed through the outbox). */
  async function indexedWorld(label: string, brokers = 2): Promise<BrokerageWorld> {
    const world = await buildWorld(api, label, brokers);
    await dataSource.transaction(async (manager) => {
      await recordOutboxChange(manager, OutboxSubject.ACHIEVEMENT, world.achievement.id);
      await recordOutboxChange(manager, OutboxSubject.DEMAND, world.demand.id);
    });
    await expectIndexed(achievementsUid, world.achievement.id, true);
    await expectIndexed(demandsUid, world.demand.id, true);
    return world;
  }

  const move = (dealId: string, stage: string, world: BrokerageWorld, extra: Record<string, unknown> = {}) =>
    ok(api, MOVE, { input: { dealId, stage, ...extra } }, world.brokers[0]);

  async function toNegotiation(world: BrokerageWorld): Promise<string> {
    const { dealId } = await introducedDeal(api, world);
    await move(dealId, 'NDA_SIGNED', world);
    await move(dealId, 'NEGOTIATING', world);
    return dealId;
  }

  async function register(world: BrokerageWorld, dealId: string, contractType: string, exclusiveLicence?: boolean) {
    await ok(
      api,
      `mutation($input: DealAmountsInput!) { setDealAmounts(input: $input) { id } }`,
      { input: { dealId, contractValueWan: 150 } },
      world.brokers[0],
    );
    await endedPriceNotice(api, dealId, world.brokers[0], 150);
    await move(dealId, 'CONTRACT_SIGNED', world);
    return move(dealId, 'REGISTERED', world, {
      registration: {
        registrationNumber: `2026330106${Date.now() % 1_000_000}`,
        contractType,
        contractValueWan: 150,
        technicalIncomeWan: 120,
        ...(exclusiveLicence === undefined ? {} : { exclusiveLicence }),
      },
    });
  }

  it('marks the listing IN_NEGOTIATION and the demand IN_PROGRESS in negotiation, out of search; the parties still see it', async () => {
    const world = await indexedWorld('negotiate');
    const { dealId } = await introducedDeal(api, world);
    await move(dealId, 'NDA_SIGNED', world);
    expect(await statusOf(world)).toEqual({ achievement: 'LISTED', demand: 'OPEN' });
    await move(dealId, 'NEGOTIATING', world);
    expect(await statusOf(world)).toEqual({
      achievement: AchievementStatus.IN_NEGOTIATION,
      demand: DemandStatus.IN_PROGRESS,
    });
    const transition = await dataSource
      .getRepository(AchievementTransitionEntity)
      .findOneByOrFail({ achievementId: world.achievement.id, event: 'START_NEGOTIATION' });
    expect(transition).toMatchObject({ fromStatus: 'LISTED', toStatus: 'IN_NEGOTIATION' });
    expect(transition.comment).toContain(dealId);
    await expectIndexed(achievementsUid, world.achievement.id, false);
    await expectIndexed(demandsUid, world.demand.id, false);
    // Off the public market, yet the deal's broker and both sides keep seeing what it is about.
    for (const viewer of [world.brokers[0], world.member, world.researcher]) {
      const { deal } = await ok(api, DEAL, { id: dealId }, viewer);
      expect(deal.achievement).toMatchObject({ id: world.achievement.id, status: 'IN_NEGOTIATION' });
      expect(deal.demand).toMatchObject({ id: world.demand.id, status: 'IN_PROGRESS' });
    }
    // And the public does not.
    const publicView = await api.gql(`query($id: ID!) { achievement(id: $id) { id } }`, { id: world.achievement.id });
    expect(publicView.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('restores the listing and the demand when the deal is lost, back into search', async () => {
    const world = await indexedWorld('lost');
    const dealId = await toNegotiation(world);
    await expectIndexed(achievementsUid, world.achievement.id, false);
    await move(dealId, 'CLOSED_LOST', world, { lostReason: '企业预算冻结' });
    expect(await statusOf(world)).toEqual({ achievement: 'LISTED', demand: 'OPEN' });
    expect(await dataSource.getRepository(DealEntity).findOneByOrFail({ id: dealId })).toMatchObject({
      holdsListing: false,
      holdsDemand: false,
    });
    await expectIndexed(achievementsUid, world.achievement.id, true);
    await expectIndexed(demandsUid, world.demand.id, true);
  });

  it('keeps the listing held while another deal still negotiates it', async () => {
    const world = await indexedWorld('two-deals');
    // A second demand of the same enterprise, matched to the same achievement, introduced by the second broker.
    const demands = dataSource.getRepository(DemandEntity);
    const second = await demands.save(
      demands.create({
        organisationId: world.enterprise.id,
        postedById: world.member.userId,
        title: 'two-deals 第二个需求',
        summary: '公开需求',
        industryCode: 'low_altitude',
        status: DemandStatus.OPEN,
        publishedAt: new Date(),
      }),
    );
    const matches = dataSource.getRepository(MatchEntity);
    const secondMatch = await matches.save(
      matches.create({
        demandId: second.id,
        targetType: MatchTargetType.ACHIEVEMENT,
        targetId: world.achievement.id,
        score: 10.5,
        explanation: { matchedTerms: [], missingTerms: [], textScore: 0.5, coverage: 0.5, factors: [] },
        engineVersion: 'test',
        status: MatchStatus.SUGGESTED,
        computedAt: new Date(),
      }),
    );
    const { dealId: first } = await introducedDeal(api, world);
    const otherBroker = world.brokers[1];
    await ok(api, CLAIM, { id: secondMatch.id }, otherBroker);
    const { proposeIntroduction } = await ok(api, PROPOSE, { input: { matchId: secondMatch.id } }, otherBroker);
    await ok(api, ANSWER, { input: { introductionId: proposeIntroduction.id, accept: true } }, world.member);
    const answered = await ok(
      api,
      ANSWER,
      { input: { introductionId: proposeIntroduction.id, accept: true } },
      world.researcher,
    );
    await ok(api, ACK, { id: proposeIntroduction.id }, world.member);
    const secondDeal = answered.answerIntroduction.deal.id as string;
    const moveOther = (stage: string, extra: Record<string, unknown> = {}) =>
      ok(api, MOVE, { input: { dealId: secondDeal, stage, ...extra } }, otherBroker);

    await move(first, 'NDA_SIGNED', world);
    await move(first, 'NEGOTIATING', world);
    await moveOther('NDA_SIGNED');
    await moveOther('NEGOTIATING');
    await move(first, 'CLOSED_LOST', world, { lostReason: '技术路线变更' });
    // The other deal still negotiates: the listing stays IN_NEGOTIATION; the first demand is back OPEN.
    expect(await statusOf(world)).toEqual({ achievement: 'IN_NEGOTIATION', demand: 'OPEN' });
    expect((await demands.findOneByOrFail({ id: second.id })).status).toBe('IN_PROGRESS');
    await moveOther('CLOSED_LOST', { lostReason: '价格未谈妥' });
    expect((await statusOf(world)).achievement).toBe('LISTED');
    expect((await demands.findOneByOrFail({ id: second.id })).status).toBe('OPEN');
  });

  it('marks a transferred listing TRANSFERRED and the demand SOLVED at registration', async () => {
    const world = await indexedWorld('transfer');
    const dealId = await toNegotiation(world);
    const registered = await register(world, dealId, 'TRANSFER');
    expect(registered.moveDeal.stage).toBe('REGISTERED');
    expect(await statusOf(world)).toEqual({ achievement: 'TRANSFERRED', demand: 'SOLVED' });
    const transition = await dataSource
      .getRepository(AchievementTransitionEntity)
      .findOneByOrFail({ achievementId: world.achievement.id, event: 'MARK_TRANSFERRED' });
    expect(transition).toMatchObject({ fromStatus: 'IN_NEGOTIATION', toStatus: 'TRANSFERRED' });
    await expectIndexed(achievementsUid, world.achievement.id, false);
    await expectIndexed(demandsUid, world.demand.id, false);
    // Lost after registration (e.g. the contract was rescinded later): the registered outcome is not undone.
    await move(dealId, 'CLOSED_LOST', world, { lostReason: '合同解除' });
    expect(await statusOf(world)).toEqual({ achievement: 'TRANSFERRED', demand: 'SOLVED' });
    // The broker's figures count the registered contract (until it was lost).
    const performance = (await ok(api, PERFORMANCE, {}, world.brokers[0])).brokerPerformance;
    expect(performance).toMatchObject({ introductionsProposed: 1, introductionsAccepted: 1 });
  });

  it('keeps a listing licensed non-exclusively on the market, and uses up one licensed exclusively', async () => {
    const world = await indexedWorld('licence');
    const dealId = await toNegotiation(world);
    const registered = await register(world, dealId, 'LICENSE', false);
    expect(registered.moveDeal.stage).toBe('REGISTERED');
    expect(await statusOf(world)).toEqual({ achievement: 'LISTED', demand: 'SOLVED' });
    expect((await ok(api, DEAL, { id: dealId }, world.brokers[0])).deal.exclusiveLicence).toBe(false);
    await expectIndexed(achievementsUid, world.achievement.id, true);
    const performance = (await ok(api, PERFORMANCE, {}, world.brokers[0])).brokerPerformance;
    expect(performance).toMatchObject({
      registeredContracts: 1,
      contractValueWan: 150,
      technicalIncomeWan: 120,
      openClaims: 1,
    });
    expect(performance.dealsByStage.find((row: { stage: string }) => row.stage === 'REGISTERED').count).toBe(1);

    const exclusive = await indexedWorld('exclusive');
    const exclusiveDeal = await toNegotiation(exclusive);
    await register(exclusive, exclusiveDeal, 'LICENSE', true);
    expect(await statusOf(exclusive)).toEqual({ achievement: 'TRANSFERRED', demand: 'SOLVED' });
  });

  it('lets an enterprise member ask for an introduction to a listing, which brokers find in their queue', async () => {
    const world = await buildWorld(api, 'interest', 2);
    await plantedAfterFollower(api, worker, world);
    // The engine never proposed this pair: a second listed achievement of the same university.
    const achievements = dataSource.getRepository(AchievementEntity);
    const listing = await achievements.save(
      achievements.create({
        ...world.achievement,
        id: undefined,
        title: 'interest 工业视觉检测',
        industryCode: 'smart_manufacturing',
      }),
    );
    const message = '我们希望了解许可条件';
    const asked = (
      await ok(
        api,
        INTEREST,
        { input: { achievementId: listing.id, demandId: world.demand.id, message } },
        world.member,
      )
    ).expressListingInterest;
    expect(asked).toMatchObject({ achievementId: listing.id, demandId: world.demand.id, message });
    const match = await dataSource.getRepository(MatchEntity).findOneByOrFail({ id: asked.matchId });
    expect(match).toMatchObject({ status: 'INTERESTED', targetId: listing.id, demandId: world.demand.id });
    // Asking again updates the message, still one interest.
    await ok(
      api,
      INTEREST,
      { input: { achievementId: listing.id, demandId: world.demand.id, message: '补充：希望独占许可' } },
      world.member,
    );
    expect(await dataSource.getRepository(ListingInterestEntity).countBy({ achievementId: listing.id })).toBe(1);
    expect(
      (
        await ok(
          api,
          `query($id: ID!) { myListingInterests(achievementId: $id) { id message } }`,
          { id: listing.id },
          world.member,
        )
      ).myListingInterests,
    ).toEqual([{ id: asked.id, message: '补充：希望独占许可' }]);

    // Brokers see it in their queue, flagged with the enterprise's message, and can filter for such requests.
    const broker = world.brokers[0];
    const queue = (await ok(api, QUEUE, { interestOnly: true }, broker)).brokerWorkQueue.matches;
    const item = queue.nodes.find((node: { match: { id: string } }) => node.match.id === asked.matchId);
    expect(item.interest).toMatchObject({ id: asked.id, message: '补充：希望独占许可' });
    expect(queue.nodes.every((node: { interest: unknown }) => node.interest)).toBe(true);
    // Filters: industry (the achievement's), institution, age.
    const byIndustry = (await ok(api, QUEUE, { industry: 'smart_manufacturing' }, broker)).brokerWorkQueue.matches;
    expect(byIndustry.nodes.map((node: { match: { id: string } }) => node.match.id)).toContain(asked.matchId);
    const otherIndustry = (await ok(api, QUEUE, { industry: 'no_such_industry' }, broker)).brokerWorkQueue.matches;
    expect(otherIndustry.totalCount).toBe(0);
    const byInstitution = (await ok(api, QUEUE, { institution: world.university.id }, broker)).brokerWorkQueue.matches;
    expect(byInstitution.nodes.map((node: { match: { id: string } }) => node.match.id)).toEqual(
      expect.arrayContaining([asked.matchId, world.achievementMatch.id, world.expertMatch.id]),
    );
    await dataSource.query(`UPDATE matches SET created_at = now() - interval '10 days' WHERE id = $1`, [
      world.achievementMatch.id,
    ]);
    const recent = (await ok(api, QUEUE, { institution: world.university.id, maxAge: 7 }, broker)).brokerWorkQueue
      .matches;
    expect(recent.nodes.map((node: { match: { id: string } }) => node.match.id)).not.toContain(
      world.achievementMatch.id,
    );
    expect(recent.nodes.map((node: { match: { id: string } }) => node.match.id)).toContain(asked.matchId);

    // The broker claims it and introduces the pair as for any match.
    await ok(api, CLAIM, { id: asked.matchId }, broker);
    const proposed = await ok(api, PROPOSE, { input: { matchId: asked.matchId, message: '企业主动求引荐' } }, broker);
    expect(proposed.proposeIntroduction.status).toBe('PROPOSED');
  });

  it('refuses interest from the wrong people, for the wrong demand, or in a listing off the market', async () => {
    const world = await buildWorld(api, 'interest-refused', 1);
    const input = { achievementId: world.achievement.id, demandId: world.demand.id };
    // Not an enterprise member; another enterprise's demand; an unknown achievement.
    expect(await errorCode(api, INTEREST, { input }, world.researcher)).toBe('FORBIDDEN');
    expect(await errorCode(api, INTEREST, { input }, world.outsider)).toBe('NOT_FOUND');
    expect(
      await errorCode(
        api,
        INTEREST,
        { input: { ...input, achievementId: '00000000-0000-4000-8000-000000000000' } },
        world.member,
      ),
    ).toBe('NOT_FOUND');
    // A pair declined before is not asked again.
    await dataSource
      .getRepository(MatchEntity)
      .update({ id: world.achievementMatch.id }, { status: MatchStatus.DECLINED });
    const declined = await api.gql(INTEREST, { input }, world.member.token);
    expect(declined.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'achievementId' });
    // A closed demand asks for nothing; a listing in negotiation is off the public market (not found).
    await dataSource.getRepository(DemandEntity).update({ id: world.demand.id }, { status: DemandStatus.CLOSED });
    const unavailable = await api.gql(INTEREST, { input }, world.member.token);
    expect(unavailable.errors?.[0].extensions).toMatchObject({ reason: 'LISTING_NOT_AVAILABLE' });
    await dataSource
      .getRepository(AchievementEntity)
      .update({ id: world.achievement.id }, { status: AchievementStatus.IN_NEGOTIATION });
    expect(await errorCode(api, INTEREST, { input }, world.member)).toBe('NOT_FOUND');
  });
});
