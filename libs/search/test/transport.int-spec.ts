import { INestApplicationContext } from '@nestjs/common';
import { AppConfig, MEILI_CLIENT } from '@app/core';
import { DemandsService } from '@app/demands';
import { awaitTasks, SearchKind, SearchSources } from '@app/search';
import { startTestApi, TestApi } from '@app/testing';
import { Meilisearch } from 'meilisearch';
import { AddressInfo, connect, createServer, Socket } from 'node:net';
import { eventually, inAMonth, industryCodes, registerEnterprise, startWorker, unique } from './search-fixtures';

const SEARCH_DEMANDS = `query Search($query: String) { searchDemands(query: $query, pageSize: 10) { totalHits hits { node { id title } } } }`;

/**
 * A TCP relay in front of Meilisearch that counts the connections made through it: the keep-alive transport's
 * point is that sequential searches reuse a pooled connection (Node 20's fetch would stall on a fresh one).
 */
async function countingRelay(target: URL): Promise<{ url: string; connections: () => number; close: () => void }> {
  let connections = 0;
  const sockets = new Set<Socket>();
  const relay = createServer((client) => {
    connections++;
    const upstream = connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(relay.address() as AddressInfo).port}`,
    connections: () => connections,
    close: () => {
      for (const socket of sockets) socket.destroy();
      relay.close();
    },
  };
}

describe('Meilisearch transport and client', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let meili: Meilisearch;
  let relay: Awaited<ReturnType<typeof countingRelay>>;

  beforeAll(async () => {
    worker = await startWorker();
    const meiliUrl = process.env.MEILI_URL!;
    relay = await countingRelay(new URL(meiliUrl));
    // The API reaches Meilisearch through the relay; the worker directly.
    process.env.MEILI_URL = relay.url;
    try {
      api = await startTestApi();
    } finally {
      process.env.MEILI_URL = meiliUrl;
    }
    meili = api.app.get<Meilisearch>(MEILI_CLIENT);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    relay?.close();
  });

  it('answers sequential GraphQL searches as Meilisearch does, over pooled connections', async () => {
    const enterprise = await registerEnterprise(api, unique('传输测试有限公司'));
    const [industry] = await industryCodes(api, 1);
    const token = unique('transport');
    for (let i = 0; i < 20; i++) {
      await api.app.get(DemandsService).create(enterprise.actor, {
        title: `${token} 智能制造需求${i}`,
        summary: '需要机器视觉检测方案',
        industryCode: industry,
        deadline: inAMonth(),
        publish: true,
      });
    }
    const uid = api.app.get(SearchSources).liveUid(SearchKind.DEMAND);
    await eventually(async () => expect((await meili.index(uid).search(token)).hits.length).toBe(20));

    const graphqlIds = async (): Promise<string[]> => {
      const res = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: SEARCH_DEMANDS, variables: { query: token } }),
      });
      const body = (await res.json()) as {
        data: { searchDemands: { totalHits: number; hits: Array<{ node: { id: string } }> } };
      };
      expect(body.data.searchDemands.totalHits).toBe(20);
      return body.data.searchDemands.hits.map((hit) => hit.node.id);
    };
    const rawIds = (await meili.index(uid).search(token, { limit: 10 })).hits.map((hit) => String(hit.id));

    const before = relay.connections();
    for (let i = 0; i < 60; i++) expect(await graphqlIds()).toEqual(rawIds);
    // 60 sequential searches (each one or more Meilisearch calls) over at most a couple of connections. Speed is
    // measured by `npm run bench:search`, not asserted here.
    expect(relay.connections() - before).toBeLessThanOrEqual(2);
  });

  it('works with the Meilisearch 1.21 server for every call the search lib makes', async () => {
    // The calls that write are the worker's (its admin key; the API's key only searches).
    const meili = worker.get<Meilisearch>(MEILI_CLIENT);
    expect((await meili.getVersion()).pkgVersion).toMatch(/^1\.21\./);
    const prefix = api.app.get(AppConfig).MEILI_INDEX_PREFIX;
    const [a, b] = [`${prefix}compat_a`, `${prefix}compat_b`];
    await awaitTasks(meili, [meili.createIndex(a, { primaryKey: 'id' })]);
    await awaitTasks(meili, [meili.createIndex(b, { primaryKey: 'id' })]);
    await awaitTasks(meili, [
      meili.index(a).updateSettings({
        filterableAttributes: ['tag'],
        localizedAttributes: [{ attributePatterns: ['*_zh'], locales: ['cmn'] }],
      }),
    ]);
    await awaitTasks(meili, [
      meili.index(a).addDocuments([
        { id: '1', title_zh: '无人机', tag: 'x"y' },
        { id: '2', title_zh: '芯片', tag: 'z' },
      ]),
    ]);
    await awaitTasks(meili, [meili.index(b).addDocuments([{ id: '3', title_zh: '无人机电池' }])]);
    await awaitTasks(meili, [meili.index(a).deleteDocuments(['2'])]);
    expect((await meili.index(a).search('', { filter: 'tag = "x\\"y"' })).hits.map((hit) => hit.id)).toEqual(['1']);
    const federated = await meili.multiSearch({
      federation: { limit: 10 },
      queries: [
        { indexUid: a, q: '无人机' },
        { indexUid: b, q: '无人机' },
      ],
    });
    expect(federated.hits.map((hit) => hit._federation?.indexUid).sort()).toEqual([a, b].sort());
    await awaitTasks(meili, [meili.swapIndexes([{ indexes: [a, b], rename: false }])]);
    expect((await meili.index(a).getDocument('3')).id).toBe('3');
    await awaitTasks(meili, [meili.deleteIndex(a)]);
    await awaitTasks(meili, [meili.deleteIndex(b)]);
    await expect(meili.index(a).search('x')).rejects.toThrow();
  });
});
