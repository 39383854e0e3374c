import type { ErrorReason } from '@app/core';
import { AchievementStatus as S, RightsProposalKind } from './achievement-enums';

/**
 * The 赋权 (rights-confirmation) procedure as a pure state machine: which event moves an achievement from which
 * state to which, who may fire it, and the guard rules that must hold. No I/O: the service gathers the context,
 * asks `planTransition`, and stores the result.
 */
export enum WorkflowEvent {
  SUBMIT = 'SUBMIT',
  /** Reviewers' approval of the current stage: SUBMITTED → DEPARTMENT_REVIEW → TTO_REVIEW → PUBLIC_NOTICE. */
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
  OBJECT = 'OBJECT',
  END_NOTICE = 'END_NOTICE',
  SIGN_AGREEMENT = 'SIGN_AGREEMENT',
  CONFIRM_RIGHTS = 'CONFIRM_RIGHTS',
  /** 学校所有: the institution keeps the rights; the TTO skips the team-rights procedure. */
  CONFIRM_INSTITUTION_OWNED = 'CONFIRM_INSTITUTION_OWNED',
  LIST = 'LIST',
  START_NEGOTIATION = 'START_NEGOTIATION',
  END_NEGOTIATION = 'END_NEGOTIATION',
  MARK_TRANSFERRED = 'MARK_TRANSFERRED',
  WITHDRAW = 'WITHDRAW',
  MARK_STALE = 'MARK_STALE',
  RECONFIRM = 'RECONFIRM',
}

/** What the actor is with respect to one achievement (the service derives these from memberships). */
export enum WorkflowRole {
  /** Owner, inventor or representative who is a researcher of the achievement's institution. */
  TEAM = 'TEAM',
  /** TTO officer of the achievement's institution (also performs the department review). */
  TTO = 'TTO',
  /** Anyone signed in (objections during the public notice). */
  SIGNED_IN = 'SIGNED_IN',
  /** Scheduled jobs. */
  SYSTEM = 'SYSTEM',
}

export interface WorkflowEdge {
  readonly event: WorkflowEvent;
  readonly from: S;
  readonly to: S;
}

const edges = (event: WorkflowEvent, from: readonly S[], to: S): WorkflowEdge[] =>
  from.map((f) => ({ event, from: f, to }));

const REVIEW_STATES = [S.SUBMITTED, S.DEPARTMENT_REVIEW, S.TTO_REVIEW];
const ON_MARKET = [S.LISTED, S.IN_NEGOTIATION];

export const WORKFLOW_EDGES: readonly WorkflowEdge[] = [
  ...edges(WorkflowEvent.SUBMIT, [S.DRAFT], S.SUBMITTED),
  ...edges(WorkflowEvent.APPROVE, [S.SUBMITTED], S.DEPARTMENT_REVIEW),
  ...edges(WorkflowEvent.APPROVE, [S.DEPARTMENT_REVIEW], S.TTO_REVIEW),
  ...edges(WorkflowEvent.APPROVE, [S.TTO_REVIEW], S.PUBLIC_NOTICE),
  ...edges(WorkflowEvent.REJECT, REVIEW_STATES, S.DRAFT),
  ...edges(WorkflowEvent.OBJECT, [S.PUBLIC_NOTICE], S.TTO_REVIEW),
  ...edges(WorkflowEvent.END_NOTICE, [S.PUBLIC_NOTICE], S.APPROVED),
  ...edges(WorkflowEvent.SIGN_AGREEMENT, [S.APPROVED], S.AGREEMENT_SIGNED),
  ...edges(WorkflowEvent.CONFIRM_RIGHTS, [S.AGREEMENT_SIGNED], S.RIGHTS_CONFIRMED),
  ...edges(WorkflowEvent.CONFIRM_INSTITUTION_OWNED, [S.DRAFT, ...REVIEW_STATES], S.RIGHTS_CONFIRMED),
  ...edges(WorkflowEvent.LIST, [S.RIGHTS_CONFIRMED], S.LISTED),
  ...edges(WorkflowEvent.START_NEGOTIATION, [S.LISTED], S.IN_NEGOTIATION),
  ...edges(WorkflowEvent.END_NEGOTIATION, [S.IN_NEGOTIATION], S.LISTED),
  ...edges(WorkflowEvent.MARK_TRANSFERRED, ON_MARKET, S.TRANSFERRED),
  ...edges(WorkflowEvent.WITHDRAW, [S.RIGHTS_CONFIRMED, ...ON_MARKET, S.STALE], S.WITHDRAWN),
  ...edges(WorkflowEvent.MARK_STALE, [S.LISTED], S.STALE),
  // Reconfirming a live listing only renews it; reconfirming a stale one brings it back.
  ...edges(WorkflowEvent.RECONFIRM, [S.LISTED, S.STALE], S.LISTED),
];

