import { DataSource } from 'typeorm';
import { DealEntity, DealStage, TechContractType } from '@app/brokerage';
import { FILE_STORAGE, FileStorage, StoredFileEntity } from '@app/files';
import { OrganisationKind, Role } from '@app/identity';
import { MatchTargetType } from '@app/matching';
import { EvaluationResultEntity, EvaluationSchemeEntity } from '@app/programmes';
import { extractPdfText, startTestApi, TestApi } from '@app/testing';
import { MarketplaceActors, TestActor } from '../../../apps/api/test/support/marketplace-actors';
import { bytesOf, downloadStatus, failure, ok, uploadPdf } from './programmes-world';

const YEAR = 2031;
const SCHEME = {
  year: YEAR,
  title: `${YEAR} 年度新型研发机构绩效评价指标`,
  tiers: { excellent: 90, good: 75, pass: 60 },
  indicators: [
    {
      key: 'contracts',
      label: '技术合同登记数',
      weight: 40,
      source: 'PLATFORM',
      platformMetric: 'REGISTERED_CONTRACTS',
      method: 'THRESHOLDS',
      thresholds: [
        { min: 1, points: 70 },
        { min: 2, points: 100 },
      ],
    },
    {
      key: 'revenue',
      label: '营业收入（万元）',
      weight: 60,
      source: 'SELF_REPORTED',
      method: 'MIN_MAX',
      thresholds: [],
    },
  ],
};
const SAVE_SCHEME = `mutation($input: EvaluationSchemeInput!) { saveEvaluationScheme(input: $input) { id year status indicators { key } } }`;
const START = `mutation($inst: ID!, $year: Int!) { startEvaluationReport(institutionId: $inst, year: $year) { id status
  values { indicatorKey source value verification links { kind id label } } } }`;
const SAVE = `mutation($input: SaveEvaluationValuesInput!) { saveEvaluationValues(input: $input) { id values { indicatorKey value verification } } }`;
const REMOVE_ATTACHMENT = `mutation($id: ID!, $fileId: ID!) { removeEvaluationAttachment(reportId: $id, fileId: $fileId) {
  id values { indicatorKey verification attachments { fileId } } } }`;
const SUBMIT = `mutation($id: ID!) { submitEvaluationReport(reportId: $id) { id status } }`;
const VERIFY = `mutation($input: VerifyEvaluationIndicatorInput!) { verifyEvaluationIndicator(input: $input) { id status } }`;
const REPORT = `query($id: ID!) { evaluationReport(id: $id) { id status institution { id } scheme { year } values { indicatorKey value verification } } }`;
const RESULTS = `query($year: Int!) { evaluationResults(year: $year) { institutionId totalScore rank tier tierLabel
  indicators { key value score } missingIndicators institution { name } } }`;

