import { Actor } from '@app/identity';

/**
 * The bureau: platform administrators. They post calls for experts, invite, and read the answers and responses.
 * Decided here only, so the resolver and the service agree.
 */
export function runsExpertCalls(actor: Actor | undefined): boolean {
  return actor?.isAdmin === true;
}
