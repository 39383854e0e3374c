import { forbidden } from '@app/core';
import { Actor } from './domain/actor';

/** `extensions.reason` of the FORBIDDEN answer to an account that has not verified its email address. */
export const EMAIL_NOT_VERIFIED = 'EMAIL_NOT_VERIFIED';

/**
 * Publishing (demands, achievement submissions), claiming matches and objecting to notices need a verified email
 * address. The person can see the thing, so the answer is FORBIDDEN with a reason the web app can act on.
 */
export function assertEmailVerified(actor: Actor): void {
  if (!actor.emailVerified) {
    throw forbidden('Verify your email address first (use the link we mailed you, or ask for a new one)', {
      reason: EMAIL_NOT_VERIFIED,
    });
  }
}
