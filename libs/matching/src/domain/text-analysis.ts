import { porterStem } from './porter-stemmer';

/**
 * One tokenisation for both languages, used for the relevance measure, the document-frequency table and the
 * key terms alike, so scores are comparable across Chinese and English:
 * - runs of Han characters become overlapping character bigrams (a lone character stays a unigram);
 * - Latin words and numbers are lower-cased, stop words dropped, English words Porter-stemmed.
 */
const HAN_RUN = /\p{Script=Han}+/gu;
const TOKEN_RUN = /\p{Script=Han}+|[\p{L}\p{N}]+(?:[.'’][\p{L}\p{N}]+)*/gu;
const HAN_START = /^\p{Script=Han}/u;

export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each either etc few for from further had has have having he her here hers him his how ' +
    'however i if in into is it its itself just may me might more most must my no nor not now of off on once only or other our ours ' +
    'out over own per same shall she should so some such than that the their theirs them then there these they this those through ' +
    'thus to too under until up upon very via was we were what when where whether which while who whom why will with within without ' +
    'would yet you your yours ' +
    // enterprise-demand boilerplate that carries no topic
    'need needs want wants looking seek seeking require required requires requirement requirements currently existing ' +
    'company companies our we us rmb yuan budget around approximately least better using use used within months month weeks week'
  ).split(/\s+/),
);

export function normaliseText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

export function isHan(text: string): boolean {
  HAN_RUN.lastIndex = 0;
  return HAN_RUN.test(text);
}

/** Share of Han characters among letters: decides the language of a record. */
export function hanShare(text: string): number {
  let han = 0;
  let letters = 0;
  for (const ch of text) {
    if (/\p{Script=Han}/u.test(ch)) {
      han++;
      letters++;
    } else if (/\p{L}/u.test(ch)) letters += 0.2; // a Latin word counts about as much as one Han character
  }
  return letters === 0 ? 0 : han / letters;
}

export type Language = 'zh' | 'en';

export function detectLanguage(text: string): Language {
  return hanShare(text) >= 0.3 ? 'zh' : 'en';
}

export function stemWord(word: string): string {
  if (/^\p{N}/u.test(word)) return word;
  if (!/^[a-z]+$/.test(word)) return word;
  return porterStem(word);
}

/** The analysis tokens of a text, in order, repeated as often as they occur. */
export function analyze(text: string): string[] {
  const tokens: string[] = [];
  const normalised = normaliseText(text);
  for (const match of normalised.matchAll(TOKEN_RUN)) {
    const run = match[0];
    const first = run.codePointAt(0)!;
    if (/\p{Script=Han}/u.test(String.fromCodePoint(first))) {
      const chars = Array.from(run);
      if (chars.length === 1) tokens.push(chars[0]);
      for (let i = 0; i + 1 < chars.length; i++) tokens.push(chars[i] + chars[i + 1]);
    } else if (isLatinTokenWord(run)) tokens.push(stemWord(run));
  }
  return tokens;
}

/** A Latin word or number the analysis keeps: no stop word, no lone letter. */
function isLatinTokenWord(run: string): boolean {
  return !ENGLISH_STOP_WORDS.has(run) && (run.length > 1 || /\p{N}/u.test(run));
}

/** The Latin words of a text the analysis keeps, as written (lower-cased, unstemmed). */
export function latinWords(text: string): string[] {
  const words: string[] = [];
  for (const match of normaliseText(text).matchAll(TOKEN_RUN)) {
    if (!HAN_START.test(match[0]) && isLatinTokenWord(match[0])) words.push(match[0]);
  }
  return words;
}

/** Token → count. */
export function termFrequencies(tokens: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  return counts;
}
