/**
 * npm run eval:event-proposals -- <dataset-folder>   (e.g. ../shared/eval/dev-zh)
 * How good are an event's invitation proposals? Imports a judged folder (see the evaluation README) into a fresh
 * namespace — its own database from the migrations, its own Meilisearch index prefix and Redis prefix, all removed
 * afterwards — stores every demand's matches with the real matching service, gives each demand its own enterprise
 * (the folder names none), then builds one themed event per industry of the demands: themed by that industry,
 * presented by the institutions holding listings in it. For each event the real ProposalsService proposes the
 * enterprises to invite (the best pair per enterprise); each proposed pair (demand → listing or expert) is looked
 * up in the judgements. Prints a table per event, then one JSON line with the totals.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ImportModule } from '@app/catalog-import';
import { AppConfigModule, ClockModule, MeilisearchModule, QueuesModule, RedisModule } from '@app/core';
import { DatabaseModule } from '@app/database';
import { EventEntity, EventKind, EventStatus, EventsModule, ProposalDirection, ProposalsService } from '@app/events';
import { Actor, OrganisationKind, Role } from '@app/identity';
import { indexEvaluationFolder, MatchesService, MatchingEngine, MatchingModule, parseQrels } from '@app/matching';
import { SearchModule } from '@app/search';
import { inThrowawayNamespace } from './support/throwaway-namespace';

@Module({
  imports: [
    AppConfigModule.forRoot(),
    ClockModule,
    DatabaseModule.forRoot('techtransfer-eval'),
    RedisModule,
    QueuesModule,
    MeilisearchModule,
    ImportModule,
    SearchModule,
    MatchingModule,
    EventsModule,
  ],
})
class ProposalEvaluationModule {}

interface EventResult {
  theme: string;
  presenting: number;
  proposed: number;
  /** Proposed pairs judged 2 or 3 (highly relevant, solves it). */
  relevant: number;
  /** Judged 1 (partially relevant). */
  partial: number;
  /** Judged 0, or not judged (counts as not relevant). */
  notRelevant: number;
  /** Invitees whose demand has a target judged ≥ 2 among the event's presenting institutions. */
  inviteeRelevant: number;
  /** Demands of the theme's industry with a target judged ≥ 2 among the presenting institutions (should be invited). */
  shouldInvite: number;
  /** … of which the proposals invite the enterprise. */
  invitedOfThose: number;
}

async function evaluate(app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>, folder: string) {
  const dataSource = app.get<DataSource>(getDataSourceToken());
  const dataset = basename(folder);
  await indexEvaluationFolder(app, folder, dataset);

  // Each demand posted by its own enterprise (the folder names none): proposals are per enterprise.
  const demands = await dataSource.query<Array<{ id: string; external_id: string; industry_code: string }>>(
    `SELECT id, external_id, industry_code FROM demands ORDER BY external_id`,
  );
  for (const demand of demands) {
    const [organisation] = await dataSource.query<Array<{ id: string }>>(
      `INSERT INTO organisations (name, kind) VALUES ($1, $2) RETURNING id`,
      [`${dataset} 企业 ${demand.external_id}`, OrganisationKind.ENTERPRISE],
    );
    await dataSource.query(`UPDATE demands SET organisation_id = $2, anonymous = false WHERE id = $1`, [
      demand.id,
      organisation.id,
    ]);
  }

  // The matches the platform keeps, computed by the real matching service.
  await app.get(MatchingEngine).refreshCorpusStats();
  const matches = app.get(MatchesService);
  for (const demand of demands) await matches.matchDemand(demand.id);

  const qrels = parseQrels(readFileSync(join(folder, 'qrels.tsv'), 'utf8'));
  const grade = (demand: string, target: string) => qrels.get(demand)?.get(target) ?? null;
  const externalOf = new Map<string, string>();
  for (const row of await dataSource.query<Array<{ id: string; external_id: string }>>(
    `SELECT id, external_id FROM achievements UNION ALL SELECT id, external_id FROM experts
     UNION ALL SELECT id, external_id FROM demands`,
  ))
    externalOf.set(row.id, row.external_id);
  const institutionOf = new Map<string, string>();
  for (const row of await dataSource.query<Array<{ external_id: string; institution: string }>>(
    `SELECT external_id, institution_id AS institution FROM achievements
     UNION ALL SELECT external_id, organisation_id AS institution FROM experts`,
  ))
    institutionOf.set(row.external_id, row.institution);

  const [government] = await dataSource.query<Array<{ id: string }>>(
    `INSERT INTO organisations (name, kind) VALUES ($1, $2) RETURNING id`,
    [`${dataset} 科技局`, OrganisationKind.GOVERNMENT],
  );
  const bureau = new Actor('00000000-0000-4000-8000-00000000e7a1', [
    { organisationId: government.id, organisationKind: OrganisationKind.GOVERNMENT, role: Role.ADMIN },
  ]);
  const themes = await dataSource.query<Array<{ industry_code: string; presenting: string[] }>>(
    `SELECT d.industry_code, array_agg(DISTINCT a.institution_id) AS presenting
       FROM (SELECT DISTINCT industry_code FROM demands) d
       JOIN achievements a ON a.industry_code = d.industry_code AND a.status = 'LISTED'
      GROUP BY d.industry_code ORDER BY d.industry_code`,
  );
  const proposals = app.get(ProposalsService);
  const results: EventResult[] = [];
  const start = new Date(Date.now() + 7 * 86_400_000);
  for (const theme of themes) {
    const event = await dataSource.getRepository(EventEntity).save({
      kind: EventKind.MATCHMAKING,
      title: `${theme.industry_code} 对接会`,
      description: '',
      industryCodes: [theme.industry_code],
      keywords: [],
      startsAt: start,
      endsAt: new Date(start.getTime() + 3 * 3600_000),
      timeZone: 'Asia/Shanghai',
      venue: '评测',
      onlineUrl: null,
      capacity: 100,
      slotMinutes: 20,
      organiserOrganisationId: government.id,
      createdById: null,
      presentingInstitutionIds: theme.presenting,
      status: EventStatus.PUBLISHED,
      publishedAt: new Date(),
    });
    const presenting = new Set(theme.presenting);
    const invited = (await proposals.proposals(bureau, event.id)).filter(
      (p) => p.direction === ProposalDirection.ENTERPRISE,
    );
    const result: EventResult = {
      theme: theme.industry_code,
      presenting: presenting.size,
      proposed: invited.length,
      relevant: 0,
      partial: 0,
      notRelevant: 0,
      inviteeRelevant: 0,
      shouldInvite: 0,
      invitedOfThose: 0,
    };
    const relevantHere = (demand: string) =>
      [...(qrels.get(demand) ?? new Map<string, number>())].some(
        ([target, g]) => g >= 2 && presenting.has(institutionOf.get(target) ?? ''),
      );
    const invitedDemands = new Set(invited.map((p) => externalOf.get(p.demandId)));
    for (const demand of demands.filter((d) => d.industry_code === theme.industry_code)) {
      if (!relevantHere(demand.external_id)) continue;
      result.shouldInvite += 1;
      if (invitedDemands.has(demand.external_id)) result.invitedOfThose += 1;
    }
    for (const proposal of invited) {
      const demand = externalOf.get(proposal.demandId)!;
      const judged = grade(demand, externalOf.get(proposal.targetId) ?? '');
      if (judged !== null && judged >= 2) result.relevant += 1;
      else if (judged === 1) result.partial += 1;
      else result.notRelevant += 1;
      if (relevantHere(demand)) result.inviteeRelevant += 1;
    }
    results.push(result);
  }
  return { dataset, demands: demands.length, results };
}

