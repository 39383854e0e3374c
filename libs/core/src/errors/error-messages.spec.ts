import { ERROR_REASONS, ErrorReason } from './error-reasons';
import {
  LOCALES,
  localeFromAcceptLanguage,
  MESSAGE_CATALOGUES,
  placeholdersOf,
  renderMessage,
  supportedLocale,
} from './error-messages';
import { fail, notFound } from './error-codes';

const REASONS = Object.keys(ERROR_REASONS) as ErrorReason[];

describe('the error message catalogues', () => {
  it.each(LOCALES)('has a %s message for every reason, and no message without a reason', (locale) => {
    const catalogue = MESSAGE_CATALOGUES[locale];
    expect(REASONS.filter((reason) => !catalogue[reason]?.trim())).toEqual([]);
    expect(Object.keys(catalogue).filter((key) => !(key in ERROR_REASONS))).toEqual([]);
  });

  it('uses in every language only parameters the English message uses (or the English detail)', () => {
    const mismatched = REASONS.flatMap((reason) => {
      const allowed = new Set([...placeholdersOf(MESSAGE_CATALOGUES.en[reason]), 'detail']);
      return LOCALES.flatMap((locale) =>
        placeholdersOf(MESSAGE_CATALOGUES[locale][reason])
          .filter((name) => !allowed.has(name))
          .map((name) => `${locale}.${reason}: {${name}}`),
      );
    });
    expect(mismatched).toEqual([]);
  });

  it('renders parameters, lists the language’s way, and problems in order', () => {
    expect(renderMessage('SHARE_OUT_OF_BOUNDS', 'zh', { min: 70, max: 90, proposed: 95 })).toBe(
      '团队所有权比例须在 70% 至 90% 之间（当前：95）',
    );
    expect(renderMessage('CONSENT_MISSING', 'en', { names: ['王五', 'Li'] })).toBe('consent missing from: 王五, Li');
    expect(renderMessage('CONSENT_MISSING', 'zh', { names: ['王五', 'Li'] })).toBe('以下完成人尚未同意：王五、Li');
    expect(
      renderMessage('WORKFLOW_CONDITIONS_NOT_MET', 'zh', { event: 'SUBMIT', currentStatus: 'DRAFT' }, [
        { reason: 'INVENTOR_REQUIRED' },
        { reason: 'CONVERSION_PLAN_REQUIRED' },
      ]),
    ).toBe('DRAFT 状态下不能执行 SUBMIT：至少需要一名完成人；须填写转化实施方案');
    // A parameter nobody gave stays visible rather than vanishing.
    expect(renderMessage('UNKNOWN_INDUSTRY', 'en', {})).toBe('Unknown industry "{industry}"');
  });

  it('gives each reason its code, and notFound the reason of its subject', () => {
    expect(fail('EMAIL_TAKEN', { field: 'email' })).toMatchObject({
      code: 'CONFLICT',
      reason: 'EMAIL_TAKEN',
      message: 'An account with this email already exists',
      details: { field: 'email' },
    });
    expect(notFound('Achievement', 'x')).toMatchObject({ code: 'NOT_FOUND', reason: 'ACHIEVEMENT_NOT_FOUND' });
  });
});

describe('choosing a language', () => {
  it('reads Accept-Language by its q-values, and supports zh and en only', () => {
    expect(localeFromAcceptLanguage('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
    expect(localeFromAcceptLanguage('en-GB, zh;q=0.5')).toBe('en');
    expect(localeFromAcceptLanguage('fr-FR, en;q=0.3, zh;q=0.7')).toBe('zh');
    expect(localeFromAcceptLanguage('de, fr;q=0.5')).toBeNull();
    expect(localeFromAcceptLanguage('en;q=0, zh-TW')).toBe('zh');
    expect(localeFromAcceptLanguage(undefined)).toBeNull();
    expect(supportedLocale('zh-Hans')).toBe('zh');
    expect(supportedLocale('ja')).toBeNull();
  });
});
