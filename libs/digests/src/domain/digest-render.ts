import type { MatchExplanation } from '@app/matching';
import { DigestLanguage } from './digest-enums';

export type ItemReason = 'OWN_DEMAND' | 'OWN_TARGET' | 'BROKER_INDUSTRY';

export interface RenderItem {
  matchId: string;
  demandId: string;
  targetId: string;
  targetType: string;
  demandTitle: string;
  /** APPLICATION_SCENARIO items are labelled (应用场景 / Application scenario); absent: a technical problem. */
  demandKind?: string;
  targetTitle: string;
  score: number;
  reason: string;
  explanation: MatchExplanation;
}

export interface RenderInput {
  language: DigestLanguage;
  recipientName: string;
  period: string;
  items: RenderItem[];
  publicUrl: string;
  unsubscribeUrl: string;
  /** Links that switch the frequency instead of stopping. */
  monthlyUrl: string;
  preferencesUrl: string;
}

export interface RenderedDigest {
  subject: string;
  text: string;
  html: string;
}

const TEXT = {
  zh: {
    subject: (period: string, count: number) => `本期新匹配 ${count} 条（${period}）`,
    greeting: (name: string) => `${name}，您好：`,
    intro: (count: number) => `以下是与您相关的 ${count} 条新匹配：`,
    empty: '本期没有新的匹配。',
    why: '匹配理由',
    open: '查看',
    score: '匹配度',
    reason: { OWN_DEMAND: '您的需求', OWN_TARGET: '您的成果或专家档案', BROKER_INDUSTRY: '您关注的行业' } as Record<
      string,
      string
    >,
    terms: (terms: string) => `关键词吻合：${terms}`,
    separator: '、',
    scenario: '应用场景',
    achievement: '成果',
    expert: '专家',
    unsubscribe: '退订',
    monthly: '改为每月一次',
    preferences: '订阅设置',
    footer: '您收到此邮件是因为订阅了科技成果转化平台的匹配周报。',
  },
  en: {
    subject: (period: string, count: number) => `${count} new match${count === 1 ? '' : 'es'} for you (${period})`,
    greeting: (name: string) => `Hello ${name},`,
    intro: (count: number) => `Here ${count === 1 ? 'is 1 new match' : `are ${count} new matches`} that concern you:`,
    empty: 'Nothing new this period.',
    why: 'Why it matched',
    open: 'Open',
    score: 'score',
    reason: {
      OWN_DEMAND: 'your demand',
      OWN_TARGET: 'your listing',
      BROKER_INDUSTRY: 'an industry you follow',
    } as Record<string, string>,
    terms: (terms: string) => `Matching terms: ${terms}`,
    separator: ', ',
    scenario: 'Application scenario',
    achievement: 'achievement',
    expert: 'expert',
    unsubscribe: 'Unsubscribe',
    monthly: 'Switch to monthly',
    preferences: 'Digest settings',
    footer: 'You receive this because you subscribed to match digests of the technology-transfer marketplace.',
  },
} as const;

const FACTOR_ZH: Record<string, string> = {
  industry: '行业一致',
  trl: '技术成熟度',
  transferMode: '转化方式契合',
  budget: '预算契合',
  rights: '权属清晰',
  freshness: '新近发布',
};

/** The "why it matched" lines of one item, in the recipient's language, positive factors first. */
export function explanationLines(explanation: MatchExplanation, language: DigestLanguage): string[] {
  const t = TEXT[language];
  const lines: string[] = [];
  const terms = (explanation.matchedTerms ?? []).slice(0, 6).map((term) => term.term);
  if (terms.length > 0) lines.push(t.terms(terms.join(t.separator)));
  const factors = [...(explanation.factors ?? [])].filter((f) => f.effect > 0).sort((a, b) => b.effect - a.effect);
  for (const factor of factors.slice(0, 3)) {
    lines.push(language === DigestLanguage.zh ? (FACTOR_ZH[factor.factor] ?? factor.reason) : factor.reason);
  }
  return lines;
}

/**
 * The web app's screen for one digest item (apps/web/src/app/router.tsx), by why the recipient gets it: the match
 * inbox of their demand, their own achievement's page, an expert's page, the broker's work queue; the match id
 * rides along as `?match=`.
 */
