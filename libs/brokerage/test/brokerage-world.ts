import { DataSource } from 'typeorm';
import { AchievementEntity, AchievementInventorEntity, AchievementStatus } from '@app/achievements';
import { DemandEntity, DemandStatus } from '@app/demands';
import { ExpertEntity } from '@app/experts';
import { OrganisationEntity, OrganisationKind, Role } from '@app/identity';
import { MatchEntity, MatchStatus, MatchTargetType } from '@app/matching';
import { JobName, JobQueue, JOB_QUEUE } from '@app/core';
import { TestApi } from '@app/testing';
import { DealEntity, DealsService } from '@app/brokerage';
import { MarketplaceActors, TestActor } from '../../../apps/api/test/support/marketplace-actors';

export const CLAIM = `mutation($id: ID!) { claimMatch(matchId: $id) { id matchId brokerId expiresAt } }`;
export const PROPOSE = `mutation($input: ProposeIntroductionInput!) { proposeIntroduction(input: $input) { id status } }`;
export const ANSWER = `mutation($input: AnswerIntroductionInput!) {
  answerIntroduction(input: $input) { id status demandAnswer targetAnswer declineReason revealedAt deal { id stage } } }`;
export const ACK = `mutation($id: ID!) { acknowledgeIntroductionConfidentiality(introductionId: $id) { id revealedAt } }`;
export const MOVE = `mutation($input: MoveDealInput!) { moveDeal(input: $input) { id stage lostReason contractValueWan commissionWan
  registrationNumber contractType technicalIncomeWan } }`;

/** One marketplace: an institution with a listed achievement and an expert, an enterprise with an open demand, two agencies. */
export interface BrokerageWorld {
  university: OrganisationEntity;
  enterprise: OrganisationEntity;
  agencyA: OrganisationEntity;
  agencyB: OrganisationEntity;
  researcher: TestActor;
  tto: TestActor;
  expertUser: TestActor;
  member: TestActor;
  outsider: TestActor;
  admin: TestActor;
  brokers: TestActor[];
  achievement: AchievementEntity;
  expert: ExpertEntity;
  demand: DemandEntity;
  achievementMatch: MatchEntity;
  expertMatch: MatchEntity;
}

