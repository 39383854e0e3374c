import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  ACHIEVEMENTS_SWEEP_SCHEDULER_ID,
  AchievementEntity,
  AchievementsService,
  AchievementStatus,
  IpType,
} from '@app/achievements';
import { JobName, JobQueue, OutboxEventEntity, OutboxSubject, QueueName } from '@app/core';
import { OrganisationEntity, OrganisationKind, Role } from '@app/identity';
import { startTestApi, TestApi, testAccounts } from '@app/testing';
import { PlatformSettingsEntity } from '@app/core';
import { createWorkerApp } from '../../worker/src/bootstrap';
import { createOrganisation, createUser, eventually, seedAchievement, TestUser } from './achievements.fixtures';

const CREATE = `mutation Create($input: CreateAchievementInput!) {
  createAchievement(input: $input) { id status inventors { id userId name contributionShare consentedAt } }
}`;
const PROPOSE = `mutation Propose($id: ID!, $input: RightsProposalInput!) { setAchievementRightsProposal(id: $id, input: $input) { kind teamSharePercent } }`;
const CONSENT = `mutation Consent($achievementId: ID!, $inventorId: ID, $documents: [FileMetadataInput!]) {
  recordInventorConsent(achievementId: $achievementId, inventorId: $inventorId, documents: $documents) { id consentedAt }
}`;
const step = (mutation: string) => `mutation Step($id: ID!, $input: TransitionInput) {
  ${mutation}(id: $id, input: $input) { id status rejectionReason }
}`;
const OBJECT = `mutation Object($id: ID!, $reason: String!) { fileAchievementObjection(id: $id, reason: $reason) { id status } }`;
const NOTICE = `query Notice($id: ID!) {
  achievementPublicNotice(achievementId: $id) {
    title institutionName team { name contributionShare } proposal { kind teamSharePercent } window { round startsAt endsAt }
  }
}`;
const SETTINGS = `mutation Settings($institutionId: ID!, $input: AchievementSettingsInput!) {
  updateAchievementSettings(institutionId: $institutionId, input: $input) { noticePeriodSeconds noticePeriodDays minTeamSharePercent }
}`;
const DETAIL = `query Detail($id: ID!) {
  achievement(id: $id) {
    id status title institution { name } industry { code nameZh }
    timeline { event fromStatus toStatus actorId comment documents { name } }
    objections { reason resolvedAt }
  }
}`;
const EVIDENCE = `query Evidence($id: ID!) { achievementEvidence(id: $id) }`;

