import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
// The platform's one CSV writer (it neutralises formulas, TAB and CR): no export writes its own.
import { badInput, forbidden, toCsv, toExcelCsv } from '@app/core';
import { Actor } from '@app/identity';
import { TechContractType } from '@app/brokerage';
import { DECLINED_OUTSIDE_MATCHING } from '@app/matching';
import { ratio } from './domain/ratio';

export enum AnalyticsDimension {
  INDUSTRY = 'INDUSTRY',
  INSTITUTION = 'INSTITUTION',
  BROKER = 'BROKER',
  MONTH = 'MONTH',
}

export enum LeaderboardKind {
  INSTITUTIONS = 'INSTITUTIONS',
  BROKERS = 'BROKERS',
}

/** Half-open [from, to); either end may be open. `industry` (an industry code) narrows every figure to it. */
export interface AnalyticsRange {
  from?: Date | null;
  to?: Date | null;
  industry?: string | null;
}

/** The figures of one group (an industry, an institution, a broker, a month); null where the figure does not apply. */
export interface AnalyticsFigures {
  achievementsListed: number | null;
  rightsConfirmed: number | null;
  medianDaysToRightsConfirmation: number | null;
  demandsPosted: number | null;
  matches: number | null;
  introductions: number | null;
  introductionsAccepted: number | null;
  introductionsDeclined: number | null;
  acceptanceRate: number | null;
  deals: number | null;
  /** Deals whose technology contract was signed in the range (first move to CONTRACT_SIGNED, else registration). */
  contractsSigned: number | null;
  registeredContracts: number | null;
  contractValueWan: number | null;
  technicalIncomeWan: number | null;
  commissionWan: number | null;
}

export interface AnalyticsRow extends AnalyticsFigures {
  key: string;
  label: string;
}

export interface AnalyticsOverview extends AnalyticsFigures {
  dealsByStage: Array<{ stage: string; count: number }>;
}

export interface FunnelStep {
  step: string;
  count: number;
  conversionFromPrevious: number | null;
  medianDaysFromPrevious: number | null;
}

export interface StageDuration {
  stage: string;
  completedStays: number;
  medianDaysInStage: number | null;
}

export interface ResponsivenessRow {
  organisationId: string;
  organisationName: string;
  side: 'INSTITUTION' | 'ENTERPRISE';
  answered: number;
  pending: number;
  medianHoursToAnswer: number | null;
}

/** What registered contracts led to, from the enterprises' answers to the outcome follow-ups (6/12/36 months). */
export interface OutcomeFigures {
  registeredContracts: number;
  /** Contracts with at least one answered follow-up. */
  answered: number;
  /** Contracts whose enterprise reported a product launched (in any answer). */
  ledToProduct: number;
  companiesFounded: number;
  /** From each contract's latest answer (answers are cumulative to their date). */
  jobsCreated: number;
  followOnInvestmentWan: number;
  attributedRevenueWan: number;
}

export interface OutcomesView extends OutcomeFigures {
  /** Share of registered contracts that led to a product; null without contracts. */
  productRate: number | null;
  byIndustry: Array<OutcomeFigures & { key: string; label: string }>;
}

export interface LeaderboardRow extends AnalyticsRow {
  rank: number;
}

/** Registered contracts of one technology-contract type (技术转让, 许可, 开发, 服务, 咨询). */
export interface ContractTypeRow {
  contractType: TechContractType;
  registeredContracts: number;
  contractValueWan: number;
  technicalIncomeWan: number;
}

export interface LedgerFilter extends AnalyticsRange {
  contractType?: TechContractType | null;
  /** Either party's region starting with this text (e.g. 杭州). */
  region?: string | null;
}

/** One registered technology contract as the bureau's ledger (技术合同登记台账) lists it. */
export interface LedgerRow {
  dealId: string;
  registrationNumber: string;
  registrationAuthority: string | null;
  registeredAt: Date;
  contractType: TechContractType | null;
  contractValueWan: number | null;
  technicalIncomeWan: number | null;
  industryCode: string | null;
  industryNameZh: string | null;
  industryNameEn: string | null;
  /** 卖方 / 技术输出方: the institution (or expert's organisation) of the listing. */
  sellerId: string;
  sellerName: string;
  sellerRegion: string | null;
  /** 买方 / 技术吸纳方: the enterprise of the demand. */
  buyerId: string;
  buyerName: string;
  buyerRegion: string | null;
  brokerName: string | null;
}

export interface LedgerPage {
  totalCount: number;
  contractValueWan: number;
  technicalIncomeWan: number;
  rows: LedgerRow[];
}

export enum CsvLanguage {
  ZH_CN = 'ZH_CN',
  EN = 'EN',
}

const CONTRACT_TYPE_NAMES: { readonly [T in TechContractType]: { zh: string; en: string } } = {
  [TechContractType.TRANSFER]: { zh: '技术转让', en: 'Technology transfer' },
  [TechContractType.LICENSE]: { zh: '技术许可', en: 'Technology licence' },
  [TechContractType.DEVELOPMENT]: { zh: '技术开发', en: 'Technology development' },
  [TechContractType.SERVICE]: { zh: '技术服务', en: 'Technical service' },
  [TechContractType.CONSULTING]: { zh: '技术咨询', en: 'Technical consulting' },
};

