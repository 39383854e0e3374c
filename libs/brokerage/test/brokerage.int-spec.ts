import { DataSource, IsNull } from 'typeorm';
import { DemandConfidentialReadEntity } from '@app/demands';
import { MatchEntity, MatchStatus } from '@app/matching';
import { NotificationEntity, NotificationKind } from '@app/notifications';
import { startTestApi, TestApi } from '@app/testing';
import {
  DealEntity,
  IntroductionRevealEntity,
  ListingFeedbackEntity,
  MatchClaimEntity,
  RevealedDetail,
} from '@app/brokerage';
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
  PROPOSE,
} from './brokerage-world';

const QUEUE = `{ brokerWorkQueue(first: 100) { matches { nodes { entrusted match { id score } } } entrustments { id } claims { id matchId } } }`;
const INTRO = `query($id: ID!) { introduction(id: $id) { id status revealedAt demandConfidentialDetails
  counterpartContacts { name email phone role } acknowledgements { side userId termsVersion } } }`;
const EXPERT_CONTACT = `query($id: ID!) { expert(id: $id) { id contactEmail contactPhone } }`;
const DEMAND_CONFIDENTIAL = `query($id: ID!) { demand(id: $id) { id confidentialDetails } }`;

describe('brokerage over GraphQL', () => {
  let api: TestApi;
  let dataSource: DataSource;

  beforeAll(async () => {
    api = await startTestApi();
    dataSource = api.app.get(DataSource);
  });
  afterAll(() => api.close());

  describe('claims', () => {
    let world: BrokerageWorld;
    beforeAll(async () => {
      world = await buildWorld(api, 'claims', 10);
    });

    it('lets exactly one of ten brokers claiming the same match at once win', async () => {
      const results = await Promise.all(
        world.brokers.map((broker) => api.gql(CLAIM, { id: world.achievementMatch.id }, broker.token)),
      );
      const winners = results.filter((res) => !res.errors);
      const losers = results.filter((res) => res.errors);
      expect(winners).toHaveLength(1);
      expect(losers.map((res) => res.errors![0].extensions!.code)).toEqual(Array(9).fill('CONFLICT'));
      const held = await dataSource
        .getRepository(MatchClaimEntity)
        .findBy({ matchId: world.achievementMatch.id, releasedAt: IsNull() });
      expect(held).toHaveLength(1);
      expect(held[0].brokerId).toBe(winners[0].data!.claimMatch.brokerId);
      // The default claim period is 14 days.
      const period = held[0].expiresAt.getTime() - held[0].claimedAt.getTime();
      expect(period).toBe(14 * 24 * 3600_000);
    });

    it('takes the claimed match out of every work queue and keeps the unclaimed one, best score first', async () => {
      const other = world.brokers[1];
      const queue = (await ok(api, QUEUE, {}, other)).brokerWorkQueue;
      const ids = queue.matches.nodes.map((node: { match: { id: string } }) => node.match.id);
      expect(ids).toContain(world.expertMatch.id);
      expect(ids).not.toContain(world.achievementMatch.id);
      expect(await errorCode(api, QUEUE, {}, world.member)).toBe('FORBIDDEN');
    });

    it('pages the queue by score and narrows it to the broker industries (entrusted items stay)', async () => {
      const fresh = await buildWorld(api, 'industries', 2);
      const broker = fresh.brokers[1];
      const page = `query($after: String) { brokerWorkQueue(first: 1, after: $after) {
        matches { nodes { match { id score } } pageInfo { hasNextPage endCursor } } } }`;
      const first = (await ok(api, page, {}, broker)).brokerWorkQueue.matches;
      expect(first.pageInfo.hasNextPage).toBe(true);
      const second = (await ok(api, page, { after: first.pageInfo.endCursor }, broker)).brokerWorkQueue.matches;
      expect(second.nodes[0].match.score).toBeLessThanOrEqual(first.nodes[0].match.score);
      expect(second.nodes[0].match.id).not.toBe(first.nodes[0].match.id);

      const industries = `mutation($codes: [String!]!) { setBrokerIndustries(industryCodes: $codes) { industryCodes } }`;
      expect(await errorCode(api, industries, { codes: ['no_such_industry'] }, broker)).toBe('BAD_USER_INPUT');
      await ok(api, industries, { codes: ['ai'] }, broker);
      const narrowed = (await ok(api, QUEUE, {}, broker)).brokerWorkQueue.matches.nodes.map(
        (n: { match: { id: string } }) => n.match.id,
      );
      expect(narrowed).not.toContain(fresh.achievementMatch.id); // low_altitude
      await ok(
        api,
        `mutation($input: EntrustInput!) { entrust(input: $input) { id } }`,
        { input: { subjectType: 'ACHIEVEMENT', subjectId: fresh.achievement.id, agencyId: fresh.agencyB.id } },
        fresh.tto,
      );
      const entrusted = (await ok(api, QUEUE, {}, broker)).brokerWorkQueue.matches.nodes;
      expect(entrusted.find((n: { match: { id: string } }) => n.match.id === fresh.achievementMatch.id)).toMatchObject({
        entrusted: true,
      });
      const settings = `query($id: ID!) { brokerAgencySettings(agencyId: $id) { claimPeriodSeconds commissionPercent } }`;
      expect((await ok(api, settings, { id: fresh.agencyB.id }, broker)).brokerAgencySettings).toEqual({
        claimPeriodSeconds: 14 * 24 * 3600,
        commissionPercent: 5,
      });
      expect(await errorCode(api, settings, { id: fresh.agencyB.id }, fresh.member)).toBe('FORBIDDEN');
    });

    it('returns an expired claim to the pool, unless its introduction is alive (the deal moved)', async () => {
      const claims = dataSource.getRepository(MatchClaimEntity);
      const [holder] = await claims.findBy({ matchId: world.achievementMatch.id, releasedAt: IsNull() });
      const holderBroker = world.brokers.find((b) => b.userId === holder.brokerId)!;
      const challenger = world.brokers.find((b) => b.userId !== holder.brokerId)!;
      const { proposeIntroduction } = await ok(
        api,
        PROPOSE,
        { input: { matchId: world.achievementMatch.id } },
        holderBroker,
      );
      await claims.update({ id: holder.id }, { expiresAt: new Date(Date.now() - 1000) });
      expect(await errorCode(api, CLAIM, { id: world.achievementMatch.id }, challenger)).toBe('CONFLICT');

      await ok(
        api,
        `mutation($id: ID!) { withdrawIntroduction(id: $id) { status } }`,
        { id: proposeIntroduction.id },
        holderBroker,
      );
      const claimed = await ok(api, CLAIM, { id: world.achievementMatch.id }, challenger);
      expect(claimed.claimMatch.brokerId).toBe(challenger.userId);
      expect(await claims.findOneByOrFail({ id: holder.id })).toMatchObject({ releaseReason: 'EXPIRED' });
    });

    it('lets an exclusive entrustment keep other brokers off the listing', async () => {
      const fresh = await buildWorld(api, 'exclusive', 2);
      const [trustee, other] = fresh.brokers;
      const entrust = `mutation($input: EntrustInput!) { entrust(input: $input) { id brokerId exclusiveUntil } }`;
      const input = {
        subjectType: 'DEMAND',
        subjectId: fresh.demand.id,
        brokerIds: [trustee.userId],
        exclusiveDays: 30,
      };
      expect(await errorCode(api, entrust, { input }, fresh.researcher)).toBe('FORBIDDEN');
      const { entrust: rows } = await ok(api, entrust, { input }, fresh.member);
      expect(rows[0].exclusiveUntil).not.toBeNull();
      expect(await errorCode(api, CLAIM, { id: fresh.expertMatch.id }, other)).toBe('FORBIDDEN');
      const otherQueue = (await ok(api, QUEUE, {}, other)).brokerWorkQueue;
      expect(otherQueue.matches.nodes.map((n: { match: { id: string } }) => n.match.id)).not.toContain(
        fresh.expertMatch.id,
      );
      const trusteeQueue = (await ok(api, QUEUE, {}, trustee)).brokerWorkQueue;
      expect(trusteeQueue.entrustments.map((e: { id: string }) => e.id)).toEqual([rows[0].id]);
      expect(
        trusteeQueue.matches.nodes.find((n: { match: { id: string } }) => n.match.id === fresh.expertMatch.id),
      ).toMatchObject({
        entrusted: true,
      });
      // Entrusted: the trustee may introduce without claiming; another exclusive entrustment is refused.
      await ok(api, PROPOSE, { input: { matchId: fresh.expertMatch.id } }, trustee);
      const second = { ...input, brokerIds: [other.userId] };
      expect(await errorCode(api, entrust, { input: second }, fresh.member)).toBe('CONFLICT');
    });
  });

  describe('introductions: consent and reveal', () => {
    let world: BrokerageWorld;
    beforeAll(async () => {
      world = await buildWorld(api, 'consent', 2);
    });

    it('reveals nothing before both accept and acknowledge; then reveals to both and logs every reveal', async () => {
      const broker = world.brokers[0];
      await ok(api, CLAIM, { id: world.expertMatch.id }, broker);
      expect(await errorCode(api, PROPOSE, { input: { matchId: world.expertMatch.id } }, world.brokers[1])).toBe(
        'FORBIDDEN',
      );
      const { proposeIntroduction } = await ok(api, PROPOSE, { input: { matchId: world.expertMatch.id } }, broker);
      const id = proposeIntroduction.id;

      const hidden = async () => {
        const contact = await ok(api, EXPERT_CONTACT, { id: world.expert.id }, world.member);
        expect(contact.expert).toMatchObject({ contactEmail: null, contactPhone: null });
        const confidential = await ok(api, DEMAND_CONFIDENTIAL, { id: world.demand.id }, world.expertUser);
        expect(confidential.demand.confidentialDetails).toBeNull();
        for (const party of [world.member, world.expertUser]) {
          const intro = (await ok(api, INTRO, { id }, party)).introduction;
          expect(intro.counterpartContacts).toBeNull();
          expect(party === world.expertUser ? intro.demandConfidentialDetails : null).toBeNull();
        }
      };

      await hidden();
      expect(await errorCode(api, ACK, { id }, world.member)).toBe('BAD_USER_INPUT'); // must accept first
      await ok(api, ANSWER, { input: { introductionId: id, accept: true } }, world.member);
      await ok(api, ACK, { id }, world.member);
      await hidden();
      const accepted = await ok(api, ANSWER, { input: { introductionId: id, accept: true } }, world.expertUser);
      expect(accepted.answerIntroduction).toMatchObject({
        status: 'ACCEPTED',
        revealedAt: null,
        deal: { stage: 'INTRODUCED' },
      });
      await hidden(); // both accepted, only one side acknowledged
      expect(await dataSource.getRepository(IntroductionRevealEntity).countBy({ introductionId: id })).toBe(0);

      const acked = await ok(api, ACK, { id }, world.expertUser);
      expect(acked.acknowledgeIntroductionConfidentiality.revealedAt).not.toBeNull();

      const contact = await ok(api, EXPERT_CONTACT, { id: world.expert.id }, world.member);
      expect(contact.expert.contactEmail).toBe(world.expert.contactEmail);
      const forExpert = (await ok(api, INTRO, { id }, world.expertUser)).introduction;
      expect(forExpert.demandConfidentialDetails).toBe(world.demand.confidentialDetails);
      expect(forExpert.counterpartContacts.map((c: { role: string }) => c.role)).toContain('DEMAND_POSTER');
      const forMember = (await ok(api, INTRO, { id }, world.member)).introduction;
      expect(forMember.counterpartContacts[0]).toMatchObject({
        email: world.expert.contactEmail,
        phone: '13800000000',
        role: 'EXPERT',
      });
      expect(forMember.acknowledgements.map((a: { side: string }) => a.side).sort()).toEqual(['DEMAND', 'TARGET']);

      // An outsider sees neither the introduction nor the details.
      expect(await errorCode(api, INTRO, { id }, world.outsider)).toBe('NOT_FOUND');
      expect((await ok(api, EXPERT_CONTACT, { id: world.expert.id }, world.outsider)).expert.contactEmail).toBeNull();

      const reveals = await dataSource.getRepository(IntroductionRevealEntity).find({ where: { introductionId: id } });
      const logged = reveals.map((r) => `${r.userId === world.member.userId ? 'member' : 'expert'}:${r.detail}`).sort();
      expect(logged).toEqual(
        [
          'expert:CONTACTS',
          'expert:DEMAND_CONFIDENTIAL',
          'member:CONTACTS',
          // The profile query read two protected fields (email and phone): two reveals.
          `member:${RevealedDetail.EXPERT_CONTACT}`,
          `member:${RevealedDetail.EXPERT_CONTACT}`,
        ].sort(),
      );
      expect(
        await dataSource
          .getRepository(DemandConfidentialReadEntity)
          .countBy({ demandId: world.demand.id, userId: world.expertUser.userId }),
      ).toBe(1);
      const log = await ok(api, `query($id: ID!) { introductionReveals(id: $id) { userId detail } }`, { id }, broker);
      expect(log.introductionReveals).toHaveLength(5);
    });

    it('feeds a decline back to the listing owner and into matching, and never introduces the pair again', async () => {
      const broker = world.brokers[0];
      await ok(api, CLAIM, { id: world.achievementMatch.id }, broker);
      const { proposeIntroduction } = await ok(api, PROPOSE, { input: { matchId: world.achievementMatch.id } }, broker);
      const id = proposeIntroduction.id;
      expect(await errorCode(api, ANSWER, { input: { introductionId: id, accept: false } }, world.researcher)).toBe(
        'BAD_USER_INPUT',
      );
      expect(await errorCode(api, ANSWER, { input: { introductionId: id, accept: true } }, world.outsider)).toBe(
        'FORBIDDEN',
      );
      const declined = await ok(
        api,
        ANSWER,
        { input: { introductionId: id, accept: false, reason: 'PRICE', comment: '预算不够' } },
        world.researcher,
      );
      expect(declined.answerIntroduction).toMatchObject({ status: 'DECLINED', declineReason: 'PRICE', deal: null });
      // The researcher declined the demand: the enterprise hears why.
      const feedback = await ok(
        api,
        `query($org: ID!) { listingFeedback(organisationId: $org) { listingType listingId reason comment } }`,
        { org: world.enterprise.id },
        world.member,
      );
      expect(feedback.listingFeedback).toEqual([
        { listingType: 'DEMAND', listingId: world.demand.id, reason: 'PRICE', comment: '预算不够' },
      ]);
      expect(await dataSource.getRepository(ListingFeedbackEntity).countBy({ introductionId: id })).toBe(1);
      // … and an in-app notification to the demand's poster.
      // (The proposal, the acceptance and the reveal notified them too: libs/notifications' event tests.)
      const notices = await dataSource
        .getRepository(NotificationEntity)
        .findBy({ userId: world.member.userId, kind: NotificationKind.INTRODUCTION_DECLINED });
      expect(notices.map((n) => [n.kind, n.data.introductionId, n.data.reason])).toEqual([
        [NotificationKind.INTRODUCTION_DECLINED, id, 'PRICE'],
      ]);
      expect(
        await errorCode(
          api,
          `query($org: ID!) { listingFeedback(organisationId: $org) { id } }`,
          { org: world.enterprise.id },
          world.researcher,
        ),
      ).toBe('FORBIDDEN');
      const match = await dataSource.getRepository(MatchEntity).findOneByOrFail({ id: world.achievementMatch.id });
      expect(match).toMatchObject({ status: MatchStatus.DECLINED, declineReason: 'TOO_EXPENSIVE' });
      expect(await errorCode(api, PROPOSE, { input: { matchId: world.achievementMatch.id } }, broker)).toBe('CONFLICT');
      expect(await errorCode(api, ANSWER, { input: { introductionId: id, accept: true } }, world.member)).toBe(
        'BAD_USER_INPUT',
      );
    });
  });

  describe('deals', () => {
    let world: BrokerageWorld;
    let dealId: string;
    beforeAll(async () => {
      world = await buildWorld(api, 'deals', 2);
      ({ dealId } = await introducedDeal(api, world));
    });

    it('enforces the role × mutation matrix', async () => {
      const [broker, otherBroker] = world.brokers;
      const mutations: Record<string, [string, Record<string, unknown>]> = {
        forward: [MOVE, { input: { dealId, stage: 'NDA_SIGNED' } }],
        amounts: [
          `mutation($input: DealAmountsInput!) { setDealAmounts(input: $input) { id } }`,
          { input: { dealId, contractValueWan: 10 } },
        ],
        note: [`mutation($id: ID!) { addDealNote(dealId: $id, body: "进展") { id } }`, { id: dealId }],
        task: [
          `mutation($input: DealTaskInput!) { addDealTask(input: $input) { id } }`,
          { input: { dealId, title: '签保密协议' } },
        ],
        view: [`query($id: ID!) { deal(id: $id) { id } }`, { id: dealId }],
      };
      const expected: Record<string, Record<string, string>> = {
        broker: { forward: 'ok', amounts: 'ok', note: 'ok', task: 'ok', view: 'ok' },
        member: { forward: 'FORBIDDEN', amounts: 'FORBIDDEN', note: 'ok', task: 'ok', view: 'ok' },
        researcher: { forward: 'FORBIDDEN', amounts: 'FORBIDDEN', note: 'ok', task: 'ok', view: 'ok' },
        tto: { forward: 'FORBIDDEN', amounts: 'FORBIDDEN', note: 'ok', task: 'ok', view: 'ok' },
        admin: { forward: 'FORBIDDEN', amounts: 'FORBIDDEN', note: 'FORBIDDEN', task: 'FORBIDDEN', view: 'ok' },
        otherBroker: {
          forward: 'NOT_FOUND',
          amounts: 'NOT_FOUND',
          note: 'NOT_FOUND',
          task: 'NOT_FOUND',
          view: 'NOT_FOUND',
        },
        outsider: {
          forward: 'NOT_FOUND',
          amounts: 'NOT_FOUND',
          note: 'NOT_FOUND',
          task: 'NOT_FOUND',
          view: 'NOT_FOUND',
        },
      };
      const actors = {
        member: world.member,
        researcher: world.researcher,
        tto: world.tto,
        admin: world.admin,
        otherBroker,
        outsider: world.outsider,
      };
      const actual: Record<string, Record<string, string>> = {};
      // Non-brokers first, so the broker's forward move does not change what they are refused.
      for (const [label, actor] of [...Object.entries(actors), ['broker', broker] as const]) {
        actual[label] = {};
        for (const [name, [query, variables]] of Object.entries(mutations)) {
          const res = await api.gql(query, variables, actor.token);
          actual[label][name] = res.errors ? (res.errors[0].extensions!.code as string) : 'ok';
        }
      }
      expect(actual).toEqual(expected);
      // Either party may walk away; only with a reason.
      expect(await errorCode(api, MOVE, { input: { dealId, stage: 'CLOSED_LOST' } }, world.member)).toBe(
        'BAD_USER_INPUT',
      );
    });

    it('walks a deal to REGISTERED and CLOSED_WON with the commission by the agency rule and a timeline', async () => {
      const broker = world.brokers[0];
      const move = (stage: string, extra: Record<string, unknown> = {}) =>
        ok(api, MOVE, { input: { dealId, stage, ...extra } }, broker);
      expect(await errorCode(api, MOVE, { input: { dealId, stage: 'CONTRACT_SIGNED' } }, broker)).toBe(
        'BAD_USER_INPUT',
      );
      await move('NEGOTIATING');
      await ok(
        api,
        `mutation($input: AgencySettingsInput!) { updateBrokerAgencySettings(input: $input) { commissionPercent } }`,
        { input: { agencyId: world.agencyA.id, commissionPercent: 3, commissionCapWan: 5 } },
        world.admin, // agency settings change only by the agency's ORG_ADMIN or a platform ADMIN
      );
      await ok(
        api,
        `mutation($input: DealAmountsInput!) { setDealAmounts(input: $input) { id } }`,
        { input: { dealId, contractValueWan: 150 } },
        broker,
      );
      // A listed (rights-confirmed) achievement: no signature before an ENDED price notice.
      expect(await api.gql(MOVE, { input: { dealId, stage: 'CONTRACT_SIGNED' } }, broker.token)).toMatchObject({
        errors: [{ extensions: { code: 'BAD_USER_INPUT', reason: 'PRICE_NOTICE_NOT_ENDED' } }],
      });
      await endedPriceNotice(api, dealId, broker, 150);
      await move('CONTRACT_SIGNED');
      const missing = await api.gql(MOVE, { input: { dealId, stage: 'REGISTERED' } }, broker.token);
      expect(missing.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'registrationNumber' });
      const registered = await move('REGISTERED', {
        registration: {
          registrationNumber: '2026330106000777',
          contractType: 'LICENSE',
          contractValueWan: 180,
          technicalIncomeWan: 160,
          // 150 was noticed (协议定价公示): a different registered value says why.
          valueDifferenceReason: '合同含后续技术服务费 30 万元',
        },
      });
      expect(registered.moveDeal).toMatchObject({
        stage: 'REGISTERED',
        contractValueWan: 180,
        technicalIncomeWan: 160,
        contractType: 'LICENSE',
        commissionWan: 5, // 3% of 180 = 5.4, capped at 5
      });
      await move('CLOSED_WON');
      expect(await errorCode(api, MOVE, { input: { dealId, stage: 'CLOSED_LOST', lostReason: 'x' } }, broker)).toBe(
        'BAD_USER_INPUT',
      );
      const { deal } = await ok(
        api,
        `query($id: ID!) { deal(id: $id) { stage allowedStages timeline { kind fromStage toStage } tasks { title } } }`,
        { id: dealId },
        broker,
      );
      expect(deal.allowedStages).toEqual([]);
      expect(
        deal.timeline
          .filter((a: { kind: string }) => a.kind === 'STAGE_CHANGED')
          .map((a: { toStage: string }) => a.toStage),
      ).toEqual(['NDA_SIGNED', 'NEGOTIATING', 'CONTRACT_SIGNED', 'REGISTERED', 'CLOSED_WON']);
      expect(deal.timeline[0].kind).toBe('CREATED');
      expect(deal.tasks.length).toBeGreaterThan(0);
    });

    it('closes a deal as lost at any stage with the reason', async () => {
      const other = await buildWorld(api, 'lost', 1);
      const { dealId: lostId } = await introducedDeal(api, other);
      const closed = await ok(
        api,
        MOVE,
        { input: { dealId: lostId, stage: 'CLOSED_LOST', lostReason: '企业预算冻结' } },
        other.researcher,
      );
      expect(closed.moveDeal).toMatchObject({ stage: 'CLOSED_LOST', lostReason: '企业预算冻结' });
      expect(await dataSource.getRepository(DealEntity).findOneByOrFail({ id: lostId })).toMatchObject({
        stage: 'CLOSED_LOST',
      });
    });
  });
});
