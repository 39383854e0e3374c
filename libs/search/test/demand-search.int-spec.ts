import { INestApplicationContext } from '@nestjs/common';
import { AppConfig, InjectMeili, MEILI_CLIENT } from '@app/core';
import { DemandAction, DemandsService, DemandStatus } from '@app/demands';
import { IndexSettingsService, OutboxDrainer, SearchKind, SearchSources } from '@app/search';
import { TestApi } from '@app/testing';
import type { Meilisearch } from 'meilisearch';
import { DataSource } from 'typeorm';
import {
  Enterprise,
  eventually,
  inAMonth,
  industryCodes,
  registerEnterprise,
  startIsolatedSearchStack,
  IsolatedSearchStack,
  unique,
} from './search-fixtures';

void InjectMeili;

const SEARCH_DEMANDS = `query Search($query: String, $filter: SearchFilterInput, $facets: [String!], $pageSize: Int, $sort: SearchSort) {
  searchDemands(query: $query, filter: $filter, facets: $facets, pageSize: $pageSize, sort: $sort) {
    totalHits page pageSize totalPages
    hits { rankingScore highlights { field snippet } node { id title status } }
    facets { name values { value count } }
  }
}`;
const FEDERATED = `query All($query: String, $filter: SearchFilterInput) {
  search(query: $query, filter: $filter) { totalHits hits { kind id highlights { field snippet } demand { id title } } }
}`;