const LEDGER_COLUMNS: ReadonlyArray<{
  zh: string;
  en: string;
  cell: (row: LedgerRow, en: boolean) => string | number | null;
}> = [
  { zh: '登记机构', en: 'Registration office', cell: (row) => row.registrationAuthority },
  { zh: '登记号', en: 'Registration number', cell: (row) => row.registrationNumber },
  { zh: '登记日期', en: 'Registered on', cell: (row) => shanghaiDate(row.registeredAt) },
  { zh: '卖方（技术输出方）', en: 'Seller (technology provider)', cell: (row) => row.sellerName },
  { zh: '卖方地区', en: 'Seller region', cell: (row) => row.sellerRegion },
  { zh: '买方（技术吸纳方）', en: 'Buyer (technology recipient)', cell: (row) => row.buyerName },
  { zh: '买方地区', en: 'Buyer region', cell: (row) => row.buyerRegion },
  {
    zh: '合同类型',
    en: 'Contract type',
    cell: (row, en) => (row.contractType ? CONTRACT_TYPE_NAMES[row.contractType][en ? 'en' : 'zh'] : null),
  },
  { zh: '合同成交额（万元）', en: 'Contract value (10k CNY)', cell: (row) => row.contractValueWan },
  { zh: '技术交易额（万元）', en: 'Technical income (10k CNY)', cell: (row) => row.technicalIncomeWan },
  {
    zh: '技术领域',
    en: 'Field',
    cell: (row, en) => (en ? row.industryNameEn : row.industryNameZh) ?? row.industryCode,
  },
  { zh: '技术经纪人', en: 'Broker', cell: (row) => row.brokerName },
];

/** The ledger's rows: registered deals with their parties, filtered; $1 from, $2 to, $3 industry, $4 type, $5 region. */
const LEDGER_FROM = (labels = '') => `
  FROM deals d
  JOIN demands dm ON dm.id = d.demand_id
  JOIN organisations so ON so.id = d.target_organisation_id
  JOIN organisations bo ON bo.id = d.demand_organisation_id ${labels}
  WHERE ${IN_RANGE('d.registered_at')} AND ${IN_INDUSTRY('dm.industry_code')}
    AND ($4::text IS NULL OR d.contract_type::text = $4::text)
    AND ($5::text IS NULL OR starts_with(so.region, $5::text) OR starts_with(bo.region, $5::text))`;

/** Shanghai months: the bureau reports by its own calendar. */
const MONTH = (column: string) => `to_char(${column} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`;
/**
 * The Shanghai day a time falls in, by arithmetic alone (date_bin; MONTH's time-zone conversion per row costs far
 * more): Asia/Shanghai has been UTC+8 all year since 1992, so from then on a day from midnight +08:00 lies in one
 * Shanghai month, and counting by day, then naming each day's month, gives the same months. Earlier times (DST
 * until 1991) keep their own value and are named one by one.
 */
const DAY = (column: string) =>
  `CASE WHEN ${column} >= TIMESTAMPTZ '1992-01-01 00:00:00+08'
        THEN date_bin('1 day', ${column}, TIMESTAMPTZ '2000-01-01 00:00:00+08') ELSE ${column} END`;
/**
 * A match's, introduction's or deal's demand in the industry filter ($3). Each has its demand (a demand is deleted
 * only as a never-published draft, which has none), so without a filter this is TRUE and no join is made —
 * PostgreSQL plans each query with its parameters' values, so `$3 IS NULL` folds away.
 */
const DEMAND_IN_INDUSTRY = (column: string) =>
  `($3::text IS NULL OR ${column} IN (SELECT dm.id FROM demands dm WHERE dm.industry_code = $3::text))`;
/** `column` equal to the industry filter ($3) when there is one. */
const IN_INDUSTRY = (column: string) => `($3::text IS NULL OR ${column} = $3::text)`;
/** `column` within [$1, $2) where a null bound is open. */
const IN_RANGE = (column: string) =>
  `(${column} IS NOT NULL AND ($1::timestamptz IS NULL OR ${column} >= $1) AND ($2::timestamptz IS NULL OR ${column} < $2))`;
const DAYS = (interval: string) => `EXTRACT(EPOCH FROM (${interval})) / 86400.0`;
const MEDIAN = (expression: string, filter = 'TRUE') =>
  `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${expression}) FILTER (WHERE ${filter})`;

/** The group key of each fact per dimension; null: the fact is not broken down by it. */
interface KeySql {
  achievement: string | null;
  demand: string | null;
  /** For matches (m), introductions (i) and deals (d) joined with their demand (dm) and targets (ta, tx). */
  match: string | null;
  introduction: string | null;
  deal: string | null;
  /** For signed deals (d) with their signing time (s.signed_at). */
  signed: string | null;
  registration: string | null;
  confirmation: string | null;
}

const KEYS: { readonly [D in AnalyticsDimension]: KeySql } = {
  [AnalyticsDimension.INDUSTRY]: {
    achievement: 'a.industry_code',
    confirmation: 'a.industry_code',
    demand: 'dm.industry_code',
    match: 'dm.industry_code',
    introduction: 'dm.industry_code',
    deal: 'dm.industry_code',
    signed: 'dm.industry_code',
    registration: 'dm.industry_code',
  },
  [AnalyticsDimension.INSTITUTION]: {
    achievement: 'a.institution_id::text',
    confirmation: 'a.institution_id::text',
    demand: null,
    match: 'COALESCE(ta.institution_id, tx.organisation_id)::text',
    introduction: 'i.target_organisation_id::text',
    deal: 'd.target_organisation_id::text',
    signed: 'd.target_organisation_id::text',
    registration: 'd.target_organisation_id::text',
  },
  [AnalyticsDimension.BROKER]: {
    achievement: null,
    confirmation: null,
    demand: null,
    match: null,
    introduction: 'i.broker_id::text',
    deal: 'd.broker_id::text',
    signed: 'd.broker_id::text',
    registration: 'd.broker_id::text',
  },
  // Days, named by their month afterwards (figures()); the confirmations (a median) by month at once.
  [AnalyticsDimension.MONTH]: {
    achievement: DAY('a.listed_at'),
    confirmation: MONTH('rc.confirmed_at'),
    demand: DAY('dm.published_at'),
    match: DAY('m.created_at'),
    introduction: DAY('i.created_at'),
    deal: DAY('d.created_at'),
    signed: DAY('s.signed_at'),
    registration: DAY('d.registered_at'),
  },
};

