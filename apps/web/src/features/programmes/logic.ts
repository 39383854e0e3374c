import type {
  AnswerFollowUpInput,
  AwardTier,
  CreateRewardRuleVersionInput,
  EvaluationReportStatus,
  EvaluationSchemeInput,
  EvaluationSchemeStatus,
  IndicatorSource,
  IndicatorVerification,
  PlatformMetric,
  RewardApplicationStatus,
  RewardQualification,
  ScoringMethod,
} from '../../gql/graphql';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { TAG_COLOURS } from '../../shared/ui/tag-colours';

// ---- rewards ----

/** What the screens read of `prefillJson` (the platform's records when the application was raised). */
export interface RewardPrefillSummary {
  achievementTitle: string;
  rightsKind: string | null;
  teamSharePercent: number | null;
  rightsConfirmedAt: string | null;
  contractType: string | null;
  contractValueWan: number | null;
  enterpriseName: string;
  enterpriseRegion: string | null;
  cappedBy: string | null;
  uncappedWan: number | null;
}

/** Reads the prefill leniently: an old or partial document still shows what it has. */
export function readPrefill(json: string | null | undefined): RewardPrefillSummary {
  let doc: Record<string, Record<string, unknown> | undefined> = {};
  try {
    const parsed: unknown = JSON.parse(json ?? '{}');
    if (parsed && typeof parsed === 'object') doc = parsed as typeof doc;
  } catch {
    // not JSON: show nothing from it
  }
  const str = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
  const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
  return {
    achievementTitle: str(doc.achievement?.title) ?? '—',
    rightsKind: str(doc.rights?.kind),
    teamSharePercent: num(doc.rights?.teamSharePercent),
    rightsConfirmedAt: str(doc.rights?.rightsConfirmedAt),
    contractType: str(doc.registration?.contractType),
    contractValueWan: num(doc.registration?.contractValueWan),
    enterpriseName: str(doc.enterprise?.name) ?? '—',
    enterpriseRegion: str(doc.enterprise?.region),
    cappedBy: str(doc.eligibility?.cappedBy),
    uncappedWan: num(doc.eligibility?.uncappedWan),
  };
}

export type RewardAction = 'edit' | 'submit' | 'approve' | 'return' | 'pay';

/**
 * The actions a screen offers on an application in a status. The API decides (TTO/team vs ADMIN); the screen
 * only hides what the status does not allow, per side.
 */
export function rewardActions(status: RewardApplicationStatus, side: 'bureau' | 'applicant'): RewardAction[] {
  if (side === 'applicant') return status === 'DRAFT' || status === 'RETURNED' ? ['edit', 'submit'] : [];
  switch (status) {
    case 'SUBMITTED':
      return ['approve', 'return'];
    case 'APPROVED':
      return ['pay'];
    default:
      return [];
  }
}

/** The rule version's required evidence not yet attached (by label). */
export function missingEvidence(required: readonly string[], attached: ReadonlyArray<{ label: string }>): string[] {
  const have = new Set(attached.map((item) => item.label.trim()));
  return required.filter((label) => !have.has(label.trim()));
}

export const REWARD_STATUS_COLOURS: Record<RewardApplicationStatus, string> = {
  DRAFT: 'default',
  RETURNED: TAG_COLOURS.warning,
  SUBMITTED: 'blue',
  APPROVED: TAG_COLOURS.mode,
  PAID: 'purple',
};

/** Amounts in 万元 with at most two decimals, no trailing zeros ("12.5", "50"). */
export function formatWan(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return String(Math.round(value * 100) / 100);
}

