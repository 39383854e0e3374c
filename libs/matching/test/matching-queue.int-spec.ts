import { INestApplicationContext } from '@nestjs/common';
import { AchievementEntity, AchievementsService, AchievementStatus } from '@app/achievements';
import { MetricsService } from '@app/core';
import { OrganisationEntity, OrganisationKind } from '@app/identity';
import { startTestApi, TestApi, testAccounts } from '@app/testing';
import { DataSource } from 'typeorm';
import { createWorkerApp } from '../../../apps/worker/src/bootstrap';
import { MatchStatus } from '../src/domain/match-status';
import { MatchEntity } from '../src/match.entity';

const CREATE = `mutation Create($input: CreateDemandInput!) { createDemand(input: $input) { id status } }`;
const UPDATE = `mutation Update($id: ID!, $input: UpdateDemandInput!) { updateDemand(id: $id, input: $input) { id } }`;
const MATCHES = `query Matches($demandId: ID!) { demandMatches(demandId: $demandId, first: 50) {
  totalCount edges { node { id targetId targetType status score explanation { matchedTerms { term fields } } } } } }`;
const DECLINE = `mutation Decline($matchId: ID!) { declineMatch(matchId: $matchId, reason: NOT_RELEVANT) { id status } }`;

interface ListedMatch {
  id: string;
  targetId: string;
  status: MatchStatus;
  score: number;
  explanation: { matchedTerms: Array<{ term: string; fields: string[] }> };
}

