import type { Dayjs } from 'dayjs';
import type { CooperationMode, CreateDemandInput, DemandKind, TechnicalIndicatorInput } from '../../gql/graphql';

/** One indicator row of the form (必须满足 or 最好满足 depends on the list it sits in). */
export interface IndicatorValues {
  name?: string;
  current?: string;
  target?: string;
}

/** The 需求发布 form as antd holds it. */
export interface DemandFormValues {
  title?: string;
  /** The problem in the enterprise's own words: the public summary. */
  summary?: string;
  confidentialDetails?: string;
  industryCode?: string;
  mustHave?: IndicatorValues[];
  niceToHave?: IndicatorValues[];
  cooperationModes?: CooperationMode[];
  budgetMinWan?: number | null;
  budgetMaxWan?: number | null;
  deadline?: Dayjs | null;
  region?: string;
  anonymous?: boolean;
  /** TECHNICAL_PROBLEM (技术需求) or APPLICATION_SCENARIO (应用场景); fixed once created. */
  kind?: DemandKind;
  /** Application scenario: the site, the data available, the timeline. */
  site?: string;
  dataAvailable?: string;
  timeline?: string;
}

/** A demand as the API returns it (the fields the form edits). */
export interface DemandContent {
  title: string;
  summary: string;
  confidentialDetails?: string | null;
  industryCode: string;
  technicalIndicators: ReadonlyArray<{ name: string; current?: string | null; target: string; mustHave: boolean }>;
  cooperationModes: readonly CooperationMode[];
  budgetMinWan?: number | null;
  budgetMaxWan?: number | null;
  deadline?: string | null;
  region?: string | null;
  anonymous: boolean;
  kind?: DemandKind;
  site?: string | null;
  dataAvailable?: string | null;
  timeline?: string | null;
}

/** The API's bounds (libs/demands demand.input.ts), checked here first so the problem shows at once. */
export const LIMITS = {
  title: [2, 200],
  summary: [1, 5000],
  confidentialDetails: 20000,
  indicators: 50,
  indicatorName: [1, 200],
  indicatorTarget: [1, 500],
  indicatorCurrent: 500,
  region: 100,
  site: 500,
  dataAvailable: 5000,
  timeline: 1000,
} as const;

/** An antd field path and the message key (under `enterprise.form.errors`) with its values. */
export interface FieldProblem {
  name: string | (string | number)[];
  message: string;
  values?: Record<string, number>;
}

const trimmed = (value: string | undefined | null) => (value ?? '').trim();

/** Rows someone started filling (an empty row is ignored rather than refused). */
function filledRows(rows: IndicatorValues[] | undefined): Array<{ row: IndicatorValues; index: number }> {
  return (rows ?? [])
    .map((row, index) => ({ row: row ?? {}, index }))
    .filter(({ row }) => trimmed(row.name) || trimmed(row.target) || trimmed(row.current));
}

/**
 * The same checks the API makes (lengths, required fields, budget order, a future deadline to publish), as
 * field problems next to the fields. `publishing` adds what opening the demand needs.
 */