/** A comma, 、 or newline separated list as trimmed, non-empty, distinct items. */
export function splitList(text: string | null | undefined): string[] {
  return [
    ...new Set(
      (text ?? '')
        .split(/[,，、\n]/)
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ];
}

export interface RuleVersionFormValues {
  name: string;
  effectiveFrom: string;
  effectiveTo?: string | null;
  qualifications: RewardQualification[];
  districtRegions: string;
  contractTypes: string;
  sharePercent: number;
  minTechnicalIncomeWan?: number | null;
  capPerItemWan?: number | null;
  capPerYearWan?: number | null;
  requiredEvidence: string;
}

/** The new-version form as the mutation's input (lists typed as text; empty caps mean none). */
export function ruleVersionInput(values: RuleVersionFormValues): CreateRewardRuleVersionInput {
  const optional = (value: number | null | undefined) => (typeof value === 'number' ? value : null);
  return {
    name: values.name.trim(),
    effectiveFrom: values.effectiveFrom,
    effectiveTo: values.effectiveTo || null,
    terms: {
      qualifications: values.qualifications,
      districtRegions: splitList(values.districtRegions),
      contractTypes: splitList(values.contractTypes).map((type) => type.toUpperCase()),
      sharePercent: values.sharePercent,
      minTechnicalIncomeWan: values.minTechnicalIncomeWan ?? 0,
      capPerItemWan: optional(values.capPerItemWan),
      capPerYearWan: optional(values.capPerYearWan),
      requiredEvidence: splitList(values.requiredEvidence),
    },
  };
}

// ---- evaluation ----

export interface ReportValueLike {
  source: 'PLATFORM' | 'SELF_REPORTED';
  verification: IndicatorVerification;
}

/** Self-reported items the bureau has verified, rejected and not yet looked at. */
export function verificationProgress(values: readonly ReportValueLike[]): {
  selfReported: number;
  verified: number;
  rejected: number;
  pending: number;
} {
  const self = values.filter((value) => value.source === 'SELF_REPORTED');
  return {
    selfReported: self.length,
    verified: self.filter((value) => value.verification === 'VERIFIED').length,
    rejected: self.filter((value) => value.verification === 'REJECTED').length,
    pending: self.filter((value) => value.verification === 'PENDING').length,
  };
}

/** The bureau may verify items of a submitted report only. */
// ---- the indicator scheme editor ----

export interface SchemeIndicatorFormValues {
  key: string;
  label: string;
  weight: number | null;
  source: IndicatorSource;
  platformMetric?: PlatformMetric | null;
  method: ScoringMethod;
  thresholds?: Array<{ min: number | null; points: number | null }>;
}

export interface SchemeFormValues {
  title: string;
  tiers: { excellent: number | null; good: number | null; pass: number | null };
  indicators: SchemeIndicatorFormValues[];
}

/** The editor's starting values from a saved scheme. */
export function schemeFormValues(scheme: {
  title: string;
  tiers: { excellent: number; good: number; pass: number };
  indicators: ReadonlyArray<{
    key: string;
    label: string;
    weight: number;
    source: IndicatorSource;
    platformMetric?: PlatformMetric | null;
    method: ScoringMethod;
    thresholds: ReadonlyArray<{ min: number; points: number }>;
  }>;
}): SchemeFormValues {
  return {
    title: scheme.title,
    tiers: { ...scheme.tiers },
    indicators: scheme.indicators.map((indicator) => ({
      key: indicator.key,
      label: indicator.label,
      weight: indicator.weight,
      source: indicator.source,
      platformMetric: indicator.platformMetric ?? null,
      method: indicator.method,
      thresholds: indicator.thresholds.map((threshold) => ({ min: threshold.min, points: threshold.points })),
    })),
  };
}

/**
 * What the API is sent: a platform metric only for platform indicators, thresholds only for threshold scoring.
 * Blank numbers go as they are (NaN would hide them): the API names the field.
 */
export function schemeInput(year: number, values: SchemeFormValues): EvaluationSchemeInput {
  return {
    year,
    title: values.title.trim(),
    tiers: { excellent: values.tiers.excellent ?? 0, good: values.tiers.good ?? 0, pass: values.tiers.pass ?? 0 },
    indicators: values.indicators.map((indicator) => ({
      key: indicator.key.trim(),
      label: indicator.label.trim(),
      weight: indicator.weight ?? 0,
      source: indicator.source,
      platformMetric: indicator.source === 'PLATFORM' ? (indicator.platformMetric ?? null) : null,
      method: indicator.method,
      thresholds:
        indicator.method === 'THRESHOLDS'
          ? (indicator.thresholds ?? []).map((threshold) => ({
              min: threshold.min ?? 0,
              points: threshold.points ?? 0,
            }))
          : [],
    })),
  };
}

/** Each indicator's share of the total (weights are normalised by their sum), in percent to one decimal. */
export function weightShares(weights: ReadonlyArray<number | null | undefined>): Array<number | null> {
  const sum = weights.reduce<number>((total, weight) => total + (weight && weight > 0 ? weight : 0), 0);
  return weights.map((weight) => (sum > 0 && weight && weight > 0 ? Math.round((weight / sum) * 1000) / 10 : null));
}

const INDICATOR_FIELDS = new Set(['key', 'label', 'weight', 'source', 'platformMetric', 'method', 'thresholds']);

/** Whether the scheme editor has a field of this name (with `indicatorCount` indicators). */
export function isSchemeField(name: ReadonlyArray<string | number>, indicatorCount: number): boolean {
  const [head, a, b, c, d] = name;
  if (head === 'title') return name.length === 1;
  if (head === 'tiers') return name.length === 2 && ['excellent', 'good', 'pass'].includes(String(a));
  if (head !== 'indicators' || typeof a !== 'number' || a >= indicatorCount) return false;
  if (name.length === 3) return INDICATOR_FIELDS.has(String(b));
  return name.length === 5 && b === 'thresholds' && typeof c === 'number' && (d === 'min' || d === 'points');
}

/**
 * The API's problems with a scheme as form fields: its `field` (`indicators.0.weight`, `tiers`) or the validation
 * pipe's `fields`, with the message it gave. Paths become antd name paths (numbers for list indexes); problems
 * that name no field the form has go to `general`.
 */
export function schemeFieldErrors(
  error: unknown,
  known: (name: Array<string | number>) => boolean,
): { fields: Array<{ name: Array<string | number>; errors: string[] }>; general: string[] } {
  const fields: Array<{ name: Array<string | number>; errors: string[] }> = [];
  const general: string[] = [];
  if (!CombinedGraphQLErrors.is(error) || error.errors.length === 0) {
    general.push(error instanceof Error ? error.message : String(error));
    return { fields, general };
  }
  const first = error.errors[0];
  const extensions = (first.extensions ?? {}) as { field?: unknown; fields?: unknown };
  const problems: Array<{ field: string; messages: string[] }> = [];
  if (Array.isArray(extensions.fields)) {
    for (const entry of extensions.fields as Array<{ field?: unknown; problems?: unknown }>) {
      if (typeof entry.field !== 'string') continue;
      const messages = Array.isArray(entry.problems)
        ? entry.problems.filter((p): p is string => typeof p === 'string')
        : [];
      problems.push({ field: entry.field, messages: messages.length ? messages : [first.message] });
    }
  } else if (typeof extensions.field === 'string') {
    problems.push({ field: extensions.field, messages: [first.message] });
  }
  if (problems.length === 0) general.push(first.message);
  for (const problem of problems) {
    const name = problem.field
      .replace(/^input\./, '')
      .split('.')
      .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
    if (known(name)) fields.push({ name, errors: problem.messages });
    else general.push(problem.messages.join('；'));
  }
  return { fields, general };
}

export function mayVerify(status: EvaluationReportStatus): boolean {
  return status === 'SUBMITTED';
}

/** The institution edits its report while it is a draft or returned. */
export function mayEditReport(status: EvaluationReportStatus): boolean {
  return status === 'DRAFT' || status === 'RETURNED';
}

/** What the results tab offers for a scheme: compute while open, publish once computed, nothing once published. */
export function resultActions(
  status: EvaluationSchemeStatus,
  resultsComputedAt: string | null | undefined,
): { compute: boolean; publish: boolean } {
  return {
    compute: status === 'OPEN',
    publish: status === 'OPEN' && Boolean(resultsComputedAt),
  };
}

export const TIER_COLOURS: Record<AwardTier, string> = {
  EXCELLENT: '#7c5800',
  GOOD: TAG_COLOURS.mode,
  PASS: 'blue',
  FAIL: TAG_COLOURS.danger,
};

// ---- follow-ups ----

export interface FollowUpFormValues {
  productLaunched: boolean;
  companyFounded: boolean;
  companyName?: string | null;
  revenueWan?: number | null;
  jobsCreated?: number | null;
  followOnInvestmentWan?: number | null;
  note?: string | null;
}

/** The questionnaire as the mutation's input: blanks are "not known" (null), a company name only when founded. */
export function followUpAnswer(followUpId: string, values: FollowUpFormValues): AnswerFollowUpInput {
  const number = (value: number | null | undefined) => (typeof value === 'number' ? value : null);
  const note = values.note?.trim();
  return {
    followUpId,
    productLaunched: Boolean(values.productLaunched),
    companyFounded: Boolean(values.companyFounded),
    companyName: values.companyFounded ? values.companyName?.trim() || null : null,
    revenueWan: number(values.revenueWan),
    jobsCreated: number(values.jobsCreated),
    followOnInvestmentWan: number(values.followOnInvestmentWan),
    note: note ? note : null,
  };
}

/** An enterprise may answer once asked, and again to update; not before, not after it lapsed. */
export function mayAnswer(status: 'SCHEDULED' | 'ASKED' | 'ANSWERED' | 'LAPSED'): boolean {
  return status === 'ASKED' || status === 'ANSWERED';
}

// ---- exports ----

/** An `ExportFile` (base64 through GraphQL) as bytes for a download. */
export function exportFileBlob(file: { base64: string; contentType: string }): Blob {
  const binary = atob(file.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: file.contentType });
}

/** Runs `then` with a form's values once they are valid; an invalid form shows its own errors (nothing thrown). */
export function whenValid<T>(form: { validateFields: () => Promise<T> }, then: (values: T) => unknown): void {
  form.validateFields().then(then, () => undefined);
}

const INSTITUTION_KINDS = new Set(['UNIVERSITY', 'RESEARCH_INSTITUTE', 'NEW_RD_INSTITUTION']);

/** The institution whose annual report the person may read: the first one they act for as TTO or admin. */
export function annualReportInstitution(
  memberships: ReadonlyArray<{
    role: string;
    status: string;
    orgAdmin: boolean;
    organisation: { id: string; name: string; kind: string };
  }>,
): { id: string; name: string } | null {
  const membership = memberships.find(
    (m) =>
      m.status === 'ACTIVE' && (m.role === 'TTO_OFFICER' || m.orgAdmin) && INSTITUTION_KINDS.has(m.organisation.kind),
  );
  return membership ? { id: membership.organisation.id, name: membership.organisation.name } : null;
}