export async function buildWorld(api: TestApi, label: string, brokerCount = 2): Promise<BrokerageWorld> {
  const dataSource = api.app.get(DataSource);
  const actors = new MarketplaceActors(api);
  const university = await actors.organisation(`${label} 明湖理工大学`, OrganisationKind.UNIVERSITY);
  const enterprise = await actors.organisation(`${label} 翼展航空`, OrganisationKind.ENTERPRISE);
  const otherEnterprise = await actors.organisation(`${label} 旁观公司`, OrganisationKind.ENTERPRISE);
  const agencyA = await actors.organisation(`${label} 汇智技术转移`, OrganisationKind.BROKER_AGENCY);
  const agencyB = await actors.organisation(`${label} 启航经纪`, OrganisationKind.BROKER_AGENCY);
  const government = await actors.organisation(`${label} 科技局`, OrganisationKind.GOVERNMENT);
  const researcher = await actors.user(`${label}-researcher`, Role.RESEARCHER, university.id);
  const tto = await actors.user(`${label}-tto`, Role.TTO_OFFICER, university.id);
  const expertUser = await actors.user(`${label}-expert`, Role.RESEARCHER, university.id);
  const member = await actors.user(`${label}-member`, Role.ENTERPRISE_MEMBER, enterprise.id);
  const outsider = await actors.user(`${label}-outsider`, Role.ENTERPRISE_MEMBER, otherEnterprise.id);
  const admin = await actors.user(`${label}-admin`, Role.ADMIN, government.id);
  const brokers = await Promise.all(
    Array.from({ length: brokerCount }, (_, i) =>
      actors.user(`${label}-broker${i}`, Role.BROKER, i % 2 === 0 ? agencyA.id : agencyB.id),
    ),
  );

  const achievement = await dataSource.getRepository(AchievementEntity).save(
    dataSource.getRepository(AchievementEntity).create({
      title: `${label} 低空物流视觉导航`,
      summary: '公开摘要',
      description: '机密：算法细节',
      keywords: ['视觉导航'],
      industryCode: 'low_altitude',
      trl: 6,
      askingPriceWan: 120,
      institutionId: university.id,
      ownerId: researcher.userId,
      representativeId: researcher.userId,
      status: AchievementStatus.LISTED,
      listedAt: new Date(),
      reconfirmedAt: new Date(),
    }),
  );
  await dataSource.getRepository(AchievementInventorEntity).insert({
    achievementId: achievement.id,
    userId: researcher.userId,
    name: '周明远',
    contributionShare: 100,
    position: 0,
  });
  const expert = await dataSource.getRepository(ExpertEntity).save(
    dataSource.getRepository(ExpertEntity).create({
      userId: expertUser.userId,
      organisationId: university.id,
      name: '李专家',
      bio: '无人机导航',
      contactEmail: `${label}-expert-private@example.com`,
      contactPhone: '13800000000',
    }),
  );
  const demand = await dataSource.getRepository(DemandEntity).save(
    dataSource.getRepository(DemandEntity).create({
      organisationId: enterprise.id,
      postedById: member.userId,
      title: `${label} 需要无人机室内导航`,
      summary: '公开需求',
      confidentialDetails: `${label} CONFIDENTIAL: 预算 200 万, 客户为某机场`,
      industryCode: 'low_altitude',
      status: DemandStatus.OPEN,
      publishedAt: new Date(),
    }),
  );
  const matches = dataSource.getRepository(MatchEntity);
  const explanation = { matchedTerms: [], missingTerms: [], textScore: 0.9, coverage: 0.8, factors: [] };
  const achievementMatch = await matches.save(
    matches.create({
      demandId: demand.id,
      targetType: MatchTargetType.ACHIEVEMENT,
      targetId: achievement.id,
      // Above any engine score (0–1), so other test files' matches never push these off the first queue page.
      score: 10.91,
      explanation,
      engineVersion: 'test',
      status: MatchStatus.SUGGESTED,
      computedAt: new Date(),
    }),
  );
  const expertMatch = await matches.save(
    matches.create({
      demandId: demand.id,
      targetType: MatchTargetType.EXPERT,
      targetId: expert.id,
      score: 10.72,
      explanation,
      engineVersion: 'test',
      status: MatchStatus.SUGGESTED,
      computedAt: new Date(),
    }),
  );
  return {
    university,
    enterprise,
    agencyA,
    agencyB,
    researcher,
    tto,
    expertUser,
    member,
    outsider,
    admin,
    brokers,
    achievement,
    expert,
    demand,
    achievementMatch,
    expertMatch,
  };
}

/**
 * With a worker running beside the test: waits until the matching follower has followed every outbox row (the
 * world's, and those an earlier test file of the same Jest worker left: a changed target rematches every demand
 * its words fit, the world's too) and the matching jobs it enqueued have run, then plants the world's matches
 * again (the engine's re-ranking removes suggestions it does not rank itself). After this, nothing re-ranks the
 * world's demand unless the test changes something, however slowly a loaded machine runs the worker.
 */
