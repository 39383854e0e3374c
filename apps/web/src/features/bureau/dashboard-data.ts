/**
 * The bureau dashboard's data mapping, pure: the date range in the bureau's calendar, the previous period, KPI
 * changes, and API rows → table rows → the SVG charts' data (components/charts.tsx) and CSV. No React, so it is
 * unit-tested without a browser and costs nothing to the other roles' bundles.
 */
import { toExcelCsv } from '../../shared/lib/csv';

/** The bureau reports by its own calendar: Asia/Shanghai, UTC+8 all year (no daylight saving). */
export const BUREAU_UTC_OFFSET = '+08:00';
const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** A day in the bureau's calendar, YYYY-MM-DD. */
export type Day = string;

export interface ApiRange {
  /** Inclusive, ISO with the bureau's offset. */
  from: string;
  /** Exclusive. */
  to: string;
}

/** Today in the bureau's calendar. */
export function bureauToday(now: Date = new Date()): Day {
  return new Date(now.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(day: Day, days: number): Day {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The default range: the last twelve calendar months, this one included. */
export function defaultDays(now: Date = new Date()): [Day, Day] {
  const today = bureauToday(now);
  const [year, month] = today.split('-').map(Number);
  const start = new Date(Date.UTC(year, month - 1 - 11, 1)).toISOString().slice(0, 10);
  return [start, today];
}

/** Whole days [first, last] in the bureau's calendar → the API's half-open range. */
export function apiRange(first: Day, last: Day): ApiRange {
  return { from: `${first}T00:00:00${BUREAU_UTC_OFFSET}`, to: `${addDays(last, 1)}T00:00:00${BUREAU_UTC_OFFSET}` };
}

/** The period of equal length just before the range. */
export function previousRange(range: ApiRange): ApiRange {
  const from = Date.parse(range.from);
  const length = Date.parse(range.to) - from;
  return { from: toBureauIso(from - length), to: toBureauIso(from) };
}

function toBureauIso(ms: number): string {
  return `${new Date(ms + OFFSET_MS).toISOString().slice(0, 19)}${BUREAU_UTC_OFFSET}`;
}

/** The months (YYYY-MM, bureau calendar) the range touches, in order. */
export function monthsOf(range: ApiRange): string[] {
  const first = new Date(Date.parse(range.from) + OFFSET_MS);
  const last = new Date(Date.parse(range.to) - 1 + OFFSET_MS);
  const months: string[] = [];
  let year = first.getUTCFullYear();
  let month = first.getUTCMonth();
  while (year < last.getUTCFullYear() || (year === last.getUTCFullYear() && month <= last.getUTCMonth())) {
    months.push(`${year}-${String(month + 1).padStart(2, '0')}`);
    month += 1;
    if (month === 12) {
      month = 0;
      year += 1;
    }
  }
  return months;
}

// ---- KPI cards ----

export interface Figures {
  achievementsListed?: number | null;
  matches?: number | null;
  introductions?: number | null;
  contractsSigned?: number | null;
  registeredContracts?: number | null;
  contractValueWan?: number | null;
  technicalIncomeWan?: number | null;
}

export const KPI_KEYS = [
  'achievementsListed',
  'matches',
  'introductions',
  'contractsSigned',
  'registeredContracts',
  'contractValueWan',
  'technicalIncomeWan',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

export interface Change {
  delta: number;
  /** (current − previous) / previous; null when the previous period had none. */
  ratio: number | null;
  direction: 'up' | 'down' | 'flat';
}

export function periodChange(current: number, previous: number): Change {
  const delta = round(current - previous);
  return {
    delta,
    ratio: previous === 0 ? null : round(delta / previous, 4),
    direction: delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat',
  };
}

export interface Kpi {
  key: KpiKey;
  value: number;
  previous: number;
  change: Change;
  /** Amounts in 万元. */
  amount: boolean;
}

export function kpis(current: Figures | null | undefined, previous: Figures | null | undefined): Kpi[] {
  return KPI_KEYS.map((key) => {
    const value = current?.[key] ?? 0;
    const before = previous?.[key] ?? 0;
    return {
      key,
      value,
      previous: before,
      change: periodChange(value, before),
      amount: key === 'contractValueWan' || key === 'technicalIncomeWan',
    };
  });
}

/** "+12.5%", "−3.0%", "0%", or null when there is no base to compare with. */
export function formatRatio(change: Change): string | null {
  if (change.ratio === null) return null;
  const percent = (Math.abs(change.ratio) * 100).toFixed(1);
  if (change.direction === 'flat') return '0%';
  return `${change.direction === 'up' ? '+' : '−'}${percent}%`;
}

// ---- tables: one column list serves the table view and its CSV ----

export interface Column<Row> {
  key: string;
  title: string;
  value: (row: Row) => string | number | null;
  numeric?: boolean;
}

/** The CSV of a table view as shown: headers in the page's language, UTF-8 with BOM for Excel. */
export function tableCsv<Row>(columns: ReadonlyArray<Column<Row>>, rows: readonly Row[]): string {
  return toExcelCsv(
    columns.map((column) => column.title),
    rows.map((row) => columns.map((column) => column.value(row))),
  );
}

// ---- the monthly trend ----

export interface MonthRow {
  key: string;
  achievementsListed?: number | null;
  matches?: number | null;
  introductions?: number | null;
  contractsSigned?: number | null;
  registeredContracts?: number | null;
  contractValueWan?: number | null;
  technicalIncomeWan?: number | null;
}

export interface TrendRow {
  month: string;
  achievementsListed: number;
  matches: number;
  introductions: number;
  contractsSigned: number;
  registeredContracts: number;
  contractValueWan: number;
  technicalIncomeWan: number;
}

/** Every month of the range, months without activity as zeros (the API returns only months with some). */
export function trendRows(rows: readonly MonthRow[], range: ApiRange): TrendRow[] {
  const byMonth = new Map(rows.map((row) => [row.key, row]));
  return monthsOf(range).map((month) => {
    const row = byMonth.get(month);
    return {
      month,
      achievementsListed: row?.achievementsListed ?? 0,
      matches: row?.matches ?? 0,
      introductions: row?.introductions ?? 0,
      contractsSigned: row?.contractsSigned ?? 0,
      registeredContracts: row?.registeredContracts ?? 0,
      contractValueWan: round(row?.contractValueWan ?? 0),
      technicalIncomeWan: round(row?.technicalIncomeWan ?? 0),
    };
  });
}

export type Labels = Record<string, string>;

/** One named row of figures of a chart (a line, a set of bars). */
export interface ChartSeries {
  name: string;
  data: number[];
}

export interface TrendChart {
  categories: string[];
  /** Counts, on the left axis. */
  lines: ChartSeries[];
  /** 合同成交额, on the right axis. */
  bars: ChartSeries;
  leftAxis: string;
  rightAxis: string;
}

/** Counts as lines on the left axis, 合同成交额 as bars on the right. */
export function trendChart(rows: readonly TrendRow[], labels: Labels): TrendChart {
  const series = (key: keyof TrendRow) => ({ name: labels[key], data: rows.map((row) => Number(row[key])) });
  return {
    categories: rows.map((row) => row.month),
    lines: (['achievementsListed', 'matches', 'introductions', 'contractsSigned', 'registeredContracts'] as const).map(
      series,
    ),
    bars: series('contractValueWan'),
    leftAxis: labels.count,
    rightAxis: labels.wan,
  };
}

// ---- the funnel 成果 → 匹配 → 引荐 → 签约 → 登记 ----

export const FUNNEL_STEPS = ['LISTED', 'MATCHED', 'INTRODUCED', 'SIGNED', 'REGISTERED_CONTRACT'] as const;

export interface FunnelRow {
  step: string;
  label: string;
  count: number;
  /** Of the step before it on the chart; null for the first. */
  conversion: number | null;
}

/** The five steps shown (the API's DEAL step, a deal opened, sits between 引荐 and 签约 and is left out). */
export function funnelRows(steps: ReadonlyArray<{ step: string; count: number }>, labels: Labels): FunnelRow[] {
  const counts = new Map(steps.map((step) => [step.step, step.count]));
  return FUNNEL_STEPS.map((step, index) => {
    const count = counts.get(step) ?? 0;
    const before = index === 0 ? null : (counts.get(FUNNEL_STEPS[index - 1]) ?? 0);
    return {
      step,
      label: labels[step] ?? step,
      count,
      conversion: before === null ? null : before === 0 ? null : round(count / before, 4),
    };
  });
}

export interface Slice {
  name: string;
  value: number;
}

export interface FunnelStep extends Slice {
  conversion: number | null;
}

export function funnelChart(rows: readonly FunnelRow[]): FunnelStep[] {
  return rows.map((row) => ({ name: row.label, value: row.count, conversion: row.conversion }));
}

// ---- by industry ----

export interface IndustryName {
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface BreakdownRow {
  key: string;
  label: string;
  achievementsListed?: number | null;
  matches?: number | null;
  contractsSigned?: number | null;
  registeredContracts?: number | null;
  contractValueWan?: number | null;
  technicalIncomeWan?: number | null;
  deals?: number | null;
}

export interface IndustryRow {
  code: string;
  name: string;
  achievementsListed: number;
  matches: number;
  registeredContracts: number;
  contractValueWan: number;
  technicalIncomeWan: number;
}

/** Industries by registered contract value, then listings; names in the page's language; "∅" is 未分类. */
export function industryRows(
  rows: readonly BreakdownRow[],
  industries: readonly IndustryName[],
  language: string,
  unclassified: string,
): IndustryRow[] {
  const names = new Map(industries.map((industry) => [industry.code, industry]));
  return rows
    .map((row) => {
      const known = names.get(row.key);
      return {
        code: row.key,
        name: known ? (language === 'en' ? known.nameEn : known.nameZh) : row.key === '∅' ? unclassified : row.label,
        achievementsListed: row.achievementsListed ?? 0,
        matches: row.matches ?? 0,
        registeredContracts: row.registeredContracts ?? 0,
        contractValueWan: round(row.contractValueWan ?? 0),
        technicalIncomeWan: round(row.technicalIncomeWan ?? 0),
      };
    })
    .sort(
      (a, b) =>
        b.contractValueWan - a.contractValueWan ||
        b.achievementsListed - a.achievementsListed ||
        a.code.localeCompare(b.code),
    );
}

/** Horizontal bars: one band per category, the first at the top; one bar per series in each band. */
export interface BarsChart {
  categories: string[];
  series: ChartSeries[];
}

export function industryChart(rows: readonly IndustryRow[], labels: Labels): BarsChart {
  return {
    categories: rows.map((row) => row.name),
    series: [
      { name: labels.achievementsListed, data: rows.map((row) => row.achievementsListed) },
      { name: labels.contractValueWan, data: rows.map((row) => row.contractValueWan) },
    ],
  };
}

// ---- contract types ----

export interface ContractTypeRow {
  contractType: string;
  registeredContracts: number;
  contractValueWan: number;
  technicalIncomeWan: number;
}

export interface ContractTypeView extends ContractTypeRow {
  label: string;
  /** Share of the contract value. */
  share: number | null;
}

export function contractTypeRows(rows: readonly ContractTypeRow[], labels: Labels): ContractTypeView[] {
  const total = rows.reduce((sum, row) => sum + row.contractValueWan, 0);
  return rows.map((row) => ({
    ...row,
    label: labels[row.contractType] ?? row.contractType,
    share: total > 0 ? round(row.contractValueWan / total, 4) : null,
  }));
}

/** The pie's slices: each type's contract value. */
export function contractTypeChart(rows: readonly ContractTypeView[]): Slice[] {
  return rows.map((row) => ({ name: row.label, value: row.contractValueWan }));
}

// ---- leaderboards ----

export interface LeaderRow {
  rank: number;
  key: string;
  label: string;
  deals?: number | null;
  contractsSigned?: number | null;
  registeredContracts?: number | null;
  contractValueWan?: number | null;
  technicalIncomeWan?: number | null;
}

/** A leaderboard's chart shows its first ten. */
export const LEADERBOARD_TOP = 10;

export function leaderboardChart(rows: readonly LeaderRow[], label: string): BarsChart {
  const shown = rows.slice(0, LEADERBOARD_TOP);
  return {
    categories: shown.map((row) => row.label),
    series: [{ name: label, data: shown.map((row) => round(row.contractValueWan ?? 0)) }],
  };
}

function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
