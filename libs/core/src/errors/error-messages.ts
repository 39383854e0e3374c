import { ErrorReason } from './error-reasons';
import { en } from './messages/en';
import { zh } from './messages/zh';

/** The languages messages are written in; an account's `locale` is one of these. */
export const LOCALES = ['zh', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** One catalogue per language: a message per reason, `{name}` standing for the parameter `name`. */
export const MESSAGE_CATALOGUES: { readonly [L in Locale]: Readonly<Record<ErrorReason, string>> } = { en, zh };

export type MessageParams = Readonly<Record<string, unknown>>;

const LIST_SEPARATOR: { readonly [L in Locale]: string } = { en: ', ', zh: '、' };
const PROBLEM_SEPARATOR: { readonly [L in Locale]: string } = { en: '; ', zh: '；' };

/**
 * The message of `reason` in `locale` with its parameters filled in (lists joined the language's way; a missing
 * parameter stays visible as `{name}` rather than vanishing). `{problems}` is the list of the problems' messages.
 */
export function renderMessage(
  reason: ErrorReason,
  locale: Locale,
  params: MessageParams,
  problems: ReadonlyArray<{ reason: ErrorReason; params?: MessageParams }> = [],
): string {
  const rendered = problems.map((problem) => renderMessage(problem.reason, locale, problem.params ?? {}));
  const values: Record<string, unknown> = { ...params };
  if (problems.length > 0) values.problems = rendered.join(PROBLEM_SEPARATOR[locale]);
  return MESSAGE_CATALOGUES[locale][reason].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (Array.isArray(value)) return value.map(String).join(LIST_SEPARATOR[locale]);
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
    return whole;
  });
}

/** The parameter names a message uses. */
export function placeholdersOf(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
}

/** A supported locale from an account's stored locale (`zh`, `zh-CN`, `en-GB`, …), else null. */
export function supportedLocale(value: string | null | undefined): Locale | null {
  const language = value?.trim().toLowerCase().split(/[-_]/)[0];
  return LOCALES.find((locale) => locale === language) ?? null;
}

/** The best supported language of an Accept-Language header (by its q-values), else null. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag, ...attributes] = part.trim().split(';');
      const q = attributes.map((a) => /^\s*q=([0-9.]+)\s*$/.exec(a)?.[1]).find((v) => v !== undefined);
      return { locale: supportedLocale(tag), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry): entry is { locale: Locale; q: number; index: number } => !!entry.locale && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.locale ?? null;
}