const { TEAM, TTO, SYSTEM } = WorkflowRole;

export const EVENT_ROLES: { readonly [E in WorkflowEvent]: readonly WorkflowRole[] } = {
  [WorkflowEvent.SUBMIT]: [TEAM],
  [WorkflowEvent.APPROVE]: [TTO],
  [WorkflowEvent.REJECT]: [TTO],
  // An objection the TTO upheld sends the application back to review (filing one moves nothing).
  [WorkflowEvent.OBJECT]: [TTO],
  [WorkflowEvent.END_NOTICE]: [SYSTEM],
  [WorkflowEvent.SIGN_AGREEMENT]: [TTO],
  [WorkflowEvent.CONFIRM_RIGHTS]: [TTO],
  [WorkflowEvent.CONFIRM_INSTITUTION_OWNED]: [TTO],
  [WorkflowEvent.LIST]: [TEAM, TTO],
  [WorkflowEvent.START_NEGOTIATION]: [TEAM, TTO],
  [WorkflowEvent.END_NEGOTIATION]: [TEAM, TTO],
  [WorkflowEvent.MARK_TRANSFERRED]: [TTO],
  [WorkflowEvent.WITHDRAW]: [TEAM, TTO],
  [WorkflowEvent.MARK_STALE]: [SYSTEM],
  [WorkflowEvent.RECONFIRM]: [TEAM, TTO],
};

/** States whose achievements are publicly visible (and indexed for search and matching). */
export const PUBLIC_STATUSES: readonly S[] = [S.LISTED];

/** Changes into or out of these states can change what the public index shows. */
export const INDEX_RELEVANT_STATUSES: readonly S[] = [S.LISTED, S.IN_NEGOTIATION, S.STALE, S.TRANSFERRED, S.WITHDRAWN];

export interface InstitutionRules {
  /** Bounds of the team's ownership share, in percent (inclusive). */
  readonly minTeamSharePercent: number;
  readonly maxTeamSharePercent: number;
  /** Excluded categories (negative list): industry codes, IP types or keywords, compared case-insensitively. */
  readonly negativeList: readonly string[];
}

export interface WorkflowContext {
  readonly now: Date;
  readonly rules: InstitutionRules;
  readonly inventors: ReadonlyArray<{
    readonly name: string;
    readonly contributionShare: number;
    readonly consented: boolean;
  }>;
  readonly proposal: {
    readonly kind: RightsProposalKind;
    readonly teamSharePercent: number | null;
    readonly useRightYears: number | null;
  } | null;
  /** What the negative list is compared against: industry code, IP type, keywords. */
  readonly categories: readonly string[];
  readonly conversionPlan: string | null;
  readonly hasRepresentative: boolean;
  readonly noticeEndsAt: Date | null;
  /** The actor's comment; a reason for rejections, objections and institution-ownership decisions. */
  readonly comment: string | null;
}

export type WorkflowViolationKind = 'FORBIDDEN' | 'INVALID_TRANSITION' | 'GUARD_FAILED';

