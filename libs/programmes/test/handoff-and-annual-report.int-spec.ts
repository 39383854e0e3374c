import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AchievementEntity, AchievementStatus } from '@app/achievements';
import { RewardApplicationEntity } from '@app/programmes';
import { extractPdfText, startTestApi, TestApi, settledWorker } from '@app/testing';
import { createWorkerApp } from '../../../apps/worker/src/bootstrap';
import { buildProgrammesWorld, bytesOf, failure, ok, ProgrammesWorld, registeredDeal } from './programmes-world';

const PREPARE = `mutation($input: PrepareExchangeHandoffInput!) { prepareExchangeHandoff(input: $input) { id source status
  achievementId dealId institutionId } }`;
const HANDOFF = `query($id: ID!) { exchangeHandoff(id: $id) { id status exchangeListingNumber result resultPriceWan
  packageJson { fileName contentType base64 } packagePdf { contentType base64 } } }`;
const LISTING = `mutation($id: ID!, $number: String!) { recordExchangeListing(handoffId: $id, listingNumber: $number) { id status exchangeListingNumber } }`;
const RESULT = `mutation($input: RecordExchangeResultInput!) { recordExchangeResult(input: $input) { id status result resultPriceWan } }`;
const TIMELINE = `query($id: ID!) { deal(id: $id) { timeline { kind body } } }`;
const ANNUAL = `query($inst: ID!, $year: Int!) { institutionAnnualReport(institutionId: $inst, year: $year) { institutionName year
  registeredContracts contractValueWan technicalIncomeWan contractsByType { contractType count contractValueWan }
  contracts { registrationNumber enterpriseName achievementTitle contractValueWan } listings rewardApplications } }`;

