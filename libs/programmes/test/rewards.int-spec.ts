import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobName, JobQueue } from '@app/core';
import { FILE_STORAGE, FileStorage, StoredFileEntity } from '@app/files';
import { NotificationEntity, NotificationKind } from '@app/notifications';
import { RewardApplicationEntity, RewardRuleVersionEntity } from '@app/programmes';
import { startTestApi, TestApi, settledWorker } from '@app/testing';
import { createWorkerApp } from '../../../apps/worker/src/bootstrap';
import { eventually } from '../../../apps/api/test/support/marketplace-actors';
import {
  buildProgrammesWorld,
  downloadStatus,
  failure,
  ok,
  ProgrammesWorld,
  registeredDeal,
  uploadPdf,
} from './programmes-world';

const CREATE_RULES = `mutation($input: CreateRewardRuleVersionInput!) { createRewardRuleVersion(input: $input) {
  id version effectiveFrom effectiveTo terms { sharePercent capPerItemWan capPerYearWan requiredEvidence } } }`;
const APPLICATION = `query($id: ID!) { rewardApplication(id: $id) { id status qualification awardYear registrationNumber
  technicalIncomeWan proposedAmountWan approvedAmountWan returnReason paidAmountWan prefillJson yearCapRemainingWan
  registrationAmendedAt registrationAmendmentNote
  evidence { fileId label name url } ruleVersion { version } institution { id name } enterprise { id }
  events { kind body } } }`;
const UPDATE = `mutation($input: UpdateRewardApplicationInput!) { updateRewardApplication(input: $input) { id status evidence { label } } }`;
const SUBMIT = `mutation($id: ID!) { submitRewardApplication(id: $id) { id status proposedAmountWan } }`;
const APPROVE = `mutation($id: ID!, $amount: Float!) { approveRewardApplication(id: $id, amountWan: $amount, comment: "符合条件") {
  id status approvedAmountWan } }`;
const RETURN = `mutation($id: ID!, $reason: String!) { returnRewardApplication(id: $id, reason: $reason) { id status returnReason } }`;
const PAY = `mutation($input: RecordRewardPaymentInput!) { recordRewardPayment(input: $input) { id status paidAmountWan paidAt } }`;
const REMOVE_EVIDENCE = `mutation($id: ID!, $fileId: ID!) { removeRewardEvidence(applicationId: $id, fileId: $fileId) {
  id status evidence { fileId label } } }`;
const LIST = `query($year: Int) { rewardApplications(awardYear: $year, first: 100) { totalCount nodes { id dealId status } } }`;