/** One unmet condition: its stable reason and parameters (for messages in any language) and its English text. */
export interface WorkflowProblem {
  readonly reason: ErrorReason;
  readonly params: Readonly<Record<string, string | number | string[]>>;
  readonly message: string;
}

const problem = (
  reason: ErrorReason,
  message: string,
  params: Readonly<Record<string, string | number | string[]>> = {},
): WorkflowProblem => ({ reason, params, message });

/** Why a transition may not happen; the service maps FORBIDDEN to FORBIDDEN and the others to BAD_USER_INPUT. */
export class WorkflowViolation extends Error {
  constructor(
    readonly kind: WorkflowViolationKind,
    message: string,
    readonly details: {
      currentStatus: S;
      event: WorkflowEvent;
      allowedTransitions: string[];
      allowedRoles?: WorkflowRole[];
      problems?: string[];
    },
    readonly problemList: readonly WorkflowProblem[] = [],
  ) {
    super(message);
    this.name = 'WorkflowViolation';
  }
}

export function transitionsFrom(status: S): WorkflowEdge[] {
  return WORKFLOW_EDGES.filter((edge) => edge.from === status);
}

export function describeTransitions(status: S): string[] {
  return transitionsFrom(status).map((edge) => `${edge.event} → ${edge.to}`);
}

const SHARE_TOLERANCE = 0.001;

export function eligibilityChecks(context: Pick<WorkflowContext, 'rules' | 'categories'>): WorkflowProblem[] {
  const excluded = new Set(context.rules.negativeList.map((entry) => entry.trim().toLowerCase()));
  const hits = [...new Set(context.categories.filter((category) => excluded.has(category.trim().toLowerCase())))];
  return hits.length > 0
    ? [
        problem('ON_NEGATIVE_LIST', `the achievement falls under the institution's negative list: ${hits.join(', ')}`, {
          categories: hits,
        }),
      ]
    : [];
}

export function eligibilityProblems(context: Pick<WorkflowContext, 'rules' | 'categories'>): string[] {
  return eligibilityChecks(context).map((p) => p.message);
}

/** The conditions of a complete application (全体完成人意见, shares, proposal, plan, eligibility). */
export function submissionChecks(context: WorkflowContext): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  const { inventors, proposal, rules } = context;
  if (inventors.length === 0) problems.push(problem('INVENTOR_REQUIRED', 'at least one inventor is required'));
  const missing = inventors.filter((inventor) => !inventor.consented).map((inventor) => inventor.name);
  if (missing.length > 0) {
    problems.push(problem('CONSENT_MISSING', `consent missing from: ${missing.join(', ')}`, { names: missing }));
  }
  const total = inventors.reduce((sum, inventor) => sum + inventor.contributionShare, 0);
  if (inventors.length > 0 && Math.abs(total - 100) > SHARE_TOLERANCE) {
    problems.push(
      problem('SHARES_DO_NOT_SUM_TO_100', `inventors' contribution shares sum to ${round(total)}, not 100`, {
        total: round(total),
      }),
    );
  }
  if (!proposal) {
    problems.push(
      problem('RIGHTS_PROPOSAL_REQUIRED', 'a rights proposal (team share or long-term use right) is required'),
    );
  } else if (proposal.kind === RightsProposalKind.TEAM_SHARE) {
    const share = proposal.teamSharePercent;
    if (share === null || share < rules.minTeamSharePercent || share > rules.maxTeamSharePercent) {
      problems.push(
        problem(
          'SHARE_OUT_OF_BOUNDS',
          `the team share must be between ${rules.minTeamSharePercent}% and ${rules.maxTeamSharePercent}% (proposed: ${share ?? 'none'})`,
          { min: rules.minTeamSharePercent, max: rules.maxTeamSharePercent, proposed: share ?? '-' },
        ),
      );
    }
  } else if (
    proposal.useRightYears === null ||
    !Number.isInteger(proposal.useRightYears) ||
    proposal.useRightYears < 1
  ) {
    problems.push(
      problem('USE_RIGHT_YEARS_INVALID', 'a long-term use right needs a whole number of years (at least 1)'),
    );
  }
  if (!context.hasRepresentative) {
    problems.push(problem('REPRESENTATIVE_REQUIRED', 'a team representative (赋权代表) must be named'));
  }
  if (!context.conversionPlan?.trim()) {
    problems.push(problem('CONVERSION_PLAN_REQUIRED', 'a conversion plan (转化实施方案) is required'));
  }
  problems.push(...eligibilityChecks(context));
  return problems;
}

