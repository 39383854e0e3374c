import { NotificationKind } from '../notification.entity';

/** The kinds a domain event produces, each configurable per person (in-app and email). */
export const EVENT_KINDS = [
  NotificationKind.RIGHTS_SUBMITTED,
  NotificationKind.RIGHTS_RETURNED,
  NotificationKind.OBJECTION_FILED,
  NotificationKind.OBJECTION_RESOLVED,
  NotificationKind.NOTICE_ENDED,
  NotificationKind.INTRODUCTION_PROPOSED,
  NotificationKind.INTRODUCTION_ACCEPTED,
  NotificationKind.INTRODUCTION_DECLINED,
  NotificationKind.DETAILS_REVEALED,
  NotificationKind.DEAL_STAGE_CHANGED,
  NotificationKind.PRICE_NOTICE_OBJECTION,
  NotificationKind.MATCH_CLOSED,
  NotificationKind.EVENT_REGISTRATION_DECIDED,
  NotificationKind.EVENT_MEETING_REQUESTED,
  NotificationKind.EVENT_MEETING_ANSWERED,
  NotificationKind.EVENT_CHANGED,
  NotificationKind.EVENT_REMINDER,
  NotificationKind.EXPERT_CALL_INVITED,
  NotificationKind.EVENT_CANCELLED,
  NotificationKind.EVENT_MEETING_CHANGED,
  NotificationKind.CONSORTIUM_INVITED,
] as const;

export type EventKind = (typeof EVENT_KINDS)[number];

export const isEventKind = (kind: NotificationKind): kind is EventKind =>
  (EVENT_KINDS as readonly NotificationKind[]).includes(kind);

export interface ChannelChoice {
  inApp: boolean;
  email: boolean;
}

/**
 * Defaults until a person changes them: everything in-app; by email what waits on the person or settles what
 * they asked for. Who read revealed details and every deal stage are in-app only (frequent, nothing to do).
 */
export const DEFAULT_EVENT_CHANNELS: { readonly [K in EventKind]: ChannelChoice } = {
  [NotificationKind.RIGHTS_SUBMITTED]: { inApp: true, email: true },
  [NotificationKind.RIGHTS_RETURNED]: { inApp: true, email: true },
  [NotificationKind.OBJECTION_FILED]: { inApp: true, email: true },
  [NotificationKind.OBJECTION_RESOLVED]: { inApp: true, email: true },
  [NotificationKind.NOTICE_ENDED]: { inApp: true, email: true },
  [NotificationKind.INTRODUCTION_PROPOSED]: { inApp: true, email: true },
  [NotificationKind.INTRODUCTION_ACCEPTED]: { inApp: true, email: true },
  [NotificationKind.INTRODUCTION_DECLINED]: { inApp: true, email: true },
  [NotificationKind.DETAILS_REVEALED]: { inApp: true, email: false },
  [NotificationKind.DEAL_STAGE_CHANGED]: { inApp: true, email: false },
  [NotificationKind.PRICE_NOTICE_OBJECTION]: { inApp: true, email: true },
  [NotificationKind.MATCH_CLOSED]: { inApp: true, email: true },
  [NotificationKind.EVENT_REGISTRATION_DECIDED]: { inApp: true, email: true },
  [NotificationKind.EVENT_MEETING_REQUESTED]: { inApp: true, email: true },
  [NotificationKind.EVENT_MEETING_ANSWERED]: { inApp: true, email: true },
  [NotificationKind.EVENT_CHANGED]: { inApp: true, email: true },
  [NotificationKind.EVENT_REMINDER]: { inApp: true, email: true },
  [NotificationKind.EXPERT_CALL_INVITED]: { inApp: true, email: true },
  [NotificationKind.EVENT_CANCELLED]: { inApp: true, email: true },
  [NotificationKind.EVENT_MEETING_CHANGED]: { inApp: true, email: true },
  [NotificationKind.CONSORTIUM_INVITED]: { inApp: true, email: true },
};

export type NotificationLanguage = 'zh' | 'en';