describe('transfer rewards through GraphQL, per role', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let dataSource: DataSource;
  let world: ProgrammesWorld;

  beforeAll(async () => {
    api = await startTestApi();
    worker = await createWorkerApp();
    await settledWorker(worker);
    dataSource = api.app.get(DataSource);
    world = await buildProgrammesWorld(api, 'reward');
    // Each run of this file starts from no rules of its own: versions are global, so clear them (this worker's database).
    await dataSource.query('DELETE FROM reward_applications');
    await dataSource.getRepository(RewardRuleVersionEntity).clear();
  }, 180_000);
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  it('lets only administrators define versioned rules, closing the open version the day before the next', async () => {
    const terms = {
      qualifications: ['RIGHTS_CONFIRMED_CONTRACT_IN_DISTRICT'],
      districtRegions: ['杭州'],
      contractTypes: ['TRANSFER', 'LICENSE'],
      sharePercent: 10,
      minTechnicalIncomeWan: 10,
      capPerItemWan: 30,
      capPerYearWan: 50,
      requiredEvidence: ['技术合同', '赋权协议'],
    };
    expect(
      (await failure(api, CREATE_RULES, { input: { name: 'x', effectiveFrom: '2020-01-01', terms } }, world.tto))
        .reason,
    ).toBe('PROGRAMME_ACTION_FORBIDDEN');
    const first = await ok(
      api,
      CREATE_RULES,
      { input: { name: '2020 版', effectiveFrom: '2020-01-01', terms } },
      world.admin,
    );
    expect(first.createRewardRuleVersion).toMatchObject({ version: 1, effectiveTo: null });
    const second = await ok(
      api,
      CREATE_RULES,
      { input: { name: '2024 版（上限调整）', effectiveFrom: '2024-01-01', terms } },
      world.admin,
    );
    expect(second.createRewardRuleVersion).toMatchObject({ version: 2, effectiveFrom: '2024-01-01' });
    const versions = await ok(api, `{ rewardRuleVersions { version effectiveFrom effectiveTo } }`, {}, world.member);
    expect(versions.rewardRuleVersions).toEqual([
      { version: 2, effectiveFrom: '2024-01-01', effectiveTo: null },
      { version: 1, effectiveFrom: '2020-01-01', effectiveTo: '2023-12-31' },
    ]);
    const overlap = await failure(
      api,
      CREATE_RULES,
      { input: { name: 'bad', effectiveFrom: '2022-01-01', effectiveTo: '2022-06-30', terms } },
      world.admin,
    );
    expect(overlap).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REWARD_RULE_PERIOD_OVERLAPS' });
    const badTerms = await failure(
      api,
      CREATE_RULES,
      { input: { name: 'bad', effectiveFrom: '2030-01-01', terms: { ...terms, districtRegions: [] } } },
      world.admin,
    );
    expect(badTerms).toMatchObject({
      reason: 'REWARD_RULE_TERMS_INVALID',
      extensions: { field: 'terms.districtRegions' },
    });
  });

  it('raises a prefilled draft when a qualifying contract is registered, then runs evidence, review and payment', async () => {
    const dealId = await registeredDeal(api, world, {
      contractValueWan: 500,
      technicalIncomeWan: 400,
      registrationNumber: '2026330106000901',
    });
    const raised = await eventually(
      () => dataSource.getRepository(RewardApplicationEntity).findOneBy({ dealId }),
      20_000,
    );
    const id = raised.id;

    // Who sees it: the TTO, the team (researcher), administrators; not the enterprise, another TTO, a broker.
    const asTto = (await ok(api, APPLICATION, { id }, world.tto)).rewardApplication;
    expect(asTto).toMatchObject({
      status: 'DRAFT',
      qualification: 'RIGHTS_CONFIRMED_CONTRACT_IN_DISTRICT',
      registrationNumber: '2026330106000901',
      technicalIncomeWan: 400,
      proposedAmountWan: 30, // 10 % of 400 = 40, capped per item at 30
      approvedAmountWan: null,
      yearCapRemainingWan: 50,
      ruleVersion: { version: 2 },
      institution: { id: world.university.id },
      enterprise: { id: world.enterprise.id },
      events: [{ kind: 'RAISED', body: 'rules v2: 30 万元' }],
    });
    const prefill = JSON.parse(asTto.prefillJson as string);
    expect(prefill).toMatchObject({
      // A TRANSFER registration takes the listing off the market in the same move (brokerage): TRANSFERRED.
      achievement: { id: world.achievement.id, title: world.achievement.title, status: 'TRANSFERRED' },
      registration: { registrationNumber: '2026330106000901', technicalIncomeWan: 400, contractType: 'TRANSFER' },
      enterprise: { id: world.enterprise.id, region: '杭州' },
      eligibility: { ruleVersion: 2, uncappedWan: 40, cappedBy: 'ITEM' },
    });
    expect((await ok(api, APPLICATION, { id }, world.researcher)).rewardApplication.id).toBe(id);
    expect((await ok(api, APPLICATION, { id }, world.admin)).rewardApplication.id).toBe(id);
    for (const stranger of [world.member, world.otherTto, world.brokers[0], world.outsider]) {
      expect(await failure(api, APPLICATION, { id }, stranger)).toMatchObject({
        code: 'NOT_FOUND',
        reason: 'REWARD_APPLICATION_NOT_FOUND',
      });
      expect((await ok(api, LIST, { year: null }, stranger)).rewardApplications.nodes).not.toContainEqual(
        expect.objectContaining({ id }),
      );
    }
    expect((await ok(api, LIST, { year: null }, world.tto)).rewardApplications.nodes).toContainEqual(
      expect.objectContaining({ id, dealId, status: 'DRAFT' }),
    );
    const notified = await dataSource
      .getRepository(NotificationEntity)
      .findBy({ userId: world.tto.userId, kind: NotificationKind.REWARD_APPLICATION });
    expect(notified.map((n) => n.data)).toContainEqual({ rewardApplicationId: id, path: `/workspace/rewards/${id}` });

    // Evidence: the team attaches; submitting without all required evidence names what is missing.
    const contract = await uploadPdf(api, world.researcher, '技术合同.pdf');
    await ok(
      api,
      UPDATE,
      { input: { applicationId: id, evidence: [{ fileId: contract, label: '技术合同' }] } },
      world.researcher,
    );

    // Removing evidence: only the applicants, only while editable; the file is deleted, record and bytes.
    const stray = await uploadPdf(api, world.researcher, '错传的文件.pdf');
    await ok(
      api,
      UPDATE,
      {
        input: {
          applicationId: id,
          evidence: [
            { fileId: contract, label: '技术合同' },
            { fileId: stray, label: '赋权协议' },
          ],
        },
      },
      world.researcher,
    );
    const strayKey = (await dataSource.getRepository(StoredFileEntity).findOneByOrFail({ id: stray })).storageKey;
    for (const stranger of [world.member, world.otherTto, world.brokers[0], world.outsider])
      expect(await failure(api, REMOVE_EVIDENCE, { id, fileId: stray }, stranger)).toMatchObject({
        code: 'NOT_FOUND',
        reason: 'REWARD_APPLICATION_NOT_FOUND',
      });
    expect(await failure(api, REMOVE_EVIDENCE, { id, fileId: stray }, world.admin)).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'PROGRAMME_ACTION_FORBIDDEN',
    });
    expect(await failure(api, REMOVE_EVIDENCE, { id, fileId: crypto.randomUUID() }, world.tto)).toMatchObject({
      code: 'NOT_FOUND',
      reason: 'FILE_NOT_FOUND',
    });
    expect(await downloadStatus(api, world.tto, stray)).toBe(200);
    expect((await ok(api, REMOVE_EVIDENCE, { id, fileId: stray }, world.tto)).removeRewardEvidence).toEqual({
      id,
      status: 'DRAFT',
      evidence: [{ fileId: contract, label: '技术合同' }],
    });
    expect(await downloadStatus(api, world.researcher, stray)).toBe(404);
    expect(await dataSource.getRepository(StoredFileEntity).existsBy({ id: stray })).toBe(false);
    expect(await api.app.get<FileStorage>(FILE_STORAGE).get(strayKey)).toBeNull();
    expect(await downloadStatus(api, world.researcher, contract)).toBe(200);

    // Evidence left out of a new list is deleted the same way; the evidence kept stays.
    const replaced = await uploadPdf(api, world.researcher, '旧版合同.pdf');
    const evidenceWith = (fileIds: string[]) => ({
      input: {
        applicationId: id,
        evidence: fileIds.map((fileId, index) => ({ fileId, label: index ? '补充' : '技术合同' })),
      },
    });
    await ok(api, UPDATE, evidenceWith([contract, replaced]), world.researcher);
    const replacedKey = (await dataSource.getRepository(StoredFileEntity).findOneByOrFail({ id: replaced })).storageKey;
    await ok(api, UPDATE, evidenceWith([contract]), world.researcher);
    expect(await downloadStatus(api, world.researcher, replaced)).toBe(404);
    expect(await dataSource.getRepository(StoredFileEntity).existsBy({ id: replaced })).toBe(false);
    expect(await api.app.get<FileStorage>(FILE_STORAGE).get(replacedKey)).toBeNull();
    expect(await downloadStatus(api, world.researcher, contract)).toBe(200);

    const missing = await failure(api, SUBMIT, { id }, world.researcher);
    expect(missing).toMatchObject({ reason: 'REWARD_EVIDENCE_MISSING', extensions: { missing: ['赋权协议'] } });
    expect((await failure(api, SUBMIT, { id }, world.member)).code).toBe('NOT_FOUND');
    const agreement = await uploadPdf(api, world.tto, '赋权协议.pdf');
    await ok(
      api,
      UPDATE,
      {
        input: {
          applicationId: id,
          applicantNote: '团队占比 80%',
          evidence: [
            { fileId: contract, label: '技术合同' },
            { fileId: agreement, label: '赋权协议' },
          ],
        },
      },
      world.tto,
    );
    expect(await downloadStatus(api, world.tto, contract)).toBe(200);
    expect(await downloadStatus(api, world.researcher, agreement)).toBe(200);
    expect(await downloadStatus(api, world.admin, agreement)).toBe(200);
    expect(await downloadStatus(api, world.member, agreement)).toBe(404);
    expect(await downloadStatus(api, world.otherTto, contract)).toBe(404);
    expect((await ok(api, SUBMIT, { id }, world.researcher)).submitRewardApplication).toMatchObject({
      status: 'SUBMITTED',
      proposedAmountWan: 30,
    });
    expect(
      (await failure(api, UPDATE, { input: { applicationId: id, applicantNote: 'late' } }, world.tto)).reason,
    ).toBe('REWARD_APPLICATION_WRONG_STATUS');
    expect(await failure(api, REMOVE_EVIDENCE, { id, fileId: contract }, world.researcher)).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'REWARD_APPLICATION_WRONG_STATUS',
    });
    expect(await downloadStatus(api, world.researcher, contract)).toBe(200);

    // The bureau: only administrators decide; the amount stays within the caps; a return needs a reason.
    expect((await failure(api, APPROVE, { id, amount: 10 }, world.tto)).reason).toBe('PROGRAMME_ACTION_FORBIDDEN');
    expect(await failure(api, APPROVE, { id, amount: 31 }, world.admin)).toMatchObject({
      reason: 'REWARD_AMOUNT_OUT_OF_BOUNDS',
      extensions: { field: 'amountWan', maxWan: 30 },
    });
    expect((await failure(api, RETURN, { id, reason: '  ' }, world.admin)).reason).toBe('REASON_REQUIRED');
    expect((await ok(api, RETURN, { id, reason: '请补充发票' }, world.admin)).returnRewardApplication).toEqual({
      id,
      status: 'RETURNED',
      returnReason: '请补充发票',
    });
    await ok(api, SUBMIT, { id }, world.tto);
    expect((await ok(api, APPROVE, { id, amount: 25 }, world.admin)).approveRewardApplication).toMatchObject({
      status: 'APPROVED',
      approvedAmountWan: 25,
    });
    expect((await ok(api, APPLICATION, { id }, world.tto)).rewardApplication.yearCapRemainingWan).toBe(25);

    // Payment: at most the approved amount, by administrators.
    const pay = (amount: number) => ({
      input: { applicationId: id, paidAmountWan: amount, paidAt: '2026-06-01T00:00:00Z', reference: '财付-0001' },
    });
    expect((await failure(api, PAY, pay(26), world.admin)).reason).toBe('REWARD_AMOUNT_OUT_OF_BOUNDS');
    expect((await failure(api, PAY, pay(25), world.researcher)).reason).toBe('PROGRAMME_ACTION_FORBIDDEN');
    expect((await ok(api, PAY, pay(25), world.admin)).recordRewardPayment).toMatchObject({
      status: 'PAID',
      paidAmountWan: 25,
    });
    const record = (await ok(api, APPLICATION, { id }, world.researcher)).rewardApplication.events.map(
      (e: any) => e.kind,
    );
    expect(record).toEqual([
      'RAISED',
      ...Array<string>(6).fill('UPDATED'),
      'SUBMITTED',
      'RETURNED',
      'SUBMITTED',
      'APPROVED',
      'PAID',
    ]);

    // Totals by year, institution and industry (administrators only).
    const totals = `query($by: RewardTotalsDimension!) { rewardTotals(groupBy: $by) { key label applications approved paid approvedAmountWan paidAmountWan } }`;
    const byInstitution = (await ok(api, totals, { by: 'INSTITUTION' }, world.admin)).rewardTotals;
    expect(byInstitution).toContainEqual({
      key: world.university.id,
      label: world.university.name,
      applications: 1,
      approved: 1,
      paid: 1,
      approvedAmountWan: 25,
      paidAmountWan: 25,
    });
    const byIndustry = (await ok(api, totals, { by: 'INDUSTRY' }, world.admin)).rewardTotals;
    expect(byIndustry.find((row: any) => row.key === 'low_altitude')).toMatchObject({ paidAmountWan: 25 });
    expect((await ok(api, totals, { by: 'YEAR' }, world.admin)).rewardTotals.length).toBeGreaterThan(0);
    expect((await failure(api, totals, { by: 'YEAR' }, world.tto)).code).toBe('FORBIDDEN');

    // The intake is idempotent: running it again (job or sweep) raises no second application.
    await worker.get(JobQueue).enqueue(JobName.ContractRegistered, { dealId });
    await worker.get(JobQueue).enqueue(JobName.SweepProgrammes, {});
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await dataSource.getRepository(RewardApplicationEntity).countBy({ dealId })).toBe(1);
  });

  it('follows an amended registration: refreshes a draft, flags a submitted application for the bureau', async () => {
    const amendWorld = await buildProgrammesWorld(api, 'reward-amend');
    const broker = amendWorld.brokers[0];
    const dealId = await registeredDeal(api, amendWorld, {
      contractValueWan: 500,
      technicalIncomeWan: 100,
      registrationNumber: '2026330106000903',
    });
    const { id } = await eventually(
      () => dataSource.getRepository(RewardApplicationEntity).findOneBy({ dealId }),
      20_000,
    );
    expect((await ok(api, APPLICATION, { id }, amendWorld.tto)).rewardApplication).toMatchObject({
      registrationNumber: '2026330106000903',
      technicalIncomeWan: 100,
      proposedAmountWan: 10,
    });
    const AMEND = `mutation($input: AmendDealRegistrationInput!) { amendDealRegistration(input: $input) { id } }`;

    // A draft follows the amended registration: number, income, the amount by the rules in force, the prefill.
    await ok(
      api,
      AMEND,
      {
        input: {
          dealId,
          registrationNumber: '2026330106000904',
          technicalIncomeWan: 200,
          reason: '登记号与技术交易额录入错误',
        },
      },
      broker,
    );
    await eventually(
      async () =>
        (await dataSource.getRepository(RewardApplicationEntity).findOneByOrFail({ id })).registrationNumber ===
        '2026330106000904',
      20_000,
    );
    const refreshed = (await ok(api, APPLICATION, { id }, amendWorld.tto)).rewardApplication;
    expect(refreshed).toMatchObject({
      status: 'DRAFT',
      registrationNumber: '2026330106000904',
      technicalIncomeWan: 200,
      proposedAmountWan: 20,
      registrationAmendedAt: null,
      ruleVersion: { version: 2 },
    });
    expect(JSON.parse(refreshed.prefillJson as string)).toMatchObject({
      registration: { registrationNumber: '2026330106000904', technicalIncomeWan: 200, contractValueWan: 500 },
      eligibility: { ruleVersion: 2, uncappedWan: 20 },
    });
    expect(refreshed.events.map((e: any) => e.kind)).toEqual(['RAISED', 'REGISTRATION_AMENDED']);

    // Submitted: an amendment changes nothing silently; the bureau's reviewer sees that it came after submission.
    const contract = await uploadPdf(api, amendWorld.researcher, '技术合同.pdf');
    const agreement = await uploadPdf(api, amendWorld.researcher, '赋权协议.pdf');
    await ok(
      api,
      UPDATE,
      {
        input: {
          applicationId: id,
          evidence: [
            { fileId: contract, label: '技术合同' },
            { fileId: agreement, label: '赋权协议' },
          ],
        },
      },
      amendWorld.researcher,
    );
    await ok(api, SUBMIT, { id }, amendWorld.researcher);
    await ok(api, AMEND, { input: { dealId, technicalIncomeWan: 150, reason: '按发票更正技术交易额' } }, broker);
    const flagged = await eventually(async () => {
      const row = (await ok(api, APPLICATION, { id }, amendWorld.admin)).rewardApplication;
      return row.registrationAmendedAt ? row : null;
    }, 20_000);
    expect(flagged).toMatchObject({ status: 'SUBMITTED', technicalIncomeWan: 200, proposedAmountWan: 20 });
    expect(flagged.registrationAmendmentNote).toContain('按发票更正技术交易额');
    expect(flagged.registrationAmendmentNote).toContain('technicalIncomeWan: 200 → 150');

    // The reviewer returns it; submitted again, it is as the registration now stands, and the flag is gone.
    await ok(api, RETURN, { id, reason: '登记已更正，请按更正后的登记重新提交' }, amendWorld.admin);
    expect((await ok(api, SUBMIT, { id }, amendWorld.tto)).submitRewardApplication).toMatchObject({
      status: 'SUBMITTED',
      proposedAmountWan: 15,
    });
    expect((await ok(api, APPLICATION, { id }, amendWorld.admin)).rewardApplication).toMatchObject({
      technicalIncomeWan: 150,
      registrationAmendedAt: null,
      registrationAmendmentNote: null,
    });
  });

  it('raises nothing for a contract with an enterprise outside the district', async () => {
    const outside = await buildProgrammesWorld(api, 'reward-out');
    await dataSource.query(`UPDATE organisations SET region = '西安' WHERE id = $1`, [outside.enterprise.id]);
    const dealId = await registeredDeal(api, outside, {
      contractValueWan: 100,
      technicalIncomeWan: 100,
      registrationNumber: '2026330106000902',
    });
    // The intake ran (follow-ups exist) but no application was raised.
    await eventually(
      async () =>
        (await dataSource.query(`SELECT 1 FROM outcome_follow_ups WHERE deal_id = $1`, [dealId])).length === 3,
      20_000,
    );
    expect(await dataSource.getRepository(RewardApplicationEntity).countBy({ dealId })).toBe(0);
  });
});
