import {
  acknowledgeProblem,
  answerProblem,
  ConsentState,
  IntroductionSide as Side,
  IntroductionStatus as St,
  isRevealed,
  PartyAnswer as A,
  statusAfterAnswer,
} from './introduction-consent';

const fresh: ConsentState = {
  status: St.PROPOSED,
  demandAnswer: null,
  targetAnswer: null,
  demandAcknowledged: false,
  targetAcknowledged: false,
};

describe('introduction consent', () => {
  it('becomes ACCEPTED only when both sides accepted, DECLINED at the first refusal', () => {
    expect(statusAfterAnswer(fresh, Side.DEMAND, A.ACCEPTED)).toBe(St.PROPOSED);
    expect(statusAfterAnswer({ ...fresh, demandAnswer: A.ACCEPTED }, Side.TARGET, A.ACCEPTED)).toBe(St.ACCEPTED);
    expect(statusAfterAnswer({ ...fresh, demandAnswer: A.ACCEPTED }, Side.TARGET, A.DECLINED)).toBe(St.DECLINED);
    expect(statusAfterAnswer(fresh, Side.TARGET, A.DECLINED)).toBe(St.DECLINED);
  });

  it('lets each side answer once, and only while proposed', () => {
    expect(answerProblem(fresh, Side.DEMAND)).toBeNull();
    expect(answerProblem({ ...fresh, demandAnswer: A.ACCEPTED }, Side.DEMAND)).toMatch(/already answered/);
    expect(answerProblem({ ...fresh, status: St.WITHDRAWN }, Side.TARGET)).toMatch(/WITHDRAWN/);
  });

  it('reveals nothing until both accepted AND both acknowledged', () => {
    const accepted = { ...fresh, status: St.ACCEPTED, demandAnswer: A.ACCEPTED, targetAnswer: A.ACCEPTED };
    expect(isRevealed(accepted)).toBe(false);
    expect(isRevealed({ ...accepted, demandAcknowledged: true })).toBe(false);
    expect(isRevealed({ ...accepted, targetAcknowledged: true })).toBe(false);
    expect(isRevealed({ ...accepted, demandAcknowledged: true, targetAcknowledged: true })).toBe(true);
    expect(isRevealed({ ...fresh, demandAnswer: A.ACCEPTED, demandAcknowledged: true, targetAcknowledged: true })).toBe(
      false,
    );
  });

  it('takes an acknowledgement only from a side that accepted', () => {
    expect(acknowledgeProblem(fresh, Side.DEMAND)).toMatch(/Accept/);
    expect(acknowledgeProblem({ ...fresh, demandAnswer: A.ACCEPTED }, Side.DEMAND)).toBeNull();
    expect(acknowledgeProblem({ ...fresh, status: St.DECLINED, demandAnswer: A.ACCEPTED }, Side.DEMAND)).toMatch(
      /DECLINED/,
    );
  });
});
