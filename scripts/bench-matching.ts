/**
 * npm run bench:matching [-- --scale 0.1]
 * Synthetic catalogue (100k achievements + 20k experts at scale 1) in a private Meilisearch: latency of matching one
 * demand (p50/p95 over 1,000 demands) on the keep-alive node:http transport and on Node's global fetch, then the
 * throughput of a full rematch of 10,000 open demands (ranking, 2 at a time) and the peak RSS of this process.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, createMeiliClient } from '@app/core';
import { startMeilisearch } from '@app/dev-services';
import { MatchDemand, MatchingEngine } from '@app/matching';
import { ACHIEVEMENT_INDEX, EXPERT_INDEX, localizedFieldsOf, meilisearchSettings, toMeilisearchSynonyms } from '@app/search';
import { Meilisearch } from 'meilisearch';

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const scale = arg('scale', 1);

// A deterministic generator: topics are combinations of domain words, so queries have realistic overlaps.
let seed = 42;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
const ZH = ('锂电池 电解液 低温 无人机 巡检 激光雷达 机器视觉 缺陷检测 边缘计算 传感器 光纤光栅 挠度 桥梁 健康监测 发酵 菌种 合成生物 ' +
  '降解 塑料 催化剂 芯片 封装 晶圆 良率 焊接 机器人 外骨骼 康复 心电 影像 算法 深度学习 强化学习 调度 能耗 储能 光伏 逆变器 ' +
  '氢能 燃料电池 污水 挥发性有机物 除臭 土壤 修复 育种 灌溉 粮食 温度 测温 定位 导航 通信 射频 天线 标签 区块链 隐私计算').split(' ');
const EN = ('battery electrolyte low temperature drone inspection lidar machine vision defect detection edge computing sensor fiber grating ' +
  'bridge monitoring fermentation strain synthetic biology degradable plastic catalyst chip packaging wafer yield welding robot ' +
  'rehabilitation ecg imaging algorithm deep learning scheduling energy storage photovoltaic inverter hydrogen wastewater soil irrigation ' +
  'positioning navigation antenna rfid tag blockchain privacy').split(' ');
const sentence = (words: readonly string[], n: number, sep: string) => Array.from({ length: n }, () => pick(words)).join(sep);
const english = () => random() < 0.1;

function achievement(i: number) {
  const en = english();
  const words = en ? EN : ZH;
  const sep = en ? ' ' : '';
  return {
    id: `a${i}`,
    ...localizedFieldsOf('title', [sentence(words, 4, sep)]),
    ...localizedFieldsOf('summary', [sentence(words, 60, en ? ' ' : '，')]),
    keywords: Array.from({ length: 4 }, () => pick(words)),
    industryCodes: [`I${i % 13}`],
    trl: 1 + (i % 9),
    price: i % 5 === 0 ? null : 10 + (i % 300),
    updatedAt: Date.now(),
  };
}
function expert(i: number) {
  const en = english();
  const words = en ? EN : ZH;
  return {
    id: `e${i}`,
    name: `expert ${i}`,
    ...localizedFieldsOf('expertise', [sentence(words, 4, en ? ', ' : '，')]),
    ...localizedFieldsOf('bio', [sentence(words, 30, en ? ' ' : '，')]),
    updatedAt: Date.now(),
  };
}
function demand(i: number): MatchDemand {
  const en = english();
  const words = en ? EN : ZH;
  return { id: `d${i}`, title: sentence(words, 4, en ? ' ' : ''), description: sentence(words, 40, en ? ' ' : '，'), industry: `I${i % 13}`, budgetWan: 100 };
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];

async function main() {
  const achievements = Math.round(100_000 * scale);
  const experts = Math.round(20_000 * scale);
  const latencyDemands = Math.round(1_000 * Math.max(scale, 0.1));
  const rematchDemands = Math.round(10_000 * Math.max(scale, 0.1));
  const dataDir = mkdtempSync(join(tmpdir(), 'tt-bench-meili-'));
  const meili = await startMeilisearch({ dataDir });
  const keepAlive = createMeiliClient(meili.url, meili.masterKey);
  const fetchClient = new Meilisearch({ host: meili.url, apiKey: meili.masterKey });
  const config = { MEILI_INDEX_PREFIX: 'bench_' } as AppConfig;
  try {
    const started = performance.now();
    const synonyms = toMeilisearchSynonyms();
    for (const [definition, count, make] of [
      [ACHIEVEMENT_INDEX, achievements, achievement],
      [EXPERT_INDEX, experts, expert],
    ] as const) {
      const uid = `bench_${definition.baseName}`;
      await keepAlive.client.createIndex(uid, { primaryKey: 'id' }).waitTask();
      await keepAlive.client.index(uid).updateSettings(meilisearchSettings(definition, synonyms)).waitTask({ timeout: 600_000 });
      for (let offset = 0; offset < count; offset += 10_000) {
        const batch = Array.from({ length: Math.min(10_000, count - offset) }, (_, k) => make(offset + k));
        await keepAlive.client.index(uid).addDocuments(batch).waitTask({ timeout: 3_600_000, interval: 500 });
      }
    }
    console.log(`indexed ${achievements} achievements + ${experts} experts in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const engine = new MatchingEngine(keepAlive.client, config);
    const statsStarted = performance.now();
    await engine.refreshCorpusStats();
    console.log(`corpus statistics in ${((performance.now() - statsStarted) / 1000).toFixed(1)} s`);
    const fetchEngine = new MatchingEngine(fetchClient, config);
    await fetchEngine.refreshCorpusStats();

    const demands = Array.from({ length: latencyDemands }, (_, i) => demand(i));
    for (const [name, e] of [
      ['keep-alive node:http', engine],
      ['global fetch', fetchEngine],
    ] as const) {
      const times: number[] = [];
      for (const d of demands) {
        const t = performance.now();
        await e.rank(d, { limit: 100 });
        times.push(performance.now() - t);
      }
      console.log(`match one demand [${name}]: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms over ${times.length}`);
    }

    const rematch = Array.from({ length: rematchDemands }, (_, i) => demand(100_000 + i));
    const rematchStarted = performance.now();
    let next = 0;
    await Promise.all(
      [0, 1].map(async () => {
        while (next < rematch.length) await engine.rank(rematch[next++], { limit: 30 });
      }),
    );
    const seconds = (performance.now() - rematchStarted) / 1000;
    console.log(
      `full rematch: ${rematch.length} demands in ${seconds.toFixed(1)} s = ${(rematch.length / seconds).toFixed(1)} demands/s (2 concurrent); peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
    );
  } finally {
    keepAlive.close();
    await meili.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
