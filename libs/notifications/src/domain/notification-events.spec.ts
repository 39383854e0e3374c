import { NotificationKind } from '../notification.entity';
import {
  DEFAULT_EVENT_CHANNELS,
  EVENT_KINDS,
  notificationLanguageOf,
  renderEvent,
  renderEventEmail,
  SCREENS,
} from './notification-events';

describe('event notification texts', () => {
  it('has a default and a text in both languages for every event kind', () => {
    for (const kind of EVENT_KINDS) {
      expect(DEFAULT_EVENT_CHANNELS[kind].inApp).toBe(true);
      for (const language of ['zh', 'en'] as const) {
        const text = renderEvent(kind, { subject: '水质传感器', reason: '理由', outcome: 'DEMAND' }, language);
        expect(text.title).toContain('水质传感器');
        expect(text.title.length).toBeGreaterThan(10);
      }
    }
  });

  it('names decline reasons, stages and sides in the reader’s language', () => {
    const declined = { subject: 'A ↔ B', reason: 'TOO_EARLY\n还在样机阶段', outcome: 'TARGET' };
    expect(renderEvent(NotificationKind.INTRODUCTION_DECLINED, declined, 'zh')).toEqual({
      title: '成果方婉拒了对接：《A ↔ B》',
      body: '理由：阶段过早；还在样机阶段',
    });
    expect(renderEvent(NotificationKind.INTRODUCTION_DECLINED, declined, 'en').body).toBe(
      'Reason: too early; 还在样机阶段',
    );
    expect(renderEvent(NotificationKind.DEAL_STAGE_CHANGED, { subject: 'X', outcome: 'NEGOTIATING' }, 'zh').title).toBe(
      '交易进入「洽谈」：《X》',
    );
    expect(
      renderEvent(NotificationKind.OBJECTION_RESOLVED, { subject: 'X', outcome: 'UPHELD', reason: '核实' }, 'en'),
    ).toEqual({ title: 'Objection to “X” upheld: back to review', body: 'Resolution: 核实' });
  });

  it('reads zh unless the locale is English', () => {
    expect(notificationLanguageOf('en-US')).toBe('en');
    expect(notificationLanguageOf('zh-CN')).toBe('zh');
    expect(notificationLanguageOf(null)).toBe('zh');
  });

  it('links to the web app’s screens and escapes the HTML email', () => {
    expect(SCREENS.review('a b')).toBe('/workspace/reviews?achievement=a%20b');
    const mail = renderEventEmail({
      language: 'en',
      recipientName: 'Alice',
      title: 'Deal moved <to> negotiating',
      body: 'Note: a & b',
      link: 'https://tt.example/workspace/deals/1',
      settingsLink: 'https://tt.example/settings/notifications',
    });
    expect(mail.subject).toBe('Deal moved <to> negotiating');
    expect(mail.text).toContain('Open it: https://tt.example/workspace/deals/1');
    expect(mail.html).toContain('Deal moved &lt;to&gt; negotiating');
    expect(mail.html).toContain('Note: a &amp; b');
    expect(mail.html).toContain('href="https://tt.example/settings/notifications"');
  });
});
