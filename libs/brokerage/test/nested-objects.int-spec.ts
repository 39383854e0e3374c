import { DataSource, Logger, QueryRunner } from 'typeorm';
import { AchievementEntity, AchievementStatus } from '@app/achievements';
import { DemandEntity, DemandStatus } from '@app/demands';
import { ExpertEntity } from '@app/experts';
import { MatchEntity, MatchStatus, MatchTargetType } from '@app/matching';
import { startTestApi, TestApi, testAccounts } from '@app/testing';
import { ACK, ANSWER, buildWorld, BrokerageWorld, CLAIM, errorCode, ok, PROPOSE } from './brokerage-world';

const MATCH_FIELDS = `id targetType demandId targetId
  demand { id title organisation { id name } industry { code } }
  achievement { id title institution { id name } }
  expert { id name institution { id name } }`;
const DEMAND_MATCHES = `query($demandId: ID!, $first: Int!) { demandMatches(demandId: $demandId, first: $first) {
  nodes { ${MATCH_FIELDS} } } }`;
const DEMAND_MATCHES_COUNTED = `query($demandId: ID!, $first: Int!) { demandMatches(demandId: $demandId, first: $first) {
  totalCount again: totalCount nodes { id } } }`;
const TARGET_MATCHES = `query($type: MatchTargetType!, $id: ID!) { targetMatches(targetType: $type, targetId: $id) {
  totalCount nodes { id demand { id title } achievement { id } } } }`;
const INTRODUCTION = `query($id: ID!) { introduction(id: $id) { id status
  demand { id } achievement { id title } expert { id }
  broker { id displayName organisations { name } } agency { name }
  demandOrganisation { id name } targetOrganisation { id name }
  demandAnsweredBy { id displayName } targetAnsweredBy { id displayName }
  match { id } } }`;
const DEAL = `query($id: ID!) { deal(id: $id) { id introductionId introduction { id status }
  demand { id } achievement { id } broker { displayName } demandOrganisation { name } targetOrganisation { name } } }`;
const QUEUE_CLAIMS = `{ brokerWorkQueue(first: 5) { matches { totalCount }
  claims { id matchId match { id demand { id } achievement { id } } broker { id displayName organisations { id } } agency { id } } } }`;
const READS = `query($id: ID!) { demandConfidentialReads(id: $id) { id userId readAt reader { id displayName organisations { id name } } } }`;
const DEMAND_CONFIDENTIAL = `query($id: ID!) { demand(id: $id) { id confidentialDetails } }`;
const INTRODUCTIONS = `query($status: IntroductionStatus) { introductionsList(first: 1, status: $status) {
  totalCount nodes { id status } pageInfo { hasNextPage } } }`;
const DEALS = `query($stage: DealStage) { deals(first: 1, stage: $stage) { totalCount nodes { id } } }`;
const ENTRUST = `mutation($input: EntrustInput!) { entrust(input: $input) {
  id achievement { id title } demand { id } broker { displayName } agency { name } entrustedBy { id } ownerOrganisation { id } } }`;

/** Counts the SQL statements the process sends while `run` runs (TypeORM reports every query to its logger). */
async function countQueries<T>(
  dataSource: DataSource,
  run: () => Promise<T>,
): Promise<{ result: T; queries: string[] }> {
  const original = dataSource.logger;
  const queries: string[] = [];
  const counting: Logger = {
    logQuery: (query: string, parameters?: unknown[], runner?: QueryRunner) => {
      queries.push(query);
      original.logQuery(query, parameters, runner);
    },
    logQueryError: (...args) => original.logQueryError(...args),
    logQuerySlow: (...args) => original.logQuerySlow(...args),
    logSchemaBuild: (...args) => original.logSchemaBuild(...args),
    logMigration: (...args) => original.logMigration(...args),
    log: (...args) => original.log(...args),
  };
  (dataSource as { logger: Logger }).logger = counting;
  try {
    return { result: await run(), queries };
  } finally {
    (dataSource as { logger: Logger }).logger = original;
  }
}

