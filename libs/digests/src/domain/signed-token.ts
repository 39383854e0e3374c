import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

export type TokenPurpose = 'unsubscribe' | 'queue-dashboard';

/** A key per purpose, derived (HKDF-SHA256) from one configured secret, so a token of one kind never passes as another. */
export function deriveKey(secret: string, purpose: TokenPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'techtransfer-signed-tokens', purpose, 32));
}

const mac = (key: Buffer, message: string) => createHmac('sha256', key).update(message).digest('base64url');

const equal = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One-click unsubscribe token: the user id and its MAC. It does not expire (old emails must keep working) and
 * only changes that user's digest settings, which the user can change back.
 */
export function signUnsubscribeToken(key: Buffer, userId: string): string {
  return `u1.${userId}.${mac(key, `unsubscribe:u1:${userId}`)}`;
}

/** The user id, or null for a malformed or tampered token. */
export function verifyUnsubscribeToken(key: Buffer, token: string): string | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== 'u1' || !UUID.test(parts[1])) return null;
  return equal(parts[2], mac(key, `unsubscribe:u1:${parts[1]}`)) ? parts[1] : null;
}

/** Short-lived ticket for the queue dashboard (a browser cannot send the bearer token on a plain page load). */
export function signTicket(key: Buffer, userId: string, expiresAtSeconds: number): string {
  return `t1.${userId}.${expiresAtSeconds}.${mac(key, `ticket:t1:${userId}:${expiresAtSeconds}`)}`;
}

export function verifyTicket(key: Buffer, ticket: string, nowSeconds: number): string | null {
  const parts = ticket.split('.');
  if (parts.length !== 4 || parts[0] !== 't1' || !UUID.test(parts[1]) || !/^\d+$/.test(parts[2])) return null;
  if (Number(parts[2]) < nowSeconds) return null;
  return equal(parts[3], mac(key, `ticket:t1:${parts[1]}:${parts[2]}`)) ? parts[1] : null;
}
