import { AchievementLanguage, AchievementsService, AchievementStatus, IpType, TransferMode } from '@app/achievements';
import { MEILI_CLIENT, OutboxSubject, recordOutboxChange } from '@app/core';
import { ExpertsService, ExpertVisibility } from '@app/experts';
import { OrganisationEntity, OrganisationKind } from '@app/identity';
import { SearchKind, SearchSources } from '@app/search';
import { TestApi } from '@app/testing';
import type { Meilisearch } from 'meilisearch';
import { DataSource } from 'typeorm';
import { eventually, industryCodes, startIsolatedSearchStack, IsolatedSearchStack, unique } from './search-fixtures';

const SEARCH_ACHIEVEMENTS = `query Search($query: String, $filter: SearchFilterInput, $facets: [String!]) {
  searchAchievements(query: $query, filter: $filter, facets: $facets) {
    totalHits hits { highlights { field snippet } node { id title status } } facets { name values { value count } }
  }
}`;
const SEARCH_EXPERTS = `query Search($query: String) { searchExperts(query: $query) { totalHits hits { node { id name } } } }`;
const FEDERATED = `query All($query: String) {
  search(query: $query) { totalHits hits { kind id achievement { id } expert { id } demand { id } } }
}`;

describe('achievement and expert search', () => {
  let api: TestApi;
  let achievements: AchievementsService;
  let experts: ExpertsService;
  let dataSource: DataSource;
  let university: OrganisationEntity;
  let codes: string[];

  let stack: IsolatedSearchStack;

  beforeAll(async () => {
    // Exact hit lists are asserted: listings other tests of this Jest worker indexed must not be in the index.
    stack = await startIsolatedSearchStack('catalogsearch');
    ({ api } = stack);
    achievements = api.app.get(AchievementsService);
    experts = api.app.get(ExpertsService);
    dataSource = api.app.get(DataSource);
    university = await dataSource.getRepository(OrganisationEntity).save({
      name: unique('示范理工大学'),
      kind: OrganisationKind.UNIVERSITY,
      externalKey: null,
      region: '广东省',
    });
    codes = await industryCodes(api);
  });
  afterAll(() => stack?.close());

  const gqlData = async (query: string, variables: Record<string, unknown>) => {
    const res = await api.gql(query, variables);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };
  const achievementIds = async (variables: Record<string, unknown>) =>
    (await gqlData(SEARCH_ACHIEVEMENTS, variables)).searchAchievements.hits.map((hit: any) => hit.node.id);
  const expertIds = async (query: string) =>
    (await gqlData(SEARCH_EXPERTS, { query })).searchExperts.hits.map((hit: any) => hit.node.id);

  type ImportInput = Parameters<AchievementsService['importListedAchievement']>[0];
  const importAchievement = (title: string, extra: Partial<ImportInput> = {}) =>
    achievements.importListedAchievement({
      institutionId: university.id,
      externalId: unique('ext'),
      title,
      summary: `${title}：成果摘要`,
      industryCode: codes[0],
      status: AchievementStatus.LISTED,
      ...extra,
    });

  /** What a domain service does when an achievement leaves the listing (withdrawal, staleness). */
  const setStatus = (id: string, status: AchievementStatus) =>
    dataSource.transaction(async (manager) => {
      await manager.query('UPDATE achievements SET status = $2, updated_at = now() WHERE id = $1', [id, status]);
      await recordOutboxChange(manager, OutboxSubject.ACHIEVEMENT, id);
    });

  it('finds a Chinese achievement from English and Chinese synonyms, never by its confidential description', async () => {
    const token = unique('ach');
    const secret = unique('confidential');
    const { achievement } = await importAchievement(`${token} 长航时无人机飞控系统`, {
      description: `详细技术方案 ${secret}`,
      keywords: ['飞控', '无人机'],
    });
    await eventually(async () => expect(await achievementIds({ query: token })).toEqual([achievement.id]));
    expect(await achievementIds({ query: `${token} drone` })).toEqual([achievement.id]);
    expect(await achievementIds({ query: `${token} UAV` })).toEqual([achievement.id]);
    expect(await achievementIds({ query: `${token} 低空飞行器` })).toEqual([achievement.id]);
    expect(await achievementIds({ query: secret })).toEqual([]);
  });

  it('finds an English achievement from a Chinese query through the dictionary', async () => {
    const token = unique('eng');
    const { achievement } = await importAchievement(`${token} Solid-state lithium-ion battery electrolyte`, {
      language: AchievementLanguage.en,
      summary: 'A sulfide electrolyte for high energy density cells',
    });
    await eventually(async () => expect(await achievementIds({ query: token })).toEqual([achievement.id]));
    expect(await achievementIds({ query: `${token} 锂离子电池` })).toEqual([achievement.id]);
  });

  it('filters by TRL, IP type, price and institution, counts facets, and never typo-matches a patent number', async () => {
    const token = unique('flt');
    const { achievement: a } = await importAchievement(`${token} 甲`, {
      trl: 3,
      ipType: IpType.INVENTION_PATENT,
      ipRegistrationNumbers: ['ZL202310123456.7'],
      transferModes: [TransferMode.LICENSE],
      askingPriceWan: 80,
    });
    const { achievement: b } = await importAchievement(`${token} 乙`, {
      trl: 7,
      ipType: IpType.SOFTWARE_COPYRIGHT,
      askingPriceWan: 800,
    });
    await eventually(async () => expect((await achievementIds({ query: token })).sort()).toEqual([a.id, b.id].sort()));
    expect(await achievementIds({ query: token, filter: { trlMin: 5 } })).toEqual([b.id]);
    expect(await achievementIds({ query: token, filter: { ipTypes: ['INVENTION_PATENT'], priceMax: 100 } })).toEqual([
      a.id,
    ]);
    expect(
      await achievementIds({ query: token, filter: { institutionId: university.id, transferModes: ['LICENSE'] } }),
    ).toEqual([a.id]);
    expect(await achievementIds({ query: 'ZL202310123456.7' })).toEqual([a.id]);
    expect(await achievementIds({ query: 'ZL202310123457.7' })).toEqual([]);
    const { facets } = (await gqlData(SEARCH_ACHIEVEMENTS, { query: token, facets: ['trl', 'ipType'] }))
      .searchAchievements;
    expect(facets).toEqual([
      {
        name: 'trl',
        values: expect.arrayContaining([
          { value: '3', count: 1 },
          { value: '7', count: 1 },
        ]),
      },
      {
        name: 'ipType',
        values: expect.arrayContaining([
          { value: 'INVENTION_PATENT', count: 1 },
          { value: 'SOFTWARE_COPYRIGHT', count: 1 },
        ]),
      },
    ]);
  });

  it('removes withdrawn and stale achievements from the index', async () => {
    const token = unique('gone');
    const { achievement: withdrawn } = await importAchievement(`${token} 撤回`);
    const { achievement: stale } = await importAchievement(`${token} 过期`);
    await eventually(async () => expect((await achievementIds({ query: token })).length).toBe(2));
    await setStatus(withdrawn.id, AchievementStatus.WITHDRAWN);
    await setStatus(stale.id, AchievementStatus.STALE);
    await eventually(async () => expect(await achievementIds({ query: token })).toEqual([]));
    const index = api.app
      .get<Meilisearch>(MEILI_CLIENT)
      .index(api.app.get(SearchSources).liveUid(SearchKind.ACHIEVEMENT));
    await eventually(async () => expect((await index.search(token)).hits).toEqual([]));
  });

  it('indexes public expert profiles only, without contact details', async () => {
    const token = unique('exp');
    const phone = `1380013${Math.floor(Math.random() * 9000 + 1000)}`;
    const mailbox = unique('mailbox');
    const { expert: visible } = await experts.importExpert(university.id, {
      externalId: unique('e'),
      name: `王教授 ${token}`,
      bio: '长期从事锂离子电池正极材料研究',
      researchFields: ['锂电', '储能'],
      contactEmail: `${mailbox}@example.edu`,
      contactPhone: phone,
    });
    const { expert: membersOnly } = await experts.importExpert(university.id, {
      externalId: unique('e'),
      name: `李研究员 ${token}`,
      bio: '人工智能',
    });
    await dataSource.transaction(async (manager) => {
      await manager.update('experts', { id: membersOnly.id }, { visibility: ExpertVisibility.MEMBERS_ONLY });
      await recordOutboxChange(manager, OutboxSubject.EXPERT, membersOnly.id);
    });
    await eventually(async () => expect(await expertIds(token)).toEqual([visible.id]));
    expect(await expertIds(`${token} 锂离子电池`)).toEqual([visible.id]);
    expect(await expertIds(phone)).toEqual([]);
    expect(await expertIds(mailbox)).toEqual([]);
    const stored = await api.app
      .get<Meilisearch>(MEILI_CLIENT)
      .index(api.app.get(SearchSources).liveUid(SearchKind.EXPERT))
      .getDocument(visible.id);
    expect(JSON.stringify(stored)).not.toContain(phone);
    expect(JSON.stringify(stored)).not.toContain(mailbox);
    expect(stored).not.toHaveProperty('contactEmail');
  });

  it('federates achievements and experts into one ranked list', async () => {
    const token = unique('fed');
    const { achievement } = await importAchievement(`${token} 工业机器人视觉`);
    const { expert } = await experts.importExpert(university.id, {
      externalId: unique('e'),
      name: `赵工 ${token}`,
      bio: '机器视觉',
    });
    await eventually(async () => {
      const { search } = await gqlData(FEDERATED, { query: token });
      expect(search.hits.map((hit: any) => [hit.kind, hit.achievement?.id ?? hit.expert?.id]).sort()).toEqual(
        [
          ['ACHIEVEMENT', achievement.id],
          ['EXPERT', expert.id],
        ].sort(),
      );
      expect(search.totalHits).toBe(2);
    });
  });
});