describe('exchange hand-off and institution annual report through GraphQL, per role', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let dataSource: DataSource;
  let world: ProgrammesWorld;
  let dealId: string;

  beforeAll(async () => {
    api = await startTestApi();
    worker = await createWorkerApp();
    await settledWorker(worker);
    dataSource = api.app.get(DataSource);
    world = await buildProgrammesWorld(api, 'handoff');
    dealId = await registeredDeal(api, world, {
      contractValueWan: 260,
      technicalIncomeWan: 200,
      registrationNumber: '2026330106000555',
    });
  }, 180_000);
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  it('prepares a package from a listing (TTO) and from a deal (broker), records the exchange’s answer on the timeline', async () => {
    // From a listing: the institution's TTO only; exactly one source.
    expect((await failure(api, PREPARE, { input: {} }, world.tto)).reason).toBe('HANDOFF_SOURCE_REQUIRED');
    expect(
      (await failure(api, PREPARE, { input: { achievementId: world.achievement.id } }, world.researcher)).reason,
    ).toBe('PROGRAMME_ACTION_FORBIDDEN');
    expect((await failure(api, PREPARE, { input: { achievementId: world.achievement.id } }, world.otherTto)).code).toBe(
      'NOT_FOUND',
    );
    const fromListing = (await ok(api, PREPARE, { input: { achievementId: world.achievement.id } }, world.tto))
      .prepareExchangeHandoff;
    expect(fromListing).toMatchObject({
      source: 'LISTING',
      status: 'PREPARED',
      dealId: null,
      institutionId: world.university.id,
    });

    // A draft achievement is not eligible.
    const draft = await dataSource.getRepository(AchievementEntity).save(
      dataSource.getRepository(AchievementEntity).create({
        title: 'handoff 草稿成果',
        institutionId: world.university.id,
        ownerId: world.researcher.userId,
        status: AchievementStatus.DRAFT,
      }),
    );
    expect(await failure(api, PREPARE, { input: { achievementId: draft.id } }, world.tto)).toMatchObject({
      reason: 'HANDOFF_NOT_ELIGIBLE',
      extensions: { currentStatus: 'DRAFT' },
    });

    // From the deal: its broker; the enterprise (a party) may read it but not prepare one.
    expect((await failure(api, PREPARE, { input: { dealId } }, world.member)).reason).toBe(
      'PROGRAMME_ACTION_FORBIDDEN',
    );
    expect((await failure(api, PREPARE, { input: { dealId } }, world.outsider)).code).toBe('NOT_FOUND');
    const fromDeal = (await ok(api, PREPARE, { input: { dealId } }, world.brokers[0])).prepareExchangeHandoff;
    expect(fromDeal).toMatchObject({ source: 'DEAL', dealId, achievementId: world.achievement.id });

    const seen = (await ok(api, HANDOFF, { id: fromDeal.id }, world.member)).exchangeHandoff;
    const document = JSON.parse(bytesOf(seen.packageJson).toString('utf8'));
    expect(seen.packageJson.contentType).toBe('application/json');
    expect(document).toMatchObject({
      schema: 'techtransfer.exchange-handoff/1',
      source: 'DEAL',
      achievement: {
        id: world.achievement.id,
        title: world.achievement.title,
        institution: { id: world.university.id },
      },
      rightsConfirmation: { status: 'TRANSFERRED' },
      price: { askingPriceWan: 120 },
      contract: {
        dealId,
        registrationNumber: '2026330106000555',
        contractValueWan: 260,
        enterprise: { id: world.enterprise.id },
      },
    });
    const pdfText = (await extractPdfText(bytesOf(seen.packagePdf))).join('\n');
    expect(pdfText).toContain('科技成果进场交易材料');
    expect(pdfText).toContain(world.achievement.title);
    expect(pdfText).toContain('2026330106000555');
    for (const viewer of [world.tto, world.researcher, world.admin, world.brokers[0]])
      expect((await ok(api, HANDOFF, { id: fromDeal.id }, viewer)).exchangeHandoff.id).toBe(fromDeal.id);
    for (const stranger of [world.outsider, world.otherTto])
      expect((await failure(api, HANDOFF, { id: fromDeal.id }, stranger)).reason).toBe('EXCHANGE_HANDOFF_NOT_FOUND');
    expect((await failure(api, HANDOFF, { id: fromListing.id }, world.member)).reason).toBe(
      'EXCHANGE_HANDOFF_NOT_FOUND',
    );

    // The exchange's answer: listing number, then result; the enterprise cannot record it; the timeline shows both.
    expect((await failure(api, LISTING, { id: fromDeal.id, number: 'ZJ-2026-0001' }, world.member)).reason).toBe(
      'PROGRAMME_ACTION_FORBIDDEN',
    );
    expect(
      (await failure(api, RESULT, { input: { handoffId: fromDeal.id, result: 'TRADED' } }, world.tto)).reason,
    ).toBe('HANDOFF_WRONG_STATUS');
    await ok(api, LISTING, { id: fromDeal.id, number: 'ZJ-2026-0001' }, world.tto);
    expect(
      (await ok(api, RESULT, { input: { handoffId: fromDeal.id, result: 'TRADED', priceWan: 265 } }, world.brokers[0]))
        .recordExchangeResult,
    ).toMatchObject({ status: 'CLOSED', result: 'TRADED', resultPriceWan: 265 });
    const timeline = (await ok(api, TIMELINE, { id: dealId }, world.member)).deal.timeline.filter((entry: any) =>
      entry.kind.startsWith('EXCHANGE_'),
    );
    expect(timeline.map((entry: any) => entry.kind)).toEqual([
      'EXCHANGE_HANDOFF',
      'EXCHANGE_RESULT',
      'EXCHANGE_RESULT',
    ]);
    expect(timeline[1].body).toContain('ZJ-2026-0001');
    expect(timeline[2].body).toContain('TRADED 265 万元');
    const listed = (
      await ok(api, `query($deal: ID) { exchangeHandoffs(dealId: $deal) { id } }`, { deal: dealId }, world.member)
    ).exchangeHandoffs;
    expect(listed).toEqual([{ id: fromDeal.id }]);
  });

  it('reports an institution’s year (ADMIN and its TTO) with CSV and PDF exports', async () => {
    // The Shanghai year the contract was registered in.
    const registeredYear = Number(
      (
        await dataSource.query(
          `SELECT to_char(registered_at AT TIME ZONE 'Asia/Shanghai', 'YYYY') AS y FROM deals WHERE id = $1`,
          [dealId],
        )
      )[0].y,
    );
    for (const stranger of [world.otherTto, world.researcher, world.member])
      expect((await failure(api, ANNUAL, { inst: world.university.id, year: registeredYear }, stranger)).reason).toBe(
        'INSTITUTION_NOT_FOUND',
      );
    expect((await failure(api, ANNUAL, { inst: world.enterprise.id, year: registeredYear }, world.admin)).reason).toBe(
      'INSTITUTION_NOT_FOUND',
    );
    const report = (await ok(api, ANNUAL, { inst: world.university.id, year: registeredYear }, world.tto))
      .institutionAnnualReport;
    expect(report).toMatchObject({
      institutionName: world.university.name,
      registeredContracts: 1,
      contractValueWan: 260,
      technicalIncomeWan: 200,
      contractsByType: [{ contractType: 'TRANSFER', count: 1, contractValueWan: 260 }],
      contracts: [
        {
          registrationNumber: '2026330106000555',
          enterpriseName: world.enterprise.name,
          achievementTitle: world.achievement.title,
          contractValueWan: 260,
        },
      ],
    });
    expect(report.rewardApplications).toBe(
      await dataSource.getRepository(RewardApplicationEntity).countBy({ institutionId: world.university.id }),
    );
    const csv = (
      await ok(
        api,
        `query($inst: ID!, $year: Int!) { institutionAnnualReportCsv(institutionId: $inst, year: $year) { base64 } }`,
        { inst: world.university.id, year: registeredYear },
        world.admin,
      )
    ).institutionAnnualReportCsv;
    const csvBytes = bytesOf(csv);
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csvBytes.toString('utf8')).toContain(
      `2026330106000555,TRANSFER,${world.enterprise.name},${world.achievement.title},260,200,`,
    );
    const pdf = (
      await ok(
        api,
        `query($inst: ID!, $year: Int!) { institutionAnnualReportPdf(institutionId: $inst, year: $year) { base64 } }`,
        { inst: world.university.id, year: registeredYear },
        world.tto,
      )
    ).institutionAnnualReportPdf;
    const text = (await extractPdfText(bytesOf(pdf))).join('\n');
    expect(text).toContain('科技成果转化年度报告');
    expect(text).toContain(world.university.name);
  });
});