describe('achievements: the rights-confirmation workflow through GraphQL and the real queue', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let dataSource: DataSource;
  let university: OrganisationEntity;
  let researcher: TestUser;
  let colleague: TestUser;
  let tto: TestUser;
  let enterprise: TestUser;

  beforeAll(async () => {
    api = await startTestApi();
    worker = await createWorkerApp();
    dataSource = api.app.get(DataSource);
    university = await createOrganisation(api, '示范理工大学', OrganisationKind.UNIVERSITY);
    const company = await createOrganisation(api, '低空物流有限公司', OrganisationKind.ENTERPRISE);
    researcher = await createUser(api, Role.RESEARCHER, university, '张三');
    colleague = await createUser(api, Role.RESEARCHER, university, '李四');
    tto = await createUser(api, Role.TTO_OFFICER, university, '技术转移中心');
    enterprise = await createUser(api, Role.ENTERPRISE_MEMBER, company, '企业用户');
  });
  afterAll(async () => {
    await api.app.get(DataSource).getRepository(PlatformSettingsEntity).delete({ id: 1 });
    await worker.close();
    await api.close();
  });

  const outboxCount = async (id: string) =>
    dataSource.getRepository(OutboxEventEntity).countBy({ subject: OutboxSubject.ACHIEVEMENT, subjectId: id });

  async function ok(query: string, variables: Record<string, unknown>, user: TestUser) {
    const res = await api.gql(query, variables, user.token);
    expect(res.errors).toBeUndefined();
    return res.data!;
  }

  it('goes from draft to listed, through a rejection, an objection and a notice ended by the worker', async () => {
    // Draft with a user inventor and a named person; 80% team share; conversion plan.
    const created = await ok(
      CREATE,
      {
        input: {
          institutionId: university.id,
          title: '基于视觉的无人机自主降落方法',
          summary: '低空物流无人机在复杂环境中的精准降落',
          description: '机密：网络结构与训练数据',
          keywords: ['无人机', '视觉导航'],
          industryCode: 'low_altitude',
          trl: 6,
          ipType: IpType.INVENTION_PATENT,
          ipRegistrationNumbers: ['ZL202310000000.1'],
          transferModes: ['LICENSE', 'ASSIGNMENT'],
          askingPriceWan: null,
          conversionPlan: '许可区内企业实施，团队提供技术服务',
          inventors: [
            { userId: researcher.id, contributionShare: 60 },
            { userId: colleague.id, contributionShare: 30 },
            { name: '王五', contributionShare: 10 },
          ],
        },
      },
      researcher,
    );
    const id: string = created.createAchievement.id;
    const [, colleagueRow, namedRow] = created.createAchievement.inventors;
    expect(created.createAchievement.inventors.map((i: { name: string }) => i.name)).toEqual(['张三', '李四', '王五']);
    await ok(PROPOSE, { id, input: { kind: 'TEAM_SHARE', teamSharePercent: 80 } }, researcher);

    // Not every inventor consented: BAD_USER_INPUT naming the state and the missing consents.
    const early = await api.gql(step('submitAchievement'), { id }, researcher.token);
    expect(early.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', currentStatus: 'DRAFT' });
    expect(early.errors![0].extensions).toMatchObject({
      problemReasons: ['CONSENT_MISSING'],
      problems: ['以下完成人尚未同意：张三、李四、王五'],
    });

    await ok(CONSENT, { achievementId: id }, researcher);
    await ok(CONSENT, { achievementId: id }, colleague);
    // A named person's consent needs the signed paper; another user cannot consent for an account holder.
    const noPaper = await api.gql(CONSENT, { achievementId: id, inventorId: namedRow.id }, researcher.token);
    expect(noPaper.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'documents' });
    const forOther = await api.gql(CONSENT, { achievementId: id, inventorId: colleagueRow.id }, researcher.token);
    expect(forOther.errors![0].extensions!.code).toBe('FORBIDDEN');
    await ok(
      CONSENT,
      { achievementId: id, inventorId: namedRow.id, documents: [{ name: '王五同意书.pdf' }] },
      researcher,
    );

    expect((await ok(step('submitAchievement'), { id }, researcher)).submitAchievement.status).toBe('SUBMITTED');
    expect((await ok(step('approveAchievementStage'), { id }, tto)).approveAchievementStage.status).toBe(
      'DEPARTMENT_REVIEW',
    );

    // Rejection: a reason is required and kept; the draft goes back to the team.
    const noReason = await api.gql(step('rejectAchievement'), { id }, tto.token);
    expect(noReason.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      currentStatus: 'DEPARTMENT_REVIEW',
    });
    const rejected = await ok(step('rejectAchievement'), { id, input: { comment: '转化方案需补充市场分析' } }, tto);
    expect(rejected.rejectAchievement).toMatchObject({ status: 'DRAFT', rejectionReason: '转化方案需补充市场分析' });

    await ok(
      `mutation { updateAchievement(id: "${id}", input: { conversionPlan: "补充了市场分析的转化方案" }) { id } }`,
      {},
      researcher,
    );
    await ok(step('submitAchievement'), { id }, researcher);
    await ok(step('approveAchievementStage'), { id }, tto);
    await ok(step('approveAchievementStage'), { id }, tto);
    const noticed = await ok(step('approveAchievementStage'), { id, input: { comment: '同意公示' } }, tto);
    expect(noticed.approveAchievementStage.status).toBe('PUBLIC_NOTICE');

    // The notice page needs no login.
    const notice = await api.gql(NOTICE, { id });
    expect(notice.errors).toBeUndefined();
    expect(notice.data!.achievementPublicNotice).toMatchObject({
      title: '基于视觉的无人机自主降落方法',
      institutionName: '示范理工大学',
      team: [
        { name: '张三', contributionShare: 60 },
        { name: '李四', contributionShare: 30 },
        { name: '王五', contributionShare: 10 },
      ],
      proposal: { kind: 'TEAM_SHARE', teamSharePercent: 80 },
      window: { round: 1 },
    });
    const window = notice.data!.achievementPublicNotice.window;
    expect(new Date(window.endsAt).getTime() - new Date(window.startsAt).getTime()).toBe(15 * 24 * 3600 * 1000);

    // Objections need a login and a reason of bounded length; the objector gets an acknowledgement, and filing
    // moves nothing: the TTO triages it.
    expect((await api.gql(OBJECT, { id, reason: '我也是完成人' })).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect((await api.gql(OBJECT, { id, reason: ' ' }, enterprise.token)).errors![0].extensions!.code).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      (await api.gql(OBJECT, { id, reason: '异'.repeat(2001) }, enterprise.token)).errors![0].extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'OBJECTION_TOO_LONG' });
    const filed = (await ok(OBJECT, { id, reason: '本公司曾参与该技术的研发' }, enterprise)).fileAchievementObjection;
    expect(filed).toMatchObject({ status: 'PENDING' });
    // Objecting again to the same notice while one waits: refused (no restarting a notice by repetition).
    expect((await api.gql(OBJECT, { id, reason: '再次异议' }, enterprise.token)).errors![0].extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'OBJECTION_ALREADY_OPEN',
    });
    expect((await dataSource.getRepository(AchievementEntity).findOneByOrFail({ id })).status).toBe('PUBLIC_NOTICE');
    // Only the institution's TTO triages; upheld, the application goes back to TTO review.
    const TRIAGE = `mutation($id: ID!, $uphold: Boolean!, $resolution: String!) {
      triageAchievementObjection(objectionId: $id, uphold: $uphold, resolution: $resolution) { id outcome } }`;
    expect(
      (await api.gql(TRIAGE, { id: filed.id, uphold: true, resolution: '需核实' }, enterprise.token)).errors![0]
        .extensions,
    ).toMatchObject({ code: 'NOT_FOUND', reason: 'OBJECTION_NOT_FOUND' });
    expect(
      (await ok(TRIAGE, { id: filed.id, uphold: true, resolution: '需核实完成人' }, tto)).triageAchievementObjection,
    ).toEqual({ id: filed.id, outcome: 'UPHELD' });
    expect((await dataSource.getRepository(AchievementEntity).findOneByOrFail({ id })).status).toBe('TTO_REVIEW');
    // The first round's window-end job no longer applies.
    expect(await worker.get(AchievementsService).endNotice(id, 1)).toBe('skipped');

    // Second round with a one-second notice: the real worker ends it. A TTO cannot go below the platform's
    // minimum (15 days by default); the bureau lowers it for this test (restored after).
    const tooShort = await api.gql(
      SETTINGS,
      { institutionId: university.id, input: { noticePeriodSeconds: 1 } },
      tto.token,
    );
    expect(tooShort.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOTICE_PERIOD_TOO_SHORT' });
    const bureau = await testAccounts(api).admin();
    const lowered = await api.gql(
      `mutation { updatePlatformSettings(input: { minPublicNoticeSeconds: 1 }) { minPublicNoticeSeconds } }`,
      {},
      bureau.token,
    );
    expect(lowered.data!.updatePlatformSettings.minPublicNoticeSeconds).toBe(1);
    await ok(SETTINGS, { institutionId: university.id, input: { noticePeriodSeconds: 1 } }, tto);
    await ok(step('approveAchievementStage'), { id, input: { comment: '异议已核实，不成立' } }, tto);
    const approved = await eventually(async () => {
      const row = await dataSource.getRepository(AchievementEntity).findOneByOrFail({ id });
      return row.status === AchievementStatus.APPROVED ? row : undefined;
    });
    expect(approved.noticeRound).toBe(2);
    expect((await api.gql(NOTICE, { id })).errors![0].extensions!.code).toBe('NOT_FOUND');

    await ok(
      step('signRightsAgreement'),
      { id, input: { documents: [{ name: '赋权协议.pdf', sha256: 'a'.repeat(64) }] } },
      tto,
    );
    await ok(step('confirmAchievementRights'), { id }, tto);
    const outboxBeforeListing = await outboxCount(id);
    expect((await ok(step('listAchievement'), { id }, researcher)).listAchievement.status).toBe('LISTED');
    expect(await outboxCount(id)).toBe(outboxBeforeListing + 1);

    // A forbidden transition names the state and what is allowed from it.
    const again = await api.gql(step('listAchievement'), { id }, researcher.token);
    expect(again.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      currentStatus: 'LISTED',
      allowedTransitions: expect.arrayContaining(['START_NEGOTIATION → IN_NEGOTIATION', 'RECONFIRM → LISTED']),
    });
    // The researcher's account reads Chinese (the default locale): the message names the state in Chinese.
    expect(again.errors![0].extensions!.reason).toBe('WORKFLOW_TRANSITION_NOT_ALLOWED');
    expect(again.errors![0].message).toContain('成果处于 LISTED 状态');

    // Timeline and evidence record.
    const detail = (await ok(DETAIL, { id }, tto)).achievement;
    expect(detail.industry).toEqual({ code: 'low_altitude', nameZh: expect.any(String) });
    expect(detail.timeline.map((t: { event: string; toStatus: string }) => `${t.event}:${t.toStatus}`)).toEqual([
      'CREATE:DRAFT',
      'SUBMIT:SUBMITTED',
      'APPROVE:DEPARTMENT_REVIEW',
      'REJECT:DRAFT',
      'SUBMIT:SUBMITTED',
      'APPROVE:DEPARTMENT_REVIEW',
      'APPROVE:TTO_REVIEW',
      'APPROVE:PUBLIC_NOTICE',
      'OBJECTION_FILED:PUBLIC_NOTICE',
      'OBJECT:TTO_REVIEW',
      'APPROVE:PUBLIC_NOTICE',
      'END_NOTICE:APPROVED',
      'SIGN_AGREEMENT:AGREEMENT_SIGNED',
      'CONFIRM_RIGHTS:RIGHTS_CONFIRMED',
      'LIST:LISTED',
    ]);
    expect(detail.timeline[3]).toMatchObject({
      actorId: tto.id,
      comment: '转化方案需补充市场分析',
      fromStatus: 'DEPARTMENT_REVIEW',
    });
    expect(detail.timeline[8]).toMatchObject({ actorId: enterprise.id, comment: '本公司曾参与该技术的研发' });
    expect(detail.timeline[9]).toMatchObject({ actorId: tto.id, comment: '需核实完成人' });
    expect(detail.timeline[11]).toMatchObject({ actorId: null, fromStatus: 'PUBLIC_NOTICE' });
    expect(detail.timeline[12].documents).toEqual([{ name: '赋权协议.pdf' }]);
    expect(detail.objections).toEqual([{ reason: '本公司曾参与该技术的研发', resolvedAt: expect.any(String) }]);

    const evidence = JSON.parse((await ok(EVIDENCE, { id }, tto)).achievementEvidence);
    expect(evidence.achievement).toMatchObject({ id, status: 'LISTED' });
    expect(evidence.transitions).toHaveLength(15);
    expect(evidence.objections).toHaveLength(1);
    expect(
      evidence.consents.map((c: { name: string; consentedAt: string | null }) => [c.name, !!c.consentedAt]),
    ).toEqual([
      ['张三', true],
      ['李四', true],
      ['王五', true],
    ]);
    expect(evidence.consents[2].documents).toEqual([expect.objectContaining({ name: '王五同意书.pdf' })]);
    expect(evidence.rightsProposal).toMatchObject({
      kind: 'TEAM_SHARE',
      teamSharePercent: 80,
      agreementSignedAt: expect.any(String),
    });
    expect((await api.gql(EVIDENCE, { id }, researcher.token)).errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('refuses a team share outside the institution bounds and an achievement on the negative list', async () => {
    const created = await ok(
      CREATE,
      {
        input: {
          institutionId: university.id,
          title: '军工材料配方',
          keywords: ['涉密'],
          conversionPlan: '—',
          inventors: [{ userId: researcher.id, contributionShare: 100 }],
        },
      },
      researcher,
    );
    const id = created.createAchievement.id;
    // Outside the bounds when proposed: refused at input.
    expect(
      (await api.gql(PROPOSE, { id, input: { kind: 'TEAM_SHARE', teamSharePercent: 95 } }, researcher.token)).errors![0]
        .extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SHARE_OUT_OF_BOUNDS', min: 70, max: 90, proposed: 95 });
    await ok(PROPOSE, { id, input: { kind: 'TEAM_SHARE', teamSharePercent: 85 } }, researcher);
    await ok(CONSENT, { achievementId: id }, researcher);
    // The TTO narrows the bounds afterwards: submission checks the stored share against them again.
    await ok(
      SETTINGS,
      { institutionId: university.id, input: { negativeList: ['涉密'], maxTeamSharePercent: 80 } },
      tto,
    );
    const res = await api.gql(step('submitAchievement'), { id }, researcher.token);
    await ok(SETTINGS, { institutionId: university.id, input: { maxTeamSharePercent: 90 } }, tto);
    expect(res.errors![0].extensions).toMatchObject({
      reason: 'WORKFLOW_CONDITIONS_NOT_MET',
      problemReasons: ['SHARE_OUT_OF_BOUNDS', 'ON_NEGATIVE_LIST'],
      problems: ['团队所有权比例须在 70% 至 80% 之间（当前：85）', '该成果属于本单位负面清单：涉密'],
    });
    // Changing the split resets consent: the inventors agreed to the previous one.
    await ok(PROPOSE, { id, input: { kind: 'USE_RIGHT', useRightYears: 10 } }, researcher);
    const afterChange = await api.gql(step('submitAchievement'), { id }, researcher.token);
    expect(afterChange.errors![0].extensions!.problemReasons).toContain('CONSENT_MISSING');
    expect(afterChange.errors![0].extensions!.problems).toContain('以下完成人尚未同意：张三');
  });

  it('lets the TTO confirm an institution-owned achievement directly (学校所有)', async () => {
    const created = await ok(CREATE, { input: { institutionId: university.id, title: '学校所有的软件著作权' } }, tto);
    const id = created.createAchievement.id;
    expect((await api.gql(step('confirmInstitutionOwned'), { id }, tto.token)).errors![0].extensions!.code).toBe(
      'BAD_USER_INPUT',
    );
    const confirmed = await ok(
      step('confirmInstitutionOwned'),
      { id, input: { comment: '校长办公会决定学校所有' } },
      tto,
    );
    expect(confirmed.confirmInstitutionOwned.status).toBe('RIGHTS_CONFIRMED');
    const row = await dataSource.getRepository(AchievementEntity).findOneByOrFail({ id });
    expect(row.institutionOwned).toBe(true);
  });

  it('marks a listing not reconfirmed in time STALE through the queue, and the owner brings it back', async () => {
    const scheduler = await api.app
      .get(JobQueue)
      .queue(QueueName.Achievements)
      .getJobScheduler(ACHIEVEMENTS_SWEEP_SCHEDULER_ID);
    expect(scheduler).toMatchObject({ name: JobName.SweepAchievements });

    const old = await seedAchievement(api, {
      institutionId: university.id,
      ownerId: researcher.id,
      status: AchievementStatus.LISTED,
    });
    const fresh = await seedAchievement(api, {
      institutionId: university.id,
      ownerId: researcher.id,
      status: AchievementStatus.LISTED,
    });
    await dataSource
      .getRepository(AchievementEntity)
      .update({ id: old.id }, { reconfirmedAt: new Date(Date.now() - 181 * 24 * 3600 * 1000) });

    await api.app.get(JobQueue).enqueue(JobName.SweepAchievements, { requestedAt: new Date().toISOString() });
    await eventually(async () => {
      const row = await dataSource.getRepository(AchievementEntity).findOneByOrFail({ id: old.id });
      return row.status === AchievementStatus.STALE ? row : undefined;
    });
    expect((await dataSource.getRepository(AchievementEntity).findOneByOrFail({ id: fresh.id })).status).toBe('LISTED');
    expect(await outboxCount(old.id)).toBe(1);
    // Hidden from the public while stale.
    expect((await api.gql(`{ achievement(id: "${old.id}") { id } }`)).errors![0].extensions!.code).toBe('NOT_FOUND');

    const back = await ok(step('reconfirmListing'), { id: old.id }, researcher);
    expect(back.reconfirmListing.status).toBe('LISTED');
    expect(await outboxCount(old.id)).toBe(2);
  });

  it('imports a catalogue entry as LISTED idempotently, writing one outbox row', async () => {
    const service = api.app.get(AchievementsService);
    const input = {
      institutionId: university.id,
      externalId: 'CAT-001',
      title: 'Low-altitude traffic management platform',
      summary: 'UTM for drones',
      keywords: ['UTM'],
      industryCode: 'low_altitude',
      trl: 7,
      askingPriceWan: null,
      status: AchievementStatus.LISTED as const,
    };
    const first = await service.importListedAchievement(input);
    const second = await service.importListedAchievement(input);
    expect([first.outcome, second.outcome]).toEqual(['created', 'unchanged']);
    expect(second.achievement.id).toBe(first.achievement.id);
    expect(first.achievement).toMatchObject({ status: 'LISTED', ownerId: null, listedAt: expect.any(Date) });
    expect(await outboxCount(first.achievement.id)).toBe(1);
    const changed = await service.importListedAchievement({ ...input, trl: 8 });
    expect(changed.outcome).toBe('updated');
    expect(await outboxCount(first.achievement.id)).toBe(2);
    const publicView = await api.gql(`{ achievement(id: "${first.achievement.id}") { title trl status } }`);
    expect(publicView.data!.achievement).toEqual({
      title: 'Low-altitude traffic management platform',
      trl: 8,
      status: 'LISTED',
    });
  });
});