/** The facts: one aggregate query each. */
type Fact = keyof KeySql;
const ALL_FACTS: ReadonlySet<Fact> = new Set<Fact>([
  'achievement',
  'confirmation',
  'demand',
  'match',
  'introduction',
  'deal',
  'signed',
  'registration',
]);

/** The fact each figure comes from. */
const FACT_OF: { readonly [F in keyof AnalyticsFigures]: Fact } = {
  achievementsListed: 'achievement',
  rightsConfirmed: 'confirmation',
  medianDaysToRightsConfirmation: 'confirmation',
  demandsPosted: 'demand',
  matches: 'match',
  introductions: 'introduction',
  introductionsAccepted: 'introduction',
  introductionsDeclined: 'introduction',
  acceptanceRate: 'introduction',
  deals: 'deal',
  contractsSigned: 'signed',
  registeredContracts: 'registration',
  contractValueWan: 'registration',
  technicalIncomeWan: 'registration',
  commissionWan: 'registration',
};

/** The facts behind the named fields (GraphQL's selection); every fact when the fields are not known. */
function factsOf(fields: ReadonlySet<string> | null | undefined): ReadonlySet<Fact> {
  if (!fields) return ALL_FACTS;
  const facts = new Set<Fact>();
  for (const field of fields) {
    const fact = FACT_OF[field as keyof AnalyticsFigures];
    if (fact) facts.add(fact);
  }
  return facts;
}

/**
 * The deals (d) whose contract was signed in the range ($1, $2), with when (s.signed_at): a deal is signed at its
 * first move to CONTRACT_SIGNED, else (registered without that step on record) at its registration. Found from the
 * range, not from every deal: the signings in it that had none before it (idx_deal_activities_signed_at, then
 * idx_deal_activities_signed), and the registrations in it of deals never moved to CONTRACT_SIGNED.
 */
const SIGNED_DEALS_FROM = `
  (SELECT x.deal_id, min(x.created_at) AS signed_at FROM deal_activities x
   WHERE x.to_stage = 'CONTRACT_SIGNED' AND ${IN_RANGE('x.created_at')}
     AND ($1::timestamptz IS NULL OR NOT EXISTS (
       SELECT 1 FROM deal_activities y WHERE y.deal_id = x.deal_id AND y.to_stage = 'CONTRACT_SIGNED' AND y.created_at < $1))
   GROUP BY x.deal_id
   UNION ALL
   SELECT r.id, r.registered_at FROM deals r
   WHERE ${IN_RANGE('r.registered_at')}
     AND NOT EXISTS (SELECT 1 FROM deal_activities y WHERE y.deal_id = r.id AND y.to_stage = 'CONTRACT_SIGNED')) s
  JOIN deals d ON d.id = s.deal_id`;

const RIGHTS_CONFIRMATIONS = `
  rc AS (SELECT achievement_id, min(created_at) AS confirmed_at FROM achievement_transitions
         WHERE to_status = 'RIGHTS_CONFIRMED' GROUP BY achievement_id),
  sub AS (SELECT achievement_id, min(created_at) AS submitted_at FROM achievement_transitions
          WHERE event = 'SUBMIT' GROUP BY achievement_id)`;

/**
 * The bureau's figures, each computed by one SQL aggregate per fact (GROUP BY the dimension's key), never by
 * loading rows. For administrators (the bureau's role) only.
 */
