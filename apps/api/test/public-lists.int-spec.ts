import { DataSource } from 'typeorm';
import { AchievementEntity, AchievementStatus } from '@app/achievements';
import { OrganisationEntity, OrganisationKind, Role } from '@app/identity';
import { startTestApi, TestApi } from '@app/testing';
import { createOrganisation, createUser, seedAchievement, TestUser } from './achievements.fixtures';

const NOTICES = `query($first: Int, $after: String, $institutionId: ID) {
  achievementPublicNotices(first: $first, after: $after, institutionId: $institutionId) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { achievementId title summary institutionId institutionName institution { id name }
      team { name contributionShare } proposal { kind teamSharePercent } window { round startsAt endsAt } } } }`;
const OBJECT = `mutation($id: ID!, $reason: String!) { fileAchievementObjection(id: $id, reason: $reason) { id } }`;
const MY_OBJECTIONS = `{ myObjections(first: 10) { totalCount nodes {
  id achievementId achievementTitle underNotice reason noticeRound status outcome resolution resolvedAt } } }`;

describe('public lists: notices (公示) and the objector following their objections', () => {
  let api: TestApi;
  let dataSource: DataSource;
  let university: OrganisationEntity;
  let otherUniversity: OrganisationEntity;
  let researcher: TestUser;
  let tto: TestUser;
  let citizen: TestUser;
  let notices: AchievementEntity[];

  beforeAll(async () => {
    api = await startTestApi();
    dataSource = api.app.get(DataSource);
    university = await createOrganisation(api, '公示大学', OrganisationKind.UNIVERSITY);
    otherUniversity = await createOrganisation(api, '另一所大学', OrganisationKind.UNIVERSITY);
    const company = await createOrganisation(api, '关注公司', OrganisationKind.ENTERPRISE);
    researcher = await createUser(api, Role.RESEARCHER, university, '张三');
    tto = await createUser(api, Role.TTO_OFFICER, university, '技术转移办');
    citizen = await createUser(api, Role.ENTERPRISE_MEMBER, company, '异议人');
    notices = [];
    for (const [index, institution] of [university, university, university, otherUniversity].entries()) {
      const achievement = await seedAchievement(api, {
        institutionId: institution.id,
        ownerId: researcher.id,
        status: AchievementStatus.PUBLIC_NOTICE,
        title: `公示成果 ${index}`,
      });
      // Windows ending in order 3, 2, 1, 0 hours from now … so the list order is the reverse of creation.
      await dataSource
        .getRepository(AchievementEntity)
        .update(achievement.id, { noticeEndsAt: new Date(Date.now() + (4 - index) * 3600_000) });
      notices.push(achievement);
    }
    // Not under notice: never in the list.
    await seedAchievement(api, {
      institutionId: university.id,
      ownerId: researcher.id,
      status: AchievementStatus.DRAFT,
    });
  });
  afterAll(() => api.close());

  it('lists the notices of an institution signed out, ending soonest first, paged, with the team and split', async () => {
    const first = await api.gql(NOTICES, { first: 2, institutionId: university.id });
    expect(first.errors).toBeUndefined();
    const page1 = first.data!.achievementPublicNotices;
    expect(page1.totalCount).toBe(3);
    expect(page1.nodes.map((n: { title: string }) => n.title)).toEqual(['公示成果 2', '公示成果 1']);
    expect(page1.nodes[0]).toMatchObject({
      institutionId: university.id,
      institutionName: '公示大学',
      institution: { id: university.id, name: '公示大学' },
      team: [{ name: '张三', contributionShare: 100 }],
      proposal: { kind: 'TEAM_SHARE', teamSharePercent: 80 },
      window: { round: 1 },
    });
    expect(Date.parse(page1.nodes[0].window.endsAt)).toBeGreaterThan(Date.now());
    const second = await api.gql(NOTICES, { first: 2, after: page1.pageInfo.endCursor, institutionId: university.id });
    const page2 = second.data!.achievementPublicNotices;
    expect(page2).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: false } });
    expect(page2.nodes.map((n: { title: string }) => n.title)).toEqual(['公示成果 0']);
    // Every institution: the other one's notice ends soonest.
    const all = (await api.gql(NOTICES, { first: 100 })).data!.achievementPublicNotices;
    const ours = all.nodes.filter((n: { achievementId: string }) => notices.some((a) => a.id === n.achievementId));
    expect(ours.map((n: { title: string }) => n.title)).toEqual([
      '公示成果 3',
      '公示成果 2',
      '公示成果 1',
      '公示成果 0',
    ]);
    expect(all.totalCount).toBe(all.nodes.length);
  });

  it('lets the objector follow an objection to its outcome: upheld (back to review) or dismissed (the notice runs on)', async () => {
    expect((await api.gql(OBJECT, { id: notices[0].id, reason: '我也是完成人' })).errors![0].extensions!.code).toBe(
      'UNAUTHENTICATED',
    );
    const first = await api.gql(OBJECT, { id: notices[0].id, reason: '我也是完成人' }, citizen.token);
    expect(first.errors).toBeUndefined();
    const second = await api.gql(OBJECT, { id: notices[1].id, reason: '份额有误' }, citizen.token);
    expect(second.errors).toBeUndefined();

    let mine = (await api.gql(MY_OBJECTIONS, {}, citizen.token)).data!.myObjections;
    expect(mine.totalCount).toBe(2);
    expect(mine.nodes).toEqual([
      expect.objectContaining({
        achievementId: notices[1].id,
        achievementTitle: '公示成果 1',
        status: 'PENDING',
        outcome: null,
      }),
      expect.objectContaining({
        achievementId: notices[0].id,
        reason: '我也是完成人',
        noticeRound: 1,
        underNotice: true,
      }),
    ]);
    // Filing an objection moves nothing: the institution's three notices still run, waiting for the TTO's triage.
    const listed = (await api.gql(NOTICES, { first: 100, institutionId: university.id })).data!
      .achievementPublicNotices;
    expect(listed.totalCount).toBe(3);

    const TRIAGE = `mutation($id: ID!, $uphold: Boolean!, $resolution: String!) {
      triageAchievementObjection(objectionId: $id, uphold: $uphold, resolution: $resolution) { outcome } }`;
    const triage = (id: string, uphold: boolean, resolution: string) =>
      api.gql(TRIAGE, { id, uphold, resolution }, tto.token);
    expect((await triage(first.data!.fileAchievementObjection.id, true, '异议成立，退回审查')).errors).toBeUndefined();
    expect(
      (await triage(second.data!.fileAchievementObjection.id, false, '核实无误，公示继续')).errors,
    ).toBeUndefined();

    mine = (await api.gql(MY_OBJECTIONS, {}, citizen.token)).data!.myObjections;
    expect(mine.nodes).toEqual([
      expect.objectContaining({
        achievementId: notices[1].id,
        status: 'RESOLVED',
        outcome: 'DISMISSED',
        resolution: '核实无误，公示继续',
        // Dismissed: the same notice runs on (round 1, not restarted).
        underNotice: true,
        noticeRound: 1,
      }),
      expect.objectContaining({
        achievementId: notices[0].id,
        status: 'RESOLVED',
        outcome: 'UPHELD',
        resolution: '异议成立，退回审查',
        underNotice: false,
      }),
    ]);
    expect(mine.nodes[0].resolvedAt).not.toBeNull();
    // Someone else's objections are not theirs to follow.
    expect((await api.gql(MY_OBJECTIONS, {}, researcher.token)).data!.myObjections.totalCount).toBe(0);
    expect((await api.gql(MY_OBJECTIONS, {})).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });
});
