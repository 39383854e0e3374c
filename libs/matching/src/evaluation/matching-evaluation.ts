import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { AchievementEntity } from '@app/achievements';
import { ImportReport, ImportService } from '@app/catalog-import';
import { DemandEntity } from '@app/demands';
import { ExpertEntity } from '@app/experts';
import { TaxonomyService } from '@app/taxonomy';
import { OutboxDrainer } from '@app/search';
import { DataSource } from 'typeorm';
import { crossValidate, FitOptions, FoldResult, JudgedCandidate, summarise, SUBSETS } from '../domain/cross-validation';
import { MatchTargetType } from '../domain/match-document';
import { evaluate, EvaluationReport, MetricsRow, parseQrels } from '../domain/metrics';
import { demandForMatching } from '../domain/search-document-mapping';
import { detectLanguage } from '../domain/text-analysis';
import { MatchingEngine } from '../matching-engine';

export interface EvaluationRun {
  dataset: string;
  report: EvaluationReport;
  /** Demand external id → ranked target external ids. */
  runs: Map<string, string[]>;
  timings: Record<string, number>;
  /** Every candidate the engine scored, per demand (external ids), for cross-validation. */
  pools: Map<string, JudgedCandidate[]>;
  qrels: Map<string, Map<string, number>>;
  targetKind: Map<string, 'achievement' | 'expert'>;
  language: Map<string, string>;
}

const readJsonl = (path: string): Array<Record<string, unknown>> =>
  existsSync(path)
    ? readFileSync(path, 'utf8')
        .split(/\r?\n/)
        .filter((line) => line.trim())
        .map((line) => JSON.parse(line) as Record<string, unknown>)
    : [];

const str = (value: unknown) => (typeof value === 'string' ? value : Array.isArray(value) ? value.join(' ') : '');

/** Language of every record of the folder (for the cross-language breakdown), from its own text. */
function recordLanguages(folder: string): Map<string, string> {
  const languages = new Map<string, string>();
  for (const record of readJsonl(join(folder, 'achievements.jsonl'))) {
    languages.set(String(record.id), detectLanguage(`${str(record.title)} ${str(record.summary)}`));
  }
  for (const record of readJsonl(join(folder, 'experts.jsonl'))) {
    languages.set(String(record.id), detectLanguage(`${str(record.fields)} ${str(record.bio)}`));
  }
  for (const record of readJsonl(join(folder, 'demands.jsonl'))) {
    languages.set(String(record.id), detectLanguage(`${str(record.title)} ${str(record.description)}`));
  }
  return languages;
}

async function mapConcurrent<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]);
      }
    }),
  );
  return results;
}

/**
 * The product pipeline on a judged folder, in whatever (isolated) database and index prefix `app` points at:
 * import with the real ImportService → drain the outbox into the indexes with the real drainer → rank every
 * imported demand over achievements and experts together (top 100) with the real engine → metrics.
 */
export async function runMatchingEvaluation(
  app: INestApplicationContext,
  folder: string,
  dataset: string,
): Promise<EvaluationRun> {
  const timings: Record<string, number> = {};
  await indexEvaluationFolder(app, folder, dataset, timings);
  return rankEvaluationFolder(app, folder, dataset, timings);
}

async function timed<T>(timings: Record<string, number>, name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    timings[name] = Math.round(performance.now() - started);
  }
}

/**
 * The domain requires a demand's industry, but a judged dataset may omit it: such demands get an industry no
 * target of the folder has, so the (unjudged) industry factor neither helps nor hurts any target.
 */
async function neutralIndustry(app: INestApplicationContext, folder: string): Promise<string | undefined> {
  const taxonomy = app.get(TaxonomyService);
  const used = new Set<string>();
  for (const record of readJsonl(join(folder, 'achievements.jsonl'))) {
    const code = await taxonomy.resolveIndustry(str(record.industry));
    if (code) used.add(code);
  }
  const industries = await taxonomy.industries();
  return (industries.find((industry) => !used.has(industry.code)) ?? industries.at(-1))?.code;
}