export function matchLink(
  publicUrl: string,
  item: Pick<RenderItem, 'matchId' | 'demandId' | 'targetId' | 'targetType' | 'reason'>,
): string {
  const base = publicUrl.replace(/\/+$/, '');
  const match = `?match=${encodeURIComponent(item.matchId)}`;
  switch (item.reason) {
    case 'OWN_DEMAND':
      return `${base}/workspace/demands/${encodeURIComponent(item.demandId)}${match}`;
    case 'OWN_TARGET':
      return item.targetType === 'EXPERT'
        ? `${base}/experts/${encodeURIComponent(item.targetId)}${match}`
        : `${base}/workspace/achievements/${encodeURIComponent(item.targetId)}${match}`;
    case 'BROKER_INDUSTRY':
      return `${base}/workspace/broker/queue${match}`;
    default:
      return `${base}/demands/${encodeURIComponent(item.demandId)}${match}`;
  }
}

/** The demand's title as a digest shows it: an application scenario's with its label in front. */
export function labelledDemandTitle(
  item: { demandTitle: string; demandKind?: string },
  language: DigestLanguage,
): string {
  return item.demandKind === 'APPLICATION_SCENARIO'
    ? `[${TEXT[language].scenario}] ${item.demandTitle}`
    : item.demandTitle;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Subject, plain text and HTML of a digest email (pure: the same input renders the same bytes). */
export function renderDigestEmail(input: RenderInput): RenderedDigest {
  const t = TEXT[input.language];
  const count = input.items.length;
  const kind = (type: string) => (type === 'EXPERT' ? t.expert : t.achievement);
  const items = input.items.map((item) => ({
    headline: `${labelledDemandTitle(item, input.language)} ↔ ${item.targetTitle}`,
    meta: `${t.reason[item.reason] ?? item.reason} · ${kind(item.targetType)} · ${t.score} ${Math.round(item.score * 100) / 100}`,
    why: explanationLines(item.explanation, input.language),
    link: matchLink(input.publicUrl, item),
  }));

  const text = [
    t.greeting(input.recipientName),
    '',
    count > 0 ? t.intro(count) : t.empty,
    '',
    ...items.flatMap((item, index) => [
      `${index + 1}. ${item.headline}`,
      `   ${item.meta}`,
      ...item.why.map((line) => `   - ${line}`),
      `   ${t.open}: ${item.link}`,
      '',
    ]),
    '--',
    t.footer,
    `${t.preferences}: ${input.preferencesUrl}`,
    `${t.monthly}: ${input.monthlyUrl}`,
    `${t.unsubscribe}: ${input.unsubscribeUrl}`,
    '',
  ].join('\n');

  const html = `<!doctype html>
<html lang="${input.language}"><head><meta charset="utf-8"><title>${escapeHtml(t.subject(input.period, count))}</title></head>
<body style="font-family:-apple-system,'PingFang SC','Microsoft YaHei',Arial,sans-serif;max-width:640px;margin:auto;color:#222">
<p>${escapeHtml(t.greeting(input.recipientName))}</p>
<p>${escapeHtml(count > 0 ? t.intro(count) : t.empty)}</p>
<ol>
${items
  .map(
    (item) => `<li style="margin-bottom:16px">
<a href="${escapeHtml(item.link)}"><strong>${escapeHtml(item.headline)}</strong></a><br>
<small>${escapeHtml(item.meta)}</small>
${item.why.length > 0 ? `<div>${escapeHtml(t.why)}:</div><ul>${item.why.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>` : ''}
<a href="${escapeHtml(item.link)}">${escapeHtml(t.open)}</a>
</li>`,
  )
  .join('\n')}
</ol>
<hr><p style="font-size:12px;color:#666">${escapeHtml(t.footer)}<br>
<a href="${escapeHtml(input.preferencesUrl)}">${escapeHtml(t.preferences)}</a> ·
<a href="${escapeHtml(input.monthlyUrl)}">${escapeHtml(t.monthly)}</a> ·
<a href="${escapeHtml(input.unsubscribeUrl)}">${escapeHtml(t.unsubscribe)}</a></p>
</body></html>
`;
  return { subject: t.subject(input.period, count), text, html };
}

/** The in-app notification of a digest: its count and period, and the first three pairs. */
export function renderInAppDigest(input: {
  language: DigestLanguage;
  period: string;
  itemCount: number;
  firstItems: ReadonlyArray<{ demandTitle: string; demandKind?: string; targetTitle: string }>;
}): { title: string; body: string } {
  const zh = input.language === DigestLanguage.zh;
  return {
    title: zh
      ? `本期新匹配 ${input.itemCount} 条（${input.period}）`
      : `${input.itemCount} new matches (${input.period})`,
    body: input.firstItems
      .slice(0, 3)
      .map((item) => `${labelledDemandTitle(item, input.language)} ↔ ${item.targetTitle}`)
      .join('\n'),
  };
}
