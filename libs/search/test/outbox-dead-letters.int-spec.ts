import { INestApplicationContext } from '@nestjs/common';
import { AchievementsService, AchievementStatus } from '@app/achievements';
import { MEILI_CLIENT } from '@app/core';
import { DemandsService } from '@app/demands';
import { OrganisationEntity, OrganisationKind } from '@app/identity';
import { SearchKind, SearchSources } from '@app/search';
import { createIsolatedNamespace, IsolatedNamespace, startTestApi, TestApi, testAccounts } from '@app/testing';
import type { Meilisearch } from 'meilisearch';
import { DataSource } from 'typeorm';
import { eventually, inAMonth, industryCodes, registerEnterprise, startWorker, unique } from './search-fixtures';

const DEAD_LETTERS = `query { outboxDeadLetters(first: 50) { totalCount nodes { id subject subjectId attempts lastError } } }`;
const RETRY = `mutation Retry($ids: [String!]!) { retryOutboxDeadLetters(ids: $ids) }`;

/**
 * Drill: rows that keep failing (here every demand row: the database refuses to read demands) are dead-lettered
 * after OUTBOX_MAX_ATTEMPTS while the rows behind them (achievements, committed later) are indexed; an ADMIN
 * lists them and retries them once the fault is gone.
 */
describe('outbox dead letters', () => {
  let namespace: IsolatedNamespace;
  let api: TestApi;
  let worker: INestApplicationContext;
  let dataSource: DataSource;
  const saved = process.env.OUTBOX_MAX_ATTEMPTS;

  beforeAll(async () => {
    namespace = await createIsolatedNamespace('deadletter');
    const leave = namespace.enter();
    process.env.OUTBOX_MAX_ATTEMPTS = '3';
    try {
      api = await startTestApi();
      worker = await startWorker();
    } finally {
      leave();
      process.env.OUTBOX_MAX_ATTEMPTS = saved;
    }
    dataSource = api.app.get(DataSource);
  });
  afterAll(async () => {
    await dataSource?.query('ALTER TABLE demands RENAME COLUMN summary_broken TO summary').catch(() => undefined);
    await worker?.close();
    await api?.close();
    await namespace?.drop();
  });

  it('dead-letters a failing row without holding back the others, and an ADMIN retries it', async () => {
    const enterprise = await registerEnterprise(api, unique('死信测试有限公司'));
    const [industry] = await industryCodes(api, 1);
    const token = unique('dead');
    const meili = api.app.get<Meilisearch>(MEILI_CLIENT);
    const sources = api.app.get(SearchSources);
    const hits = async (kind: SearchKind) =>
      (await meili.index(sources.liveUid(kind)).search(token, { limit: 50 })).hits.map((hit) => hit.id as string);

    // The fault: the demands table cannot be read by the indexer (a column it selects is gone).
    await dataSource.query('ALTER TABLE demands RENAME COLUMN summary TO summary_broken');
    const demandIds: string[] = [];
    await dataSource.transaction(async (manager) => {
      // Written straight away as a demand's outbox rows would be (the service cannot save while the column is gone).
      for (let i = 0; i < 2; i++) {
        const [{ id }] = await manager.query<Array<{ id: string }>>('SELECT gen_random_uuid() AS id');
        demandIds.push(id);
      }
      await manager.query(`INSERT INTO outbox_events (subject, subject_id) SELECT 'DEMAND', unnest($1::uuid[])`, [
        demandIds,
      ]);
    });
    // Rows behind them in id order: achievements, committed after the failing demand rows.
    const universityRepo = dataSource.getRepository(OrganisationEntity);
    const university = await universityRepo.save(
      universityRepo.create({
        name: unique('死信大学'),
        kind: OrganisationKind.UNIVERSITY,
        externalKey: null,
        region: null,
      }),
    );
    const achievements = api.app.get(AchievementsService);
    const listed: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { achievement } = await achievements.importListedAchievement({
        institutionId: university.id,
        externalId: `${token}-${i}`,
        title: `${token} 成果${i}`,
        summary: `${token} 摘要`,
        keywords: [],
        industryCode: industry,
        trl: 5,
        status: AchievementStatus.LISTED,
      });
      listed.push(achievement.id);
    }
    await eventually(
      async () => expect((await hits(SearchKind.ACHIEVEMENT)).sort()).toEqual([...listed].sort()),
      20_000,
    );

    const admin = await testAccounts(api).admin();
    const dead = await eventually(async () => {
      const res = await api.gql(DEAD_LETTERS, {}, admin.token);
      expect(res.errors).toBeUndefined();
      const nodes = res.data!.outboxDeadLetters.nodes as Array<{
        id: string;
        subjectId: string;
        attempts: number;
        lastError: string;
      }>;
      expect(nodes.map((node) => node.subjectId).sort()).toEqual([...demandIds].sort());
      return nodes;
    }, 20_000);
    expect(dead.every((node) => node.attempts === 3 && /summary/.test(node.lastError))).toBe(true);

    // Not for everyone: a non-admin is refused.
    const member = await api.gql(DEAD_LETTERS, {}, enterprise.token);
    expect(member.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    // Fixed, retried by the ADMIN: the rows are taken again (the demands do not exist: they leave the index alone).
    await dataSource.query('ALTER TABLE demands RENAME COLUMN summary_broken TO summary');
    const retried = await api.gql(RETRY, { ids: dead.map((node) => node.id) }, admin.token);
    expect(retried.errors).toBeUndefined();
    expect(retried.data?.retryOutboxDeadLetters).toBe(2);
    await eventually(async () => {
      const rows = await dataSource.query<Array<{ processed_at: Date | null; dead_at: Date | null }>>(
        'SELECT processed_at, dead_at FROM outbox_events WHERE subject_id = ANY($1::uuid[])',
        [demandIds],
      );
      expect(rows.every((row) => row.processed_at !== null && row.dead_at === null)).toBe(true);
    });
    // A real demand indexes as before.
    const demand = await api.app.get(DemandsService).create(enterprise.actor, {
      title: `${token} 修复后的需求`,
      summary: `${token} 摘要`,
      industryCode: industry,
      deadline: inAMonth(),
      publish: true,
    });
    await eventually(async () => expect(await hits(SearchKind.DEMAND)).toEqual([demand.id]));
    const bad = await api.gql(RETRY, { ids: ['1; DROP TABLE x'] }, admin.token);
    expect(bad.errors?.[0].extensions?.reason).toBe('INVALID_OUTBOX_ROW_ID');
    console.log(
      `drill bad-outbox-rows: in flight ${demandIds.length} failing + ${listed.length} good rows; lost 0; ` +
        `dead-lettered ${dead.length} after 3 attempts, retried by ADMIN; repeated 0`,
    );
  });
});
