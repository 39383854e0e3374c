import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource, In } from 'typeorm';
import { DealEntity } from '@app/brokerage';
import { JobQueue, QueueName } from '@app/core';
import {
  EvaluationReportEntity,
  EvaluationReportStatus,
  FollowUpStatus,
  OutcomeFollowUpEntity,
  RewardRuleVersionEntity,
} from '@app/programmes';
import { CliModule } from './cli/cli.module';
import { seedDirectory } from './seed';
import { seedCatalogue } from './seed-catalogue';
import { seedProgrammes } from './seed-programmes';

describe('seedProgrammes', () => {
  let app: INestApplicationContext;
  let dataSource: DataSource;

  beforeAll(async () => {
    app = await (await Test.createTestingModule({ imports: [CliModule] }).compile()).init();
    dataSource = app.get(DataSource);
    await seedDirectory(app);
    await seedCatalogue(app);
  }, 180_000);
  afterAll(() => app?.close());

  it('seeds a rule set, two institutions with reports (one verified) and a due 6-month follow-up, idempotently', async () => {
    const first = await seedProgrammes(app);
    expect(first.reports).toBe(2);
    expect(first.registeredContracts).toBe(2);
    expect(await dataSource.getRepository(RewardRuleVersionEntity).count()).toBeGreaterThanOrEqual(1);
    // Other test files share this database: look only at the seeded institutions.
    const seeded = await dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM organisations WHERE external_key IN ('seed:newrd-low-altitude', 'seed:newrd-smart-manufacturing')`,
    );
    const institutionIds = In(seeded.map((row) => row.id));
    const reports = await dataSource.getRepository(EvaluationReportEntity).findBy({ institutionId: institutionIds });
    expect(reports.map((r) => r.status).sort()).toEqual([
      EvaluationReportStatus.SUBMITTED,
      EvaluationReportStatus.VERIFIED,
    ]);
    const deal = await dataSource.getRepository(DealEntity).findOneByOrFail({ registrationNumber: '2025330106000316' });
    const six = await dataSource
      .getRepository(OutcomeFollowUpEntity)
      .findOneByOrFail({ dealId: deal.id, monthsAfter: 6 });
    expect(six.status).toBe(FollowUpStatus.ASKED);
    expect(six.dueAt.getTime()).toBeLessThan(Date.now());
    // The recent contract goes through the worker's intake like any registration.
    const recent = await dataSource
      .getRepository(DealEntity)
      .findOneByOrFail({ registrationNumber: '2026330106000521' });
    const job = await app.get(JobQueue).queue(QueueName.Programmes).getJob(`contract-registered-${recent.id}`);
    expect(job?.data).toEqual({ dealId: recent.id });

    expect(await seedProgrammes(app)).toEqual({ ruleVersions: 0, reports: 0, registeredContracts: 0 });
    expect(await dataSource.getRepository(EvaluationReportEntity).countBy({ institutionId: institutionIds })).toBe(2);
    expect(await dataSource.getRepository(OutcomeFollowUpEntity).countBy({ dealId: deal.id })).toBe(3);
  });
});