/** Polls until `probe` returns a truthy value: the worker follows indexed changes every 2 s. */
async function eventually<T>(
  probe: () => Promise<T | null | undefined | false>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`not in time: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('matches follow both sides through the real queue (API + worker)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let dataSource: DataSource;
  let achievements: AchievementsService;
  let token: string;
  let universityId: string;
  let demandId: string;
  const ids: Record<string, string> = {};

  const listAchievement = async (key: string, title: string, summary: string, keywords: string[]) => {
    const { achievement } = await achievements.importListedAchievement({
      institutionId: universityId,
      externalId: `${key}-${Date.now().toString(36)}`,
      title,
      summary,
      keywords,
      industryCode: 'new_energy',
      trl: 6,
      status: AchievementStatus.LISTED,
    });
    return achievement.id;
  };
  // The path a catalogue re-import takes: the service updates the row and writes its outbox change together.
  const editAchievement = async (id: string, title: string, summary: string, keywords: string[]) => {
    const row = await dataSource.getRepository(AchievementEntity).findOneByOrFail({ id });
    await achievements.importListedAchievement({
      institutionId: row.institutionId,
      externalId: row.externalId!,
      title,
      summary,
      keywords,
      industryCode: 'new_energy',
      trl: 6,
      status: AchievementStatus.LISTED,
    });
  };
  const listed = async (): Promise<ListedMatch[]> => {
    const res = await api.gql(MATCHES, { demandId }, token);
    expect(res.errors).toBeUndefined();
    return (res.data!.demandMatches.edges as Array<{ node: ListedMatch }>).map((edge) => edge.node);
  };
  const rows = () => dataSource.getRepository(MatchEntity).find({ where: { demandId } });

  beforeAll(async () => {
    api = await startTestApi();
    worker = await createWorkerApp();
    dataSource = api.app.get(DataSource);
    achievements = api.app.get(AchievementsService);
    const organisations = dataSource.getRepository(OrganisationEntity);
    const university = await organisations.save(
      organisations.create({
        name: '示范理工大学',
        kind: OrganisationKind.UNIVERSITY,
        externalKey: null,
        region: null,
      }),
    );
    universityId = university.id;
    const poster = await testAccounts(api).selfServiceOrganisation(OrganisationKind.ENTERPRISE, '冷链物流有限公司', {
      displayName: 'poster',
    });
    token = poster.creator.token;

    ids.battery = await listAchievement(
      'battery',
      '低温锂离子电池电解液添加剂',
      '新型电解液添加剂使锂离子电池在零下30摄氏度保持80%放电容量，解决冬季电动车续航衰减问题。',
      ['锂电池', '低温', '电解液'],
    );
    ids.coating = await listAchievement(
      'coating',
      '水性环氧防腐涂料',
      '用于钢结构桥梁和海洋平台的水性防腐涂层，耐盐雾3000小时，低VOCs排放。',
      ['防腐', '涂料'],
    );
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('matches a published demand, and recomputes (not duplicates) its matches when it is edited', async () => {
    const created = await api.gql(
      CREATE,
      {
        input: {
          title: '电动物流车锂电池冬天掉电快',
          summary: '冬季低温下锂电池放电容量不足，续航下降40%，希望通过电解液改进提升低温性能。',
          industryCode: 'new_energy',
          publish: true,
        },
      },
      token,
    );
    expect(created.errors).toBeUndefined();
    demandId = created.data!.createDemand.id;

    const first = await eventually(
      async () => (await listed()).find((m) => m.targetId === ids.battery),
      'battery match',
    );
    expect(first.status).toBe(MatchStatus.SUGGESTED);
    expect(first.explanation.matchedTerms.map((t) => t.term)).toEqual(expect.arrayContaining(['锂电池', '低温']));
    expect((await listed()).some((m) => m.targetId === ids.coating)).toBe(false);
    const before = (await rows()).find((row) => row.targetId === ids.battery)!;

    const edited = await api.gql(
      UPDATE,
      { id: demandId, input: { summary: '零下20度时锂电池容量衰减严重，需要低温电解液添加剂或电池保温方案。' } },
      token,
    );
    expect(edited.errors).toBeUndefined();
    const after = await eventually(async () => {
      const row = (await rows()).find((r) => r.targetId === ids.battery);
      return row && row.computedAt > before.computedAt ? row : null;
    }, 'rematch after the edit');
    expect(after.id).toBe(before.id); // the same row, updated in place
    const all = await rows();
    expect(new Set(all.map((row) => `${row.targetType}:${row.targetId}`)).size).toBe(all.length);
    // The worker timed both computations of the demand's matches (its /metrics shows the histogram).
    const timed = await worker.get(MetricsService).matchingDuration.get();
    const count = timed.values.find((value) => value.metricName === 'tt_matching_duration_seconds_count');
    expect(count?.value).toBeGreaterThanOrEqual(2);
  });

  it('adds a newly listed achievement, and an edited one that now fits, to the open demand (reverse matching)', async () => {
    ids.electrolyte = await listAchievement(
      'electrolyte',
      '宽温域锂电池电解液',
      '含氟溶剂体系电解液，锂离子电池零下40度放电容量保持70%以上，适用于电动车冬季续航。',
      ['电解液', '锂电池', '低温'],
    );
    await eventually(
      async () => (await listed()).some((m) => m.targetId === ids.electrolyte),
      'listed achievement matched',
    );

    ids.heater = await listAchievement('heater', '粮仓通风控制器', '粮仓温湿度监测与自动通风控制。', ['粮仓', '通风']);
    // Once the worker has handled the unrelated listing, it is not among the matches…
    await eventually(
      async () =>
        (
          await dataSource.query(`SELECT 1 FROM outbox_events WHERE subject_id = $1 AND processed_at IS NOT NULL`, [
            ids.heater,
          ])
        ).length > 0,
      'heater indexed',
    );
    expect((await listed()).some((m) => m.targetId === ids.heater)).toBe(false);
    // …until its owners rewrite it into something that fits.
    await editAchievement(
      ids.heater,
      '电池包低温自加热系统',
      '锂电池包脉冲自加热，零下30度5分钟升温至可放电温度，解决电动车冬季续航下降和掉电问题。',
      ['锂电池', '低温', '自加热'],
    );
    await eventually(async () => (await listed()).some((m) => m.targetId === ids.heater), 'edited achievement matched');
  });

  it('never suggests a declined pair again', async () => {
    const battery = (await listed()).find((m) => m.targetId === ids.battery)!;
    const declined = await api.gql(DECLINE, { matchId: battery.id }, token);
    expect(declined.data?.declineMatch.status).toBe(MatchStatus.DECLINED);
    const stamp = (await rows()).find((row) => row.targetId === ids.electrolyte)!.computedAt;

    await api.gql(UPDATE, { id: demandId, input: { title: '电动物流车锂电池冬季低温掉电快' } }, token);
    await eventually(async () => {
      const row = (await rows()).find((r) => r.targetId === ids.electrolyte);
      return row && row.computedAt > stamp;
    }, 'rematch after the second edit');
    const row = (await rows()).find((r) => r.targetId === ids.battery)!;
    expect(row.status).toBe(MatchStatus.DECLINED);
    expect((await listed()).some((m) => m.targetId === ids.battery)).toBe(false);
  });
});
