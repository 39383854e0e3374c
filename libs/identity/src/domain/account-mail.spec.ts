import { renderAccountMail } from './account-mail';
import { Role } from './roles';

describe('account emails', () => {
  it('speaks the account locale and carries the link as plain text and as a link', () => {
    const url = 'https://web.example/verify-email?token=ve1.abc.def';
    const zh = renderAccountMail({ kind: 'VERIFY_EMAIL', name: '张三', url, validHours: 72 }, 'zh');
    expect(zh.subject).toBe('请验证您的邮箱地址');
    expect(zh.text).toContain('张三，您好');
    expect(zh.text).toContain(url);
    expect(zh.html).toContain(`<a href="${url}">`);
    const en = renderAccountMail({ kind: 'RESET_PASSWORD', name: 'Alice', url, validMinutes: 30 }, 'en');
    expect(en.subject).toBe('Reset your password');
    expect(en.text).toContain('valid for 30 minutes');
  });

  it('writes invitations in Chinese and English (the reader may have no account yet)', () => {
    const mail = renderAccountMail(
      {
        kind: 'INVITATION',
        organisationName: '明湖理工大学',
        role: Role.RESEARCHER,
        inviterName: '李老师',
        url: 'https://web.example/invitations/accept?token=in1.x.y',
        validDays: 7,
      },
      'en',
    );
    expect(mail.subject).toBe('邀请您加入「明湖理工大学」 / You are invited to join 明湖理工大学');
    expect(mail.text.indexOf('科研人员')).toBeLessThan(mail.text.indexOf('as a researcher'));
    expect(mail.text).toContain('7 天内有效');
  });

  it('escapes what people typed (names) in the HTML part', () => {
    const mail = renderAccountMail(
      { kind: 'REGISTRATION_ATTEMPT', name: '<script>x</script>', signInUrl: 'https://w/', resetUrl: 'https://w/r' },
      'en',
    );
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.text).not.toContain('token=');
  });
});