function report({ dataset, demands, results }: Awaited<ReturnType<typeof evaluate>>): string {
  const lines = [
    `Invitation proposals (enterprises to invite) on ${dataset}: ${demands} demands, ${results.length} themed events`,
    'theme                      presenting  proposed  pair≥2  pair=1  pair 0/unjudged  invitee relevant  should invite  invited',
  ];
  const pct = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 100)}%` : '–');
  for (const r of results) {
    lines.push(
      `${r.theme.padEnd(26)} ${String(r.presenting).padStart(10)} ${String(r.proposed).padStart(9)} ${String(r.relevant).padStart(7)} ${String(r.partial).padStart(7)} ${String(r.notRelevant).padStart(16)} ${String(r.inviteeRelevant).padStart(17)} ${String(r.shouldInvite).padStart(14)} ${String(r.invitedOfThose).padStart(8)}`,
    );
  }
  const total = results.reduce(
    (sum, r) => ({
      proposed: sum.proposed + r.proposed,
      relevant: sum.relevant + r.relevant,
      partial: sum.partial + r.partial,
      inviteeRelevant: sum.inviteeRelevant + r.inviteeRelevant,
      shouldInvite: sum.shouldInvite + r.shouldInvite,
      invitedOfThose: sum.invitedOfThose + r.invitedOfThose,
    }),
    { proposed: 0, relevant: 0, partial: 0, inviteeRelevant: 0, shouldInvite: 0, invitedOfThose: 0 },
  );
  lines.push(
    `total: ${total.proposed} proposed; proposed pair judged ≥2: ${total.relevant} (${pct(total.relevant, total.proposed)}), ` +
      `≥1: ${total.relevant + total.partial} (${pct(total.relevant + total.partial, total.proposed)}); invitee has a ≥2 target ` +
      `among the presenting institutions: ${total.inviteeRelevant} (${pct(total.inviteeRelevant, total.proposed)}); ` +
      `of the theme's demands that should be invited, invited: ${total.invitedOfThose}/${total.shouldInvite} ` +
      `(${pct(total.invitedOfThose, total.shouldInvite)})`,
  );
  const precision = (n: number) => (total.proposed ? Math.round((n / total.proposed) * 1000) / 1000 : 0);
  lines.push(
    JSON.stringify({
      dataset,
      events: results.length,
      proposed: total.proposed,
      pairRelevant: total.relevant,
      pairPrecision2: precision(total.relevant),
      pairPrecision1: precision(total.relevant + total.partial),
      inviteeRelevant: total.inviteeRelevant,
      inviteePrecision: precision(total.inviteeRelevant),
      inviteeRecall: total.shouldInvite ? Math.round((total.invitedOfThose / total.shouldInvite) * 1000) / 1000 : 0,
    }),
  );
  return lines.join('\n');
}

async function main(): Promise<void> {
  const folder = process.argv.slice(2).find((arg) => !arg.startsWith('-'));
  if (!folder) throw new Error('usage: npm run eval:event-proposals -- <dataset-folder>');
  const directory = resolve(folder);
  await inThrowawayNamespace('evprop', async (defer) => {
    const app = await NestFactory.createApplicationContext(ProposalEvaluationModule, { logger: ['error', 'warn'] });
    defer(() => app.close());
    console.log(report(await evaluate(app, directory)));
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