@Injectable()
export class AnalyticsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `fields`: the figures the caller reads (GraphQL's selection); only their facts are computed. */
  async overview(actor: Actor, range: AnalyticsRange, fields?: ReadonlySet<string>): Promise<AnalyticsOverview> {
    this.assertBureau(actor);
    const params = this.params(range); // checks the range before any query starts
    const [groups, stages] = await Promise.all([
      this.figures(null, range, factsOf(fields)),
      !fields || fields.has('dealsByStage')
        ? this.dataSource.query<Array<{ stage: string; count: string }>>(
            `SELECT d.stage::text AS stage, count(*) AS count FROM deals d
             WHERE ${IN_RANGE('d.created_at')} AND ${DEMAND_IN_INDUSTRY('d.demand_id')}
             GROUP BY d.stage ORDER BY array_position(enum_range(NULL::deal_stage), d.stage)`,
            params,
          )
        : [],
    ]);
    const figures = groups.get('') ?? emptyFigures();
    return { ...figures, dealsByStage: stages.map((row) => ({ stage: row.stage, count: Number(row.count) })) };
  }

  async breakdown(actor: Actor, dimension: AnalyticsDimension, range: AnalyticsRange): Promise<AnalyticsRow[]> {
    this.assertBureau(actor);
    return this.rows(dimension, await this.figures(dimension, range));
  }

  /**
   * Institutions or brokers ranked by registered contract value, then registered contracts, then deals, then key.
   * `fields` (GraphQL's selection) lets it compute the ranking facts and the figures read first: when the top
   * `first` of those rows all rank above a row without deals (0, 0, 0), they are the answer — every row the other
   * facts could add ranks below them. Otherwise (few rows with deals) every fact is computed, as without `fields`.
   */
  async leaderboard(
    actor: Actor,
    kind: LeaderboardKind,
    range: AnalyticsRange,
    first: number,
    fields?: ReadonlySet<string>,
  ): Promise<LeaderboardRow[]> {
    this.assertBureau(actor);
    const dimension = kind === LeaderboardKind.BROKERS ? AnalyticsDimension.BROKER : AnalyticsDimension.INSTITUTION;
    const figure = (value: number | null) => value ?? 0;
    const rank = (rows: AnalyticsRow[]) =>
      rows
        .sort(
          (x, y) =>
            figure(y.contractValueWan) - figure(x.contractValueWan) ||
            figure(y.registeredContracts) - figure(x.registeredContracts) ||
            figure(y.deals) - figure(x.deals) ||
            (x.key < y.key ? -1 : 1),
        )
        .slice(0, first);
    if (fields) {
      const facts = new Set<Fact>([...factsOf(fields), 'deal', 'registration']);
      const top = rank(await this.rows(dimension, await this.figures(dimension, range, facts)));
      const aboveNoDeals = (row: AnalyticsRow) =>
        figure(row.contractValueWan) > 0 ||
        (figure(row.contractValueWan) === 0 &&
          (figure(row.registeredContracts) > 0 || (figure(row.registeredContracts) === 0 && figure(row.deals) > 0)));
      if (top.length === first && top.every(aboveNoDeals))
        return top.map((row, index) => ({ ...row, rank: index + 1 }));
    }
    return rank(await this.breakdown(actor, dimension, range)).map((row, index) => ({ ...row, rank: index + 1 }));
  }

  /**
   * The conversion funnel of the achievements listed in the range: how many got a match, an introduction, a deal,
   * a registered contract — with the median days from the previous step (first occurrence of each).
   */
  async funnel(actor: Actor, range: AnalyticsRange): Promise<FunnelStep[]> {
    this.assertBureau(actor);
    const params = this.params(range);
    // From the rollup (one row per listed achievement with its first times), brought up to date first in the same
    // transaction: the achievements the triggers marked since the last refresh are recomputed from the live tables.
    const [row] = await this.dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL jit = off');
      await manager.query('SELECT analytics_funnel_refresh()');
      return manager.query<Array<Record<string, string | null>>>(
        `SELECT count(*) AS listed, count(f.first_matched_at) AS matched, count(f.first_introduced_at) AS introduced,
                count(f.first_deal_at) AS dealt, count(f.first_signed_at) AS signed,
                count(f.first_registered_at) AS registered,
                ${MEDIAN(DAYS('f.first_matched_at - f.listed_at'), 'f.first_matched_at IS NOT NULL')} AS listed_to_matched,
                ${MEDIAN(
                  DAYS('f.first_introduced_at - f.first_matched_at'),
                  'f.first_introduced_at IS NOT NULL AND f.first_matched_at IS NOT NULL',
                )} AS matched_to_introduced,
                ${MEDIAN(
                  DAYS('f.first_deal_at - f.first_introduced_at'),
                  'f.first_deal_at IS NOT NULL AND f.first_introduced_at IS NOT NULL',
                )} AS introduced_to_dealt,
                ${MEDIAN(
                  DAYS('f.first_signed_at - f.first_deal_at'),
                  'f.first_signed_at IS NOT NULL AND f.first_deal_at IS NOT NULL',
                )} AS dealt_to_signed,
                ${MEDIAN(
                  DAYS('f.first_registered_at - f.first_signed_at'),
                  'f.first_registered_at IS NOT NULL AND f.first_signed_at IS NOT NULL',
                )} AS signed_to_registered
         FROM analytics_achievement_funnel f
         WHERE ${IN_RANGE('f.listed_at')} AND ${IN_INDUSTRY('f.industry_code')}`,
        params,
      );
    });
    const steps: Array<[string, string, string | null]> = [
      ['LISTED', 'listed', null],
      ['MATCHED', 'matched', 'listed_to_matched'],
      ['INTRODUCED', 'introduced', 'matched_to_introduced'],
      ['DEAL', 'dealt', 'introduced_to_dealt'],
      ['SIGNED', 'signed', 'dealt_to_signed'],
      ['REGISTERED_CONTRACT', 'registered', 'signed_to_registered'],
    ];
    return steps.map(([step, count, median], index) => ({
      step,
      count: Number(row[count]),
      conversionFromPrevious: index === 0 ? null : ratio(Number(row[count]), Number(row[steps[index - 1][1]])),
      medianDaysFromPrevious: median ? days(row[median]) : null,
    }));
  }

  /** Median days deals spent in each stage they left (deals created in the range). */
  async stageDurations(actor: Actor, range: AnalyticsRange): Promise<StageDuration[]> {
    this.assertBureau(actor);
    const rows = await this.dataSource.query<Array<{ stage: string; completed: string; median: string | null }>>(
      `WITH stays AS (
         SELECT x.deal_id, x.to_stage, x.created_at,
                lead(x.created_at) OVER (PARTITION BY x.deal_id ORDER BY x.created_at, x.id) AS left_at
         FROM deal_activities x WHERE x.to_stage IS NOT NULL AND x.kind IN ('CREATED', 'STAGE_CHANGED'))
       SELECT s.to_stage::text AS stage, count(s.left_at) AS completed,
              ${MEDIAN(DAYS('s.left_at - s.created_at'), 's.left_at IS NOT NULL')} AS median
       FROM stays s JOIN deals d ON d.id = s.deal_id JOIN demands dm ON dm.id = d.demand_id
       WHERE ${IN_RANGE('d.created_at')} AND ${IN_INDUSTRY('dm.industry_code')} AND s.to_stage NOT IN ('CLOSED_WON', 'CLOSED_LOST')
       GROUP BY s.to_stage ORDER BY array_position(enum_range(NULL::deal_stage), s.to_stage)`,
      this.params(range),
    );
    return rows.map((row) => ({
      stage: row.stage,
      completedStays: Number(row.completed),
      medianDaysInStage: days(row.median),
    }));
  }

  /** How fast institutions and enterprises answer introductions (created in the range), slowest first. */
  async responsiveness(actor: Actor, range: AnalyticsRange): Promise<ResponsivenessRow[]> {
    this.assertBureau(actor);
    const rows = await this.dataSource.query<
      Array<{
        organisation_id: string;
        name: string;
        side: 'INSTITUTION' | 'ENTERPRISE';
        answered: string;
        pending: string;
        median: string | null;
      }>
    >(
      `WITH answers AS (
         SELECT i.target_organisation_id AS organisation_id, 'INSTITUTION' AS side, i.target_answered_at AS answered_at,
                i.created_at, (i.status = 'PROPOSED' AND i.target_answer IS NULL) AS pending
         FROM introductions i JOIN demands dm ON dm.id = i.demand_id
         WHERE ${IN_RANGE('i.created_at')} AND ${IN_INDUSTRY('dm.industry_code')}
         UNION ALL
         SELECT i.demand_organisation_id, 'ENTERPRISE', i.demand_answered_at, i.created_at,
                (i.status = 'PROPOSED' AND i.demand_answer IS NULL)
         FROM introductions i JOIN demands dm ON dm.id = i.demand_id
         WHERE ${IN_RANGE('i.created_at')} AND ${IN_INDUSTRY('dm.industry_code')})
       SELECT x.organisation_id, o.name, x.side, count(x.answered_at) AS answered, count(*) FILTER (WHERE x.pending) AS pending,
              ${MEDIAN('EXTRACT(EPOCH FROM (x.answered_at - x.created_at)) / 3600.0', 'x.answered_at IS NOT NULL')} AS median
       FROM answers x JOIN organisations o ON o.id = x.organisation_id
       GROUP BY x.organisation_id, o.name, x.side
       ORDER BY median DESC NULLS LAST, x.side, x.organisation_id`,
      this.params(range),
    );
    return rows.map((row) => ({
      organisationId: row.organisation_id,
      organisationName: row.name,
      side: row.side,
      answered: Number(row.answered),
      pending: Number(row.pending),
      medianHoursToAnswer: row.median === null ? null : round(Number(row.median)),
    }));
  }

  /** A breakdown as CSV text (UTF-8; the header names every figure). */
  async breakdownCsv(actor: Actor, dimension: AnalyticsDimension, range: AnalyticsRange): Promise<string> {
    const rows = await this.breakdown(actor, dimension, range);
    const columns = Object.keys(emptyFigures()) as Array<keyof AnalyticsFigures>;
    return toCsv(
      ['key', 'label', ...columns],
      rows.map((row) => [row.key, row.label, ...columns.map((column) => row[column])]),
    );
  }

  async funnelCsv(actor: Actor, range: AnalyticsRange): Promise<string> {
    const steps = await this.funnel(actor, range);
    return toCsv(
      ['step', 'count', 'conversionFromPrevious', 'medianDaysFromPrevious'],
      steps.map((s) => [s.step, s.count, s.conversionFromPrevious, s.medianDaysFromPrevious]),
    );
  }

  /** Registered contracts by technology-contract type (contracts registered in the range). */
  async contractTypes(actor: Actor, range: AnalyticsRange): Promise<ContractTypeRow[]> {
    this.assertBureau(actor);
    const rows = await this.dataSource.query<
      Array<{ type: TechContractType; n: string; value: string; income: string }>
    >(
      `SELECT d.contract_type::text AS type, count(*) AS n, COALESCE(sum(d.contract_value_wan), 0) AS value,
              COALESCE(sum(d.technical_income_wan), 0) AS income
       FROM deals d JOIN demands dm ON dm.id = d.demand_id
       WHERE ${IN_RANGE('d.registered_at')} AND ${IN_INDUSTRY('dm.industry_code')} AND d.contract_type IS NOT NULL
       GROUP BY d.contract_type ORDER BY array_position(enum_range(NULL::tech_contract_type), d.contract_type)`,
      this.params(range),
    );
    return rows.map((row) => ({
      contractType: row.type,
      registeredContracts: Number(row.n),
      contractValueWan: round(Number(row.value)),
      technicalIncomeWan: round(Number(row.income)),
    }));
  }

  /**
   * The registered-contract ledger (技术合同登记台账): newest registration first, a page at a time, with the count
   * and sums of everything the filter matches.
   */
  async ledger(actor: Actor, filter: LedgerFilter, first: number, offset: number): Promise<LedgerPage> {
    this.assertBureau(actor);
    const params = this.ledgerParams(filter);
    const [totals] = await this.dataSource.query<Array<{ n: string; value: string; income: string }>>(
      `SELECT count(*) AS n, COALESCE(sum(d.contract_value_wan), 0) AS value,
              COALESCE(sum(d.technical_income_wan), 0) AS income ${LEDGER_FROM()}`,
      params,
    );
    return {
      totalCount: Number(totals.n),
      contractValueWan: round(Number(totals.value)),
      technicalIncomeWan: round(Number(totals.income)),
      rows: await this.ledgerRows(params, first, offset),
    };
  }

  /**
   * The ledger as a file for Excel: UTF-8 with a BOM (Excel on Chinese Windows reads it right), CRLF, headers and
   * contract types in the chosen language, every row the filter matches (up to 50,000).
   */
  async ledgerCsv(actor: Actor, filter: LedgerFilter, language: CsvLanguage): Promise<string> {
    this.assertBureau(actor);
    const rows = await this.ledgerRows(this.ledgerParams(filter), LEDGER_CSV_LIMIT, 0);
    const en = language === CsvLanguage.EN;
    return toExcelCsv(
      LEDGER_COLUMNS.map((column) => (en ? column.en : column.zh)),
      rows.map((row) => LEDGER_COLUMNS.map((column) => column.cell(row, en))),
    );
  }

  // ---- internals ----

  private ledgerParams(filter: LedgerFilter): unknown[] {
    const region = filter.region?.trim() || null;
    return [...this.params(filter), filter.contractType ?? null, region];
  }

  private async ledgerRows(params: unknown[], first: number, offset: number): Promise<LedgerRow[]> {
    const rows = await this.dataSource.query<Array<Record<string, string | Date | null>>>(
      `SELECT d.id, d.registration_number, d.registration_authority, d.registered_at, d.contract_type::text AS contract_type,
              d.contract_value_wan, d.technical_income_wan, dm.industry_code, ind.name_zh, ind.name_en,
              so.id AS seller_id, so.name AS seller_name, so.region AS seller_region,
              bo.id AS buyer_id, bo.name AS buyer_name, bo.region AS buyer_region, u.display_name AS broker_name
       ${LEDGER_FROM('LEFT JOIN industries ind ON ind.code = dm.industry_code LEFT JOIN users u ON u.id = d.broker_id')}
       ORDER BY d.registered_at DESC, d.id
       LIMIT ${Number(first)} OFFSET ${Number(offset)}`,
      params,
    );
    const amount = (value: string | Date | null) => (value === null ? null : Number(value));
    return rows.map((row) => ({
      dealId: row.id as string,
      registrationNumber: (row.registration_number as string | null) ?? '',
      registrationAuthority: row.registration_authority as string | null,
      registeredAt: row.registered_at as Date,
      contractType: row.contract_type as TechContractType | null,
      contractValueWan: amount(row.contract_value_wan),
      technicalIncomeWan: amount(row.technical_income_wan),
      industryCode: row.industry_code as string | null,
      industryNameZh: row.name_zh as string | null,
      industryNameEn: row.name_en as string | null,
      sellerId: row.seller_id as string,
      sellerName: row.seller_name as string,
      sellerRegion: row.seller_region as string | null,
      buyerId: row.buyer_id as string,
      buyerName: row.buyer_name as string,
      buyerRegion: row.buyer_region as string | null,
      brokerName: row.broker_name as string | null,
    }));
  }

  /**
   * The outcomes view: of the contracts registered in the range, how many the enterprises answered about, how
   * many led to a product or a company, and the jobs, investment and revenue they attribute — overall and by the
   * demand's industry.
   */
  async outcomes(actor: Actor, range: AnalyticsRange): Promise<OutcomesView> {
    this.assertBureau(actor);
    const rows = await this.dataSource.query<Array<Record<string, string | null>>>(
      `WITH contracts AS (
         SELECT d.id, COALESCE(dm.industry_code, '') AS industry FROM deals d LEFT JOIN demands dm ON dm.id = d.demand_id
         WHERE ${IN_RANGE('d.registered_at')} AND ${IN_INDUSTRY('dm.industry_code')}),
       answers AS (
         SELECT f.deal_id, bool_or(f.product_launched) AS product, bool_or(f.company_founded) AS company
         FROM outcome_follow_ups f WHERE f.status = 'ANSWERED' GROUP BY f.deal_id),
       latest AS (
         SELECT DISTINCT ON (f.deal_id) f.deal_id, f.jobs_created, f.follow_on_investment_wan, f.revenue_wan
         FROM outcome_follow_ups f WHERE f.status = 'ANSWERED' ORDER BY f.deal_id, f.months_after DESC)
       SELECT c.industry, min(i.name_zh) AS label, count(*) AS contracts, count(a.deal_id) AS answered,
              count(*) FILTER (WHERE a.product) AS product, count(*) FILTER (WHERE a.company) AS company,
              COALESCE(sum(l.jobs_created), 0) AS jobs, COALESCE(sum(l.follow_on_investment_wan), 0) AS investment,
              COALESCE(sum(l.revenue_wan), 0) AS revenue
       FROM contracts c LEFT JOIN answers a ON a.deal_id = c.id LEFT JOIN latest l ON l.deal_id = c.id
       LEFT JOIN industries i ON i.code = c.industry
       GROUP BY c.industry ORDER BY c.industry`,
      this.params(range),
    );
    const byIndustry = rows.map((row) => ({
      key: row.industry ?? '',
      label: row.label ?? row.industry ?? '',
      registeredContracts: Number(row.contracts),
      answered: Number(row.answered),
      ledToProduct: Number(row.product),
      companiesFounded: Number(row.company),
      jobsCreated: Number(row.jobs),
      followOnInvestmentWan: round(Number(row.investment)),
      attributedRevenueWan: round(Number(row.revenue)),
    }));
    const sum = (pick: (row: OutcomeFigures) => number) =>
      round(byIndustry.reduce((total, row) => total + pick(row), 0));
    const registeredContracts = sum((row) => row.registeredContracts);
    const ledToProduct = sum((row) => row.ledToProduct);
    return {
      registeredContracts,
      answered: sum((row) => row.answered),
      ledToProduct,
      companiesFounded: sum((row) => row.companiesFounded),
      jobsCreated: sum((row) => row.jobsCreated),
      followOnInvestmentWan: sum((row) => row.followOnInvestmentWan),
      attributedRevenueWan: sum((row) => row.attributedRevenueWan),
      productRate: ratio(ledToProduct, registeredContracts),
      byIndustry,
    };
  }

  /**
   * Recomputes the funnel rollup's rows of the achievements marked since the last refresh (the funnel does it
   * before it reads; the worker's job between visits). Returns how many achievements it recomputed.
   */
  async refreshFunnel(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL jit = off');
      const [row] = await manager.query<Array<{ refreshed: number }>>('SELECT analytics_funnel_refresh() AS refreshed');
      return Number(row.refreshed);
    });
  }

  private assertBureau(actor: Actor): void {
    if (!actor.isAdmin) throw forbidden('Only the bureau (administrators) sees the analytics');
  }

  /** $1 from, $2 to, $3 the industry filter: every query uses all three. */
  private params(range: AnalyticsRange): [Date | null, Date | null, string | null] {
    const from = range.from ?? null;
    const to = range.to ?? null;
    if (from && to && from.getTime() >= to.getTime()) throw badInput('`from` must be before `to`', { field: 'from' });
    return [from, to, range.industry ?? null];
  }

  /**
   * Every figure grouped by the dimension (or overall, key ''), each fact by one aggregate query; `facts` narrows
   * them to those a caller reads (the groups then come from those facts only).
   */
  private async figures(
    dimension: AnalyticsDimension | null,
    range: AnalyticsRange,
    facts: ReadonlySet<Fact> = ALL_FACTS,
  ): Promise<Map<string, AnalyticsFigures>> {
    const keys: KeySql = dimension
      ? KEYS[dimension]
      : {
          achievement: "''",
          confirmation: "''",
          demand: "''",
          match: "''",
          introduction: "''",
          deal: "''",
          signed: "''",
          registration: "''",
        };
    const params = this.params(range);
    const groups = new Map<string, AnalyticsFigures>();
    const merge = (key: string | null, values: Partial<AnalyticsFigures>) => {
      const group = groups.get(key ?? '∅') ?? emptyFigures(dimension);
      groups.set(key ?? '∅', { ...group, ...values });
    };
    const run = <T>(sql: string, extra: unknown[] = []) =>
      this.dataSource.query<Array<T & { key: string | null }>>(sql, [...params, ...extra]);
    // By month, a fact is counted per day first (cheap arithmetic), then the days are named by their month.
    const monthly = dimension === AnalyticsDimension.MONTH;
    const grouped = (sql: string, sums: string[]) =>
      monthly
        ? `SELECT ${MONTH('x.key')} AS key, ${sums.map((c) => `sum(x.${c}) AS ${c}`).join(', ')}
           FROM (${sql}) x GROUP BY 1`
        : sql;
    // The demand's industry: a join only when it is the key, else a filter that vanishes without one.
    const byIndustry = dimension === AnalyticsDimension.INDUSTRY;
    const demandOf = (alias: string) =>
      byIndustry
        ? { join: `JOIN demands dm ON dm.id = ${alias}.demand_id`, where: IN_INDUSTRY('dm.industry_code') }
        : { join: '', where: DEMAND_IN_INDUSTRY(`${alias}.demand_id`) };
    const wanted = (fact: Fact): string | null => (facts.has(fact) ? keys[fact] : null);

    // The facts are independent: their queries run side by side (merging is synchronous, so order is free).
    const tasks: Array<Promise<void>> = [];
    const achievementKey = wanted('achievement');
    if (achievementKey) {
      tasks.push(
        run<{ n: string }>(
          grouped(
            `SELECT ${achievementKey} AS key, count(*) AS n FROM achievements a
             WHERE ${IN_RANGE('a.listed_at')} AND ${IN_INDUSTRY('a.industry_code')} GROUP BY 1`,
            ['n'],
          ),
        ).then((rows) => {
          for (const row of rows) {
            merge(row.key, { achievementsListed: Number(row.n) });
          }
        }),
      );
    }
    const confirmationKey = wanted('confirmation');
    if (confirmationKey) {
      tasks.push(
        run<{ n: string; median: string | null }>(
          `WITH ${RIGHTS_CONFIRMATIONS}
         SELECT ${confirmationKey} AS key, count(*) AS n,
                ${MEDIAN(DAYS('rc.confirmed_at - sub.submitted_at'), 'sub.submitted_at IS NOT NULL')} AS median
         FROM rc JOIN achievements a ON a.id = rc.achievement_id LEFT JOIN sub ON sub.achievement_id = rc.achievement_id
         WHERE ${IN_RANGE('rc.confirmed_at')} AND ${IN_INDUSTRY('a.industry_code')} GROUP BY 1`,
        ).then((rows) => {
          for (const row of rows) {
            merge(row.key, { rightsConfirmed: Number(row.n), medianDaysToRightsConfirmation: days(row.median) });
          }
        }),
      );
    }
    const demandKey = wanted('demand');
    if (demandKey) {
      tasks.push(
        run<{ n: string }>(
          grouped(
            `SELECT ${demandKey} AS key, count(*) AS n FROM demands dm
             WHERE ${IN_RANGE('dm.published_at')} AND ${IN_INDUSTRY('dm.industry_code')} GROUP BY 1`,
            ['n'],
          ),
        ).then((rows) => {
          for (const row of rows) {
            merge(row.key, { demandsPosted: Number(row.n) });
          }
        }),
      );
    }
    const matchKey = wanted('match');
    if (matchKey) {
      const demand = demandOf('m');
      // The targets are joined only for the institution's key.
      const targets = /\bt[ax]\./.test(matchKey)
        ? `LEFT JOIN achievements ta ON m.target_type = 'ACHIEVEMENT' AND ta.id = m.target_id
           LEFT JOIN experts tx ON m.target_type = 'EXPERT' AND tx.id = m.target_id`
        : '';
      tasks.push(
        run<{ n: string }>(
          grouped(
            `SELECT ${matchKey} AS key, count(*) AS n FROM matches m ${demand.join} ${targets}
             WHERE ${IN_RANGE('m.created_at')} AND ${demand.where} AND m.engine_version <> $4
             GROUP BY 1`,
            ['n'],
          ),
          [DECLINED_OUTSIDE_MATCHING],
        ).then((rows) => {
          for (const row of rows) {
            merge(row.key, { matches: Number(row.n) });
          }
        }),
      );
    }
    const introductionKey = wanted('introduction');
    if (introductionKey) {
      const demand = demandOf('i');
      tasks.push(
        run<{ n: string; accepted: string; declined: string }>(
          grouped(
            `SELECT ${introductionKey} AS key, count(*) AS n,
                    count(*) FILTER (WHERE i.status = 'ACCEPTED') AS accepted,
                    count(*) FILTER (WHERE i.status = 'DECLINED') AS declined
             FROM introductions i ${demand.join}
             WHERE ${IN_RANGE('i.created_at')} AND ${demand.where} GROUP BY 1`,
            ['n', 'accepted', 'declined'],
          ),
        ).then((rows) => {
          for (const row of rows) {
            const accepted = Number(row.accepted);
            const declined = Number(row.declined);
            merge(row.key, {
              introductions: Number(row.n),
              introductionsAccepted: accepted,
              introductionsDeclined: declined,
              acceptanceRate: ratio(accepted, accepted + declined),
            });
          }
        }),
      );
    }
    const dealKey = wanted('deal');
    if (dealKey) {
      const demand = demandOf('d');
      tasks.push(
        run<{ n: string }>(
          grouped(
            `SELECT ${dealKey} AS key, count(*) AS n FROM deals d ${demand.join}
             WHERE ${IN_RANGE('d.created_at')} AND ${demand.where} GROUP BY 1`,
            ['n'],
          ),
        ).then((rows) => {
          for (const row of rows) {
            merge(row.key, { deals: Number(row.n) });
          }
        }),
      );
    }
    const signedKey = wanted('signed');
    if (signedKey) {
      const demand = demandOf('d');
      tasks.push(
        run<{ n: string }>(
          grouped(
            `SELECT ${signedKey} AS key, count(*) AS n FROM ${SIGNED_DEALS_FROM} ${demand.join}
             WHERE ${IN_RANGE('s.signed_at')} AND ${demand.where} GROUP BY 1`,
            ['n'],
          ),
        ).then((rows) => {
          for (const row of rows) {
            merge(row.key, { contractsSigned: Number(row.n) });
          }
        }),
      );
    }
    const registrationKey = wanted('registration');
    if (registrationKey) {
      const demand = demandOf('d');
      tasks.push(
        run<{ n: string; value: string; income: string; commission: string }>(
          grouped(
            `SELECT ${registrationKey} AS key, count(*) AS n, COALESCE(sum(d.contract_value_wan), 0) AS value,
                    COALESCE(sum(d.technical_income_wan), 0) AS income, COALESCE(sum(d.commission_wan), 0) AS commission
             FROM deals d ${demand.join}
             WHERE ${IN_RANGE('d.registered_at')} AND ${demand.where} GROUP BY 1`,
            ['n', 'value', 'income', 'commission'],
          ),
        ).then((rows) => {
          for (const row of rows) {
            merge(row.key, {
              registeredContracts: Number(row.n),
              contractValueWan: Number(row.value),
              technicalIncomeWan: Number(row.income),
              commissionWan: Number(row.commission),
            });
          }
        }),
      );
    }
    await Promise.all(tasks);
    if (!dimension && !groups.has('')) groups.set('', emptyFigures(null));
    return groups;
  }

  /** The groups as rows with their labels, by key. */
  private async rows(dimension: AnalyticsDimension, groups: Map<string, AnalyticsFigures>): Promise<AnalyticsRow[]> {
    const labels = await this.labels(dimension, [...groups.keys()]);
    return [...groups.entries()]
      .map(([key, figures]) => ({ key, label: labels.get(key) ?? key, ...figures }))
      .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  }

  private async labels(dimension: AnalyticsDimension, keys: string[]): Promise<Map<string, string>> {
    const ids = keys.filter((key) => key !== '∅');
    if (ids.length === 0 || dimension === AnalyticsDimension.MONTH) return new Map();
    const sql = {
      [AnalyticsDimension.INDUSTRY]: 'SELECT code AS key, name_zh AS label FROM industries WHERE code = ANY($1)',
      [AnalyticsDimension.INSTITUTION]:
        'SELECT id::text AS key, name AS label FROM organisations WHERE id::text = ANY($1)',
      [AnalyticsDimension.BROKER]: 'SELECT id::text AS key, display_name AS label FROM users WHERE id::text = ANY($1)',
    }[dimension];
    const rows = await this.dataSource.query<Array<{ key: string; label: string }>>(sql, [ids]);
    return new Map(rows.map((row) => [row.key, row.label]));
  }
}