export async function plantedAfterFollower(
  api: TestApi,
  worker: { get(token: typeof JobQueue): JobQueue },
  world: BrokerageWorld,
  options: { pauseMatching?: boolean; timeoutMs?: number } = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const dataSource = api.app.get(DataSource);
  const matchingQueue = worker.get(JobQueue).queue(JOB_QUEUE[JobName.MatchDemand]);
  const deadline = Date.now() + timeoutMs;
  const waitFor = async (what: string, done: () => Promise<boolean>): Promise<void> => {
    while (!(await done())) {
      if (Date.now() > deadline) throw new Error(`plantedAfterFollower: ${what} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  await waitFor('every outbox row followed', async () => {
    const [{ pending }] = await dataSource.query<Array<{ pending: number }>>(
      `SELECT count(*)::int AS pending FROM outbox_events WHERE followed_at IS NULL AND dead_at IS NULL`,
    );
    return pending === 0;
  });
  await waitFor('the matching jobs run', async () => {
    const pending = await matchingQueue.getJobs(['waiting', 'active', 'delayed', 'prioritized'], 0, 1_000);
    return !pending.some((job) => job && job.name !== String(JobName.FollowIndexedChanges));
  });
  if (options.pauseMatching) {
    // For a test that needs no matching from here on: a change the test makes elsewhere (or another test file's
    // world, similar in words) can no longer rematch the world's demand. Resume in afterAll: the next test file of
    // this Jest worker shares the queue.
    await matchingQueue.pause();
    await waitFor('the matching jobs stop', async () => (await matchingQueue.getActiveCount()) === 0);
  }
  const matches = dataSource.getRepository(MatchEntity);
  for (const planted of [world.achievementMatch, world.expertMatch]) {
    // The engine may have stored its own match for the pair under another id: the planted one takes its place.
    await matches.delete({ demandId: planted.demandId, targetType: planted.targetType, targetId: planted.targetId });
    await matches.save({ ...planted, computedAt: new Date() });
  }
}

/** Runs a GraphQL operation that must succeed, returning its data. */
export async function ok<T = any>(
  api: TestApi,
  query: string,
  variables: Record<string, unknown>,
  actor: TestActor,
): Promise<T> {
  const res = await api.gql(query, variables, actor.token);
  if (res.errors) throw new Error(`${actor.label}: ${JSON.stringify(res.errors)}`);
  return res.data as T;
}

/** The error code of an operation that must fail. */
export async function errorCode(
  api: TestApi,
  query: string,
  variables: Record<string, unknown>,
  actor: TestActor,
): Promise<string> {
  const res = await api.gql(query, variables, actor.token);
  if (!res.errors) throw new Error(`${actor.label}: expected an error, got ${JSON.stringify(res.data)}`);
  return res.errors[0].extensions?.code as string;
}

/**
 * Claims a match planted by hand. A worker running beside the test may re-rank the demand first and remove the
 * planted suggestion (the engine does not rank it): plant it again and claim, until the claim holds it (a claimed
 * match survives re-ranking).
 */
export async function claimPlanted(api: TestApi, match: MatchEntity, broker: TestActor): Promise<void> {
  const matches = api.app.get(DataSource).getRepository(MatchEntity);
  for (let attempt = 1; ; attempt++) {
    const res = await api.gql(CLAIM, { id: match.id }, broker.token);
    if (!res.errors) return;
    if (attempt >= 5 || res.errors[0].extensions?.reason !== 'MATCH_NOT_FOUND')
      throw new Error(`${broker.label}: ${JSON.stringify(res.errors)}`);
    await matches.save({ ...match, computedAt: new Date() });
  }
}

/** A deal at INTRODUCED between the world's demand and achievement, by brokers[0]; returns ids. */
export async function introducedDeal(api: TestApi, world: BrokerageWorld, acknowledge = true) {
  const broker = world.brokers[0];
  await claimPlanted(api, world.achievementMatch, broker);
  const { proposeIntroduction } = await ok(
    api,
    PROPOSE,
    { input: { matchId: world.achievementMatch.id, message: '建议洽谈' } },
    broker,
  );
  await ok(api, ANSWER, { input: { introductionId: proposeIntroduction.id, accept: true } }, world.member);
  const { answerIntroduction } = await ok(
    api,
    ANSWER,
    { input: { introductionId: proposeIntroduction.id, accept: true } },
    world.researcher,
  );
  if (acknowledge) {
    await ok(api, ACK, { id: proposeIntroduction.id }, world.member);
    await ok(api, ACK, { id: proposeIntroduction.id }, world.researcher);
  }
  return { introductionId: proposeIntroduction.id as string, dealId: answerIntroduction.deal.id as string };
}

/**
 * Publishes the deal's price notice (协议定价公示) at `agreedPriceWan` and ends it as its job would once the window
 * is over: the window is moved into the past in the database (standing for the 15 days passing), then the job
 * handler runs. A deal on a rights-confirmed achievement needs this before CONTRACT_SIGNED.
 */
export async function endedPriceNotice(api: TestApi, dealId: string, broker: TestActor, agreedPriceWan = 100) {
  await ok(
    api,
    `mutation($id: ID!, $price: Float) { publishDealPriceNotice(dealId: $id, agreedPriceWan: $price) { id } }`,
    { id: dealId, price: agreedPriceWan },
    broker,
  );
  const dataSource = api.app.get(DataSource);
  await dataSource.query(`UPDATE deals SET price_notice_ends_at = now() - interval '1 second' WHERE id = $1`, [dealId]);
  const deal = await dataSource.getRepository(DealEntity).findOneByOrFail({ id: dealId });
  expect(await api.app.get(DealsService).endPriceNotice(dealId, deal.priceNoticeRound)).toBe('done');
}
