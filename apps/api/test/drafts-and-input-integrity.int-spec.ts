import { DataSource } from 'typeorm';
import { OutboxEventEntity, OutboxSubject } from '@app/core';
import { AchievementEntity, AchievementStatus } from '@app/achievements';
import { DemandEntity } from '@app/demands';
import { OrganisationKind, Role } from '@app/identity';
import { startTestApi, TestApi } from '@app/testing';
import { MarketplaceActors, TestActor } from './support/marketplace-actors';

const CREATE_ACHIEVEMENT = `mutation($input: CreateAchievementInput!) { createAchievement(input: $input) { id title status keywords } }`;
const UPDATE_ACHIEVEMENT = `mutation($id: ID!, $input: AchievementFieldsInput!) { updateAchievement(id: $id, input: $input) { id title } }`;
const DELETE_ACHIEVEMENT = `mutation($id: ID!) { deleteAchievement(id: $id) }`;
const INVENTORS = `mutation($id: ID!, $inventors: [InventorInput!]!) { setAchievementInventors(id: $id, inventors: $inventors) { id } }`;
const PROPOSAL = `mutation($id: ID!, $input: RightsProposalInput!) { setAchievementRightsProposal(id: $id, input: $input) { teamSharePercent } }`;
const CREATE_DEMAND = `mutation($input: CreateDemandInput!) { createDemand(input: $input) { id title summary status } }`;
const DELETE_DEMAND = `mutation($id: ID!) { deleteDemand(id: $id) }`;

