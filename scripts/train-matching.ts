/**
 * npm run matching:train -- <pools.json> [<pools.json> …] [--write]
 * Refits the calibration (per-type logistic weights and the storing threshold) from judged datasets. Each file
 * comes from `npm run eval:matching -- <dataset> --pools-out <file>` (every demand's candidates with the engine's
 * features, and the judgements; keep these files outside the project). Prints, per dataset, the 5-fold
 * cross-validated nDCG@10 of the uncalibrated m5 score, of the committed weights and of the refit (fit on the
 * training folds of all datasets together, each dataset weighing the same), then fits on everything.
 * With --write, the new weights replace libs/matching/src/domain/calibration-weights.ts only when the refit's
 * cross-validated nDCG@10 is at least the one recorded with the committed weights, on every dataset. The first file's dataset gives
 * the intercept (base rate of relevance) of the committed model: put the tech-transfer dataset first.
 * Not yet: the product's own signals (declined matches, accepted introductions, deals).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  Calibration,
  DEFAULT_FOLD_SEED,
  evaluate,
  fitCalibration,
  FITTED_CALIBRATION,
  JudgedCandidate,
  MatchTargetType,
  rankPool,
  splitFolds,
  trainTestSplits,
} from '@app/matching';

const FOLDS = 5;

interface Dataset {
  name: string;
  pools: Map<string, JudgedCandidate[]>;
  qrels: Map<string, Map<string, number>>;
  targetKind: Map<string, 'achievement' | 'expert'>;
  language: Map<string, string>;
}

function load(file: string): Dataset {
  const data = JSON.parse(readFileSync(file, 'utf8')) as {
    dataset?: string;
    pools: Array<[string, JudgedCandidate[]]>;
    qrels: Array<[string, Array<[string, number]>]>;
    language?: Array<[string, string]>;
  };
  // Ids are prefixed with the dataset, so that several datasets can be fit together.
  const name = data.dataset ?? basename(file);
  const id = (raw: string) => `${name}/${raw}`;
  const pools = new Map(
    data.pools.map(([demand, pool]) => [id(demand), pool.map((c) => ({ ...c, id: id(c.id) }))] as const),
  );
  const qrels = new Map(
    data.qrels.map(([demand, judged]) => [id(demand), new Map(judged.map(([t, g]) => [id(t), g]))] as const),
  );
  const targetKind = new Map<string, 'achievement' | 'expert'>();
  for (const pool of pools.values())
    for (const c of pool) targetKind.set(c.id, c.type === MatchTargetType.EXPERT ? 'expert' : 'achievement');
  const language = new Map((data.language ?? []).map(([k, v]) => [id(k), v] as const));
  return { name, pools, qrels, targetKind, language };
}

const judgedIds = (d: Dataset) => [...d.qrels].filter(([, j]) => [...j.values()].some((g) => g > 0)).map(([i]) => i);

function main() {
  const files = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  if (files.length === 0) throw new Error('usage: npm run matching:train -- <pools.json> … [--write]');
  const datasets = files.map(load);
  const pools = new Map(datasets.flatMap((d) => [...d.pools]));
  const qrels = new Map(datasets.flatMap((d) => [...d.qrels]));
  const demandWeight = new Map(datasets.flatMap((d) => judgedIds(d).map((id) => [id, 1 / judgedIds(d).length])));
  const group = new Map(datasets.flatMap((d) => judgedIds(d).map((id) => [id, d.name] as const)));
  // The committed model uses the intercept of the first dataset (the catalogue the product resembles: dev-zh).
  const fit = { demandWeight, group, referenceGroup: datasets[0].name };

  // Folds within each dataset (the same split as eval:matching --folds 5), trained on all datasets' other folds.
  const splits = datasets.map((d) => trainTestSplits(splitFolds(judgedIds(d), FOLDS, DEFAULT_FOLD_SEED)));
  const figures = new Map<string, { m5: number; committed: number; refit: number; subsets: string }>();
  const ndcg = (d: Dataset, tests: string[], c: Calibration | null) => {
    const runs = new Map(tests.map((id) => [id, rankPool(d.pools.get(id) ?? [], c).map((r) => r.c.id)]));
    return evaluate({
      runs,
      qrels: new Map(tests.map((id) => [id, d.qrels.get(id)!])),
      targetKind: d.targetKind,
      language: d.language,
    });
  };
  const sums = datasets.map(() => ({ m5: 0, committed: 0, refit: 0, n: 0, a: 0, e: 0, na: 0, ne: 0, x: 0, nx: 0 }));
  for (let fold = 0; fold < FOLDS; fold++) {
    const train = splits.flatMap((s) => s[fold].train);
    const calibration = fitCalibration(pools, qrels, train, fit);
    datasets.forEach((d, i) => {
      const test = splits[i][fold].test;
      const m5 = ndcg(d, test, null).overall;
      const committed = ndcg(d, test, FITTED_CALIBRATION).overall;
      const refit = ndcg(d, test, calibration);
      const s = sums[i];
      s.m5 += m5.ndcg10 * m5.demands;
      s.committed += committed.ndcg10 * committed.demands;
      s.refit += refit.overall.ndcg10 * refit.overall.demands;
      s.n += refit.overall.demands;
      s.a += refit.achievements.ndcg10 * refit.achievements.demands;
      s.na += refit.achievements.demands;
      s.e += refit.experts.ndcg10 * refit.experts.demands;
      s.ne += refit.experts.demands;
      s.x += refit.crossLanguage.ndcg10 * refit.crossLanguage.demands;
      s.nx += refit.crossLanguage.demands;
    });
  }
  const f = (v: number, n: number) => (n ? (v / n).toFixed(4) : 'n/a');
  console.log(
    `${FOLDS}-fold cross-validated nDCG@10 (fit on the training folds of ${datasets.map((d) => d.name).join(' + ')})`,
  );
  console.log(
    'dataset          demands  m5 (uncalibrated)  committed weights  refit   achievements  experts  cross-language',
  );
  datasets.forEach((d, i) => {
    const s = sums[i];
    figures.set(d.name, { m5: s.m5 / s.n, committed: s.committed / s.n, refit: s.refit / s.n, subsets: '' });
    console.log(
      `${d.name.padEnd(16)} ${String(s.n).padStart(7)}  ${f(s.m5, s.n).padStart(17)}  ${f(s.committed, s.n).padStart(17)}  ${f(s.refit, s.n)}  ${f(s.a, s.na).padStart(12)}  ${f(s.e, s.ne).padStart(7)}  ${f(s.x, s.nx).padStart(14)}`,
    );
  });
  console.log(
    '(committed weights were fit on these datasets as a whole: their figure is in-sample, not a test figure)',
  );

  const all = [...demandWeight.keys()];
  const calibration = fitCalibration(pools, qrels, all, fit);
  console.log('refit on everything:', JSON.stringify(calibration));
  if (!process.argv.includes('--write')) return;
  // Procedure against procedure: the refit's cross-validated figures against those recorded with the committed
  // weights (their own figure on these data is in-sample).
  const recorded = FITTED_CALIBRATION.crossValidatedNdcg10;
  const better = [...figures].every(([name, x]) => x.refit >= (recorded[name] ?? 0) - 5e-5);
  if (!better) {
    console.log(`not written: the refit's cross-validated nDCG@10 is below the committed ${JSON.stringify(recorded)}`);
    return;
  }
  const target = join(__dirname, '..', 'libs', 'matching', 'src', 'domain', 'calibration-weights.ts');
  const cv = Object.fromEntries([...figures].map(([k, v]) => [k, Math.round(v.refit * 10_000) / 10_000]));
  writeFileSync(
    target,
    `// Written by \`npm run matching:train\`; do not edit by hand (see libs/matching/README.md, "Calibration").\n` +
      `import { FittedCalibration } from './calibration';\n\n` +
      `export const FITTED_CALIBRATION: FittedCalibration = ${JSON.stringify(
        { ...calibration, fittedOn: datasets.map((d) => d.name), crossValidatedNdcg10: cv },
        null,
        2,
      )};\n`,
  );
  console.log(`written ${target}`);
}

main();
