import { stripControlCharacters } from '../domain/highlight';
import { detectLanguage, localizedFieldsOf, TextLanguage } from '../domain/localized-text';

export function clean(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const cleaned = stripControlCharacters(text).trim();
  return cleaned.length > 0 ? cleaned : null;
}

/** `<name>_zh` / `<name>_en` fields from texts of one role, cleaned of control characters. */
export function localized(
  name: string,
  texts: ReadonlyArray<string | null | undefined>,
  declared?: TextLanguage | null,
) {
  return localizedFieldsOf(name, texts.map(clean), declared);
}

/** The object's language as declared, else as its main text reads. */
export function languageOf(declared: string | null | undefined, mainText: string): TextLanguage {
  return declared === 'zh' || declared === 'en' ? declared : detectLanguage(mainText);
}

export function millis(date: Date | null | undefined): number | null {
  return date ? date.getTime() : null;
}

export function distinct(values: ReadonlyArray<string | null | undefined>): string[] {
  return [...new Set(values.map(clean).filter((value): value is string => value !== null))];
}
