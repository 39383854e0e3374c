import { DigestLanguage } from './digest-enums';
import { matchLink, renderDigestEmail, renderInAppDigest } from './digest-render';

describe('matchLink', () => {
  const item = { matchId: 'm1', demandId: 'd1', targetId: 't1', targetType: 'ACHIEVEMENT' };

  it('opens the screen where the recipient acts on the match', () => {
    expect(matchLink('https://tt.example/', { ...item, reason: 'OWN_DEMAND' })).toBe(
      'https://tt.example/workspace/demands/d1?match=m1',
    );
    expect(matchLink('https://tt.example', { ...item, reason: 'OWN_TARGET' })).toBe(
      'https://tt.example/workspace/achievements/t1?match=m1',
    );
    expect(matchLink('https://tt.example', { ...item, targetType: 'EXPERT', reason: 'OWN_TARGET' })).toBe(
      'https://tt.example/experts/t1?match=m1',
    );
    expect(matchLink('https://tt.example', { ...item, reason: 'BROKER_INDUSTRY' })).toBe(
      'https://tt.example/workspace/broker/queue?match=m1',
    );
  });
});

describe('application scenarios in digests', () => {
  const item = {
    matchId: 'm1',
    demandId: 'd1',
    targetId: 't1',
    targetType: 'ACHIEVEMENT',
    demandTitle: '港区无人机巡检',
    targetTitle: '无人机集群巡检系统',
    score: 0.8,
    reason: 'OWN_DEMAND',
    explanation: { matchedTerms: [], factors: [] } as never,
  };
  const links = { publicUrl: 'https://x.test', unsubscribeUrl: 'u', monthlyUrl: 'm', preferencesUrl: 'p' };

  it('labels a scenario 应用场景 / Application scenario, in email and in-app, and leaves technical problems alone', () => {
    const scenario = { ...item, demandKind: 'APPLICATION_SCENARIO' };
    const zh = renderDigestEmail({
      language: DigestLanguage.zh,
      recipientName: '甲',
      period: 'p',
      items: [scenario],
      ...links,
    });
    expect(zh.text).toContain('[应用场景] 港区无人机巡检 ↔ 无人机集群巡检系统');
    expect(zh.html).toContain('[应用场景] 港区无人机巡检');
    const en = renderDigestEmail({
      language: DigestLanguage.en,
      recipientName: 'A',
      period: 'p',
      items: [scenario],
      ...links,
    });
    expect(en.text).toContain('[Application scenario] 港区无人机巡检');
    const plain = renderDigestEmail({
      language: DigestLanguage.zh,
      recipientName: '甲',
      period: 'p',
      items: [item],
      ...links,
    });
    expect(plain.text).not.toContain('应用场景');
    const inApp = renderInAppDigest({ language: DigestLanguage.zh, period: 'p', itemCount: 1, firstItems: [scenario] });
    expect(inApp.body).toBe('[应用场景] 港区无人机巡检 ↔ 无人机集群巡检系统');
  });
});
