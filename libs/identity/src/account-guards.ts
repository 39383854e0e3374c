import { fail } from '@app/core';
import { Actor } from './domain/actor';

/**
 * Publishing (demands, achievement submissions), claiming matches and objecting to notices need a verified email
 * address. The person can see the thing, so the answer is FORBIDDEN with a reason the web app can act on.
 */
export function assertEmailVerified(actor: Actor): void {
  if (!actor.emailVerified) {
    throw fail('EMAIL_NOT_VERIFIED');
  }
}