/** zh unless the account's locale is English. */
export const notificationLanguageOf = (locale: string | null | undefined): NotificationLanguage =>
  locale?.toLowerCase().startsWith('en') ? 'en' : 'zh';

/**
 * The web app's screens (apps/web/src/app/router.tsx) an event's notification opens, in one place: the centre's
 * items and the emails link to the same path.
 */
export const SCREENS = {
  /** The TTO's review workbench, opened on one application. */
  review: (achievementId: string) => `/workspace/reviews?achievement=${encodeURIComponent(achievementId)}`,
  /** The TTO office's public notices, where objections are triaged. */
  ttoNotices: () => '/workspace/office/notices',
  /** A researcher's own achievement (its state, timeline, matches and interest). */
  myAchievement: (achievementId: string) => `/workspace/achievements/${encodeURIComponent(achievementId)}`,
  expertProfile: () => '/workspace/expert-profile',
  notices: () => '/notices',
  /** The enterprise's page of one introduction (answer, acknowledge, then the revealed details and the deal). */
  enterpriseIntroduction: (introductionId: string) =>
    `/workspace/my-introductions/${encodeURIComponent(introductionId)}`,
  /** The deal page: the broker's, and the deal's parties' too. */
  deal: (dealId: string) => `/workspace/broker/deals/${encodeURIComponent(dealId)}`,
  brokerPipeline: () => '/workspace/broker/deals',
  settings: () => '/settings/notifications',
  /** A participant's meetings at one event. */
  myEventMeetings: (eventId: string) => `/workspace/events/${encodeURIComponent(eventId)}/meetings`,
  /** The public page of an event. */
  event: (eventId: string) => `/events/${encodeURIComponent(eventId)}`,
  /** An expert's invitations to the bureau's calls for experts (accept, decline, respond). */
  myExpertCallInvitations: () => '/workspace/expert-calls/invitations',
  /** An organisation administrator's invitations to innovation consortia (accept, decline). */
  consortiumInvitations: () => '/workspace/consortia/invitations',
} as const;

/** What a notification's text is made of: titles and reasons as the domain holds them (user data, any language). */
export interface EventParams {
  /** The achievement's, introduction pair's or deal's title. */
  subject: string;
  reason?: string | null;
  /** Who did it (the reader of revealed details, the objector is never named). */
  actorName?: string | null;
  /**
   * OBJECTION_RESOLVED: upheld or dismissed; INTRODUCTION_*: which side answered; DEAL_STAGE_CHANGED: the stage;
   * MATCH_CLOSED: which listing left the market (DEMAND, ACHIEVEMENT, EXPERT).
   */
  outcome?: string | null;
}

const STAGES: Record<string, { zh: string; en: string }> = {
  INTRODUCED: { zh: '引荐', en: 'introduced' },
  NDA_SIGNED: { zh: '已签保密协议', en: 'NDA signed' },
  NEGOTIATING: { zh: '洽谈', en: 'negotiating' },
  CONTRACT_SIGNED: { zh: '签约', en: 'contract signed' },
  REGISTERED: { zh: '技术合同登记', en: 'contract registered' },
  CLOSED_WON: { zh: '结案（成交）', en: 'closed, won' },
  CLOSED_LOST: { zh: '结案（未成交）', en: 'closed, lost' },
};

const SIDES: Record<string, { zh: string; en: string }> = {
  DEMAND: { zh: '需求方', en: 'the demand side' },
  TARGET: { zh: '成果方', en: 'the listing side' },
};

const WITHDRAWN_LISTINGS: Record<string, { zh: string; en: string }> = {
  DEMAND: { zh: '需求已关闭', en: 'the demand was closed' },
  ACHIEVEMENT: { zh: '成果已撤回', en: 'the achievement was withdrawn' },
  EXPERT: { zh: '专家已取消展示', en: 'the expert profile was unlisted' },
};

