import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCN from '../locales/zh-CN/translation.json';
import en from '../locales/en/translation.json';

type Messages = Record<string, unknown>;

// Each feature may keep its messages in its own file (locales/<language>/<feature>.json, top-level key = the
// feature), so that features grow without editing one shared file.
const zhCNFeatures = import.meta.glob<Messages>('../locales/zh-CN/*.json', { eager: true, import: 'default' });
const enFeatures = import.meta.glob<Messages>('../locales/en/*.json', { eager: true, import: 'default' });

function withFeatures(base: Messages, features: Record<string, Messages>): Messages {
  const merged: Messages = { ...base };
  for (const [path, messages] of Object.entries(features)) {
    if (path.endsWith('/translation.json')) continue;
    for (const [key, value] of Object.entries(messages)) {
      if (key in merged) throw new Error(`${path}: message key "${key}" is defined twice`);
      merged[key] = value;
    }
  }
  return merged;
}

export type UiLanguage = 'zh-CN' | 'en';
const STORAGE_KEY = 'tt.language';

export function storedLanguage(): UiLanguage {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': { translation: withFeatures(zhCN, zhCNFeatures) },
    en: { translation: withFeatures(en, enFeatures) },
  },
  lng: storedLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  initAsync: false,
});

export function setLanguage(language: UiLanguage): void {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
  void i18n.changeLanguage(language);
}