/** Import with the real ImportService, then drain the outbox into the indexes with the real drainer. */
export async function indexEvaluationFolder(
  app: INestApplicationContext,
  folder: string,
  dataset: string,
  timings: Record<string, number> = {},
): Promise<ImportReport> {
  const demandIndustryFallback = await neutralIndustry(app, folder);
  const report = await timed(timings, 'import', () =>
    app.get(ImportService).importFolder(folder, { organisationSet: dataset.slice(0, 64), demandIndustryFallback }),
  );
  await timed(timings, 'index', async () => {
    const drainer = app.get(OutboxDrainer);
    for (;;) {
      const { processed, failed } = await drainer.drainUntilIdle(1_000);
      if (failed > 0) throw new Error(`Search indexing failed for ${failed} outbox rows`);
      if (processed === 0) break;
    }
  });
  return report;
}

/** Ranks every imported demand over achievements and experts together (top 100) with the real engine → metrics. */
export async function rankEvaluationFolder(
  app: INestApplicationContext,
  folder: string,
  dataset: string,
  timings: Record<string, number> = {},
): Promise<EvaluationRun> {
  const dataSource = app.get<DataSource>(getDataSourceToken());
  const engine = app.get(MatchingEngine);
  await timed(timings, 'corpusStats', () => engine.refreshCorpusStats());

  // External ids (the dataset's) ↔ our ids.
  const demands = await dataSource
    .getRepository(DemandEntity)
    .find({ where: {}, order: { createdAt: 'ASC', id: 'ASC' } });
  const external = new Map<string, string>();
  const kind = new Map<string, 'achievement' | 'expert'>();
  const achievementRows = await dataSource
    .getRepository(AchievementEntity)
    .find({ select: { id: true, externalId: true } });
  const expertRows = await dataSource.getRepository(ExpertEntity).find({ select: { id: true, externalId: true } });
  for (const [rows, targetKind] of [
    [achievementRows, 'achievement'],
    [expertRows, 'expert'],
  ] as const) {
    for (const row of rows) {
      if (!row.externalId) continue;
      external.set(row.id, row.externalId);
      kind.set(row.externalId, targetKind);
    }
  }

  const runs = new Map<string, string[]>();
  const pools = new Map<string, JudgedCandidate[]>();
  await timed(timings, 'match', async () => {
    // Every candidate (not only the top 100): cross-validation re-ranks the pools under each fold's calibration.
    const ranked = await mapConcurrent(demands, 4, (demand) =>
      engine.rank(demandForMatching(demand), { limit: 100_000 }),
    );
    demands.forEach((demand, i) => {
      const pool = ranked[i].map((match) => ({
        id: external.get(match.id) ?? `${match.type === MatchTargetType.EXPERT ? 'expert' : 'achievement'}:${match.id}`,
        type: match.type,
        features: match.features,
        lexical: match.lexical,
      }));
      const demandId = demand.externalId ?? demand.id;
      pools.set(demandId, pool);
      runs.set(
        demandId,
        pool.slice(0, 100).map((c) => c.id),
      );
    });
  });

  const qrels = parseQrels(readFileSync(join(folder, 'qrels.tsv'), 'utf8'));
  const language = recordLanguages(folder);
  const report = evaluate({ runs, qrels, targetKind: kind, language });
  return { dataset, report, runs, timings, pools, qrels, targetKind: kind, language };
}

export interface CrossValidationRun {
  dataset: string;
  folds: number;
  seed: number;
  results: FoldResult[];
}

/** k-fold cross-validation of the calibration over the pools of an evaluation run (see domain/cross-validation). */
export function crossValidateRun(
  run: EvaluationRun,
  folds: number,
  seed: number,
  fit?: FitOptions,
): CrossValidationRun {
  const results = crossValidate({
    pools: run.pools,
    qrels: run.qrels,
    targetKind: run.targetKind,
    language: run.language,
    folds,
    seed,
    fit,
  });
  return { dataset: run.dataset, folds, seed, results };
}

const SUBSET_NAMES: Record<(typeof SUBSETS)[number], string> = {
  overall: 'all',
  achievements: 'achievements',
  experts: 'experts',
  crossLanguage: 'cross-language',
};

