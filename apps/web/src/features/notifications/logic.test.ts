import { describe, expect, it } from 'vitest';
import {
  bellBadge,
  changedPreferences,
  digestInput,
  notificationTarget,
  timeZoneOptions,
  unreadAfterMarking,
  type ChannelPreference,
} from './logic';

describe('notificationTarget', () => {
  it('opens the path the API gave (the same the email links to)', () => {
    expect(notificationTarget({ kind: 'RIGHTS_SUBMITTED', path: '/workspace/reviews?achievement=a1' })).toBe(
      '/workspace/reviews?achievement=a1',
    );
  });

  it('never leaves the app: a protocol-relative or absolute URL falls back', () => {
    expect(notificationTarget({ kind: 'RIGHTS_SUBMITTED', path: '//evil.example/x' })).toBe('/notifications');
    expect(notificationTarget({ kind: 'RIGHTS_SUBMITTED', path: 'https://evil.example' })).toBe('/notifications');
  });

  it('sends digests and a disabled webhook to their settings when there is no path', () => {
    expect(notificationTarget({ kind: 'DIGEST', path: null })).toBe('/settings/digest');
    expect(notificationTarget({ kind: 'WEBHOOK_DISABLED' })).toBe('/settings/webhook');
    expect(notificationTarget({ kind: 'RIGHTS_SUBMITTED', path: null })).toBe('/notifications');
  });

  it('opens a follow-up or reward application by its path, their lists when there is none', () => {
    expect(notificationTarget({ kind: 'OUTCOME_FOLLOW_UP', path: '/follow-ups/f1' })).toBe('/follow-ups/f1');
    expect(notificationTarget({ kind: 'OUTCOME_FOLLOW_UP', path: null })).toBe('/workspace/follow-ups');
    expect(notificationTarget({ kind: 'REWARD_APPLICATION', path: null })).toBe('/workspace/rewards');
  });
});

describe('bellBadge', () => {
  it('shows the unread count, capped at 99+', () => {
    expect(bellBadge(0)).toEqual({ count: 0, text: '0' });
    expect(bellBadge(7)).toEqual({ count: 7, text: '7' });
    expect(bellBadge(120)).toEqual({ count: 120, text: '99+' });
    expect(bellBadge(-3).count).toBe(0);
  });
});

describe('unreadAfterMarking', () => {
  const items = [
    { id: 'a', kind: 'RIGHTS_SUBMITTED' as const, readAt: null },
    { id: 'b', kind: 'RIGHTS_RETURNED' as const, readAt: '2026-01-01T00:00:00Z' },
    { id: 'c', kind: 'NOTICE_ENDED' as const, readAt: null },
  ];

  it('counts down only for items that were unread', () => {
    expect(unreadAfterMarking(5, items, ['a'])).toBe(4);
    expect(unreadAfterMarking(5, items, ['b'])).toBe(5);
    expect(unreadAfterMarking(2, items, ['a', 'b', 'c'])).toBe(0);
    expect(unreadAfterMarking(1, items, ['a', 'c'])).toBe(0);
  });
});

describe('changedPreferences', () => {
  const saved: ChannelPreference[] = [
    { kind: 'RIGHTS_SUBMITTED', inApp: true, email: true },
    { kind: 'DEAL_STAGE_CHANGED', inApp: true, email: false },
  ];

  it('sends only the kinds whose channels changed', () => {
    expect(changedPreferences(saved, saved)).toEqual([]);
    expect(
      changedPreferences(saved, [
        { kind: 'RIGHTS_SUBMITTED', inApp: true, email: true },
        { kind: 'DEAL_STAGE_CHANGED', inApp: false, email: true },
      ]),
    ).toEqual([{ kind: 'DEAL_STAGE_CHANGED', inApp: false, email: true }]);
  });
});

describe('digestInput', () => {
  it('maps the form, following the account language on "auto", and turns digests off without a channel', () => {
    expect(
      digestInput({
        enabled: true,
        dayOfWeek: 3,
        hour: 8,
        timeZone: 'Asia/Shanghai',
        channels: ['EMAIL'],
        language: 'auto',
      }),
    ).toEqual({ enabled: true, dayOfWeek: 3, hour: 8, timeZone: 'Asia/Shanghai', channels: ['EMAIL'], language: null });
    expect(
      digestInput({ enabled: true, dayOfWeek: 1, hour: 9, timeZone: 'UTC', channels: [], language: 'en' }),
    ).toMatchObject({ enabled: false, language: 'en' });
  });
});

describe('timeZoneOptions', () => {
  it('keeps the saved zone and the browser zone first, each once', () => {
    const zones = timeZoneOptions('Europe/Paris', 'Asia/Shanghai');
    expect(zones.slice(0, 2)).toEqual(['Europe/Paris', 'Asia/Shanghai']);
    expect(zones.filter((zone) => zone === 'Asia/Shanghai')).toHaveLength(1);
  });
});