export function validateDemand(values: DemandFormValues, options: { publishing: boolean; now: Date }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const title = trimmed(values.title);
  if (!title) problems.push({ name: 'title', message: 'required' });
  else if (title.length < LIMITS.title[0] || title.length > LIMITS.title[1])
    problems.push({ name: 'title', message: 'length', values: { min: LIMITS.title[0], max: LIMITS.title[1] } });
  const summary = trimmed(values.summary);
  if (!summary) problems.push({ name: 'summary', message: 'required' });
  else if (summary.length > LIMITS.summary[1])
    problems.push({ name: 'summary', message: 'tooLong', values: { max: LIMITS.summary[1] } });
  if (trimmed(values.confidentialDetails).length > LIMITS.confidentialDetails)
    problems.push({ name: 'confidentialDetails', message: 'tooLong', values: { max: LIMITS.confidentialDetails } });
  if (!values.industryCode) problems.push({ name: 'industryCode', message: 'required' });
  if (trimmed(values.region).length > LIMITS.region)
    problems.push({ name: 'region', message: 'tooLong', values: { max: LIMITS.region } });
  if (values.kind === 'APPLICATION_SCENARIO') {
    for (const field of ['site', 'dataAvailable', 'timeline'] as const) {
      if (trimmed(values[field]).length > LIMITS[field])
        problems.push({ name: field, message: 'tooLong', values: { max: LIMITS[field] } });
    }
    if (!trimmed(values.site)) problems.push({ name: 'site', message: 'required' });
  }

  for (const list of ['mustHave', 'niceToHave'] as const) {
    for (const { row, index } of filledRows(values[list])) {
      const name = trimmed(row.name);
      const target = trimmed(row.target);
      if (!name) problems.push({ name: [list, index, 'name'], message: 'required' });
      else if (name.length > LIMITS.indicatorName[1])
        problems.push({ name: [list, index, 'name'], message: 'tooLong', values: { max: LIMITS.indicatorName[1] } });
      if (!target) problems.push({ name: [list, index, 'target'], message: 'required' });
      else if (target.length > LIMITS.indicatorTarget[1])
        problems.push({
          name: [list, index, 'target'],
          message: 'tooLong',
          values: { max: LIMITS.indicatorTarget[1] },
        });
      if (trimmed(row.current).length > LIMITS.indicatorCurrent)
        problems.push({
          name: [list, index, 'current'],
          message: 'tooLong',
          values: { max: LIMITS.indicatorCurrent },
        });
    }
  }
  if (filledRows(values.mustHave).length + filledRows(values.niceToHave).length > LIMITS.indicators)
    problems.push({ name: 'niceToHave', message: 'tooMany', values: { max: LIMITS.indicators } });

  const min = values.budgetMinWan ?? null;
  const max = values.budgetMaxWan ?? null;
  if (min !== null && min < 0) problems.push({ name: 'budgetMinWan', message: 'negative' });
  if (max !== null && max < 0) problems.push({ name: 'budgetMaxWan', message: 'negative' });
  if (min !== null && max !== null && min > max) problems.push({ name: 'budgetMinWan', message: 'budgetOrder' });
  if (options.publishing && values.deadline && values.deadline.valueOf() <= options.now.getTime())
    problems.push({ name: 'deadline', message: 'deadlinePast' });
  return problems;
}

function indicatorsOf(values: DemandFormValues): TechnicalIndicatorInput[] {
  const rows = (list: IndicatorValues[] | undefined, mustHave: boolean) =>
    filledRows(list).map(({ row }) => ({
      name: trimmed(row.name),
      current: trimmed(row.current) || null,
      target: trimmed(row.target),
      mustHave,
    }));
  return [...rows(values.mustHave, true), ...rows(values.niceToHave, false)];
}

/**
 * The API input from the form: texts trimmed, empty optional fields sent as null (an update clears them), the
 * two indicator lists as one list with `mustHave`, the deadline at the end of the chosen day.
 */
export function toDemandInput(
  values: DemandFormValues,
): Omit<CreateDemandInput, 'organisationId' | 'publish' | 'kind'> {
  const scenario = values.kind === 'APPLICATION_SCENARIO';
  return {
    site: scenario ? trimmed(values.site) || null : null,
    dataAvailable: scenario ? trimmed(values.dataAvailable) || null : null,
    timeline: scenario ? trimmed(values.timeline) || null : null,
    title: trimmed(values.title),
    summary: trimmed(values.summary),
    confidentialDetails: trimmed(values.confidentialDetails) || null,
    industryCode: values.industryCode ?? '',
    technicalIndicators: indicatorsOf(values),
    cooperationModes: [...new Set(values.cooperationModes ?? [])],
    budgetMinWan: values.budgetMinWan ?? null,
    budgetMaxWan: values.budgetMaxWan ?? null,
    deadline: values.deadline ? values.deadline.endOf('day').toISOString() : null,
    region: trimmed(values.region) || null,
    anonymous: values.anonymous ?? false,
  };
}

