import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCN from '../locales/zh-CN/translation.json';

type Messages = Record<string, unknown>;

// Each feature may keep its messages in its own file (locales/<language>/<feature>.json, top-level key = the
// feature), so that features grow without editing one shared file.
// Chinese (the default and the fallback): the shared messages (translation.json) and those the entry's own screens
// use (events: the header's link) are in the entry; each feature's file loads with the screens that use it (the
// router's `lazyPage(…, features)`, checked by router.test.ts), before they render. English (~19 KB compressed)
// loads on demand, all of it: when it is the chosen language (before the first render, see `i18nReady`), on
// switching, or for text in a listing's own language (`loadLanguage`).
const zhCNEntryFeatures = import.meta.glob<Messages>('../locales/zh-CN/events.json', {
  eager: true,
  import: 'default',
});
const zhCNFeatures = import.meta.glob<Messages>(
  ['../locales/zh-CN/*.json', '!../locales/zh-CN/translation.json', '!../locales/zh-CN/events.json'],
  { import: 'default' },
);
const enFeatures = import.meta.glob<Messages>('../locales/en/*.json', { import: 'default' });

/** The features whose Chinese messages load with their screens (locales/zh-CN/<feature>.json). */
export type Feature =
  | 'broker'
  | 'bureau'
  | 'catalogue'
  | 'consortia'
  | 'enterprise'
  | 'expertCalls'
  | 'notifications'
  | 'programmes'
  | 'researcher'
  | 'ttoOffice';

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

async function englishMessages(): Promise<Messages> {
  const entries = await Promise.all(
    Object.entries(enFeatures).map(async ([path, load]) => [path, await load()] as const),
  );
  const features = Object.fromEntries(entries);
  const base = Object.entries(features).find(([path]) => path.endsWith('/translation.json'))?.[1] ?? {};
  return withFeatures(base, features);
}

export const i18n = i18next.createInstance();
void i18n
  .use(initReactI18next)
  // Loads a language's messages on first use (changeLanguage, loadLanguages); Chinese is bundled.
  .use({
    type: 'backend',
    init: () => undefined,
    read: (language: string, _namespace: string, done: (error: unknown, messages?: Messages) => void) => {
      if (language !== 'en') return done(null, {});
      englishMessages().then(
        (messages) => done(null, messages),
        (error: unknown) => done(error),
      );
    },
  })
  .init({
    resources: { 'zh-CN': { translation: withFeatures(zhCN, zhCNEntryFeatures) } },
    partialBundledLanguages: true,
    lng: 'zh-CN',
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false },
    initAsync: false,
  });

const loadingFeatures = new Map<Feature, Promise<void>>();

/** Adds these features' Chinese messages (each file once); screens render after it. */
export function loadFeatureMessages(features: readonly Feature[]): Promise<void> {
  return Promise.all(
    features.map((feature) => {
      let loading = loadingFeatures.get(feature);
      if (!loading) {
        const path = `../locales/zh-CN/${feature}.json`;
        const load = zhCNFeatures[path];
        if (!load) return Promise.reject(new Error(`No messages ${path}`));
        loading = load().then((messages) => {
          const bundle = i18n.getResourceBundle('zh-CN', 'translation') as Messages;
          for (const key of Object.keys(messages)) {
            if (key in bundle) throw new Error(`${path}: message key "${key}" is defined twice`);
          }
          i18n.addResourceBundle('zh-CN', 'translation', messages, true, false);
        });
        // A failed load (offline) is tried again with the next screen.
        void loading.catch(() => loadingFeatures.delete(feature));
        loadingFeatures.set(feature, loading);
      }
      return loading;
    }),
  ).then(() => undefined);
}

/** Makes a language's messages available (e.g. for getFixedT), loading them once. */
export async function loadLanguage(language: UiLanguage): Promise<void> {
  if (!i18n.hasResourceBundle(language, 'translation')) await i18n.loadLanguages(language);
}

/** Resolves once the chosen language's messages are in: the app renders after it (no flash of Chinese). */
export const i18nReady: Promise<unknown> = i18n.changeLanguage(storedLanguage());

export function setLanguage(language: UiLanguage): void {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
  void i18n.changeLanguage(language);
}