/** The cross-validated table (uncalibrated m5 and calibrated, on the same test folds), then the JSON line. */
export function formatCrossValidation(cv: CrossValidationRun): string {
  const f = (v: number) => v.toFixed(4);
  const lines = [
    `${cv.folds}-fold cross-validation over demands (seed ${cv.seed}); calibration and threshold fit on the training folds only`,
    `${'subset'.padEnd(15)} ${'demands'.padStart(7)}  ${'m5 nDCG@10 mean ± sd'.padEnd(21)}  ${'calibrated nDCG@10 mean ± sd'.padEnd(28)}  ${'recall@20'.padStart(9)}  ${'MRR@10'.padStart(6)}`,
  ];
  for (const subset of SUBSETS) {
    const base = summarise(cv.results, (r) => r.baseline, subset);
    const cal = summarise(cv.results, (r) => r.calibrated, subset);
    if (cal.demands === 0) {
      lines.push(`${SUBSET_NAMES[subset].padEnd(15)} ${'0'.padStart(7)}  n/a`);
      continue;
    }
    lines.push(
      `${SUBSET_NAMES[subset].padEnd(15)} ${String(cal.demands).padStart(7)}  ` +
        `${`${f(base.pooled.ndcg10)} (${f(base.ndcgMean)} ± ${f(base.ndcgSd)})`.padEnd(21)}  ` +
        `${`${f(cal.pooled.ndcg10)} (${f(cal.ndcgMean)} ± ${f(cal.ndcgSd)})`.padEnd(28)}  ` +
        `${f(cal.pooled.recall20).padStart(9)}  ${f(cal.pooled.mrr10).padStart(6)}` +
        (cal.folds < cv.results.length ? `  (${cal.folds} folds)` : ''),
    );
  }
  const t = cv.results.map((r) => r.threshold);
  const avg = (pick: (x: (typeof t)[number]) => number) => t.reduce((s, x) => s + pick(x), 0) / t.length;
  lines.push(
    `(figures: per-demand average over all test folds; in brackets mean ± sd of the ${cv.results.length} fold averages)`,
    `threshold per fold: ${cv.results.map((r) => r.calibration.threshold.toFixed(3)).join(' ')}; on the test folds ` +
      `kept ${avg((x) => x.keptPerDemand).toFixed(1)} matches per demand, precision ${f(avg((x) => x.precision))}, ` +
      `recall ${f(avg((x) => x.recall))}, demands left with none ${t.reduce((s, x) => s + x.emptyDemands, 0)}`,
  );
  const overall = summarise(cv.results, (r) => r.calibrated, 'overall');
  const baseline = summarise(cv.results, (r) => r.baseline, 'overall');
  lines.push(
    JSON.stringify({
      dataset: cv.dataset,
      demands: overall.demands,
      folds: cv.folds,
      ndcg10: round(overall.pooled.ndcg10),
      recall20: round(overall.pooled.recall20),
      mrr10: round(overall.pooled.mrr10),
      ndcg10Sd: round(overall.ndcgSd),
      uncalibratedNdcg10: round(baseline.pooled.ndcg10),
    }),
  );
  return lines.join('\n');
}

/** The printed table, then (last line) the JSON summary the evaluation README asks for. */
export function formatEvaluation(run: EvaluationRun): string {
  // A subset with no demand (no experts judged, no cross-language demand) has no figure, not a zero.
  const figure = (m: MetricsRow, value: number, width: number) =>
    (m.demands === 0 ? 'n/a' : value.toFixed(4)).padStart(width);
  const row = (name: string, m: MetricsRow) =>
    `${name.padEnd(16)} ${String(m.demands).padStart(7)} ${figure(m, m.ndcg10, 8)} ${figure(m, m.recall20, 9)} ${figure(m, m.mrr10, 7)}`;
  const { report } = run;
  const lines = [
    `${'subset'.padEnd(16)} ${'demands'.padStart(7)} ${'nDCG@10'.padStart(8)} ${'recall@20'.padStart(9)} ${'MRR@10'.padStart(7)}`,
    row('all', report.overall),
    row('achievements', report.achievements),
    row('experts', report.experts),
    row('cross-language', report.crossLanguage),
    `timings (ms): ${Object.entries(run.timings)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    JSON.stringify({
      dataset: run.dataset,
      demands: report.overall.demands,
      ndcg10: round(report.overall.ndcg10),
      recall20: round(report.overall.recall20),
      mrr10: round(report.overall.mrr10),
    }),
  ];
  return lines.join('\n');
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;
