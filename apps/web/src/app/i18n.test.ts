import { describe, expect, it } from 'vitest';
import { i18n, loadLanguage } from './i18n';

function keyPaths(messages: unknown, prefix = ''): string[] {
  if (typeof messages !== 'object' || messages === null) return [prefix];
  return Object.entries(messages as Record<string, unknown>).flatMap(([key, value]) =>
    keyPaths(value, prefix ? `${prefix}.${key}` : key),
  );
}

describe('messages', () => {
  it('bundles Chinese and loads English when it is chosen', async () => {
    expect(i18n.hasResourceBundle('zh-CN', 'translation')).toBe(true);
    expect(i18n.hasResourceBundle('en', 'translation')).toBe(false); // not in the entry chunk
    await i18n.changeLanguage('en');
    expect(i18n.hasResourceBundle('en', 'translation')).toBe(true);
    expect(i18n.t('nav.language')).not.toBe(i18n.getFixedT('zh-CN')('nav.language'));
    await i18n.changeLanguage('zh-CN');
  });

  it('has every message in both languages', async () => {
    await loadLanguage('en');
    const zh = keyPaths(i18n.getResourceBundle('zh-CN', 'translation')).sort();
    const en = keyPaths(i18n.getResourceBundle('en', 'translation')).sort();
    expect(zh.filter((key) => !en.includes(key))).toEqual([]);
    expect(en.filter((key) => !zh.includes(key))).toEqual([]);
    expect(zh.length).toBeGreaterThan(100);
  });
});
