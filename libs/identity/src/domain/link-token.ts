import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * Links mailed to people (verify an address, reset a password, accept an invitation) carry a token naming one
 * database row and a MAC over it. The row holds expiry and single use; the MAC makes the link unguessable even
 * where the row's id is shown (an invitation's id is listed to its organisation's administrators). A key per
 * purpose, derived from one secret, so a token of one kind never passes as another.
 */
export enum LinkPurpose {
  VERIFY_EMAIL = 've1',
  RESET_PASSWORD = 'rp1',
  INVITATION = 'in1',
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class LinkSigner {
  private readonly keys: ReadonlyMap<LinkPurpose, Buffer>;

  constructor(secret: string) {
    this.keys = new Map(
      Object.values(LinkPurpose).map((purpose) => [
        purpose,
        Buffer.from(hkdfSync('sha256', secret, 'techtransfer-account-links', purpose, 32)),
      ]),
    );
  }

  sign(purpose: LinkPurpose, rowId: string): string {
    return `${purpose}.${rowId}.${this.mac(purpose, rowId)}`;
  }

  /** The row id, or null for a token of another purpose, malformed or tampered with. */
  verify(purpose: LinkPurpose, token: string): string | null {
    const parts = token.trim().split('.');
    if (parts.length !== 3 || parts[0] !== (purpose as string) || !UUID.test(parts[1])) return null;
    const expected = Buffer.from(this.mac(purpose, parts[1]));
    const given = Buffer.from(parts[2]);
    return expected.length === given.length && timingSafeEqual(expected, given) ? parts[1].toLowerCase() : null;
  }

  private mac(purpose: LinkPurpose, rowId: string): string {
    return createHmac('sha256', this.keys.get(purpose)!)
      .update(`${purpose}:${rowId.toLowerCase()}`)
      .digest('base64url');
  }
}
