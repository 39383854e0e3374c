/**
 * npm run bench:matching [-- --scale 0.1]
 * Synthetic catalogue (100k achievements + 20k experts at scale 1) in a private Meilisearch: latency of matching one
 * demand (p50/p95 over 1,000 demands) on the keep-alive node:http transport and on Node's global fetch, then the
 * throughput of a full rematch of 10,000 open demands (ranking, 2 at a time, as the worker's matching queue runs)
 * in a child process holding only the engine, as the worker does, and that process's peak RSS.
 * Options: --corpus zipf|uniform, --data-dir <dir> (keep the index between runs), --demands N, --rematch N,
 * --skip-fetch (only the keep-alive transport). Each latency line prints the mean time per engine phase.
 */
import 'reflect-metadata';
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, createMeiliClient } from '@app/core';
import { startMeilisearch } from '@app/dev-services';
import { MatchDemand, MatchingEngine, RankTimings } from '@app/matching';
import {
  ACHIEVEMENT_INDEX,
  EXPERT_INDEX,
  localizedFieldsOf,
  meilisearchSettings,
  toMeilisearchSynonyms,
} from '@app/search';
import { Meilisearch } from 'meilisearch';
import { dict } from '@node-rs/jieba/dict';

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const scale = arg('scale', 1);

// A deterministic generator.
// mulberry32 (an LCG in doubles loses precision past 2^53 and can fall into a short cycle).
let seed = 42;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
const ZH = (
  '锂电池 电解液 低温 无人机 巡检 激光雷达 机器视觉 缺陷检测 边缘计算 传感器 光纤光栅 挠度 桥梁 健康监测 发酵 菌种 合成生物 ' +
  '降解 塑料 催化剂 芯片 封装 晶圆 良率 焊接 机器人 外骨骼 康复 心电 影像 算法 深度学习 强化学习 调度 能耗 储能 光伏 逆变器 ' +
  '氢能 燃料电池 污水 挥发性有机物 除臭 土壤 修复 育种 灌溉 粮食 温度 测温 定位 导航 通信 射频 天线 标签 区块链 隐私计算'
).split(' ');
const EN = (
  'battery electrolyte low temperature drone inspection lidar machine vision defect detection edge computing sensor fiber grating ' +
  'bridge monitoring fermentation strain synthetic biology degradable plastic catalyst chip packaging wafer yield welding robot ' +
  'rehabilitation ecg imaging algorithm deep learning scheduling energy storage photovoltaic inverter hydrogen wastewater soil irrigation ' +
  'positioning navigation antenna rfid tag blockchain privacy'
).split(' ');

/**
 * `--corpus uniform` (the first version): every text is drawn uniformly from the 60 domain words above, so every
 * query word occurs in most documents — a worst case no real catalogue has. `--corpus zipf` (default): real
 * Chinese nouns from jieba's dictionary (20,000, Zipf-distributed by their dictionary frequency) and as many
 * synthetic English words, plus topics (a few mid-frequency words and one domain word each) that give documents
 * and demands a subject, as a real catalogue has. Domain words keep the synonym/glossary expansions exercised.
 */
const corpusKind = process.argv.includes('--corpus') ? process.argv[process.argv.indexOf('--corpus') + 1] : 'zipf';

function zipfSampler(words: readonly string[], exponent = 1) {
  const cumulative: number[] = [];
  let total = 0;
  words.forEach((_, rank) => cumulative.push((total += 1 / (rank + 1) ** exponent)));
  return () => {
    const target = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    return words[lo];
  };
}

function chineseVocabulary(size: number): string[] {
  const entries = Buffer.from(dict)
    .toString('utf8')
    .split('\n')
    .map((line) => line.split(' '))
    .filter(
      ([word, freq, tag]) =>
        /^\p{Script=Han}{2,4}$/u.test(word ?? '') && Number(freq) > 0 && /^(n|nz|vn)$/.test(tag ?? ''),
    )
    .map(([word, freq]) => ({ word, freq: Number(freq) }));
  entries.sort((a, b) => b.freq - a.freq || a.word.localeCompare(b.word));
  return entries.slice(0, size).map((e) => e.word);
}

