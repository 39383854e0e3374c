import { newWebhookSecret, signWebhook, verifyWebhook, webhookUrlProblem } from './webhook-signature';

describe('webhook signatures', () => {
  const secret = newWebhookSecret();
  const body = JSON.stringify({ hello: '世界' });

  it('verifies its own signature and refuses a changed body, timestamp, secret or stale timestamp', () => {
    const signature = signWebhook(secret, 1_700_000_000, body);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    const verify = (overrides: Partial<{ secret: string; ts: string; body: string; now: number }> = {}) =>
      verifyWebhook(
        overrides.secret ?? secret,
        { signature, timestamp: overrides.ts ?? '1700000000' },
        overrides.body ?? body,
        overrides.now ?? 1_700_000_010,
      );
    expect(verify()).toBe(true);
    expect(verify({ body: body.replace('世界', 'world') })).toBe(false);
    expect(verify({ ts: '1700000001' })).toBe(false);
    expect(verify({ secret: newWebhookSecret() })).toBe(false);
    expect(verify({ now: 1_700_001_000 })).toBe(false);
  });

  it('accepts only http(s) URLs without credentials', () => {
    expect(webhookUrlProblem('https://example.com/hook')).toBeNull();
    expect(webhookUrlProblem('http://127.0.0.1:8080/x')).toBeNull();
    expect(webhookUrlProblem('ftp://example.com')).toBe('must use http or https');
    expect(webhookUrlProblem('javascript:alert(1)')).toBe('must use http or https');
    expect(webhookUrlProblem('not a url')).toBe('must be an absolute URL');
    expect(webhookUrlProblem('https://user:pw@example.com')).toBe('must not contain credentials');
  });
});
