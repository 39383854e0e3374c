import { AchievementStatus as S, RightsProposalKind } from './achievement-enums';
import {
  EVENT_ROLES,
  planTransition,
  submissionProblems,
  WORKFLOW_EDGES,
  WorkflowContext,
  WorkflowEvent,
  WorkflowRole,
  WorkflowViolation,
} from './rights-workflow';

const NOW = new Date('2030-01-10T00:00:00Z');

/** A context in which every guard holds; tests override one thing at a time. */
function okContext(overrides: Partial<WorkflowContext> = {}): WorkflowContext {
  return {
    now: NOW,
    rules: { minTeamSharePercent: 70, maxTeamSharePercent: 90, negativeList: ['weapons'] },
    inventors: [
      { name: '张三', contributionShare: 60, consented: true },
      { name: 'Li Si', contributionShare: 40, consented: true },
    ],
    proposal: { kind: RightsProposalKind.TEAM_SHARE, teamSharePercent: 80, useRightYears: null },
    categories: ['ai', 'INVENTION_PATENT', '机器视觉'],
    conversionPlan: '许可给本地企业实施',
    hasRepresentative: true,
    noticeEndsAt: NOW,
    comment: 'reason',
    ...overrides,
  };
}

/** A time inside / after the notice window. */
const DURING_NOTICE = { noticeEndsAt: new Date(NOW.getTime() + 1000) };

function violation(fn: () => unknown): WorkflowViolation {
  try {
    fn();
  } catch (error) {
    if (error instanceof WorkflowViolation) return error;
    throw error;
  }
  throw new Error('expected a WorkflowViolation');
}

const ALL_STATES = Object.values(S);
const ALL_EVENTS = Object.values(WorkflowEvent);
const ALL_ROLES = Object.values(WorkflowRole);

