import { LinkPurpose, LinkSigner } from './link-token';

describe('LinkSigner', () => {
  const signer = new LinkSigner('a secret of at least thirty-two characters!');
  const id = '3f2c1d9e-8b7a-4c6d-9e5f-1a2b3c4d5e6f';

  it('round-trips a row id for its own purpose only', () => {
    const token = signer.sign(LinkPurpose.VERIFY_EMAIL, id);
    expect(signer.verify(LinkPurpose.VERIFY_EMAIL, token)).toBe(id);
    expect(signer.verify(LinkPurpose.RESET_PASSWORD, token)).toBeNull();
    const relabelled = token.replace(/^ve1/, LinkPurpose.RESET_PASSWORD);
    expect(signer.verify(LinkPurpose.RESET_PASSWORD, relabelled)).toBeNull();
  });

  it('refuses tampered, malformed and foreign tokens', () => {
    const token = signer.sign(LinkPurpose.INVITATION, id);
    const otherId = signer.sign(LinkPurpose.INVITATION, id).replace(id, '3f2c1d9e-8b7a-4c6d-9e5f-1a2b3c4d5e60');
    expect(signer.verify(LinkPurpose.INVITATION, otherId)).toBeNull();
    expect(signer.verify(LinkPurpose.INVITATION, `${token.slice(0, -2)}AA`)).toBeNull();
    expect(signer.verify(LinkPurpose.INVITATION, 'in1.not-a-uuid.x')).toBeNull();
    expect(signer.verify(LinkPurpose.INVITATION, '')).toBeNull();
    expect(
      new LinkSigner('another secret of thirty-two characters..').verify(LinkPurpose.INVITATION, token),
    ).toBeNull();
  });
});
