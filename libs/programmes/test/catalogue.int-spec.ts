import { INestApplicationContext } from '@nestjs/common';
import { startTestApi, TestApi, settledWorker } from '@app/testing';
import { createWorkerApp } from '../../../apps/worker/src/bootstrap';
import { buildProgrammesWorld, bytesOf, failure, ok, ProgrammesWorld, registeredDeal } from './programmes-world';

const ELIGIBLE = `query { catalogueEligibleAchievements { achievementId achievementTitle dealId enterpriseId } }`;
const APPLY = `mutation($input: ApplyForCatalogueInput!) { applyForCatalogue(input: $input) { id status productName
  enterpriseName achievementId achievementTitle publishedAt } }`;
const MINE = `query { myCatalogueApplications { id status rejectionReason } }`;
const QUEUE = `query($status: CatalogueEntryStatus) { catalogueReviewQueue(status: $status) { id status productName } }`;
const PUBLISH = `mutation($id: ID!) { publishCatalogueEntry(id: $id) { id status publishedAt } }`;
const REJECT = `mutation($input: RejectCatalogueEntryInput!) { rejectCatalogueEntry(input: $input) { id status rejectionReason } }`;
const PUBLIC = `query { recommendedCatalogue { id productName enterpriseName achievementTitle status } }`;
const CSV = `query { recommendedCatalogueCsv { fileName contentType base64 } }`;

describe('the recommended catalogue (应用示范推荐目录) through GraphQL, per role', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let world: ProgrammesWorld;

  beforeAll(async () => {
    api = await startTestApi();
    worker = await createWorkerApp();
    await settledWorker(worker);
    world = await buildProgrammesWorld(api, 'catalogue');
    await registeredDeal(api, world, {
      contractValueWan: 180,
      technicalIncomeWan: 150,
      registrationNumber: '2026330106000777',
    });
  }, 180_000);
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  it('an enterprise applies with a product from its transferred achievement; the bureau publishes it; everyone sees it and its CSV', async () => {
    const eligible = (await ok(api, ELIGIBLE, {}, world.member)).catalogueEligibleAchievements;
    expect(eligible).toContainEqual(
      expect.objectContaining({ achievementId: world.achievement.id, enterpriseId: world.enterprise.id }),
    );
    expect((await ok(api, ELIGIBLE, {}, world.outsider)).catalogueEligibleAchievements).toEqual([]);

    const applied = (
      await ok(
        api,
        APPLY,
        {
          input: {
            achievementId: world.achievement.id,
            productName: '=翼展低空巡检无人机',
            description: '来源于转让成果的新产品',
          },
        },
        world.member,
      )
    ).applyForCatalogue;
    expect(applied).toMatchObject({ status: 'PENDING', achievementId: world.achievement.id, publishedAt: null });
    expect(applied.achievementTitle).toBe(world.achievement.title);

    // Not public yet; only the bureau reviews.
    expect((await api.gql(PUBLIC, {})).data!.recommendedCatalogue.map((e: { id: string }) => e.id)).not.toContain(
      applied.id,
    );
    expect((await failure(api, QUEUE, {}, world.member)).reason).toBe('CATALOGUE_BUREAU_ONLY');
    expect((await failure(api, PUBLISH, { id: applied.id }, world.member)).reason).toBe('CATALOGUE_BUREAU_ONLY');
    expect((await ok(api, QUEUE, {}, world.admin)).catalogueReviewQueue.map((e: { id: string }) => e.id)).toContain(
      applied.id,
    );

    const published = (await ok(api, PUBLISH, { id: applied.id }, world.admin)).publishCatalogueEntry;
    expect(published.status).toBe('PUBLISHED');
    expect(published.publishedAt).not.toBeNull();
    expect((await failure(api, PUBLISH, { id: applied.id }, world.admin)).reason).toBe('CATALOGUE_ENTRY_NOT_PENDING');

    const publicList = (await api.gql(PUBLIC, {})).data!.recommendedCatalogue;
    expect(publicList).toContainEqual(
      expect.objectContaining({ id: applied.id, productName: '=翼展低空巡检无人机', status: 'PUBLISHED' }),
    );
    const csv = (await api.gql(CSV, {})).data!.recommendedCatalogueCsv;
    expect(csv.contentType).toBe('text/csv; charset=utf-8');
    const text = bytesOf(csv).toString('utf8');
    expect(text.startsWith('\uFEFF产品名称,申报企业,来源科技成果')).toBe(true);
    // The product name that starts with "=" is neutralised (CSV injection).
    expect(text).toContain("'=翼展低空巡检无人机");
  });

  it('refuses an achievement the enterprise did not acquire, non-enterprise roles, and a rejection without a reason', async () => {
    const other = await api.gql(
      APPLY,
      { input: { achievementId: world.achievement.id, productName: '冒名产品', description: '无' } },
      world.outsider.token,
    );
    expect(other.errors![0].extensions!.reason).toBe('CATALOGUE_ACHIEVEMENT_NOT_TRANSFERRED');
    expect(
      (
        await failure(
          api,
          APPLY,
          { input: { achievementId: world.achievement.id, productName: '研究员产品', description: '无' } },
          world.researcher,
        )
      ).reason,
    ).toBe('CATALOGUE_ENTERPRISE_ONLY');
    const unauthenticated = await api.gql(MINE, {});
    expect(unauthenticated.errors![0].extensions!.code).toBe('UNAUTHENTICATED');

    const second = (
      await ok(
        api,
        APPLY,
        { input: { achievementId: world.achievement.id, productName: '二代巡检平台', description: '第二款产品' } },
        world.member,
      )
    ).applyForCatalogue;
    expect((await failure(api, REJECT, { input: { id: second.id, reason: '  ' } }, world.admin)).code).toBe(
      'BAD_USER_INPUT',
    );
    expect((await failure(api, REJECT, { input: { id: second.id, reason: '缺少应用证明' } }, world.tto)).reason).toBe(
      'CATALOGUE_BUREAU_ONLY',
    );
    const rejected = (await ok(api, REJECT, { input: { id: second.id, reason: '缺少应用证明' } }, world.admin))
      .rejectCatalogueEntry;
    expect(rejected).toMatchObject({ status: 'REJECTED', rejectionReason: '缺少应用证明' });
    // The applicant sees the reason; others do not see the application at all.
    expect((await ok(api, MINE, {}, world.member)).myCatalogueApplications).toContainEqual(
      expect.objectContaining({ id: second.id, status: 'REJECTED', rejectionReason: '缺少应用证明' }),
    );
    expect((await ok(api, MINE, {}, world.outsider)).myCatalogueApplications).toEqual([]);
    expect((await api.gql(PUBLIC, {})).data!.recommendedCatalogue.map((e: { id: string }) => e.id)).not.toContain(
      second.id,
    );
  });
});
