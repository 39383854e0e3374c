/**
 * npm run eval:search-segmentation
 * Does a field pre-segmented with @node-rs/jieba (plus the domain dictionary's Chinese terms) improve search over
 * Meilisearch's own Chinese segmentation? For each multi-character domain term, one target document uses the term
 * and one distractor contains its halves apart; we query the term and a half of it, with and without the extra field.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { createMeiliClient } from '@app/core';
import { startMeilisearch } from '@app/dev-services';
import { ACHIEVEMENT_INDEX, awaitTasks, meilisearchSettings, toMeilisearchSynonyms } from '@app/search';

const TERMS = [
  '无人机',
  '低空飞行器',
  '锂离子电池',
  '碳化硅',
  '光刻胶',
  '集成电路',
  '钙钛矿',
  '固态电解质',
  '燃料电池',
  '激光雷达',
  '机器视觉',
  '边缘计算',
  '数字孪生',
  '工业互联网',
  '石墨烯',
  '碳纤维',
  '外骨骼',
  '合成生物',
  '储能电站',
  '逆变器',
  '氢燃料',
  '隐私计算',
  '区块链',
  '大模型',
  '自动驾驶',
  '减速器',
  '伺服电机',
  '数控机床',
  '靶向药物',
  '基因编辑',
];

function segmenter(): Jieba {
  const jieba = Jieba.withDict(dict);
  // Domain terms as dictionary words (high frequency so they win over their parts).
  jieba.loadDict(Buffer.from(TERMS.map((term) => `${term} 100000 n`).join('\n')));
  return jieba;
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'tt-eval-seg-'));
  const server = await startMeilisearch({ dataDir });
  const { client, close } = createMeiliClient(server.url, server.masterKey);
  const jieba = segmenter();
  try {
    const docs = TERMS.flatMap((term, i) => {
      const half = Math.ceil(term.length / 2);
      const [head, tail] = [term.slice(0, half), term.slice(half)];
      return [
        {
          id: `t${i}`,
          title_zh: `一种基于${term}的高效检测方法`,
          summary_zh: `本成果涉及${term}领域的关键技术与产业化应用。`,
        },
        {
          id: `d${i}`,
          title_zh: `${head}相关材料的制备工艺`,
          summary_zh: `研究${head}问题，并讨论其他${tail}方面的改进。`,
        },
      ];
    });
    const withTerms = docs.map((doc) => ({
      ...doc,
      terms_zh: [
        ...new Set(
          jieba.cutForSearch(`${doc.title_zh} ${doc.summary_zh}`, false).filter((t) => /\p{Script=Han}/u.test(t)),
        ),
      ].join(' '),
    }));
    const settings = meilisearchSettings(ACHIEVEMENT_INDEX, toMeilisearchSynonyms());
    const variants = [
      { uid: 'baseline', docs, searchable: settings.searchableAttributes },
      { uid: 'jieba', docs: withTerms, searchable: [...settings.searchableAttributes, 'terms_zh'] },
    ];
    for (const variant of variants) {
      await awaitTasks(client, [
        client.index(variant.uid).updateSettings({ ...settings, searchableAttributes: variant.searchable }),
      ]);
      await awaitTasks(client, [client.index(variant.uid).addDocuments(variant.docs, { primaryKey: 'id' })]);
    }
    const measure = async (uid: string, query: (term: string) => string) => {
      let top1 = 0;
      let distractors = 0;
      let found = 0;
      for (const [i, term] of TERMS.entries()) {
        const { hits } = await client.index(uid).search(query(term), { limit: 10, locales: ['cmn'] });
        const ids = hits.map((hit) => String(hit.id));
        if (ids[0] === `t${i}`) top1++;
        if (ids.includes(`t${i}`)) found++;
        if (ids.includes(`d${i}`)) distractors++;
      }
      return { top1, found, distractors };
    };
    const queries = {
      'whole term': (term: string) => term,
      'first half': (term: string) => term.slice(0, Math.ceil(term.length / 2)),
    };
    console.log(`${TERMS.length} domain terms; target doc uses the term, distractor has its halves apart`);
    for (const [name, query] of Object.entries(queries)) {
      for (const variant of variants) {
        const { top1, found, distractors } = await measure(variant.uid, query);
        console.log(
          `${name.padEnd(11)} ${variant.uid.padEnd(9)} target first ${top1}/${TERMS.length}, target found ${found}/${TERMS.length}, distractor matched ${distractors}/${TERMS.length}`,
        );
      }
    }
  } finally {
    close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
