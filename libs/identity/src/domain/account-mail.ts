import { Role } from './roles';

export type MailLocale = 'zh' | 'en';

export type AccountMailContent =
  | { kind: 'VERIFY_EMAIL'; name: string; url: string; validHours: number }
  | { kind: 'RESET_PASSWORD'; name: string; url: string; validMinutes: number }
  | { kind: 'REGISTRATION_ATTEMPT'; name: string; signInUrl: string; resetUrl: string }
  | {
      kind: 'INVITATION';
      organisationName: string;
      role: Role;
      inviterName: string | null;
      url: string;
      validDays: number;
    };

export interface RenderedAccountMail {
  subject: string;
  text: string;
  html: string;
}

const ROLE_NAMES: { readonly [R in Role]: { zh: string; en: string } } = {
  [Role.RESEARCHER]: { zh: '科研人员', en: 'researcher' },
  [Role.TTO_OFFICER]: { zh: '技术转移办公室（TTO）老师', en: 'tech-transfer officer' },
  [Role.ENTERPRISE_MEMBER]: { zh: '企业成员', en: 'enterprise member' },
  [Role.BROKER]: { zh: '技术经纪人', en: 'technology broker' },
  [Role.ADMIN]: { zh: '平台管理员', en: 'platform administrator' },
};

const PLATFORM = { zh: '科技成果转化平台', en: 'the technology-transfer platform' };

/** Paragraphs of one language; a link is its own paragraph. */
type Paragraphs = Array<string | { link: string }>;

function paragraphs(content: AccountMailContent, locale: MailLocale): { subject: string; body: Paragraphs } {
  const zh = locale === 'zh';
  switch (content.kind) {
    case 'VERIFY_EMAIL':
      return zh
        ? {
            subject: '请验证您的邮箱地址',
            body: [
              `${content.name}，您好：`,
              `感谢注册${PLATFORM.zh}。请点击下面的链接验证您的邮箱地址（${content.validHours} 小时内有效，仅可使用一次）：`,
              { link: content.url },
              '验证之前您可以登录和浏览，但不能发布需求、提交成果、认领匹配或提出异议。',
              '如果您没有注册，请忽略本邮件。',
            ],
          }
        : {
            subject: 'Please verify your email address',
            body: [
              `Hello ${content.name},`,
              `Thank you for registering on ${PLATFORM.en}. Please verify your email address with this link (valid for ${content.validHours} hours, once):`,
              { link: content.url },
              'Until then you can sign in and look around, but not publish demands, submit achievements, claim matches or object to notices.',
              'If you did not register, please ignore this email.',
            ],
          };
    case 'RESET_PASSWORD':
      return zh
        ? {
            subject: '重置您的密码',
            body: [
              `${content.name}，您好：`,
              `我们收到了重置您密码的请求。请点击下面的链接设置新密码（${content.validMinutes} 分钟内有效，仅可使用一次）：`,
              { link: content.url },
              '重置后，您所有设备上的登录都会退出。',
              '如果不是您本人操作，请忽略本邮件，您的密码不会改变。',
            ],
          }
        : {
            subject: 'Reset your password',
            body: [
              `Hello ${content.name},`,
              `We received a request to reset your password. Choose a new one with this link (valid for ${content.validMinutes} minutes, once):`,
              { link: content.url },
              'Resetting it signs you out on every device.',
              'If you did not ask for this, ignore this email: your password stays as it is.',
            ],
          };
    case 'REGISTRATION_ATTEMPT':
      return zh
        ? {
            subject: '有人尝试用您的邮箱注册',
            body: [
              `${content.name}，您好：`,
              `有人刚刚尝试用您的邮箱地址在${PLATFORM.zh}注册新账号。您已经有账号了，无需再次注册。`,
              '如果是您本人，请直接登录：',
              { link: content.signInUrl },
              '忘记密码可以在这里重置：',
              { link: content.resetUrl },
              '如果不是您本人，请忽略本邮件，您的账号没有任何变化。',
            ],
          }
        : {
            subject: 'Someone tried to register with your address',
            body: [
              `Hello ${content.name},`,
              `Someone just tried to register a new account on ${PLATFORM.en} with your email address. You already have an account.`,
              'If it was you, simply sign in:',
              { link: content.signInUrl },
              'Forgot your password? Reset it here:',
              { link: content.resetUrl },
              'If it was not you, ignore this email: nothing changed on your account.',
            ],
          };
    case 'INVITATION': {
      const role = ROLE_NAMES[content.role];
      return zh
        ? {
            subject: `邀请您加入「${content.organisationName}」`,
            body: [
              `${content.inviterName ? `${content.inviterName} ` : ''}邀请您以${role.zh}身份加入「${content.organisationName}」（${PLATFORM.zh}）。`,
              `接受邀请请点击下面的链接（${content.validDays} 天内有效，仅可使用一次）。已有账号请用本邮箱登录后接受；没有账号可以用本邮箱注册：`,
              { link: content.url },
              '如果您不认识邀请人，请忽略本邮件。',
            ],
          }
        : {
            subject: `You are invited to join ${content.organisationName}`,
            body: [
              `${content.inviterName ?? 'An administrator'} invited you to join ${content.organisationName} as a ${role.en} on ${PLATFORM.en}.`,
              `Accept with this link (valid for ${content.validDays} days, once). Sign in with this address if you have an account, or register with it:`,
              { link: content.url },
              'If you do not know who invited you, ignore this email.',
            ],
          };
    }
  }
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const asText = (body: Paragraphs) => body.map((p) => (typeof p === 'string' ? p : p.link)).join('\n\n');

const asHtml = (body: Paragraphs) =>
  body
    .map((p) =>
      typeof p === 'string'
        ? `<p>${escapeHtml(p)}</p>`
        : `<p><a href="${escapeHtml(p.link)}">${escapeHtml(p.link)}</a></p>`,
    )
    .join('\n');

/**
 * Plain, short account emails. In the account's locale; an invitation (whose reader may have no account yet)
 * in Chinese and English, Chinese first.
 */
export function renderAccountMail(content: AccountMailContent, locale: MailLocale): RenderedAccountMail {
  const locales: MailLocale[] = content.kind === 'INVITATION' ? ['zh', 'en'] : [locale];
  const parts = locales.map((l) => paragraphs(content, l));
  const subject = parts.map((part) => part.subject).join(' / ');
  const text = parts.map((part) => asText(part.body)).join('\n\n——\n\n');
  const html = `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">\n${parts
    .map((part) => asHtml(part.body))
    .join('\n<hr>\n')}\n</body></html>`;
  return { subject, text, html };
}
