import { describe, expect, it } from 'vitest';
import { i18n } from './i18n';

function keyPaths(messages: unknown, prefix = ''): string[] {
  if (typeof messages !== 'object' || messages === null) return [prefix];
  return Object.entries(messages as Record<string, unknown>).flatMap(([key, value]) =>
    keyPaths(value, prefix ? `${prefix}.${key}` : key),
  );
}

describe('messages', () => {
  it('has every message in both languages', () => {
    const zh = keyPaths(i18n.getResourceBundle('zh-CN', 'translation')).sort();
    const en = keyPaths(i18n.getResourceBundle('en', 'translation')).sort();
    expect(zh.filter((key) => !en.includes(key))).toEqual([]);
    expect(en.filter((key) => !zh.includes(key))).toEqual([]);
    expect(zh.length).toBeGreaterThan(100);
  });
});