/** Issue 12, item 8: drafts can be deleted by their owners; text is trimmed and bounds are checked at input. */
describe('drafts and the integrity of what is entered', () => {
  let api: TestApi;
  let dataSource: DataSource;
  let universityId: string;
  const users = {} as Record<
    'researcher' | 'colleague' | 'tto' | 'otherResearcher' | 'poster' | 'colleagueMember' | 'otherMember' | 'admin',
    TestActor
  >;

  beforeAll(async () => {
    api = await startTestApi();
    dataSource = api.app.get(DataSource);
    const actors = new MarketplaceActors(api);
    const university = await actors.organisation('草稿理工大学', OrganisationKind.UNIVERSITY);
    const otherUniversity = await actors.organisation('另一所大学', OrganisationKind.UNIVERSITY);
    const enterprise = await actors.organisation('草稿装备公司', OrganisationKind.ENTERPRISE);
    const otherEnterprise = await actors.organisation('旁观装备公司', OrganisationKind.ENTERPRISE);
    const bureau = await actors.organisation('草稿科技局', OrganisationKind.GOVERNMENT);
    universityId = university.id;
    users.researcher = await actors.user('draft-researcher', Role.RESEARCHER, university.id);
    users.colleague = await actors.user('draft-colleague', Role.RESEARCHER, university.id);
    users.tto = await actors.user('draft-tto', Role.TTO_OFFICER, university.id);
    users.otherResearcher = await actors.user('draft-other', Role.RESEARCHER, otherUniversity.id);
    users.poster = await actors.user('draft-poster', Role.ENTERPRISE_MEMBER, enterprise.id);
    users.colleagueMember = await actors.user('draft-colleague-member', Role.ENTERPRISE_MEMBER, enterprise.id);
    users.otherMember = await actors.user('draft-other-member', Role.ENTERPRISE_MEMBER, otherEnterprise.id);
    users.admin = await actors.user('draft-admin', Role.ADMIN, bureau.id);
  }, 180_000);
  afterAll(() => api.close());

  async function data(query: string, variables: Record<string, unknown>, actor: TestActor) {
    const res = await api.gql(query, variables, actor.token);
    if (res.errors) throw new Error(`${actor.label}: ${JSON.stringify(res.errors)}`);
    return res.data!;
  }
  async function failure(query: string, variables: Record<string, unknown>, actor: TestActor) {
    const res = await api.gql(query, variables, actor.token);
    if (!res.errors) throw new Error(`${actor.label}: expected an error, got ${JSON.stringify(res.data)}`);
    return res.errors[0].extensions as Record<string, unknown>;
  }
  const draftAchievement = async (title = '柔性钙钛矿电池') =>
    (await data(CREATE_ACHIEVEMENT, { input: { title, institutionId: universityId } }, users.researcher))
      .createAchievement as { id: string; title: string; status: string };
  const draftDemand = async (title = '高精度视觉检测') =>
    (await data(CREATE_DEMAND, { input: { title, summary: '产线缺陷识别', industryCode: 'ai' } }, users.poster))
      .createDemand as { id: string; title: string; status: string };

  describe('deleting drafts', () => {
    it('lets the team and the TTO delete a draft achievement, and keeps the index clean', async () => {
      const first = await draftAchievement();
      expect(await data(DELETE_ACHIEVEMENT, { id: first.id }, users.researcher)).toEqual({
        deleteAchievement: first.id,
      });
      expect(await dataSource.getRepository(AchievementEntity).existsBy({ id: first.id })).toBe(false);
      const outbox = await dataSource
        .getRepository(OutboxEventEntity)
        .countBy({ subject: OutboxSubject.ACHIEVEMENT, subjectId: first.id });
      expect(outbox).toBeGreaterThan(0);
      const second = await draftAchievement('第二个草稿');
      expect(await data(DELETE_ACHIEVEMENT, { id: second.id }, users.tto)).toEqual({ deleteAchievement: second.id });
      // Gone: deleting again is NOT_FOUND.
      expect(await failure(DELETE_ACHIEVEMENT, { id: second.id }, users.tto)).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('answers NOT_FOUND to those who cannot see the draft, FORBIDDEN to a viewer who is no owner', async () => {
      const draft = await draftAchievement('别人的草稿');
      // A researcher of another institution, and one of the same institution who is not on the team, see nothing.
      expect(await failure(DELETE_ACHIEVEMENT, { id: draft.id }, users.otherResearcher)).toMatchObject({
        code: 'NOT_FOUND',
      });
      expect(await failure(DELETE_ACHIEVEMENT, { id: draft.id }, users.colleague)).toMatchObject({ code: 'NOT_FOUND' });
      expect(await failure(DELETE_ACHIEVEMENT, { id: draft.id }, users.poster)).toMatchObject({ code: 'NOT_FOUND' });
      // An administrator sees drafts but is not their owner.
      expect(await failure(DELETE_ACHIEVEMENT, { id: draft.id }, users.admin)).toMatchObject({ code: 'FORBIDDEN' });
      expect(await dataSource.getRepository(AchievementEntity).existsBy({ id: draft.id })).toBe(true);
    });

    it('keeps an achievement that is no longer a draft (ONLY_DRAFTS_DELETED)', async () => {
      const draft = await draftAchievement('已提交的成果');
      await dataSource
        .getRepository(AchievementEntity)
        .update({ id: draft.id }, { status: AchievementStatus.SUBMITTED });
      expect(await failure(DELETE_ACHIEVEMENT, { id: draft.id }, users.researcher)).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'ONLY_DRAFTS_DELETED',
        currentStatus: 'SUBMITTED',
      });
      expect(await dataSource.getRepository(AchievementEntity).existsBy({ id: draft.id })).toBe(true);
    });

    it('lets the enterprise delete a draft demand; others get NOT_FOUND; a published one is kept', async () => {
      const draft = await draftDemand();
      expect(await failure(DELETE_DEMAND, { id: draft.id }, users.otherMember)).toMatchObject({ code: 'NOT_FOUND' });
      expect(await failure(DELETE_DEMAND, { id: draft.id }, users.researcher)).toMatchObject({ code: 'NOT_FOUND' });
      expect(await data(DELETE_DEMAND, { id: draft.id }, users.colleagueMember)).toEqual({ deleteDemand: draft.id });
      expect(await dataSource.getRepository(DemandEntity).existsBy({ id: draft.id })).toBe(false);

      const published = await draftDemand('已发布的需求');
      await data(`mutation($id: ID!) { publishDemand(id: $id) { id } }`, { id: published.id }, users.poster);
      expect(await failure(DELETE_DEMAND, { id: published.id }, users.poster)).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'ONLY_DRAFTS_DELETED',
        currentStatus: 'OPEN',
      });
      // A published demand is public: an outsider sees it but may not delete it.
      expect(await failure(DELETE_DEMAND, { id: published.id }, users.otherMember)).toMatchObject({
        code: 'FORBIDDEN',
      });
      expect(await dataSource.getRepository(DemandEntity).existsBy({ id: published.id })).toBe(true);
    });
  });

  describe('text is trimmed and a blank title refused', () => {
    it('stores trimmed titles and keywords', async () => {
      const created = await data(
        CREATE_ACHIEVEMENT,
        { input: { title: '  固态电解质  ', institutionId: universityId, keywords: [' 电池 ', '储能'] } },
        users.researcher,
      );
      expect(created.createAchievement).toMatchObject({ title: '固态电解质', keywords: ['电池', '储能'] });
      const demand = await draftDemand('  冷链标签  ');
      expect(demand.title).toBe('冷链标签');
    });

    it('refuses a whitespace-only title on create and update (TEXT_BLANK), for achievements and demands', async () => {
      expect(
        await failure(CREATE_ACHIEVEMENT, { input: { title: '    ', institutionId: universityId } }, users.researcher),
      ).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TEXT_BLANK', field: 'title' });
      const draft = await draftAchievement('待改名');
      expect(
        await failure(UPDATE_ACHIEVEMENT, { id: draft.id, input: { title: '\u3000 \t' } }, users.researcher),
      ).toMatchObject({ reason: 'TEXT_BLANK', field: 'title' });
      expect(
        await failure(CREATE_DEMAND, { input: { title: '   ', summary: '摘要', industryCode: 'ai' } }, users.poster),
      ).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TEXT_BLANK', field: 'title' });
      expect(
        await failure(CREATE_DEMAND, { input: { title: '正常标题', summary: '  ', industryCode: 'ai' } }, users.poster),
      ).toMatchObject({ reason: 'TEXT_BLANK', field: 'summary' });
      // A title padded to its bound with spaces is measured after trimming: one character is too short.
      expect(
        await failure(
          CREATE_ACHIEVEMENT,
          { input: { title: '  甲  ', institutionId: universityId } },
          users.researcher,
        ),
      ).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_FIELDS', fields: [{ field: 'title' }] });
    });
  });

  describe('bounds are checked at input', () => {
    it("refuses a team share outside the institution's bounds when it is proposed, not only at submission", async () => {
      const draft = await draftAchievement('赋权比例');
      // The institution's default bounds are 70–90 %.
      expect(
        await failure(
          PROPOSAL,
          { id: draft.id, input: { kind: 'TEAM_SHARE', teamSharePercent: 95 } },
          users.researcher,
        ),
      ).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SHARE_OUT_OF_BOUNDS', min: 70, max: 90, proposed: 95 });
      expect(
        await failure(
          PROPOSAL,
          { id: draft.id, input: { kind: 'TEAM_SHARE', teamSharePercent: 50 } },
          users.researcher,
        ),
      ).toMatchObject({ reason: 'SHARE_OUT_OF_BOUNDS' });
      expect(
        await data(PROPOSAL, { id: draft.id, input: { kind: 'TEAM_SHARE', teamSharePercent: 80 } }, users.researcher),
      ).toEqual({ setAchievementRightsProposal: { teamSharePercent: 80 } });
    });

    it("refuses inventors' shares adding up to more than 100 when entered", async () => {
      const draft = await draftAchievement('完成人比例');
      expect(
        await failure(
          INVENTORS,
          {
            id: draft.id,
            inventors: [
              { userId: users.researcher.userId, contributionShare: 70 },
              { name: '李工', contributionShare: 40 },
            ],
          },
          users.researcher,
        ),
      ).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVENTOR_SHARES_EXCEED_100', total: 110 });
      // Partial lists (summing to less) may be saved while drafting; 100 is checked at submission.
      await data(
        INVENTORS,
        { id: draft.id, inventors: [{ userId: users.researcher.userId, contributionShare: 60 }] },
        users.researcher,
      );
      expect(
        await failure(
          CREATE_ACHIEVEMENT,
          {
            input: {
              title: '创建时比例',
              institutionId: universityId,
              inventors: [
                { name: '甲', contributionShare: 80 },
                { name: '乙', contributionShare: 30 },
              ],
            },
          },
          users.researcher,
        ),
      ).toMatchObject({ reason: 'INVENTOR_SHARES_EXCEED_100' });
    });
  });
});