/** The English texts of `submissionChecks`. */
export function submissionProblems(context: WorkflowContext): string[] {
  return submissionChecks(context).map((p) => p.message);
}

const needsComment = (what: string) => (context: WorkflowContext) =>
  context.comment?.trim() ? [] : [problem('REASON_REQUIRED', `${what} is required`)];

type Guard = (context: WorkflowContext, from: S) => WorkflowProblem[];

const GUARDS: { readonly [E in WorkflowEvent]?: Guard } = {
  [WorkflowEvent.SUBMIT]: submissionChecks,
  [WorkflowEvent.APPROVE]: (context, from) => (from === S.SUBMITTED ? eligibilityChecks(context) : []),
  [WorkflowEvent.REJECT]: needsComment('a reason for the rejection'),
  // Upheld also after the window's end: a notice with an objection waiting for triage does not end.
  [WorkflowEvent.OBJECT]: needsComment('a reason for upholding the objection'),
  [WorkflowEvent.END_NOTICE]: (context) =>
    context.noticeEndsAt && context.now >= context.noticeEndsAt
      ? []
      : [problem('NOTICE_WINDOW_OPEN', 'the public notice window has not ended yet')],
  [WorkflowEvent.SIGN_AGREEMENT]: (context) =>
    context.proposal
      ? []
      : [problem('AGREEMENT_NEEDS_PROPOSAL', 'the agreement needs the rights proposal (team share or use-right term)')],
  [WorkflowEvent.CONFIRM_INSTITUTION_OWNED]: needsComment('the basis of the institution-ownership decision'),
  [WorkflowEvent.WITHDRAW]: needsComment('a reason for the withdrawal'),
};

/**
 * Decides whether `event` may move an achievement in `status`, fired by someone holding `roles`.
 * Order: role (FORBIDDEN), then state (INVALID_TRANSITION naming the allowed transitions), then guards.
 */
export function planTransition(
  status: S,
  event: WorkflowEvent,
  roles: ReadonlySet<WorkflowRole>,
  context: WorkflowContext,
): WorkflowEdge {
  const allowedTransitions = describeTransitions(status);
  const allowedRoles = EVENT_ROLES[event];
  if (!allowedRoles.some((role) => roles.has(role))) {
    throw new WorkflowViolation('FORBIDDEN', `Only ${allowedRoles.join(' or ')} may ${event} an achievement`, {
      currentStatus: status,
      event,
      allowedTransitions,
      allowedRoles: [...allowedRoles],
    });
  }
  const edge = WORKFLOW_EDGES.find((candidate) => candidate.event === event && candidate.from === status);
  if (!edge) {
    throw new WorkflowViolation(
      'INVALID_TRANSITION',
      `Cannot ${event} an achievement in state ${status}; allowed from ${status}: ${allowedTransitions.join(', ') || 'none (final state)'}`,
      { currentStatus: status, event, allowedTransitions },
    );
  }
  const problems = GUARDS[event]?.(context, status) ?? [];
  if (problems.length > 0) {
    const messages = problems.map((p) => p.message);
    throw new WorkflowViolation(
      'GUARD_FAILED',
      `Cannot ${event} in state ${status}: ${messages.join('; ')}`,
      { currentStatus: status, event, allowedTransitions, problems: messages },
      problems,
    );
  }
  return edge;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
