import { ErrorCode } from './error-code';
import { ERROR_REASONS, ErrorReason, GENERIC_REASONS } from './error-reasons';
import { MessageParams, renderMessage } from './error-messages';

export { ErrorCode } from './error-code';

/** One of several things wrong at once (an application's missing consents and a share out of bounds). */
export interface Problem {
  readonly reason: ErrorReason;
  readonly params?: MessageParams;
}

/**
 * A failure the domain expects and the client can act on. Services throw these; the API maps them to GraphQL
 * errors with `extensions.code` and `extensions.reason`, its message in the viewer's language; jobs log them.
 * `details` is safe to show to the client and fills the message's parameters. `message` is the English one.
 */
export class DomainException extends Error {
  readonly reason: ErrorReason;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    reason?: ErrorReason,
    readonly problems: readonly Problem[] = [],
  ) {
    super(message);
    this.name = 'DomainException';
    this.reason = reason ?? GENERIC_REASONS[code] ?? 'INVALID_INPUT';
  }

  /** What the message templates may refer to: the details, and the English message as `{detail}`. */
  get messageParams(): MessageParams {
    return { ...this.details, detail: this.message };
  }
}

/**
 * The way to fail: a reason from the catalogue, and the parameters its messages use (also shown to the client in
 * `extensions`, so pass only what the client may see). The code comes with the reason.
 */
export function fail(reason: ErrorReason, params?: MessageParams, problems: readonly Problem[] = []): DomainException {
  const message = renderMessage(reason, 'en', params ?? {}, problems);
  return new DomainException(ERROR_REASONS[reason], message, params, reason, problems);
}

/** What `notFound` can be about, and the reason of each. */
const NOT_FOUND_REASONS = {
  Achievement: 'ACHIEVEMENT_NOT_FOUND',
  'Broker agency': 'BROKER_AGENCY_NOT_FOUND',
  Claim: 'CLAIM_NOT_FOUND',
  Deal: 'DEAL_NOT_FOUND',
  Demand: 'DEMAND_NOT_FOUND',
  Entrustment: 'ENTRUSTMENT_NOT_FOUND',
  Expert: 'EXPERT_NOT_FOUND',
  File: 'FILE_NOT_FOUND',
  Introduction: 'INTRODUCTION_NOT_FOUND',
  Invitation: 'INVITATION_NOT_FOUND',
  Inventor: 'INVENTOR_NOT_FOUND',
  Match: 'MATCH_NOT_FOUND',
  Membership: 'MEMBERSHIP_NOT_FOUND',
  Notification: 'NOTIFICATION_NOT_FOUND',
  Organisation: 'ORGANISATION_NOT_FOUND',
  'Price notice': 'PRICE_NOTICE_NOT_FOUND',
  'Public notice': 'PUBLIC_NOTICE_NOT_FOUND',
  Task: 'TASK_NOT_FOUND',
  User: 'USER_NOT_FOUND',
  'Verification request': 'VERIFICATION_REQUEST_NOT_FOUND',
  'Webhook subscription': 'WEBHOOK_SUBSCRIPTION_NOT_FOUND',
} as const satisfies Record<string, ErrorReason>;

export type NotFoundSubject = keyof typeof NOT_FOUND_REASONS;

/** NOT_FOUND about one kind of thing (its reason is `<THING>_NOT_FOUND`), with the id asked for when there is one. */
export const notFound = (what: NotFoundSubject, id?: string) => fail(NOT_FOUND_REASONS[what], id ? { id } : undefined);

// The helpers below give the generic reason of their code (INVALID_INPUT, NOT_ALLOWED, …) and keep the English
// message as `{detail}`. New errors use `fail` with a reason of their own.
export const unauthenticated = (message = 'Authentication required') =>
  new DomainException(ErrorCode.UNAUTHENTICATED, message);
export const forbidden = (message = 'You are not allowed to do this', details?: Record<string, unknown>) =>
  new DomainException(ErrorCode.FORBIDDEN, message, details);
export const badInput = (message: string, details?: Record<string, unknown>) =>
  new DomainException(ErrorCode.BAD_USER_INPUT, message, details);
export const conflict = (message: string, details?: Record<string, unknown>) =>
  new DomainException(ErrorCode.CONFLICT, message, details);