describe('new R&D institution evaluation through GraphQL, per role', () => {
  let api: TestApi;
  let dataSource: DataSource;
  let actors: MarketplaceActors;
  let admin: TestActor;
  let ttoA: TestActor;
  let ttoB: TestActor;
  let researcherA: TestActor;
  let institutionA: { id: string; name: string };
  let institutionB: { id: string; name: string };

  beforeAll(async () => {
    api = await startTestApi();
    dataSource = api.app.get(DataSource);
    actors = new MarketplaceActors(api);
    await dataSource.query('DELETE FROM evaluation_results WHERE year = $1', [YEAR]);
    await dataSource.query(
      'DELETE FROM evaluation_report_values v USING evaluation_reports r WHERE r.id = v.report_id AND r.year = $1',
      [YEAR],
    );
    await dataSource.query('DELETE FROM evaluation_reports WHERE year = $1', [YEAR]);
    await dataSource.getRepository(EvaluationSchemeEntity).delete({ year: YEAR });
    const bureau = await actors.organisation('评价 科技局', OrganisationKind.GOVERNMENT);
    admin = await actors.user('eval-admin', Role.ADMIN, bureau.id);
    // The CSV must neutralise a name a spreadsheet would take for a formula.
    institutionA = await actors.organisation('=明湖智能制造研究院', OrganisationKind.NEW_RD_INSTITUTION);
    institutionB = await actors.organisation('低空经济产业创新研究院', OrganisationKind.NEW_RD_INSTITUTION);
    ttoA = await actors.user('eval-tto-a', Role.TTO_OFFICER, institutionA.id);
    ttoB = await actors.user('eval-tto-b', Role.TTO_OFFICER, institutionB.id);
    researcherA = await actors.user('eval-researcher-a', Role.RESEARCHER, institutionA.id);
    // Two contracts of A registered in the year, one of B: counted by the platform.
    const deals = dataSource.getRepository(DealEntity);
    const registered = (institution: string, number: string) =>
      deals.save(
        deals.create({
          introductionId: crypto.randomUUID(),
          demandId: crypto.randomUUID(),
          targetType: MatchTargetType.ACHIEVEMENT,
          targetId: crypto.randomUUID(),
          brokerId: crypto.randomUUID(),
          agencyId: crypto.randomUUID(),
          demandOrganisationId: crypto.randomUUID(),
          targetOrganisationId: institution,
          stage: DealStage.REGISTERED,
          stageEnteredAt: new Date(`${YEAR}-05-01T00:00:00Z`),
          registrationNumber: number,
          contractType: TechContractType.TRANSFER,
          contractValueWan: 100,
          technicalIncomeWan: 80,
          registeredAt: new Date(`${YEAR}-05-01T00:00:00Z`),
          lastActivityAt: new Date(),
        }),
      );
    await registered(institutionA.id, `E-${YEAR}-A1`);
    await registered(institutionA.id, `E-${YEAR}-A2`);
    await registered(institutionB.id, `E-${YEAR}-B1`);
  });
  afterAll(() => api.close());

  it('links partner universities (ADMIN), scores reports by the pure function, publishes and exports', async () => {
    const university = await actors.organisation('评价 明湖理工大学', OrganisationKind.UNIVERSITY);
    const enterprise = await actors.organisation('评价 某公司', OrganisationKind.ENTERPRISE);
    const partners = `mutation($inst: ID!, $ids: [ID!]!) { setRdInstitutionPartners(institutionId: $inst, partnerIds: $ids) { id partnerIds } }`;
    expect((await failure(api, partners, { inst: institutionA.id, ids: [university.id] }, ttoA)).reason).toBe(
      'PROGRAMME_ACTION_FORBIDDEN',
    );
    expect((await failure(api, partners, { inst: institutionA.id, ids: [enterprise.id] }, admin)).reason).toBe(
      'PARTNER_NOT_A_UNIVERSITY',
    );
    expect((await failure(api, partners, { inst: university.id, ids: [] }, admin)).reason).toBe(
      'NOT_A_NEW_RD_INSTITUTION',
    );
    expect(
      (await ok(api, partners, { inst: institutionA.id, ids: [university.id] }, admin)).setRdInstitutionPartners,
    ).toEqual({
      id: institutionA.id,
      partnerIds: [university.id],
    });
    const mine = (await ok(api, `{ rdInstitutions { id partnerIds } }`, {}, ttoA)).rdInstitutions;
    expect(mine).toEqual([{ id: institutionA.id, partnerIds: [university.id] }]);
    expect((await ok(api, `{ rdInstitutions { id } }`, {}, researcherA)).rdInstitutions).toEqual([]);

    // The scheme: ADMIN only, checked, then opened.
    expect((await failure(api, SAVE_SCHEME, { input: SCHEME }, ttoA)).reason).toBe('PROGRAMME_ACTION_FORBIDDEN');
    const invalid = { ...SCHEME, indicators: [{ ...SCHEME.indicators[0], weight: 0 }] };
    expect(await failure(api, SAVE_SCHEME, { input: invalid }, admin)).toMatchObject({
      reason: 'EVALUATION_SCHEME_INVALID',
      extensions: { field: 'indicators.0.weight' },
    });
    await ok(api, SAVE_SCHEME, { input: SCHEME }, admin);
    expect((await failure(api, START, { inst: institutionA.id, year: YEAR }, ttoA)).reason).toBe(
      'EVALUATION_SCHEME_NOT_OPEN',
    );
    await ok(api, `mutation($year: Int!) { openEvaluationScheme(year: $year) { status } }`, { year: YEAR }, admin);
    expect((await failure(api, SAVE_SCHEME, { input: SCHEME }, admin)).reason).toBe('EVALUATION_SCHEME_LOCKED');

    // Reports: the institution's TTO files; platform indicators come with links to their records.
    expect((await failure(api, START, { inst: institutionA.id, year: YEAR }, ttoB)).code).toBe('NOT_FOUND');
    expect((await failure(api, START, { inst: institutionA.id, year: YEAR }, researcherA)).code).toBe('NOT_FOUND');
    const reportA = (await ok(api, START, { inst: institutionA.id, year: YEAR }, ttoA)).startEvaluationReport;
    const contracts = reportA.values.find((v: any) => v.indicatorKey === 'contracts');
    expect(contracts).toMatchObject({ source: 'PLATFORM', value: 2, verification: 'PLATFORM' });
    expect(contracts.links.map((l: any) => l.label).sort()).toEqual([`E-${YEAR}-A1`, `E-${YEAR}-A2`]);
    expect((await failure(api, START, { inst: institutionA.id, year: YEAR }, ttoA)).reason).toBe(
      'EVALUATION_REPORT_EXISTS',
    );
    const reportB = (await ok(api, START, { inst: institutionB.id, year: YEAR }, ttoB)).startEvaluationReport;

    // Self-reported values need a value and an attachment before submitting; platform ones cannot be typed in.
    expect((await failure(api, SUBMIT, { id: reportA.id }, ttoA)).reason).toBe('EVALUATION_VALUES_MISSING');
    expect(
      (
        await failure(
          api,
          SAVE,
          { input: { reportId: reportA.id, values: [{ indicatorKey: 'contracts', value: 99 }] } },
          ttoA,
        )
      ).reason,
    ).toBe('UNKNOWN_INDICATOR');
    const fileA = await uploadPdf(api, ttoA, '审计报告.pdf');
    await ok(
      api,
      SAVE,
      { input: { reportId: reportA.id, values: [{ indicatorKey: 'revenue', value: 5000, fileIds: [fileA] }] } },
      ttoA,
    );
    const fileB = await uploadPdf(api, ttoB, '审计报告.pdf');
    await ok(
      api,
      SAVE,
      { input: { reportId: reportB.id, values: [{ indicatorKey: 'revenue', value: 3000, fileIds: [fileB] }] } },
      ttoB,
    );
    expect(await downloadStatus(api, admin, fileA)).toBe(200);
    expect(await downloadStatus(api, ttoB, fileA)).toBe(404);

    // Removing an attachment: only the institution's TTO, only while the report is editable; the file is deleted.
    const wrongFile = await uploadPdf(api, ttoA, '错传的审计报告.pdf');
    await ok(
      api,
      SAVE,
      { input: { reportId: reportA.id, values: [{ indicatorKey: 'revenue', value: 5000, fileIds: [wrongFile] }] } },
      ttoA,
    );
    const wrongKey = (await dataSource.getRepository(StoredFileEntity).findOneByOrFail({ id: wrongFile })).storageKey;
    for (const stranger of [ttoB, researcherA])
      expect(await failure(api, REMOVE_ATTACHMENT, { id: reportA.id, fileId: wrongFile }, stranger)).toMatchObject({
        code: 'NOT_FOUND',
        reason: 'EVALUATION_REPORT_NOT_FOUND',
      });
    expect(await failure(api, REMOVE_ATTACHMENT, { id: reportA.id, fileId: wrongFile }, admin)).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'PROGRAMME_ACTION_FORBIDDEN',
    });
    // Another report's file is not this report's to remove.
    expect(await failure(api, REMOVE_ATTACHMENT, { id: reportA.id, fileId: fileB }, ttoA)).toMatchObject({
      code: 'NOT_FOUND',
      reason: 'FILE_NOT_FOUND',
    });
    const afterRemoval = (await ok(api, REMOVE_ATTACHMENT, { id: reportA.id, fileId: wrongFile }, ttoA))
      .removeEvaluationAttachment;
    expect(afterRemoval.values.find((v: any) => v.indicatorKey === 'revenue')).toEqual({
      indicatorKey: 'revenue',
      verification: 'PENDING',
      attachments: [{ fileId: fileA }],
    });
    expect(await downloadStatus(api, ttoA, wrongFile)).toBe(404);
    expect(await dataSource.getRepository(StoredFileEntity).existsBy({ id: wrongFile })).toBe(false);
    expect(await api.app.get<FileStorage>(FILE_STORAGE).get(wrongKey)).toBeNull();
    expect(await downloadStatus(api, ttoB, fileB)).toBe(200);
    expect((await ok(api, SUBMIT, { id: reportA.id }, ttoA)).submitEvaluationReport.status).toBe('SUBMITTED');
    expect(await failure(api, REMOVE_ATTACHMENT, { id: reportA.id, fileId: fileA }, ttoA)).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'EVALUATION_REPORT_WRONG_STATUS',
    });
    await ok(api, SUBMIT, { id: reportB.id }, ttoB);

    // Reports are seen by administrators and their own institution only.
    expect((await ok(api, REPORT, { id: reportA.id }, admin)).evaluationReport).toMatchObject({
      institution: { id: institutionA.id },
      scheme: { year: YEAR },
    });
    // The bureau sees the evidence attached to each self-reported value, to verify it.
    const withAttachments = `query($id: ID!) { evaluationReport(id: $id) { values { indicatorKey
      attachments { fileId name contentType url } } } }`;
    const valuesA = (await ok(api, withAttachments, { id: reportA.id }, admin)).evaluationReport.values as Array<{
      indicatorKey: string;
      attachments: unknown[];
    }>;
    expect(valuesA.find((v) => v.indicatorKey === 'revenue')?.attachments).toEqual([
      { fileId: fileA, name: '审计报告.pdf', contentType: 'application/pdf', url: `/files/${fileA}` },
    ]);
    expect(valuesA.find((v) => v.indicatorKey === 'contracts')?.attachments).toEqual([]);
    for (const stranger of [ttoB, researcherA])
      expect((await failure(api, REPORT, { id: reportA.id }, stranger)).reason).toBe('EVALUATION_REPORT_NOT_FOUND');
    const listB = (await ok(api, `query($y: Int!) { evaluationReports(year: $y) { id } }`, { y: YEAR }, ttoB))
      .evaluationReports;
    expect(listB).toEqual([{ id: reportB.id }]);

    // The bureau verifies A's revenue; B's stays unverified and counts as missing.
    const verify = (id: string, accepted: boolean, note?: string) => ({
      input: { reportId: id, indicatorKey: 'revenue', accepted, note },
    });
    expect((await failure(api, VERIFY, verify(reportA.id, true), ttoA)).reason).toBe('PROGRAMME_ACTION_FORBIDDEN');
    expect((await failure(api, VERIFY, verify(reportA.id, false), admin)).reason).toBe('REASON_REQUIRED');
    expect((await ok(api, VERIFY, verify(reportA.id, true), admin)).verifyEvaluationIndicator.status).toBe('VERIFIED');

    // Results: computed by administrators; unpublished they are the bureau's alone.
    const computed = `mutation($year: Int!) { computeEvaluationResults(year: $year) { institutionId totalScore rank tier } }`;
    expect(
      (
        await failure(
          api,
          `mutation($year: Int!) { publishEvaluationResults(year: $year) { status } }`,
          { year: YEAR },
          admin,
        )
      ).reason,
    ).toBe('EVALUATION_RESULTS_NOT_COMPUTED');
    const scored = (await ok(api, computed, { year: YEAR }, admin)).computeEvaluationResults;
    // A: contracts 2 → 100 × 0.4, revenue (only verified value, the max) → 100 × 0.6; B: 1 contract → 70 × 0.4, revenue missing.
    expect(scored).toEqual([
      { institutionId: institutionA.id, totalScore: 100, rank: 1, tier: 'EXCELLENT' },
      { institutionId: institutionB.id, totalScore: 28, rank: 2, tier: 'FAIL' },
    ]);
    expect((await failure(api, RESULTS, { year: YEAR }, ttoA)).reason).toBe('EVALUATION_RESULTS_NOT_FOUND');
    await ok(
      api,
      `mutation($year: Int!) { publishEvaluationResults(year: $year) { status publishedAt } }`,
      { year: YEAR },
      admin,
    );
    expect((await failure(api, computed, { year: YEAR }, admin)).reason).toBe('EVALUATION_SCHEME_LOCKED');

    // Published: every signed-in user sees ranks and tiers; the breakdown only the bureau and the institution.
    const asB = (await ok(api, RESULTS, { year: YEAR }, ttoB)).evaluationResults;
    expect(asB.map((r: any) => [r.institution.name, r.rank, r.tierLabel])).toEqual([
      ['=明湖智能制造研究院', 1, '优秀'],
      ['低空经济产业创新研究院', 2, '不合格'],
    ]);
    expect(asB[0].indicators).toBeNull();
    expect(asB[1].indicators).toEqual([
      { key: 'contracts', value: 1, score: 70 },
      { key: 'revenue', value: null, score: 0 },
    ]);
    expect(asB[1].missingIndicators).toEqual(['revenue']);
    const history = `query($id: ID!) { evaluationHistory(institutionId: $id) { year rank tier } }`;
    expect((await ok(api, history, { id: institutionA.id }, researcherA)).evaluationHistory).toContainEqual({
      year: YEAR,
      rank: 1,
      tier: 'EXCELLENT',
    });
    expect(await dataSource.getRepository(EvaluationResultEntity).countBy({ year: YEAR })).toBe(2);

    // Exports (ADMIN): CSV as UTF-8 with BOM and the formula neutralised; PDF with the Chinese names readable.
    const csv = (
      await ok(
        api,
        `query($y: Int!) { evaluationResultsCsv(year: $y) { fileName contentType base64 byteLength } }`,
        { y: YEAR },
        admin,
      )
    ).evaluationResultsCsv;
    const csvBytes = bytesOf(csv);
    expect(csv.contentType).toBe('text/csv; charset=utf-8');
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csvText = csvBytes.toString('utf8').slice(1);
    expect(csvText.split('\r\n')[0]).toBe(
      '排名,机构,总分,等级,技术合同登记数（得分）,营业收入（万元）（得分）,缺失指标',
    );
    expect(csvText).toContain("1,'=明湖智能制造研究院,100,优秀,100,100,");
    expect(csvText).toContain('2,低空经济产业创新研究院,28,不合格,70,0,revenue');
    expect(
      (await failure(api, `query($y: Int!) { evaluationResultsCsv(year: $y) { base64 } }`, { y: YEAR }, ttoA)).reason,
    ).toBe('PROGRAMME_ACTION_FORBIDDEN');
    const pdf = (
      await ok(
        api,
        `query($y: Int!) { evaluationResultsPdf(year: $y) { fileName contentType base64 } }`,
        { y: YEAR },
        admin,
      )
    ).evaluationResultsPdf;
    expect(pdf.contentType).toBe('application/pdf');
    const text = (await extractPdfText(bytesOf(pdf))).join('\n');
    expect(text).toContain(`${YEAR} 年度新型研发机构绩效评价结果`);
    expect(text).toContain('低空经济产业创新研究院');
    expect(text).toContain('明湖智能制造研究院');
    expect(text).toContain('不合格');
  });
});
