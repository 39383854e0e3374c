/** Languages of indexed text: each gets its own fields so Meilisearch segments them with the right tokenizer. */
export type TextLanguage = 'zh' | 'en';

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const HAN_GLOBAL = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/g;
const LATIN_WORD_GLOBAL = /[A-Za-z][A-Za-z0-9'-]*/g;

export function containsHan(text: string): boolean {
  return HAN.test(text);
}

/**
 * The language of a text judged by its script: Chinese as soon as Han characters carry a fair share of it
 * (a Chinese title often embeds Latin acronyms such as "AI" or "5G"), English otherwise.
 */
export function detectLanguage(text: string): TextLanguage {
  const han = text.match(HAN_GLOBAL)?.length ?? 0;
  if (han === 0) return 'en';
  const latinWords = text.match(LATIN_WORD_GLOBAL)?.length ?? 0;
  // Chinese words are one to three characters: a Han character weighs at least as much as a Latin word.
  return han >= latinWords ? 'zh' : 'en';
}

/**
 * Splits one text into `<name>_zh` / `<name>_en` fields: the declared language wins when the text's script
 * agrees with it; otherwise the script decides (a "zh" object may still carry an English abstract).
 */
export function localizedFields(
  name: string,
  text: string | null | undefined,
  declared?: TextLanguage | null,
): Record<string, string> {
  const value = text?.trim();
  if (!value) return {};
  const detected = detectLanguage(value);
  const language =
    declared === 'zh' && containsHan(value) ? 'zh' : declared === 'en' && detected === 'en' ? 'en' : detected;
  return { [`${name}_${language}`]: value };
}

/** Merges several texts of the same role (e.g. a Chinese and an English title) into per-language fields. */
export function localizedFieldsOf(
  name: string,
  texts: ReadonlyArray<string | null | undefined>,
  declared?: TextLanguage | null,
): Record<string, string> {
  const merged: Record<string, string[]> = {};
  for (const text of texts) {
    for (const [field, value] of Object.entries(localizedFields(name, text, declared))) {
      (merged[field] ??= []).push(value);
    }
  }
  return Object.fromEntries(Object.entries(merged).map(([field, values]) => [field, values.join('\n')]));
}
