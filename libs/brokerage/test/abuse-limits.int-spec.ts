import { DataSource } from 'typeorm';
import { AchievementEntity, AchievementStatus } from '@app/achievements';
import { PlatformSettingsEntity } from '@app/core';
import { DemandStatus } from '@app/demands';
import { MatchEntity, MatchStatus, MatchTargetType } from '@app/matching';
import { startTestApi, TestApi, testAccounts } from '@app/testing';
import { buildWorld, BrokerageWorld, CLAIM, introducedDeal, MOVE, ok, PROPOSE } from './brokerage-world';

const SETTINGS = `mutation($input: AgencySettingsInput!) { updateBrokerAgencySettings(input: $input) {
  claimPeriodSeconds commissionPercent priceNoticePeriodSeconds } }`;
const PLATFORM = `mutation($input: PlatformSettingsInput!) { updatePlatformSettings(input: $input) {
  maxOpenClaimsPerBroker maxOpenClaimsPerAgency maxClaimPeriodSeconds minPublicNoticeSeconds minPriceNoticeSeconds } }`;
const ACHIEVEMENT_SETTINGS = `mutation($id: ID!, $input: AchievementSettingsInput!) {
  updateAchievementSettings(institutionId: $id, input: $input) { noticePeriodSeconds } }`;
const DAY = 86_400;

