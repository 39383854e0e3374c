/**
 * The synthetic corpus of the search benchmarks (`bench:search`, and `bench:web`'s 100,000-listing index):
 * achievements, experts and demands generated from word lists (80 % Chinese, 20 % English) with a fixed seed,
 * bulk-inserted as JSON batches straight into a migrated scratch database (no outbox rows: index with a reindex).
 */
import { Client } from 'pg';

let seed = 7;
export const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
export const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
export const ZH = (
  '锂电池 电解液 低温 无人机 巡检 激光雷达 机器视觉 缺陷检测 边缘计算 传感器 光纤光栅 桥梁 健康监测 发酵 菌种 合成生物 降解 塑料 催化剂 ' +
  '芯片 封装 晶圆 良率 焊接 机器人 外骨骼 康复 心电 影像 算法 深度学习 强化学习 调度 能耗 储能 光伏 逆变器 氢能 燃料电池 污水 挥发性有机物 ' +
  '土壤 修复 育种 灌溉 粮食 测温 定位 导航 通信 射频 天线 区块链 隐私计算 新材料 石墨烯 碳纤维 复合材料 涂层 防腐 医疗器械 疫苗 抗体 诊断试剂 ' +
  '智能制造 工业互联网 数字孪生 物联网 人工智能 大模型 自动驾驶 新能源汽车 电机 控制器 半导体 集成电路 光刻 传感 精密加工 数控机床'
).split(' ');
const ZH_GLUE = '的 和 及 与 基于 用于 一种 方法 系统 装置 技术 研究 应用 高效 新型 低成本 高精度'.split(' ');
export const EN = (
  'battery electrolyte low-temperature drone inspection lidar machine vision defect detection edge computing sensor fiber grating bridge ' +
  'monitoring fermentation strain synthetic biology degradable plastic catalyst chip packaging wafer yield welding robot exoskeleton ' +
  'rehabilitation imaging algorithm deep learning scheduling energy storage photovoltaic inverter hydrogen fuel cell wastewater soil ' +
  'remediation breeding irrigation positioning navigation antenna blockchain graphene composite coating vaccine antibody diagnostics ' +
  'semiconductor lithography precision machining digital twin'
).split(' ');
const EN_GLUE = 'a the for with of and based on method system device using novel high-efficiency low-cost'.split(' ');
export const REGIONS = ['广东省', '江苏省', '浙江省', '北京市', '上海市', '四川省', '湖北省', '山东省'];
const IP_TYPES = ['INVENTION_PATENT', 'UTILITY_MODEL', 'SOFTWARE_COPYRIGHT', 'TRADE_SECRET'];
const TRANSFER_MODES = ['ASSIGNMENT', 'LICENSE', 'EQUITY_INVESTMENT', 'JOINT_DEVELOPMENT', 'TECHNICAL_SERVICE'];
const COOPERATION_MODES = ['TRANSFER', 'LICENSE', 'EQUITY', 'JOINT_DEVELOPMENT', 'TECHNICAL_SERVICE'];

function text(english: boolean, words: number): string {
  if (english) return Array.from({ length: words }, () => (random() < 0.3 ? pick(EN_GLUE) : pick(EN))).join(' ');
  const parts: string[] = [];
  for (let i = 0; i < words; i++) parts.push(random() < 0.3 ? pick(ZH_GLUE) : pick(ZH), i % 12 === 11 ? '，' : '');
  return parts.join('') + '。';
}