function englishVocabulary(size: number): string[] {
  const onsets = [
    'b',
    'c',
    'd',
    'f',
    'g',
    'h',
    'l',
    'm',
    'n',
    'p',
    'r',
    's',
    't',
    'v',
    'tr',
    'st',
    'pl',
    'gr',
    'ch',
    'th',
  ];
  const vowels = ['a', 'e', 'i', 'o', 'u', 'io', 'ea', 'ou'];
  const codas = ['', 'n', 'r', 's', 't', 'l', 'm', 'x', 'nd', 'st'];
  const words = new Set<string>();
  while (words.size < size) {
    const syllables = 2 + Math.floor(random() * 2);
    words.add(Array.from({ length: syllables }, () => pick(onsets) + pick(vowels) + pick(codas)).join(''));
  }
  return [...words];
}

interface Language {
  background: () => string;
  topics: string[][];
  domain: readonly string[];
  sep: string;
  listSep: string;
}
const TOPICS = 2_000;
function language(vocabulary: string[], domain: readonly string[], sep: string, listSep: string): Language {
  // Topic words come from the middle and tail of the distribution (subjects are specific, not the commonest words).
  const specific = vocabulary.slice(500);
  const topics = Array.from({ length: TOPICS }, () => [
    ...Array.from({ length: 8 }, () => pick(specific)),
    pick(domain),
  ]);
  return { background: zipfSampler(vocabulary), topics, domain, sep, listSep };
}
/** The rematch child (see rematchInChild) ranks the demands it is given and generates nothing. */
const REMATCH_CHILD = process.argv.includes('--rematch-child');
const languages =
  corpusKind === 'uniform' || REMATCH_CHILD
    ? null
    : { zh: language(chineseVocabulary(20_000), ZH, '', '，'), en: language(englishVocabulary(20_000), EN, ' ', ' ') };

/** `n` words: a share `topical` from the topic, the rest from the background distribution. */
function text(n: number, en: boolean, topic: number, topical: number, sep?: string): string {
  if (!languages) return Array.from({ length: n }, () => pick(en ? EN : ZH)).join(sep ?? (en ? ' ' : '，'));
  const lang = en ? languages.en : languages.zh;
  const words = Array.from({ length: n }, () => (random() < topical ? pick(lang.topics[topic]) : lang.background()));
  return words.join(sep ?? lang.listSep);
}
const english = () => random() < 0.1;
const topicOf = () => Math.floor(random() * TOPICS);

function achievement(i: number) {
  const en = english();
  const topic = topicOf();
  return {
    id: `a${i}`,
    ...localizedFieldsOf('title', [text(4, en, topic, 0.75, en ? ' ' : '')]),
    ...localizedFieldsOf('summary', [text(60, en, topic, 0.3)]),
    keywords: text(4, en, topic, 0.75, '\u0000').split('\u0000'),
    industryCodes: [`I${i % 13}`],
    trl: 1 + (i % 9),
    price: i % 5 === 0 ? null : 10 + (i % 300),
    updatedAt: Date.now(),
  };
}
function expert(i: number) {
  const en = english();
  const topic = topicOf();
  return {
    id: `e${i}`,
    name: `expert ${i}`,
    ...localizedFieldsOf('expertise', [text(4, en, topic, 0.75, en ? ', ' : '，')]),
    ...localizedFieldsOf('bio', [text(30, en, topic, 0.3)]),
    updatedAt: Date.now(),
  };
}
function demand(i: number): MatchDemand {
  const en = english();
  const topic = topicOf();
  return {
    id: `d${i}`,
    title: text(4, en, topic, 0.5, en ? ' ' : ''),
    description: text(40, en, topic, 0.2),
    industry: `I${i % 13}`,
    budgetWan: 100,
  };
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];