const DECLINE_REASONS: Record<string, { zh: string; en: string }> = {
  TOO_EARLY: { zh: '阶段过早', en: 'too early' },
  UNCLEAR_BENEFIT: { zh: '优势不明确', en: 'benefit unclear' },
  NO_COMMERCIAL_ROUTE: { zh: '商业化路径不清', en: 'no commercial route' },
  PRICE: { zh: '预算不匹配', en: 'price' },
  OTHER: { zh: '其他', en: 'other' },
};

const quote = (language: NotificationLanguage, text: string) => (language === 'zh' ? `《${text}》` : `“${text}”`);

/** Title and body of an event's notification (in-app and the email's subject and first lines). Pure. */
export function renderEvent(
  kind: EventKind,
  params: EventParams,
  language: NotificationLanguage,
): { title: string; body: string } {
  const zh = language === 'zh';
  const s = quote(language, params.subject);
  const reason = params.reason?.trim() ?? '';
  const stage = (code: string | null | undefined) => (code ? (STAGES[code]?.[language] ?? code) : '');
  const side = (code: string | null | undefined) => (code ? (SIDES[code]?.[language] ?? code) : '');
  switch (kind) {
    case NotificationKind.RIGHTS_SUBMITTED:
      return zh
        ? { title: `待审：${s}提交了确权申请`, body: '请在确权审核工作台审核（批准或退回并说明理由）。' }
        : {
            title: `To review: ${s} was submitted for rights confirmation`,
            body: 'Approve it or return it with a reason in the review workbench.',
          };
    case NotificationKind.RIGHTS_RETURNED:
      return zh
        ? { title: `${s}的确权申请被退回`, body: reason ? `退回理由：${reason}` : '请修改后重新提交。' }
        : { title: `${s} was returned`, body: reason ? `Reason: ${reason}` : 'Revise it and submit it again.' };
    case NotificationKind.OBJECTION_FILED:
      return zh
        ? { title: `${s}的公示收到异议`, body: reason ? `异议内容：${reason}` : '请处理该异议。' }
        : { title: `An objection to the notice of ${s}`, body: reason ? `Objection: ${reason}` : 'Please triage it.' };
    case NotificationKind.OBJECTION_RESOLVED: {
      const upheld = params.outcome === 'UPHELD';
      return zh
        ? {
            title: `${s}的公示异议已处理：${upheld ? '异议成立，退回审核' : '异议不成立，公示继续'}`,
            body: reason ? `处理意见：${reason}` : '',
          }
        : {
            title: `Objection to ${s} ${upheld ? 'upheld: back to review' : 'dismissed: the notice runs on'}`,
            body: reason ? `Resolution: ${reason}` : '',
          };
    }
    case NotificationKind.NOTICE_ENDED:
      return zh
        ? { title: `${s}公示期满，无异议`, body: '可继续签署协议、确认权属。' }
        : {
            title: `The public notice of ${s} ended without objection`,
            body: 'The agreement and confirmation can go on.',
          };
    case NotificationKind.INTRODUCTION_PROPOSED:
      return zh
        ? { title: `新的对接引荐：${s}`, body: reason ? `经纪人留言：${reason}` : '请接受或婉拒（婉拒需选择理由）。' }
        : {
            title: `An introduction was proposed: ${s}`,
            body: reason ? `The broker's message: ${reason}` : 'Accept or decline it (a decline needs a reason).',
          };
    case NotificationKind.INTRODUCTION_ACCEPTED:
      return zh
        ? { title: `${side(params.outcome)}接受了对接：${s}`, body: '双方接受并确认保密条款后即可查看详情与联系方式。' }
        : {
            title: `Accepted by ${side(params.outcome)}: ${s}`,
            body: 'Details and contacts show once both sides accepted and acknowledged confidentiality.',
          };
    case NotificationKind.INTRODUCTION_DECLINED: {
      const [code, ...comment] = reason.split('\n');
      const label = [DECLINE_REASONS[code]?.[language] ?? code, ...comment].filter(Boolean).join(zh ? '；' : '; ');
      return zh
        ? { title: `${side(params.outcome)}婉拒了对接：${s}`, body: label ? `理由：${label}` : '' }
        : { title: `Declined by ${side(params.outcome)}: ${s}`, body: label ? `Reason: ${label}` : '' };
    }
    case NotificationKind.DETAILS_REVEALED:
      return zh
        ? { title: `${params.actorName ?? '对方'}查看了保密详情：${s}`, body: '每次查看都有记录。' }
        : {
            title: `${params.actorName ?? 'The other side'} read the confidential details: ${s}`,
            body: 'Every read is recorded.',
          };
    case NotificationKind.DEAL_STAGE_CHANGED:
      return zh
        ? { title: `交易进入「${stage(params.outcome)}」：${s}`, body: reason ? `说明：${reason}` : '' }
        : { title: `Deal moved to ${stage(params.outcome)}: ${s}`, body: reason ? `Note: ${reason}` : '' };
    case NotificationKind.PRICE_NOTICE_OBJECTION:
      return zh
        ? { title: `协议定价公示收到异议：${s}`, body: reason ? `异议内容：${reason}` : '' }
        : { title: `An objection to the price notice: ${s}`, body: reason ? `Objection: ${reason}` : '' };
    case NotificationKind.MATCH_CLOSED: {
      const why = WITHDRAWN_LISTINGS[params.outcome ?? '']?.[language] ?? (zh ? '对象已下架' : 'the listing left');
      return zh
        ? { title: `对接已关闭：${s}`, body: `${why}：认领已结束，待答复的引荐已撤回。` }
        : {
            title: `Match closed: ${s}`,
            body: `${why[0].toUpperCase()}${why.slice(1)}: the claim ended and a pending introduction was withdrawn.`,
          };
    }
    case NotificationKind.EVENT_REGISTRATION_DECIDED: {
      const approved = params.outcome === 'APPROVED';
      return zh
        ? {
            title: approved ? `报名已通过：${s}` : `报名未通过：${s}`,
            body: approved
              ? '日程文件（.ics）已随邮件附上，可在活动页预约一对一洽谈。'
              : reason
                ? `说明：${reason}`
                : '',
          }
        : {
            title: approved ? `Registration approved: ${s}` : `Registration declined: ${s}`,
            body: approved
              ? 'The calendar file (.ics) is attached; book one-to-one meetings on the event page.'
              : reason
                ? `Note: ${reason}`
                : '',
          };
    }
    case NotificationKind.EVENT_MEETING_REQUESTED:
      return zh
        ? {
            title: `${params.actorName ?? '参会者'}请求与您洽谈：${s}`,
            body: reason ? `时间：${reason}` : '请接受或婉拒。',
          }
        : {
            title: `${params.actorName ?? 'A participant'} asks to meet you: ${s}`,
            body: reason ? `When: ${reason}` : 'Accept or decline it.',
          };
    case NotificationKind.EVENT_MEETING_ANSWERED: {
      const accepted = params.outcome === 'ACCEPTED';
      return zh
        ? {
            title: accepted ? `洽谈已确认：${s}` : `洽谈请求被婉拒：${s}`,
            body: accepted ? `${reason ?? ''}（日程文件 .ics 已随邮件附上）` : reason ? `理由：${reason}` : '',
          }
        : {
            title: accepted ? `Meeting confirmed: ${s}` : `Meeting request declined: ${s}`,
            body: accepted ? `${reason ?? ''} (calendar file .ics attached)` : reason ? `Reason: ${reason}` : '',
          };
    }
    case NotificationKind.EVENT_CHANGED:
      return zh
        ? { title: `活动时间或地点已变更：${s}`, body: reason ? `现为：${reason}` : '' }
        : { title: `Event times or place changed: ${s}`, body: reason ? `Now: ${reason}` : '' };
    case NotificationKind.EVENT_CANCELLED:
      return zh
        ? { title: `活动已取消：${s}`, body: reason ? `说明：${reason}` : '您的报名与洽谈随之取消。' }
        : {
            title: `Event cancelled: ${s}`,
            body: reason ? `Note: ${reason}` : 'Your registration and meetings are cancelled with it.',
          };
    case NotificationKind.EVENT_MEETING_CHANGED: {
      // outcome: MOVED (with its event), WITHDRAWN (the other party called off their registration), EVENT_CANCELLED.
      if (params.outcome === 'MOVED')
        return zh
          ? { title: `洽谈时间已随活动调整：${s}`, body: `现为：${reason ?? ''}（新的日程文件 .ics 已随邮件附上）` }
          : {
              title: `Meeting moved with its event: ${s}`,
              body: `Now: ${reason ?? ''} (updated calendar file .ics attached)`,
            };
      const withdrawn = params.outcome === 'WITHDRAWN';
      return zh
        ? {
            title: withdrawn ? `洽谈已取消，对方取消了报名：${s}` : `洽谈已随活动取消：${s}`,
            body: reason ? `说明：${reason}` : '该时段已空出。',
          }
        : {
            title: withdrawn
              ? `Meeting cancelled: the other party withdrew from ${s}`
              : `Meeting cancelled with its event: ${s}`,
            body: reason ? `Note: ${reason}` : 'The slot is free again.',
          };
    }
    case NotificationKind.EVENT_REMINDER:
      return zh
        ? { title: `活动明天开始：${s}`, body: reason ? `时间地点：${reason}` : '' }
        : { title: `Your event starts tomorrow: ${s}`, body: reason ? `When and where: ${reason}` : '' };
    case NotificationKind.EXPERT_CALL_INVITED:
      return zh
        ? {
            title: `科技局邀请您参与专家征集：${s}`,
            body: `请接受或婉拒${reason ? `，截止时间：${reason}` : ''}。接受后可提交意见。`,
          }
        : {
            title: `The bureau invites you to answer a call for experts: ${s}`,
            body: `Accept or decline it${reason ? `; deadline ${reason}` : ''}. Once accepted, submit your response.`,
          };
    case NotificationKind.CONSORTIUM_INVITED:
      return zh
        ? { title: `您的单位受邀加入创新联合体：${s}`, body: `${reason ? `${reason}。` : ''}请单位管理员接受或婉拒。` }
        : {
            title: `Your organisation is invited to join an innovation consortium: ${s}`,
            body: `${reason ? `${reason}. ` : ''}An administrator of your organisation accepts or declines.`,
          };
  }
}