describe('demand search kept in sync through the outbox', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let demands: DemandsService;
  let meili: Meilisearch;
  let enterprise: Enterprise;
  let codes: string[];
  let demandsUid: string;

  let stack: IsolatedSearchStack;

  beforeAll(async () => {
    // Exact hit lists are asserted: demands other tests of this Jest worker indexed must not be in the index.
    stack = await startIsolatedSearchStack('demandsearch');
    ({ api, worker } = stack);
    demands = api.app.get(DemandsService);
    // Index settings and documents are read with the worker's key (the API's only searches).
    meili = worker.get<Meilisearch>(MEILI_CLIENT);
    demandsUid = api.app.get(SearchSources).liveUid(SearchKind.DEMAND);
    enterprise = await registerEnterprise(api, unique('示范精密制造有限公司'));
    codes = await industryCodes(api);
  });
  afterAll(() => stack?.close());

  const search = async (variables: Record<string, unknown>, token?: string) => {
    const res = await api.gql(SEARCH_DEMANDS, variables, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.searchDemands;
  };
  const idsFor = async (variables: Record<string, unknown>) =>
    (await search(variables)).hits.map((hit: any) => hit.node.id);

  const open = (title: string, extra: Record<string, unknown> = {}) =>
    demands.create(enterprise.actor, {
      title,
      summary: `${title}的公开摘要：寻求合作伙伴`,
      industryCode: codes[0],
      deadline: inAMonth(),
      publish: true,
      ...extra,
    });

  it('applies the declared settings to the live index, idempotently', async () => {
    const settingsService = worker.get(IndexSettingsService);
    await settingsService.applyToLiveIndexes();
    await settingsService.applyToLiveIndexes();
    const settings = await meili.index(demandsUid).getSettings();
    expect(settings.searchableAttributes?.slice(0, 3)).toEqual(['title_zh', 'title_en', 'keywords']);
    expect(settings.filterableAttributes).toEqual(
      expect.arrayContaining(['industryCodes', 'price', 'region', 'transferModes', 'updatedAt']),
    );
    expect(settings.sortableAttributes).toEqual(expect.arrayContaining(['publishedAt', 'price']));
    expect(settings.localizedAttributes).toEqual([
      { attributePatterns: ['*_zh'], locales: ['cmn'] },
      { attributePatterns: ['*_en'], locales: ['eng'] },
    ]);
    expect(settings.typoTolerance).toMatchObject({ disableOnNumbers: true, disableOnAttributes: ['industryCodes'] });
    expect(settings.synonyms?.['无人机']).toEqual(expect.arrayContaining(['drone']));
    expect(Object.keys(settings.synonyms ?? {}).length).toBeGreaterThan(200);
    expect(api.app.get(AppConfig).MEILI_INDEX_PREFIX).not.toBe('');
    expect(demandsUid.startsWith(api.app.get(AppConfig).MEILI_INDEX_PREFIX)).toBe(true);
  });

  it('indexes an opened demand within moments of the commit, and removes it when it closes', async () => {
    const token = unique('zqa');
    const demand = await open(`高精度减速器 ${token}`);
    await eventually(async () => expect(await idsFor({ query: token })).toEqual([demand.id]));
    await demands.transition(enterprise.actor, demand.id, DemandAction.CLOSE);
    await eventually(async () => expect(await idsFor({ query: token })).toEqual([]));
    await eventually(async () => {
      const rows = await api.app
        .get(DataSource)
        .query('SELECT processed_at, last_error FROM outbox_events WHERE subject_id = $1 ORDER BY id', [demand.id]);
      expect(rows.length).toBeGreaterThanOrEqual(2);
      expect(rows.every((row: any) => row.processed_at !== null && row.last_error === null)).toBe(true);
    });
  });

  it('never indexes confidential details, drafts, or the name behind an anonymous demand', async () => {
    const secret = unique('secretz');
    const draftToken = unique('draftz');
    const anonymousToken = unique('anonz');
    const visible = await open(`机密测试 ${unique('vis')}`, { confidentialDetails: `核心配方 ${secret}` });
    const draft = await demands.create(enterprise.actor, {
      title: `草稿需求 ${draftToken}`,
      summary: '草稿摘要',
      industryCode: codes[0],
    });
    const anonymous = await open(`匿名需求 ${anonymousToken}`, { anonymous: true });
    await worker.get(OutboxDrainer).drainUntilIdle();
    await eventually(async () => expect(await idsFor({ query: anonymousToken })).toEqual([anonymous.id]));

    expect(await idsFor({ query: secret })).toEqual([]);
    expect(await idsFor({ query: draftToken })).toEqual([]);
    const byCompany = await idsFor({ query: enterprise.organisationName, pageSize: 50 });
    expect(byCompany).toContain(visible.id);
    expect(byCompany).not.toContain(anonymous.id);

    // What Meilisearch holds, field by field: no confidential text anywhere, no draft document at all.
    const stored = await meili.index(demandsUid).getDocuments({ limit: 1000 });
    const serialized = JSON.stringify(stored.results);
    expect(serialized).not.toContain(secret);
    expect(serialized).not.toContain(draftToken);
    expect(stored.results.find((doc) => doc.id === anonymous.id)).toMatchObject({ organisationName: null });
    expect(stored.results.some((doc) => 'confidentialDetails' in doc)).toBe(false);
    expect(draft.status).toBe(DemandStatus.DRAFT);
  });

  it('drops hits whose object is no longer visible even before the index catches up', async () => {
    const token = unique('stalez');
    const demand = await open(`过期测试 ${token}`);
    await eventually(async () => expect(await idsFor({ query: token })).toEqual([demand.id]));
    // Behind the outbox's back (as a bug or a manual fix would): the index still has the document.
    await api.app.get(DataSource).query(`UPDATE demands SET status = 'CLOSED' WHERE id = $1`, [demand.id]);
    const result = await search({ query: token });
    expect(result.hits).toEqual([]);
    const raw = await meili.index(demandsUid).search(token);
    expect(raw.hits.map((hit) => hit.id)).toEqual([demand.id]);
  });

  it('finds a Chinese demand from an English query through the synonym dictionary, with highlights', async () => {
    const token = unique('uavz');
    const demand = await open(`${token} 无人机巡检系统开发`, { summary: '需要长航时无人机平台，用于电力线路巡检' });
    await eventually(async () => expect(await idsFor({ query: token })).toEqual([demand.id]));
    const english = await search({ query: `drone ${token}` });
    expect(english.hits.map((hit: any) => hit.node.id)).toEqual([demand.id]);
    const chinese = await search({ query: `${token} 无人机` });
    expect(chinese.hits[0].node.id).toBe(demand.id);
    const title = chinese.hits[0].highlights.find((h: any) => h.field === 'title');
    expect(title.snippet).toContain('<mark>无人机</mark>');
  });

  it('filters with typed values and counts allow-listed facets', async () => {
    const token = unique('facetz');
    const a = await open(`${token} 甲`, { region: '广东省', budgetMaxWan: 50, cooperationModes: ['LICENSE'] });
    const b = await open(`${token} 乙`, { region: '江苏省', budgetMaxWan: 500, industryCode: codes[1] });
    await eventually(async () => expect((await idsFor({ query: token })).sort()).toEqual([a.id, b.id].sort()));

    expect(await idsFor({ query: token, filter: { regions: ['广东省'] } })).toEqual([a.id]);
    expect(await idsFor({ query: token, filter: { priceMin: 100 } })).toEqual([b.id]);
    expect(await idsFor({ query: token, filter: { industryCodes: [codes[1]] } })).toEqual([b.id]);
    expect(await idsFor({ query: token, filter: { transferModes: ['LICENSE'] } })).toEqual([a.id]);
    expect(await idsFor({ query: token, sort: 'PRICE_DESC' })).toEqual([b.id, a.id]);

    const faceted = await search({ query: token, facets: ['region'] });
    expect(faceted.totalHits).toBe(2);
    expect(faceted.facets).toEqual([
      {
        name: 'region',
        values: expect.arrayContaining([
          { value: '广东省', count: 1 },
          { value: '江苏省', count: 1 },
        ]),
      },
    ]);
  });

  it('keeps a hostile filter value inside its literal', async () => {
    const token = unique('hostilez');
    const regular = await open(`${token} 常规`, { region: '浙江省' });
    const quoted = await open(`${token} 引号`, { region: 'x" OR region = "浙江省' });
    await eventually(async () => expect((await idsFor({ query: token })).length).toBe(2));
    // Unescaped, this value would close the literal and match every 浙江省 demand; escaped it matches only itself.
    expect(await idsFor({ query: token, filter: { regions: ['x" OR region = "浙江省'] } })).toEqual([quoted.id]);
    expect(await idsFor({ query: token, filter: { regions: ['x" OR status = "DRAFT'] } })).toEqual([]);
    expect(await idsFor({ query: token, filter: { regions: ['\\" OR 1 = 1 OR "'] } })).toEqual([]);
    expect(await idsFor({ query: token, filter: { regions: ['浙江省'] } })).toEqual([regular.id]);
    const injected = await api.gql(SEARCH_DEMANDS, {
      query: token,
      filter: { transferModes: ['LICENSE" OR price > "0'] },
    });
    expect(injected.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('answers BAD_USER_INPUT with the reason for an unknown facet, a large page, an overlong query, a foreign filter', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ query: 'x', facets: ['status'] }, /Unknown facet "status"/],
      [{ query: 'x', pageSize: 51 }, /pageSize/],
      [{ query: 'x'.repeat(201) }, /query/],
      [{ query: 'x', filter: { trlMin: 3 } }, /filter.trlMin does not apply to demands/],
      [{ query: 'x', filter: { regions: ['a\u0000b'] } }, /control characters|without NUL characters/],
    ];
    for (const [variables, reason] of cases) {
      const res = await api.gql(SEARCH_DEMANDS, variables);
      expect({ variables, error: res.errors?.[0].extensions?.code }).toEqual({ variables, error: 'BAD_USER_INPUT' });
      expect(res.errors![0].message).toMatch(reason);
    }
  });

  it('answers the federated search with hits of every kind resolved to their objects', async () => {
    const token = unique('fedz');
    const demand = await open(`${token} 联邦搜索`);
    await eventually(async () => {
      const res = await api.gql(FEDERATED, { query: token });
      expect(res.errors).toBeUndefined();
      expect(res.data!.search.hits).toEqual([
        expect.objectContaining({ kind: 'DEMAND', id: demand.id, demand: { id: demand.id, title: demand.title } }),
      ]);
    });
  });
});