const flag = (name: string) => process.argv.includes(`--${name}`);

async function main() {
  const achievements = Math.round(100_000 * scale);
  const experts = Math.round(20_000 * scale);
  const latencyDemands = arg('demands', Math.round(1_000 * Math.max(scale, 0.1)));
  const rematchDemands = arg('rematch', Math.round(10_000 * Math.max(scale, 0.1)));
  // --data-dir keeps the index between runs (it is reused when it already holds the same number of documents).
  const keptDir = process.argv.includes('--data-dir') ? process.argv[process.argv.indexOf('--data-dir') + 1] : null;
  const dataDir = keptDir ?? mkdtempSync(join(tmpdir(), 'tt-bench-meili-'));
  if (keptDir) mkdirSync(keptDir, { recursive: true });
  const meili = await startMeilisearch({ dataDir });
  const keepAlive = createMeiliClient(meili.url, meili.masterKey);
  const fetchClient = new Meilisearch({ host: meili.url, apiKey: meili.masterKey });
  const config = { MEILI_INDEX_PREFIX: 'bench_' } as AppConfig;
  console.log(
    `corpus: ${corpusKind}; scale ${scale}; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  try {
    const started = performance.now();
    const synonyms = toMeilisearchSynonyms();
    for (const [definition, count, make] of [
      [ACHIEVEMENT_INDEX, achievements, achievement],
      [EXPERT_INDEX, experts, expert],
    ] as const) {
      const uid = `bench_${definition.baseName}`;
      const existing = await keepAlive.client
        .index(uid)
        .getStats()
        .catch(() => null);
      if (existing?.numberOfDocuments === count) {
        for (let k = 0; k < count; k++) make(k); // keeps the generator's sequence identical to a fresh run
        continue;
      }
      if (existing) await keepAlive.client.deleteIndex(uid).waitTask();
      await keepAlive.client.createIndex(uid, { primaryKey: 'id' }).waitTask();
      await keepAlive.client
        .index(uid)
        .updateSettings(meilisearchSettings(definition, synonyms))
        .waitTask({ timeout: 600_000 });
      for (let offset = 0; offset < count; offset += 10_000) {
        const batch = Array.from({ length: Math.min(10_000, count - offset) }, (_, k) => make(offset + k));
        await keepAlive.client.index(uid).addDocuments(batch).waitTask({ timeout: 3_600_000, interval: 500 });
      }
    }
    console.log(
      `indexed ${achievements} achievements + ${experts} experts in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    const engine = new MatchingEngine(keepAlive.client, config);
    const statsStarted = performance.now();
    await engine.refreshCorpusStats();
    console.log(`corpus statistics in ${((performance.now() - statsStarted) / 1000).toFixed(1)} s`);

    const demands = Array.from({ length: latencyDemands }, (_, i) => demand(i));
    const engines: Array<[string, MatchingEngine]> = [['keep-alive node:http', engine]];
    if (!flag('skip-fetch')) {
      const fetchEngine = new MatchingEngine(fetchClient, config);
      await fetchEngine.refreshCorpusStats();
      engines.push(['global fetch', fetchEngine]);
    }
    for (const [name, e] of engines) {
      const times: number[] = [];
      const byLanguage: Record<string, number[]> = { zh: [], en: [] };
      const phases: RankTimings = {};
      for (const d of demands) {
        const timings: RankTimings = {};
        const t = performance.now();
        await e.rank(d, { limit: 100, timings });
        times.push(performance.now() - t);
        byLanguage[/\p{Script=Han}/u.test(d.title) ? 'zh' : 'en'].push(times[times.length - 1]);
        for (const [phase, ms] of Object.entries(timings)) phases[phase] = (phases[phase] ?? 0) + ms;
      }
      const summary = (values: number[]) =>
        values.length === 0
          ? 'none'
          : `p50 ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms over ${values.length}`;
      console.log(
        `match one demand [${name}]: ${summary(times)}; load average ${loadavg()[0].toFixed(2)}` +
          ` (Chinese demands ${summary(byLanguage.zh)}; English ${summary(byLanguage.en)})`,
      );
      // Per demand, averaged: milliseconds per phase (counts for *.queries, *.docs and candidates).
      console.log(
        `  phases (mean per demand): ${Object.entries(phases)
          .map(([phase, v]) => `${phase} ${(v / times.length).toFixed(1)}`)
          .join(', ')}`,
      );
    }

    const rematch = Array.from({ length: rematchDemands }, (_, i) => demand(100_000 + i));
    const result = await rematchInChild(rematch, meili.url, meili.masterKey);
    console.log(
      `full rematch: ${rematch.length} demands in ${result.seconds.toFixed(1)} s = ${(rematch.length / result.seconds).toFixed(1)} demands/s (2 concurrent); matching process: peak RSS ${result.peakRssMb.toFixed(0)} MB, live heap at the end ${result.liveHeapMb.toFixed(0)} MB, ${result.statsRssMb.toFixed(0)} MB after reading the corpus statistics (${result.statsSeconds.toFixed(1)} s); load average ${loadavg()[0].toFixed(2)}`,
    );
    console.log(
      `peak RSS of this process (generator, both engines): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
    );
  } finally {
    keepAlive.close();
    await meili.stop();
    if (!keptDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

interface RematchResult {
  seconds: number;
  statsSeconds: number;
  /** RSS once the corpus statistics are read, before any demand. */
  statsRssMb: number;
  peakRssMb: number;
  /** Heap in use after a full collection at the end (the statistics and the analysis cache, mostly). */
  liveHeapMb: number;
}

/**
 * The full rematch in a process of its own, as the worker runs it: it reads the corpus statistics, then ranks
 * every demand two at a time (the matching queue's concurrency). Its peak RSS is the engine's (statistics,
 * analysis cache), not the generator's.
 */
async function rematchInChild(demands: MatchDemand[], url: string, key: string) {
  const file = join(mkdtempSync(join(tmpdir(), 'tt-bench-rematch-')), 'demands.json');
  writeFileSync(file, JSON.stringify(demands));
  try {
    const child = fork(__filename, ['--rematch-child', file], {
      env: { ...process.env, BENCH_MEILI_URL: url, BENCH_MEILI_KEY: key },
      // --expose-gc: the live heap is measured after a full collection at the end.
      execArgv: [...process.execArgv, '--expose-gc'],
    });
    return await new Promise<RematchResult>((resolve, reject) => {
      child.once('message', (message) => resolve(message as RematchResult));
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`rematch child exited with ${code}`)));
    });
  } finally {
    rmSync(join(file, '..'), { recursive: true, force: true });
  }
}

async function rematchChild(file: string) {
  const demands = JSON.parse(readFileSync(file, 'utf8')) as MatchDemand[];
  const { client, close } = createMeiliClient(process.env.BENCH_MEILI_URL!, process.env.BENCH_MEILI_KEY!);
  try {
    const engine = new MatchingEngine(client, { MEILI_INDEX_PREFIX: 'bench_' } as AppConfig);
    const statsStarted = performance.now();
    await engine.refreshCorpusStats();
    const statsSeconds = (performance.now() - statsStarted) / 1000;
    const statsRssMb = process.memoryUsage().rss / 1024 / 1024;
    const started = performance.now();
    let next = 0;
    await Promise.all(
      [0, 1].map(async () => {
        while (next < demands.length) await engine.rank(demands[next++], { limit: 30 });
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    (globalThis as { gc?: () => void }).gc?.();
    const result: RematchResult = {
      seconds,
      liveHeapMb: process.memoryUsage().heapUsed / 1024 / 1024,
      statsSeconds,
      statsRssMb,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    };
    await new Promise((resolve) => process.send!(result, resolve));
  } finally {
    close();
  }
}

(REMATCH_CHILD ? rematchChild(process.argv[process.argv.indexOf('--rematch-child') + 1]) : main()).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