/** The form's values from a saved demand (editing a draft); `toDay` turns the ISO deadline into the picker's value. */
export function fromDemand(demand: DemandContent, toDay: (iso: string) => Dayjs): DemandFormValues {
  const rows = (mustHave: boolean) =>
    demand.technicalIndicators
      .filter((indicator) => indicator.mustHave === mustHave)
      .map((indicator) => ({ name: indicator.name, current: indicator.current ?? '', target: indicator.target }));
  return {
    title: demand.title,
    summary: demand.summary,
    confidentialDetails: demand.confidentialDetails ?? '',
    industryCode: demand.industryCode,
    mustHave: rows(true),
    niceToHave: rows(false),
    cooperationModes: [...demand.cooperationModes],
    budgetMinWan: demand.budgetMinWan ?? null,
    budgetMaxWan: demand.budgetMaxWan ?? null,
    deadline: demand.deadline ? toDay(demand.deadline) : null,
    region: demand.region ?? '',
    anonymous: demand.anonymous,
    kind: demand.kind ?? 'TECHNICAL_PROBLEM',
    site: demand.site ?? '',
    dataAvailable: demand.dataAvailable ?? '',
    timeline: demand.timeline ?? '',
  };
}

/** What a visitor of the public demand page sees: never the confidential details; no company when anonymous. */
export interface PublicDemandView {
  title: string;
  summary: string;
  organisationName: string | null;
  industryCode: string | null;
  budgetMinWan: number | null;
  budgetMaxWan: number | null;
  deadline: string | null;
  region: string | null;
  cooperationModes: CooperationMode[];
  indicators: Array<{ name: string; current: string | null; target: string; mustHave: boolean }>;
  kind: DemandKind;
  site: string | null;
  dataAvailable: string | null;
  timeline: string | null;
}

export function publicView(values: DemandFormValues, organisationName: string | null): PublicDemandView {
  const input = toDemandInput(values);
  return {
    title: input.title,
    summary: input.summary,
    kind: values.kind ?? 'TECHNICAL_PROBLEM',
    site: input.site ?? null,
    dataAvailable: input.dataAvailable ?? null,
    timeline: input.timeline ?? null,
    organisationName: input.anonymous ? null : organisationName,
    industryCode: input.industryCode || null,
    budgetMinWan: input.budgetMinWan ?? null,
    budgetMaxWan: input.budgetMaxWan ?? null,
    deadline: input.deadline ?? null,
    region: input.region ?? null,
    cooperationModes: input.cooperationModes ?? [],
    indicators: (input.technicalIndicators ?? []).map((indicator) => ({
      name: indicator.name,
      current: indicator.current ?? null,
      target: indicator.target,
      mustHave: indicator.mustHave ?? false,
    })),
  };
}

/** The form's field names an API field error may name (the last segment of its path). */
export const API_FIELDS = [
  'title',
  'summary',
  'confidentialDetails',
  'industryCode',
  'budgetMinWan',
  'budgetMaxWan',
  'deadline',
  'region',
  'cooperationModes',
  'anonymous',
  'kind',
  'site',
  'dataAvailable',
  'timeline',
] as const;

/**
 * Which kinds the organisation may post (the API's rule, libs/demands demand-kind.ts): a government body only
 * application scenarios; a verified state-owned enterprise both; any other enterprise technical problems.
 */
export function postableKinds(organisation: {
  kind: string;
  verificationStatus?: string | null;
  stateOwned?: boolean | null;
}): DemandKind[] {
  const verified = organisation.verificationStatus === 'VERIFIED';
  if (organisation.kind === 'GOVERNMENT') return ['APPLICATION_SCENARIO'];
  if (organisation.stateOwned && verified) return ['TECHNICAL_PROBLEM', 'APPLICATION_SCENARIO'];
  return ['TECHNICAL_PROBLEM'];
}