export async function seedCorpus(
  databaseUrl: string,
  counts: { achievements: number; experts: number; demands: number },
) {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const industries = (await db.query<{ code: string }>('SELECT code FROM industries')).rows.map((row) => row.code);
    const orgs = await db.query<{ id: string; kind: string }>(
      `INSERT INTO organisations (name, kind, region)
       SELECT '机构' || g, (CASE WHEN g % 2 = 0 THEN 'UNIVERSITY' ELSE 'ENTERPRISE' END)::organisation_kind, NULL
       FROM generate_series(1, 200) g RETURNING id, kind`,
    );
    const universities = orgs.rows.filter((o) => o.kind === 'UNIVERSITY').map((o) => o.id);
    const enterprises = orgs.rows.filter((o) => o.kind === 'ENTERPRISE').map((o) => o.id);
    const insert = async (total: number, make: (i: number) => Record<string, unknown>, sql: string) => {
      for (let start = 0; start < total; start += 5_000) {
        const batch = Array.from({ length: Math.min(5_000, total - start) }, (_, k) => make(start + k));
        await db.query(sql, [JSON.stringify(batch)]);
      }
    };
    await insert(
      counts.achievements,
      (i) => {
        const en = random() < 0.2;
        return {
          title: text(en, 6),
          summary: text(en, 90),
          description: text(en, 40),
          keywords: Array.from({ length: 4 }, () => pick(en ? EN : ZH)),
          industry_code: pick(industries),
          trl: 1 + (i % 9),
          ip_type: pick(IP_TYPES),
          ip_registration_numbers: [`ZL2023${String(i).padStart(7, '0')}.X`],
          transfer_modes: [pick(TRANSFER_MODES)],
          asking_price_wan: i % 5 === 0 ? null : 10 + (i % 900),
          institution_id: pick(universities),
          region: pick(REGIONS),
          language: en ? 'en' : 'zh',
        };
      },
      `INSERT INTO achievements (title, summary, description, keywords, industry_code, trl, ip_type, ip_registration_numbers,
         transfer_modes, asking_price_wan, institution_id, region, language, status, listed_at, reconfirmed_at)
       SELECT title, summary, description, keywords, industry_code, trl, ip_type::ip_type, ip_registration_numbers,
         transfer_modes::transfer_mode[], asking_price_wan, institution_id, region, language::achievement_language, 'LISTED', now(), now()
       FROM jsonb_to_recordset($1::jsonb) AS x(title text, summary text, description text, keywords text[], industry_code text, trl int,
         ip_type text, ip_registration_numbers text[], transfer_modes text[], asking_price_wan numeric, institution_id uuid, region text, language text)`,
    );
    await insert(
      counts.experts,
      (i) => {
        const en = random() < 0.2;
        return {
          organisation_id: pick(universities),
          name: en ? `Prof. Expert ${i}` : `专家${i}`,
          title: en ? 'Professor' : '教授',
          research_fields: Array.from({ length: 3 }, () => pick(en ? EN : ZH)),
          keywords: Array.from({ length: 4 }, () => pick(en ? EN : ZH)),
          bio: text(en, 60),
          region: pick(REGIONS),
          languages: [en ? 'en' : 'zh'],
        };
      },
      `INSERT INTO experts (organisation_id, name, title, research_fields, keywords, bio, region, languages)
       SELECT organisation_id, name, title, research_fields, keywords, bio, region, languages
       FROM jsonb_to_recordset($1::jsonb) AS x(organisation_id uuid, name text, title text, research_fields text[], keywords text[],
         bio text, region text, languages text[])`,
    );
    await insert(
      counts.demands,
      (i) => {
        const en = random() < 0.2;
        return {
          organisation_id: pick(enterprises),
          title: text(en, 6),
          summary: text(en, 70),
          confidential_details: text(en, 20),
          industry_code: pick(industries),
          budget_max_wan: 20 + (i % 500),
          cooperation_modes: [pick(COOPERATION_MODES)],
          region: pick(REGIONS),
        };
      },
      `INSERT INTO demands (organisation_id, title, summary, confidential_details, industry_code, budget_max_wan, cooperation_modes,
         region, status, published_at, deadline)
       SELECT organisation_id, title, summary, confidential_details, industry_code, budget_max_wan,
         cooperation_modes::demand_cooperation_mode[], region, 'OPEN', now(), now() + interval '90 days'
       FROM jsonb_to_recordset($1::jsonb) AS x(organisation_id uuid, title text, summary text, confidential_details text,
         industry_code text, budget_max_wan numeric, cooperation_modes text[], region text)`,
    );
  } finally {
    await db.end();
  }
}
