import type { DigestChannel, NotificationKind } from '../../gql/graphql';

/** What the bell and the centre need of a notification. */
export interface NotificationItem {
  id: string;
  kind: NotificationKind;
  path?: string | null;
  readAt?: string | null;
}

/** The screen a notification opens: the API's path (same as its email), else the settings it concerns. */
export function notificationTarget(item: Pick<NotificationItem, 'kind' | 'path'>): string {
  if (item.path && item.path.startsWith('/') && !item.path.startsWith('//')) return item.path;
  switch (item.kind) {
    case 'DIGEST':
      return '/settings/digest';
    case 'WEBHOOK_DISABLED':
      return '/settings/webhook';
    // Notifications raised before they carried a path: their lists.
    case 'OUTCOME_FOLLOW_UP':
      return '/workspace/follow-ups';
    case 'REWARD_APPLICATION':
      return '/workspace/rewards';
    default:
      return '/notifications';
  }
}

/** The bell's accessible name and badge: "3 unread" / "no unread", the badge capped at 99+. */
export function bellBadge(unread: number): { count: number; text: string } {
  const count = Math.max(0, Math.floor(unread));
  return { count, text: count > 99 ? '99+' : String(count) };
}

/** The unread count after marking `ids` read, counting only those that were unread. */
export function unreadAfterMarking(unread: number, items: readonly NotificationItem[], ids: readonly string[]): number {
  const marked = items.filter((item) => ids.includes(item.id) && !item.readAt).length;
  return Math.max(0, unread - marked);
}

export interface ChannelPreference {
  kind: NotificationKind;
  inApp: boolean;
  email: boolean;
}

/** Only the kinds whose channels changed, for the mutation (the others keep their defaults). */
export function changedPreferences(
  saved: readonly ChannelPreference[],
  edited: readonly ChannelPreference[],
): ChannelPreference[] {
  return edited
    .filter((row) => {
      const before = saved.find((s) => s.kind === row.kind);
      return !before || before.inApp !== row.inApp || before.email !== row.email;
    })
    .map(({ kind, inApp, email }) => ({ kind, inApp, email }));
}

/** Who gets each kind (for the settings table), by the kind's event. */
export const KIND_AUDIENCE: Partial<
  Record<NotificationKind, 'tto' | 'researcher' | 'parties' | 'enterprise' | 'broker' | 'objector'>
> = {
  RIGHTS_SUBMITTED: 'tto',
  RIGHTS_RETURNED: 'researcher',
  OBJECTION_FILED: 'tto',
  OBJECTION_RESOLVED: 'objector',
  NOTICE_ENDED: 'researcher',
  INTRODUCTION_PROPOSED: 'parties',
  INTRODUCTION_ACCEPTED: 'parties',
  INTRODUCTION_DECLINED: 'parties',
  DETAILS_REVEALED: 'enterprise',
  DEAL_STAGE_CHANGED: 'parties',
  PRICE_NOTICE_OBJECTION: 'broker',
  MATCH_CLOSED: 'parties',
};

export interface DigestForm {
  enabled: boolean;
  dayOfWeek: number;
  hour: number;
  timeZone: string;
  channels: DigestChannel[];
  /** 'auto': follow the account's language. */
  language: 'zh' | 'en' | 'auto';
}

/** The mutation input of the digest settings form (an empty channel list turns digests off). */
export function digestInput(form: DigestForm) {
  return {
    enabled: form.enabled && form.channels.length > 0,
    dayOfWeek: form.dayOfWeek,
    hour: form.hour,
    timeZone: form.timeZone,
    channels: form.channels,
    language: form.language === 'auto' ? null : form.language,
  };
}

/** Time zones offered: the browser's own and the usual ones, each once, the saved one kept. */
export function timeZoneOptions(saved: string | null | undefined, browser: string | null | undefined): string[] {
  const usual = [
    'Asia/Shanghai',
    'Asia/Hong_Kong',
    'Asia/Taipei',
    'Asia/Tokyo',
    'Asia/Singapore',
    'Europe/London',
    'Europe/Berlin',
    'America/New_York',
    'America/Los_Angeles',
    'UTC',
  ];
  return [...new Set([saved, browser, ...usual].filter((zone): zone is string => !!zone))];
}