describe('nested objects on brokerage and matching rows', () => {
  let api: TestApi;
  let dataSource: DataSource;

  beforeAll(async () => {
    api = await startTestApi();
    dataSource = api.app.get(DataSource);
  });
  afterAll(() => api.close());

  describe('a page of 20 matches', () => {
    let world: BrokerageWorld;

    beforeAll(async () => {
      world = await buildWorld(api, 'nested-page', 1);
      // 18 more targets (9 achievements, 9 experts) for the same demand: 20 matches in all.
      const achievements = await dataSource.getRepository(AchievementEntity).save(
        Array.from({ length: 9 }, (_, i) =>
          dataSource.getRepository(AchievementEntity).create({
            title: `nested-page 成果 ${i}`,
            institutionId: world.university.id,
            ownerId: world.researcher.userId,
            status: AchievementStatus.LISTED,
            listedAt: new Date(),
          }),
        ),
      );
      const experts = await dataSource.getRepository(ExpertEntity).save(
        Array.from({ length: 9 }, (_, i) =>
          dataSource.getRepository(ExpertEntity).create({
            organisationId: world.university.id,
            name: `专家 ${i}`,
            bio: '',
          }),
        ),
      );
      const explanation = { matchedTerms: [], missingTerms: [], textScore: 0.5, coverage: 0.5, factors: [] };
      await dataSource.getRepository(MatchEntity).insert(
        [
          ...achievements.map((a) => ({ targetType: MatchTargetType.ACHIEVEMENT, targetId: a.id })),
          ...experts.map((e) => ({ targetType: MatchTargetType.EXPERT, targetId: e.id })),
        ].map((target, i) => ({
          ...target,
          demandId: world.demand.id,
          score: 5 - i * 0.01,
          explanation,
          engineVersion: 'test',
          status: MatchStatus.SUGGESTED,
          computedAt: new Date(),
        })),
      );
    });

    it('resolves every nested object of 20 matches with as many queries as for 2 (one per type)', async () => {
      const small = await countQueries(dataSource, () =>
        ok(api, DEMAND_MATCHES, { demandId: world.demand.id, first: 2 }, world.member),
      );
      const large = await countQueries(dataSource, () =>
        ok(api, DEMAND_MATCHES, { demandId: world.demand.id, first: 20 }, world.member),
      );
      const nodes = large.result.demandMatches.nodes as Array<Record<string, any>>;
      expect(nodes).toHaveLength(20);
      for (const node of nodes) {
        expect(node.demand).toMatchObject({
          id: world.demand.id,
          organisation: { id: world.enterprise.id },
          industry: { code: 'low_altitude' },
        });
        const target = node.targetType === 'ACHIEVEMENT' ? node.achievement : node.expert;
        expect(target).toMatchObject({ id: node.targetId, institution: { id: world.university.id } });
        expect(node.targetType === 'ACHIEVEMENT' ? node.expert : node.achievement).toBeNull();
      }
      expect(large.queries.length).toBe(small.queries.length);
      // Sign-in (memberships), the demand's access check, the page, then one query per type: demands,
      // achievements, experts, industries, and organisations twice (the demands' and the targets' are reached in
      // two DataLoader ticks, as the targets load after the demands).
      expect(large.queries.length).toBeLessThanOrEqual(9);
    });

    it('counts only when totalCount is selected, once however often it is selected', async () => {
      const without = await countQueries(dataSource, () =>
        ok(api, DEMAND_MATCHES, { demandId: world.demand.id, first: 2 }, world.member),
      );
      const withCount = await countQueries(dataSource, () =>
        ok(api, DEMAND_MATCHES_COUNTED, { demandId: world.demand.id, first: 2 }, world.member),
      );
      expect(withCount.result.demandMatches).toMatchObject({ totalCount: 20, again: 20 });
      expect(withCount.queries.filter((sql) => /COUNT\(/i.test(sql))).toHaveLength(1);
      expect(without.queries.filter((sql) => /COUNT\(/i.test(sql))).toHaveLength(0);
    });

    it('shows each nested object through its own rule: a closed demand and a withdrawn achievement become null', async () => {
      const hidden = await dataSource.getRepository(AchievementEntity).findOneByOrFail({
        id: world.achievement.id,
      });
      await dataSource.getRepository(AchievementEntity).update(hidden.id, { status: AchievementStatus.WITHDRAWN });
      try {
        const forMember = await ok(api, DEMAND_MATCHES, { demandId: world.demand.id, first: 20 }, world.member);
        const node = forMember.demandMatches.nodes.find((n: { targetId: string }) => n.targetId === hidden.id);
        // The enterprise may not see a withdrawn achievement: the match stays, its achievement is null.
        expect(node).toMatchObject({ targetType: 'ACHIEVEMENT', achievement: null });
        // Its team still sees it.
        const forTeam = await ok(api, TARGET_MATCHES, { type: 'ACHIEVEMENT', id: hidden.id }, world.researcher);
        expect(forTeam.targetMatches.nodes[0].achievement).toEqual({ id: hidden.id });
      } finally {
        await dataSource.getRepository(AchievementEntity).update(hidden.id, { status: AchievementStatus.LISTED });
      }

      await dataSource.getRepository(DemandEntity).update(world.demand.id, { status: DemandStatus.CLOSED });
      try {
        const forTeam = await ok(
          api,
          TARGET_MATCHES,
          { type: 'ACHIEVEMENT', id: world.achievement.id },
          world.researcher,
        );
        expect(forTeam.targetMatches).toMatchObject({ totalCount: 1, nodes: [{ demand: null }] });
        const forMember = await ok(api, DEMAND_MATCHES, { demandId: world.demand.id, first: 1 }, world.member);
        expect(forMember.demandMatches.nodes[0].demand).toMatchObject({ id: world.demand.id });
      } finally {
        await dataSource.getRepository(DemandEntity).update(world.demand.id, { status: DemandStatus.OPEN });
      }
    });
  });

  describe('an introduction of an anonymous demand, step by step', () => {
    let world: BrokerageWorld;
    let introductionId: string;

    beforeAll(async () => {
      world = await buildWorld(api, 'nested-intro', 1);
      await dataSource.getRepository(DemandEntity).update(world.demand.id, { anonymous: true });
      await ok(api, CLAIM, { id: world.achievementMatch.id }, world.brokers[0]);
      introductionId = (await ok(api, PROPOSE, { input: { matchId: world.achievementMatch.id } }, world.brokers[0]))
        .proposeIntroduction.id;
    });

    it('shows the broker both sides at once, the parties only their own side before the reveal', async () => {
      await ok(api, ANSWER, { input: { introductionId, accept: true } }, world.researcher);
      await ok(api, ANSWER, { input: { introductionId, accept: true } }, world.member);

      const forBroker = (await ok(api, INTRODUCTION, { id: introductionId }, world.brokers[0])).introduction;
      expect(forBroker).toMatchObject({
        status: 'ACCEPTED',
        demand: { id: world.demand.id },
        achievement: { id: world.achievement.id },
        expert: null,
        broker: { id: world.brokers[0].userId, organisations: [{ name: world.agencyA.name }] },
        agency: { name: world.agencyA.name },
        demandOrganisation: { id: world.enterprise.id },
        targetOrganisation: { id: world.university.id },
        demandAnsweredBy: { id: world.member.userId },
        targetAnsweredBy: { id: world.researcher.userId },
        match: { id: world.achievementMatch.id },
      });

      // Accepted but not acknowledged: the anonymous enterprise and its people stay hidden from the team …
      const forTeam = (await ok(api, INTRODUCTION, { id: introductionId }, world.researcher)).introduction;
      expect(forTeam).toMatchObject({
        demand: { id: world.demand.id },
        demandOrganisation: null,
        demandAnsweredBy: null,
        targetAnsweredBy: { id: world.researcher.userId },
        targetOrganisation: { id: world.university.id },
      });
      // … and the team's people from the enterprise, which sees its own side.
      const forMember = (await ok(api, INTRODUCTION, { id: introductionId }, world.member)).introduction;
      expect(forMember).toMatchObject({
        demandOrganisation: { id: world.enterprise.id },
        demandAnsweredBy: { id: world.member.userId },
        targetAnsweredBy: null,
      });
      expect(await errorCode(api, INTRODUCTION, { id: introductionId }, world.outsider)).toBe('NOT_FOUND');
    });

    it('shows the counterpart to those who acknowledged once both sides have, on the introduction and its deal', async () => {
      await ok(api, ACK, { id: introductionId }, world.member);
      // One side acknowledged: not revealed yet.
      expect(
        (await ok(api, INTRODUCTION, { id: introductionId }, world.member)).introduction.targetAnsweredBy,
      ).toBeNull();
      await ok(api, ACK, { id: introductionId }, world.researcher);

      const forTeam = (await ok(api, INTRODUCTION, { id: introductionId }, world.researcher)).introduction;
      expect(forTeam).toMatchObject({
        demandOrganisation: { id: world.enterprise.id },
        demandAnsweredBy: { id: world.member.userId, displayName: world.member.label },
      });
      const forMember = (await ok(api, INTRODUCTION, { id: introductionId }, world.member)).introduction;
      expect(forMember.targetAnsweredBy).toEqual({ id: world.researcher.userId, displayName: world.researcher.label });

      const dealId = (
        await dataSource.query<Array<{ id: string }>>('SELECT id FROM deals WHERE introduction_id = $1', [
          introductionId,
        ])
      )[0].id;
      const deal = (await ok(api, DEAL, { id: dealId }, world.researcher)).deal;
      expect(deal).toMatchObject({
        introductionId,
        introduction: { id: introductionId, status: 'ACCEPTED' },
        demand: { id: world.demand.id },
        achievement: { id: world.achievement.id },
        broker: { displayName: world.brokers[0].label },
        demandOrganisation: { name: world.enterprise.name },
        targetOrganisation: { name: world.university.name },
      });
      // The TTO of the institution is a party too, but never acknowledged: the anonymous enterprise stays hidden.
      const forTto = (await ok(api, DEAL, { id: dealId }, world.tto)).deal;
      expect(forTto).toMatchObject({ introduction: { id: introductionId }, demandOrganisation: null });
      expect(await errorCode(api, DEAL, { id: dealId }, world.outsider)).toBe('NOT_FOUND');
    });

    it('counts introductions and deals by status with the same visibility as the page', async () => {
      const accepted = (await ok(api, INTRODUCTIONS, { status: 'ACCEPTED' }, world.member)).introductionsList;
      expect(accepted).toMatchObject({ totalCount: 1, nodes: [{ id: introductionId }] });
      expect((await ok(api, INTRODUCTIONS, { status: 'DECLINED' }, world.member)).introductionsList).toMatchObject({
        totalCount: 0,
        nodes: [],
      });
      expect((await ok(api, INTRODUCTIONS, {}, world.outsider)).introductionsList.totalCount).toBe(0);
      expect((await ok(api, DEALS, { stage: 'INTRODUCED' }, world.researcher)).deals.totalCount).toBe(1);
      expect((await ok(api, DEALS, { stage: 'NEGOTIATING' }, world.researcher)).deals.totalCount).toBe(0);
      expect((await ok(api, DEALS, {}, world.outsider)).deals.totalCount).toBe(0);
    });
  });

  describe('claims, entrustments and the confidential-read log', () => {
    let world: BrokerageWorld;

    beforeAll(async () => {
      world = await buildWorld(api, 'nested-misc', 1);
    });

    it('shows a claim with its match, broker and agency', async () => {
      await ok(api, CLAIM, { id: world.expertMatch.id }, world.brokers[0]);
      const queue = (await ok(api, QUEUE_CLAIMS, {}, world.brokers[0])).brokerWorkQueue;
      expect(typeof queue.matches.totalCount).toBe('number');
      const claim = queue.claims.find((c: { matchId: string }) => c.matchId === world.expertMatch.id);
      expect(claim).toMatchObject({
        match: { id: world.expertMatch.id, demand: { id: world.demand.id }, achievement: null },
        broker: { id: world.brokers[0].userId, organisations: [{ id: world.agencyA.id }] },
        agency: { id: world.agencyA.id },
      });
    });

    it('shows an entrustment with its subject and trustees', async () => {
      const [entrustment] = (
        await ok(
          api,
          ENTRUST,
          { input: { subjectType: 'ACHIEVEMENT', subjectId: world.achievement.id, agencyId: world.agencyB.id } },
          world.researcher,
        )
      ).entrust;
      expect(entrustment).toMatchObject({
        achievement: { id: world.achievement.id, title: world.achievement.title },
        demand: null,
        broker: null,
        agency: { name: world.agencyB.name },
        entrustedBy: { id: world.researcher.userId },
        ownerOrganisation: { id: world.university.id },
      });
    });

    it('tells the enterprise who read its confidential details: the name and the organisation', async () => {
      // brokers[0] holds the claim on one of the demand's matches (above) and acknowledges confidentiality.
      await testAccounts(api).acknowledgeBrokerConfidentiality(world.brokers[0]);
      const read = await ok(api, DEMAND_CONFIDENTIAL, { id: world.demand.id }, world.brokers[0]);
      expect(read.demand.confidentialDetails).toContain('CONFIDENTIAL');
      const reads = (await ok(api, READS, { id: world.demand.id }, world.member)).demandConfidentialReads;
      expect(reads[0]).toMatchObject({
        userId: world.brokers[0].userId,
        reader: {
          id: world.brokers[0].userId,
          displayName: world.brokers[0].label,
          organisations: [{ id: world.agencyA.id, name: world.agencyA.name }],
        },
      });
      // The person has no email field at all; the log stays the posting enterprise's.
      expect(await errorCode(api, READS, { id: world.demand.id }, world.outsider)).toBe('FORBIDDEN');
    });
  });
});