export interface RenderedEventEmail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The email of one event notification, in the recipient's language, linking to its screen. Pure. */
export function renderEventEmail(input: {
  language: NotificationLanguage;
  recipientName: string;
  title: string;
  body: string;
  link: string;
  settingsLink: string;
}): RenderedEventEmail {
  const zh = input.language === 'zh';
  const greeting = zh ? `${input.recipientName}，您好：` : `Hello ${input.recipientName},`;
  const open = zh ? '打开查看' : 'Open it';
  const footer = zh
    ? '您收到此邮件是因为在科技成果转化平台的通知设置中选择了邮件提醒。'
    : 'You receive this because you chose email for this kind of notification on the technology-transfer marketplace.';
  const settings = zh ? '通知设置' : 'Notification settings';
  const text = [
    greeting,
    '',
    input.title,
    ...(input.body ? ['', input.body] : []),
    '',
    `${open}: ${input.link}`,
    '',
    '--',
    footer,
    `${settings}: ${input.settingsLink}`,
    '',
  ].join('\n');
  const html = `<!doctype html>
<html lang="${zh ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${escapeHtml(input.title)}</title></head>
<body style="font-family:-apple-system,'PingFang SC','Microsoft YaHei',Arial,sans-serif;max-width:640px;margin:auto;color:#222">
<p>${escapeHtml(greeting)}</p>
<p><strong>${escapeHtml(input.title)}</strong></p>
${input.body ? `<p>${escapeHtml(input.body)}</p>` : ''}
<p><a href="${escapeHtml(input.link)}">${escapeHtml(open)}</a></p>
<hr><p style="font-size:12px;color:#666">${escapeHtml(footer)}<br><a href="${escapeHtml(input.settingsLink)}">${escapeHtml(settings)}</a></p>
</body></html>
`;
  return { subject: input.title, text, html };
}