describe('rights workflow', () => {
  describe('every allowed transition', () => {
    it.each(WORKFLOW_EDGES.map((edge) => [edge.event, edge.from, edge.to, edge]))(
      '%s: %s → %s',
      (_event, _from, _to, edge) => {
        const context = edge.event === WorkflowEvent.OBJECT ? okContext(DURING_NOTICE) : okContext();
        for (const role of EVENT_ROLES[edge.event]) {
          expect(planTransition(edge.from, edge.event, new Set([role]), context)).toEqual(edge);
        }
      },
    );

    it('models the documented procedure end to end', () => {
      const path: Array<[WorkflowEvent, S]> = [
        [WorkflowEvent.SUBMIT, S.SUBMITTED],
        [WorkflowEvent.APPROVE, S.DEPARTMENT_REVIEW],
        [WorkflowEvent.APPROVE, S.TTO_REVIEW],
        [WorkflowEvent.APPROVE, S.PUBLIC_NOTICE],
        [WorkflowEvent.END_NOTICE, S.APPROVED],
        [WorkflowEvent.SIGN_AGREEMENT, S.AGREEMENT_SIGNED],
        [WorkflowEvent.CONFIRM_RIGHTS, S.RIGHTS_CONFIRMED],
        [WorkflowEvent.LIST, S.LISTED],
        [WorkflowEvent.MARK_STALE, S.STALE],
        [WorkflowEvent.RECONFIRM, S.LISTED],
        [WorkflowEvent.START_NEGOTIATION, S.IN_NEGOTIATION],
        [WorkflowEvent.MARK_TRANSFERRED, S.TRANSFERRED],
      ];
      let state = S.DRAFT;
      const everyone = new Set(ALL_ROLES);
      for (const [event, expected] of path) {
        state = planTransition(state, event, everyone, okContext()).to;
        expect(state).toBe(expected);
      }
    });
  });

  describe('every forbidden transition (event not allowed from a state)', () => {
    const forbidden = ALL_STATES.flatMap((state) =>
      ALL_EVENTS.filter((event) => !WORKFLOW_EDGES.some((e) => e.from === state && e.event === event)).map(
        (event) => [state, event] as const,
      ),
    );

    it('covers the whole state × event space', () => {
      expect(forbidden.length + WORKFLOW_EDGES.length).toBe(ALL_STATES.length * ALL_EVENTS.length);
    });

    it.each(forbidden)('%s does not accept %s', (state, event) => {
      const error = violation(() => planTransition(state, event, new Set(ALL_ROLES), okContext(DURING_NOTICE)));
      expect(error.kind).toBe('INVALID_TRANSITION');
      expect(error.message).toContain(`in state ${state}`);
      expect(error.details.currentStatus).toBe(state);
      const allowed = WORKFLOW_EDGES.filter((e) => e.from === state).map((e) => `${e.event} → ${e.to}`);
      expect(error.details.allowedTransitions).toEqual(allowed);
      for (const description of allowed) expect(error.message).toContain(description);
    });

    it('names final states as having no transitions', () => {
      const error = violation(() => planTransition(S.TRANSFERRED, WorkflowEvent.LIST, new Set(ALL_ROLES), okContext()));
      expect(error.message).toContain('none (final state)');
    });
  });

  describe('roles', () => {
    const cases = ALL_EVENTS.flatMap((event) =>
      ALL_ROLES.filter((role) => !EVENT_ROLES[event].includes(role)).map((role) => [event, role] as const),
    );

    it.each(cases)('%s is FORBIDDEN to %s', (event, role) => {
      const from = WORKFLOW_EDGES.find((edge) => edge.event === event)!.from;
      const error = violation(() => planTransition(from, event, new Set([role]), okContext(DURING_NOTICE)));
      expect(error.kind).toBe('FORBIDDEN');
      expect(error.details.currentStatus).toBe(from);
    });

    it('checks the role before the state, so outsiders learn nothing about the state', () => {
      const error = violation(() =>
        planTransition(S.LISTED, WorkflowEvent.APPROVE, new Set([WorkflowRole.SIGNED_IN]), okContext()),
      );
      expect(error.kind).toBe('FORBIDDEN');
    });

    it('keeps the review and confirmation decisions with the TTO, and the timers with the system', () => {
      expect(EVENT_ROLES[WorkflowEvent.APPROVE]).toEqual([WorkflowRole.TTO]);
      expect(EVENT_ROLES[WorkflowEvent.CONFIRM_INSTITUTION_OWNED]).toEqual([WorkflowRole.TTO]);
      expect(EVENT_ROLES[WorkflowEvent.END_NOTICE]).toEqual([WorkflowRole.SYSTEM]);
      expect(EVENT_ROLES[WorkflowEvent.MARK_STALE]).toEqual([WorkflowRole.SYSTEM]);
      expect(EVENT_ROLES[WorkflowEvent.SUBMIT]).toEqual([WorkflowRole.TEAM]);
    });
  });

  describe('guards', () => {
    const team = new Set([WorkflowRole.TEAM]);
    const tto = new Set([WorkflowRole.TTO]);
    const submit = (overrides: Partial<WorkflowContext>) =>
      violation(() => planTransition(S.DRAFT, WorkflowEvent.SUBMIT, team, okContext(overrides)));

    it('needs every inventor to have consented (全体完成人意见)', () => {
      const error = submit({
        inventors: [
          { name: '张三', contributionShare: 50, consented: true },
          { name: '王五', contributionShare: 50, consented: false },
        ],
      });
      expect(error.kind).toBe('GUARD_FAILED');
      expect(error.details.problems).toEqual(['consent missing from: 王五']);
    });

    it('needs at least one inventor', () => {
      expect(submit({ inventors: [] }).details.problems).toEqual(['at least one inventor is required']);
    });

    it('needs contribution shares summing to 100', () => {
      const error = submit({
        inventors: [
          { name: 'a', contributionShare: 33.3, consented: true },
          { name: 'b', contributionShare: 33.3, consented: true },
        ],
      });
      expect(error.details.problems).toEqual(["inventors' contribution shares sum to 66.6, not 100"]);
      const thirds = [1, 2, 3].map((i) => ({ name: `p${i}`, contributionShare: 100 / 3, consented: true }));
      expect(submissionProblems(okContext({ inventors: thirds }))).toEqual([]);
    });

    it.each([
      [69.99, false],
      [70, true],
      [90, true],
      [90.5, false],
    ])('bounds the team share by the institution (%s%% allowed: %s)', (share, allowed) => {
      const problems = submissionProblems(
        okContext({ proposal: { kind: RightsProposalKind.TEAM_SHARE, teamSharePercent: share, useRightYears: null } }),
      );
      expect(problems.length === 0).toBe(allowed);
      if (!allowed) expect(problems[0]).toContain('between 70% and 90%');
    });

    it('uses the bounds the institution configured', () => {
      const rules = { minTeamSharePercent: 50, maxTeamSharePercent: 60, negativeList: [] };
      const proposal = { kind: RightsProposalKind.TEAM_SHARE, teamSharePercent: 80, useRightYears: null };
      expect(submissionProblems(okContext({ rules, proposal }))[0]).toContain('between 50% and 60%');
    });

    it('accepts a long-term use right of whole years instead of a share', () => {
      const useRight = (years: number | null) => ({
        kind: RightsProposalKind.USE_RIGHT,
        teamSharePercent: null,
        useRightYears: years,
      });
      expect(submissionProblems(okContext({ proposal: useRight(10) }))).toEqual([]);
      expect(submissionProblems(okContext({ proposal: useRight(0) }))).toHaveLength(1);
      expect(submissionProblems(okContext({ proposal: useRight(2.5) }))).toHaveLength(1);
      expect(submissionProblems(okContext({ proposal: useRight(null) }))).toHaveLength(1);
    });

    it('needs a proposal, a representative and a conversion plan', () => {
      expect(submit({ proposal: null, hasRepresentative: false, conversionPlan: '  ' }).details.problems).toEqual([
        'a rights proposal (team share or long-term use right) is required',
        'a team representative (赋权代表) must be named',
        'a conversion plan (转化实施方案) is required',
      ]);
    });

    it('refuses achievements on the negative list, at submission and again at the eligibility check', () => {
      expect(submit({ categories: ['WEAPONS'] }).details.problems).toEqual([
        "the achievement falls under the institution's negative list: WEAPONS",
      ]);
      const atReview = violation(() =>
        planTransition(S.SUBMITTED, WorkflowEvent.APPROVE, tto, okContext({ categories: ['weapons'] })),
      );
      expect(atReview.kind).toBe('GUARD_FAILED');
      expect(
        planTransition(S.DEPARTMENT_REVIEW, WorkflowEvent.APPROVE, tto, okContext({ categories: ['weapons'] })).to,
      ).toBe(S.TTO_REVIEW);
    });

    it('needs a reason to reject, withdraw, or decide institution ownership', () => {
      for (const [state, event] of [
        [S.TTO_REVIEW, WorkflowEvent.REJECT],
        [S.LISTED, WorkflowEvent.WITHDRAW],
        [S.SUBMITTED, WorkflowEvent.CONFIRM_INSTITUTION_OWNED],
      ] as const) {
        const error = violation(() => planTransition(state, event, tto, okContext({ comment: ' ' })));
        expect(error.kind).toBe('GUARD_FAILED');
      }
    });

    it('sends the notice back to review only when the TTO upholds an objection, with a reason', () => {
      const tto = new Set([WorkflowRole.TTO]);
      expect(planTransition(S.PUBLIC_NOTICE, WorkflowEvent.OBJECT, tto, okContext(DURING_NOTICE)).to).toBe(
        S.TTO_REVIEW,
      );
      // Also after the window (the notice waited for the triage).
      expect(planTransition(S.PUBLIC_NOTICE, WorkflowEvent.OBJECT, tto, okContext()).to).toBe(S.TTO_REVIEW);
      const anyone = new Set([WorkflowRole.SIGNED_IN]);
      expect(
        violation(() => planTransition(S.PUBLIC_NOTICE, WorkflowEvent.OBJECT, anyone, okContext(DURING_NOTICE))).kind,
      ).toBe('FORBIDDEN');
      const noReason = violation(() =>
        planTransition(S.PUBLIC_NOTICE, WorkflowEvent.OBJECT, tto, okContext({ ...DURING_NOTICE, comment: null })),
      );
      expect(noReason.details.problems).toEqual(['a reason for upholding the objection is required']);
    });

    it('ends the notice only once the window is over', () => {
      const system = new Set([WorkflowRole.SYSTEM]);
      const early = violation(() =>
        planTransition(S.PUBLIC_NOTICE, WorkflowEvent.END_NOTICE, system, okContext(DURING_NOTICE)),
      );
      expect(early.kind).toBe('GUARD_FAILED');
      expect(planTransition(S.PUBLIC_NOTICE, WorkflowEvent.END_NOTICE, system, okContext()).to).toBe(S.APPROVED);
    });

    it('signs an agreement only with a proposal on record', () => {
      const error = violation(() =>
        planTransition(S.APPROVED, WorkflowEvent.SIGN_AGREEMENT, tto, okContext({ proposal: null })),
      );
      expect(error.kind).toBe('GUARD_FAILED');
    });
  });
});