/** The attacks of issue 12, list item 5, each answered now. */
describe('abuse limits on brokerage and notices', () => {
  let api: TestApi;
  let dataSource: DataSource;
  let world: BrokerageWorld;

  beforeAll(async () => {
    api = await startTestApi();
    dataSource = api.app.get(DataSource);
    world = await buildWorld(api, 'abuse', 2);
  });
  afterAll(async () => {
    await dataSource.getRepository(PlatformSettingsEntity).delete({ id: 1 });
    await api.close();
  });

  async function failure(query: string, variables: Record<string, unknown>, actor: { token: string }) {
    const res = await api.gql(query, variables, actor.token);
    if (!res.errors) throw new Error(`expected an error, got ${JSON.stringify(res.data)}`);
    return res.errors[0].extensions as Record<string, unknown>;
  }

  /** `count` fresh open matches of the world's demand against new listed achievements. */
  async function freshMatches(count: number): Promise<MatchEntity[]> {
    const rows: MatchEntity[] = [];
    for (let i = 0; i < count; i += 1) {
      const achievement = await dataSource.getRepository(AchievementEntity).save({
        ...world.achievement,
        id: undefined,
        title: `abuse 成果 ${i}`,
        status: AchievementStatus.LISTED,
      } as Partial<AchievementEntity>);
      rows.push(
        await dataSource.getRepository(MatchEntity).save({
          demandId: world.demand.id,
          targetType: MatchTargetType.ACHIEVEMENT,
          targetId: achievement.id,
          score: 5,
          explanation: { matchedTerms: [], missingTerms: [], textScore: 0.5, coverage: 0.5, factors: [] },
          engineVersion: 'test',
          status: MatchStatus.SUGGESTED,
          computedAt: new Date(),
        }),
      );
    }
    return rows;
  }

  it('claim every match for a year: the agency cannot set a year, and a broker holds at most the cap', async () => {
    // The agency's own administrator (ORG_ADMIN) is refused a claim period above the platform's bound.
    expect(
      await failure(SETTINGS, { input: { agencyId: world.agencyA.id, claimPeriodSeconds: 365 * DAY } }, world.admin),
    ).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CLAIM_PERIOD_TOO_LONG', field: 'claimPeriodSeconds' });
    // The bureau lowers the cap to 2 open claims per broker: the third claim is refused.
    await ok(api, PLATFORM, { input: { maxOpenClaimsPerBroker: 2 } }, world.admin);
    const matches = await freshMatches(3);
    const broker = world.brokers[0];
    await ok(api, CLAIM, { id: matches[0].id }, broker);
    const second = await ok(api, CLAIM, { id: matches[1].id }, broker);
    expect(await failure(CLAIM, { id: matches[2].id }, broker)).toMatchObject({
      code: 'CONFLICT',
      reason: 'CLAIM_LIMIT_REACHED',
    });
    // A claim made before the bound holds no longer than the bound (30 days by default).
    const expires = new Date(second.claimMatch.expiresAt).getTime();
    expect(expires - Date.now()).toBeLessThanOrEqual(30 * DAY * 1000);
    // The agency cap counts every broker of the agency.
    await ok(api, PLATFORM, { input: { maxOpenClaimsPerBroker: 20, maxOpenClaimsPerAgency: 2 } }, world.admin);
    const colleague = await testAccounts(api).member(
      (await import('@app/identity')).Role.BROKER,
      world.agencyA.id,
      'abuse-colleague',
    );
    expect(await failure(CLAIM, { id: matches[2].id }, colleague)).toMatchObject({
      reason: 'CLAIM_LIMIT_REACHED',
      scope: 'agency',
    });
    await ok(api, PLATFORM, { input: { maxOpenClaimsPerAgency: 200 } }, world.admin);
  });

  it('commission 0–100 % by anyone: only the agency ORG_ADMIN or a platform ADMIN, audited', async () => {
    // A broker of the agency who is not its administrator.
    expect(
      await failure(SETTINGS, { input: { agencyId: world.agencyA.id, commissionPercent: 100 } }, world.brokers[0]),
    ).toMatchObject({ code: 'FORBIDDEN', reason: 'ORGANISATION_ADMIN_REQUIRED' });
    expect(
      await failure(SETTINGS, { input: { agencyId: world.agencyA.id, commissionPercent: 0 } }, world.member),
    ).toMatchObject({ code: 'FORBIDDEN' });
    await ok(api, SETTINGS, { input: { agencyId: world.agencyA.id, commissionPercent: 4 } }, world.admin);
    const history = await ok(
      api,
      `query($id: ID!) { brokerAgencySettingsHistory(agencyId: $id) { changedById changes { setting before after } } }`,
      { id: world.agencyA.id },
      world.admin,
    );
    expect(history.brokerAgencySettingsHistory[0]).toEqual({
      changedById: world.admin.userId,
      changes: [{ setting: 'commissionPercent', before: 5, after: 4 }],
    });
  });

  it('notice cut to one second: neither the agency (协议定价公示) nor the TTO (公示) goes below the platform minimum', async () => {
    expect(
      await failure(SETTINGS, { input: { agencyId: world.agencyA.id, priceNoticePeriodSeconds: 1 } }, world.admin),
    ).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOTICE_PERIOD_TOO_SHORT', minSeconds: 15 * DAY });
    expect(
      await failure(ACHIEVEMENT_SETTINGS, { id: world.university.id, input: { noticePeriodSeconds: 1 } }, world.tto),
    ).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOTICE_PERIOD_TOO_SHORT' });
    // Only the bureau changes the platform's bounds.
    expect(await failure(PLATFORM, { input: { minPriceNoticeSeconds: 1 } }, world.tto)).toMatchObject({
      reason: 'PLATFORM_ADMIN_REQUIRED',
    });
    expect(await failure(PLATFORM, { input: { minPriceNoticeSeconds: 1 } }, world.brokers[0])).toMatchObject({
      reason: 'PLATFORM_ADMIN_REQUIRED',
    });
    // A one-second agency setting written before the minimum existed still gives a 15-day notice.
    await dataSource.query(
      `INSERT INTO broker_agency_settings (agency_id, price_notice_period_seconds) VALUES ($1, 1)
       ON CONFLICT (agency_id) DO UPDATE SET price_notice_period_seconds = 1`,
      [world.agencyB.id],
    );
    const world2 = await buildWorld(api, 'abuse-notice', 2);
    await dataSource.query(
      `INSERT INTO broker_agency_settings (agency_id, price_notice_period_seconds) VALUES ($1, 1)
       ON CONFLICT (agency_id) DO UPDATE SET price_notice_period_seconds = 1`,
      [world2.agencyA.id],
    );
    const { dealId } = await introducedDeal(api, world2);
    await ok(api, MOVE, { input: { dealId, stage: 'NDA_SIGNED' } }, world2.brokers[0]);
    await ok(api, MOVE, { input: { dealId, stage: 'NEGOTIATING' } }, world2.brokers[0]);
    const published = await ok(
      api,
      `mutation($id: ID!) { publishDealPriceNotice(dealId: $id, agreedPriceWan: 80) { priceNoticeStartsAt priceNoticeEndsAt } }`,
      { id: dealId },
      world2.brokers[0],
    );
    const { priceNoticeStartsAt, priceNoticeEndsAt } = published.publishDealPriceNotice;
    expect(new Date(priceNoticeEndsAt).getTime() - new Date(priceNoticeStartsAt).getTime()).toBe(15 * DAY * 1000);
    // No contract before the notice ended (a rights-confirmed, listed achievement).
    await ok(
      api,
      `mutation($input: DealAmountsInput!) { setDealAmounts(input: $input) { id } }`,
      { input: { dealId, contractValueWan: 100 } },
      world2.brokers[0],
    );
    expect(await failure(MOVE, { input: { dealId, stage: 'CONTRACT_SIGNED' } }, world2.brokers[0])).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    // Price-notice objections: one per person and round, of bounded length.
    const object = `mutation($id: ID!, $reason: String!) { objectToPriceNotice(dealId: $id, reason: $reason) }`;
    expect(await failure(object, { id: dealId, reason: '低'.repeat(2001) }, world2.outsider)).toMatchObject({
      reason: 'OBJECTION_TOO_LONG',
    });
    await ok(api, object, { id: dealId, reason: '低于评估价' }, world2.outsider);
    expect(await failure(object, { id: dealId, reason: '再次异议' }, world2.outsider)).toMatchObject({
      code: 'CONFLICT',
      reason: 'OBJECTION_ALREADY_OPEN',
    });
    // The agreed price cannot exceed the contract value.
    expect(
      await failure(
        `mutation($input: DealAmountsInput!) { setDealAmounts(input: $input) { id } }`,
        { input: { dealId, contractValueWan: 50 } },
        world2.brokers[0],
      ),
    ).toMatchObject({ reason: 'AGREED_PRICE_EXCEEDS_CONTRACT_VALUE' });
  });

  it('introductions start only on OPEN demands and LISTED achievements', async () => {
    const world3 = await buildWorld(api, 'abuse-listing', 1);
    await dataSource
      .getRepository(AchievementEntity)
      .update({ id: world3.achievement.id }, { status: AchievementStatus.WITHDRAWN });
    await ok(api, CLAIM, { id: world3.achievementMatch.id }, world3.brokers[0]);
    expect(await failure(PROPOSE, { input: { matchId: world3.achievementMatch.id } }, world3.brokers[0])).toMatchObject(
      { code: 'BAD_USER_INPUT', reason: 'LISTING_NOT_AVAILABLE' },
    );
    await dataSource.query(`UPDATE demands SET status = $2 WHERE id = $1`, [world3.demand.id, DemandStatus.CLOSED]);
    await ok(api, CLAIM, { id: world3.expertMatch.id }, world3.brokers[0]).catch(() => undefined);
    expect(
      await failure(
        PROPOSE,
        { input: { demandId: world3.demand.id, targetType: 'EXPERT', targetId: world3.expert.id } },
        world3.brokers[0],
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'LISTING_NOT_AVAILABLE' });
  });
});
