/** The fixed reasons a party declines an introduction (the bureau counts them). */
export enum IntroductionDeclineReason {
  TOO_EARLY = 'TOO_EARLY',
  UNCLEAR_BENEFIT = 'UNCLEAR_BENEFIT',
  NO_COMMERCIAL_ROUTE = 'NO_COMMERCIAL_ROUTE',
  PRICE = 'PRICE',
  OTHER = 'OTHER',
}

export enum IntroductionStatus {
  /** Waiting for one or both answers. */
  PROPOSED = 'PROPOSED',
  /** Both accepted (a deal exists); details are revealed once each side acknowledged confidentiality. */
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  WITHDRAWN = 'WITHDRAWN',
}

export enum IntroductionSide {
  /** The demand's enterprise. */
  DEMAND = 'DEMAND',
  /** The achievement's team/TTO, or the expert. */
  TARGET = 'TARGET',
}

export enum PartyAnswer {
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
}

export interface ConsentState {
  status: IntroductionStatus;
  demandAnswer: PartyAnswer | null;
  targetAnswer: PartyAnswer | null;
  demandAcknowledged: boolean;
  targetAcknowledged: boolean;
}

/** Null when the side may answer now, else why not. */
export function answerProblem(state: ConsentState, side: IntroductionSide): string | null {
  if (state.status !== IntroductionStatus.PROPOSED) return `The introduction is ${state.status}`;
  const current = side === IntroductionSide.DEMAND ? state.demandAnswer : state.targetAnswer;
  if (current !== null) return `The ${side} side already answered ${current}`;
  return null;
}

/** The status after one side answers: DECLINED at the first refusal, ACCEPTED when both accepted. */
export function statusAfterAnswer(
  state: ConsentState,
  side: IntroductionSide,
  answer: PartyAnswer,
): IntroductionStatus {
  if (answer === PartyAnswer.DECLINED) return IntroductionStatus.DECLINED;
  const other = side === IntroductionSide.DEMAND ? state.targetAnswer : state.demandAnswer;
  return other === PartyAnswer.ACCEPTED ? IntroductionStatus.ACCEPTED : IntroductionStatus.PROPOSED;
}

/** Contact and confidential details flow only when both accepted and each side acknowledged confidentiality. */
export function isRevealed(state: ConsentState): boolean {
  return (
    state.status === IntroductionStatus.ACCEPTED &&
    state.demandAnswer === PartyAnswer.ACCEPTED &&
    state.targetAnswer === PartyAnswer.ACCEPTED &&
    state.demandAcknowledged &&
    state.targetAcknowledged
  );
}

/** Acknowledging confidentiality is possible once the side accepted (before or after the other side answers). */
export function acknowledgeProblem(state: ConsentState, side: IntroductionSide): string | null {
  const answer = side === IntroductionSide.DEMAND ? state.demandAnswer : state.targetAnswer;
  if (answer !== PartyAnswer.ACCEPTED) return 'Accept the introduction before acknowledging confidentiality';
  if (state.status !== IntroductionStatus.PROPOSED && state.status !== IntroductionStatus.ACCEPTED) {
    return `The introduction is ${state.status}`;
  }
  return null;
}