/** Zero for the figures that apply to the dimension, null for those that do not. */
function emptyFigures(dimension: AnalyticsDimension | null = null): AnalyticsFigures {
  const keys = dimension ? KEYS[dimension] : null;
  const zero = (applies: string | null | undefined) => (keys === null || applies ? 0 : null);
  return {
    achievementsListed: zero(keys?.achievement),
    rightsConfirmed: zero(keys?.confirmation),
    medianDaysToRightsConfirmation: null,
    demandsPosted: zero(keys?.demand),
    matches: zero(keys?.match),
    introductions: zero(keys?.introduction),
    introductionsAccepted: zero(keys?.introduction),
    introductionsDeclined: zero(keys?.introduction),
    acceptanceRate: null,
    deals: zero(keys?.deal),
    contractsSigned: zero(keys?.signed),
    registeredContracts: zero(keys?.registration),
    contractValueWan: zero(keys?.registration),
    technicalIncomeWan: zero(keys?.registration),
    commissionWan: zero(keys?.registration),
  };
}

/** The most rows a ledger export writes. */
export const LEDGER_CSV_LIMIT = 50_000;

/** YYYY-MM-DD in the bureau's calendar (Asia/Shanghai, UTC+8 all year). */
function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function days(value: string | number | null | undefined): number | null {
  return value === null || value === undefined ? null : round(Number(value));
}
