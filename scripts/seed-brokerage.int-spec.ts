import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource, In, Like } from 'typeorm';
import { AnalyticsModule, AnalyticsService } from '@app/analytics';
import { DealEntity, EntrustmentEntity, IntroductionEntity, ListingFeedbackEntity } from '@app/brokerage';
import { Actor, OrganisationKind, Role, UserEntity } from '@app/identity';
import { CliModule } from './cli/cli.module';
import { seedDirectory } from './seed';
import { seedBrokerage } from './seed-brokerage';
import { seedCatalogue } from './seed-catalogue';

describe('seedBrokerage', () => {
  let app: INestApplicationContext;
  let dataSource: DataSource;

  beforeAll(async () => {
    app = await (await Test.createTestingModule({ imports: [CliModule, AnalyticsModule] }).compile()).init();
    dataSource = app.get(DataSource);
    await seedDirectory(app);
    await seedCatalogue(app);
  }, 120_000);
  afterAll(() => app?.close());

  it('seeds entrustments, introductions and deals across stages, idempotently', async () => {
    const first = await seedBrokerage(app);
    expect(first).toEqual({ introductionsCreated: 6, dealsCreated: 4, skipped: 0 });
    // Other test files share this database: look only at what the demo broker did.
    const broker = await dataSource.getRepository(UserEntity).findOneByOrFail({ email: 'broker@demo.local' });
    const count = async () => {
      const introductions = await dataSource.getRepository(IntroductionEntity).findBy({ brokerId: broker.id });
      return {
        entrustments: await dataSource.getRepository(EntrustmentEntity).countBy({ note: Like('【演示】%') }),
        introductions: introductions.length,
        deals: await dataSource
          .getRepository(DealEntity)
          .find({ where: { brokerId: broker.id }, order: { createdAt: 'ASC' } }),
        feedback: await dataSource
          .getRepository(ListingFeedbackEntity)
          .countBy({ introductionId: In(introductions.map((i) => i.id)) }),
      };
    };
    const before = await count();
    expect(before.introductions).toBe(6);
    expect(before.deals.map((d) => d.stage)).toEqual(['REGISTERED', 'CLOSED_LOST', 'CONTRACT_SIGNED', 'NEGOTIATING']);
    expect(before.deals[0]).toMatchObject({ contractValueWan: 180, technicalIncomeWan: 150, commissionWan: 9 });
    expect(before.entrustments).toBe(2);
    expect(before.feedback).toBe(1);

    expect(await seedBrokerage(app)).toEqual({ introductionsCreated: 0, dealsCreated: 0, skipped: 6 });
    expect(await count()).toEqual(before);

    // What the bureau sees on the demo data (printed for the closing note of the issue).
    const admin = new Actor('seed-admin', [
      { organisationId: 'bureau', organisationKind: OrganisationKind.GOVERNMENT, role: Role.ADMIN },
    ]);
    const analytics = app.get(AnalyticsService);
    const funnel = await analytics.funnel(admin, {});
    const durations = await analytics.stageDurations(admin, {});
    const overview = await analytics.overview(admin, {});
    console.log(JSON.stringify({ funnel, durations, overview }, null, 1));
    expect(funnel.map((step) => step.step)).toEqual([
      'LISTED',
      'MATCHED',
      'INTRODUCED',
      'DEAL',
      'SIGNED',
      'REGISTERED_CONTRACT',
    ]);
    expect(funnel[5].count).toBeGreaterThanOrEqual(1);
    expect(overview.registeredContracts).toBeGreaterThanOrEqual(1);
  }, 60_000);
});
