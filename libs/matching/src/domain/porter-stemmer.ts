/**
 * The Porter (1980) stemmer for English words, so "diabetic"/"diabetes" and "corroded"/"corrosion" share a term
 * in the relevance measure. Pure and allocation-light: it runs on every word of every candidate.
 */
const isConsonantAt = (word: string, i: number): boolean => {
  const c = word[i];
  if (c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u') return false;
  if (c === 'y') return i === 0 ? true : !isConsonantAt(word, i - 1);
  return true;
};

/** m in [C](VC)^m[V] for word[0..end). */
const measure = (word: string, end: number): number => {
  let m = 0;
  let i = 0;
  while (i < end && isConsonantAt(word, i)) i++;
  while (i < end) {
    while (i < end && !isConsonantAt(word, i)) i++;
    if (i >= end) break;
    while (i < end && isConsonantAt(word, i)) i++;
    m++;
  }
  return m;
};

const hasVowel = (word: string, end: number): boolean => {
  for (let i = 0; i < end; i++) if (!isConsonantAt(word, i)) return true;
  return false;
};

const endsDoubleConsonant = (word: string): boolean => {
  const n = word.length;
  return n >= 2 && word[n - 1] === word[n - 2] && isConsonantAt(word, n - 1);
};

/** cvc where the last c is not w, x or y. */
const endsCvc = (word: string, end = word.length): boolean => {
  if (end < 3) return false;
  const last = word[end - 1];
  return (
    isConsonantAt(word, end - 3) &&
    !isConsonantAt(word, end - 2) &&
    isConsonantAt(word, end - 1) &&
    last !== 'w' &&
    last !== 'x' &&
    last !== 'y'
  );
};

const replaceSuffix = (word: string, rules: ReadonlyArray<[string, string]>, minMeasure: number): string => {
  for (const [suffix, replacement] of rules) {
    if (word.endsWith(suffix)) {
      const stem = word.length - suffix.length;
      return measure(word, stem) > minMeasure ? word.slice(0, stem) + replacement : word;
    }
  }
  return word;
};

const STEP2: ReadonlyArray<[string, string]> = [
  ['ational', 'ate'], ['tional', 'tion'], ['enci', 'ence'], ['anci', 'ance'], ['izer', 'ize'], ['bli', 'ble'],
  ['alli', 'al'], ['entli', 'ent'], ['eli', 'e'], ['ousli', 'ous'], ['ization', 'ize'], ['ation', 'ate'],
  ['ator', 'ate'], ['alism', 'al'], ['iveness', 'ive'], ['fulness', 'ful'], ['ousness', 'ous'], ['aliti', 'al'],
  ['iviti', 'ive'], ['biliti', 'ble'], ['logi', 'log'],
]; // prettier-ignore
const STEP3: ReadonlyArray<[string, string]> = [
  ['icate', 'ic'], ['ative', ''], ['alize', 'al'], ['iciti', 'ic'], ['ical', 'ic'], ['ful', ''], ['ness', ''],
]; // prettier-ignore
const STEP4 = [
  'al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ion', 'ou', 'ism', 'ate',
  'iti', 'ous', 'ive', 'ize',
]; // prettier-ignore

// Longest suffix first within each step, as Porter's table is read.
const byLength = <T extends [string, string] | string>(rules: readonly T[]): T[] =>
  [...rules].sort((a, b) => (typeof b === 'string' ? b : b[0]).length - (typeof a === 'string' ? a : a[0]).length);
const STEP2_SORTED = byLength(STEP2);
const STEP3_SORTED = byLength(STEP3);
const STEP4_SORTED = byLength(STEP4);

export function porterStem(input: string): string {
  let w = input;
  if (w.length <= 2) return w;

  // Step 1a
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies')) w = w.slice(0, -2);
  else if (w.endsWith('ss')) {
    /* keep */
  } else if (w.endsWith('s')) w = w.slice(0, -1);

  // Step 1b
  let extra = false;
  if (w.endsWith('eed')) {
    if (measure(w, w.length - 3) > 0) w = w.slice(0, -1);
  } else if (w.endsWith('ed') && hasVowel(w, w.length - 2)) {
    w = w.slice(0, -2);
    extra = true;
  } else if (w.endsWith('ing') && hasVowel(w, w.length - 3)) {
    w = w.slice(0, -3);
    extra = true;
  }
  if (extra) {
    if (w.endsWith('at') || w.endsWith('bl') || w.endsWith('iz')) w += 'e';
    else if (endsDoubleConsonant(w) && !/[lsz]$/.test(w)) w = w.slice(0, -1);
    else if (measure(w, w.length) === 1 && endsCvc(w)) w += 'e';
  }

  // Step 1c
  if (w.endsWith('y') && hasVowel(w, w.length - 1)) w = w.slice(0, -1) + 'i';

  w = replaceSuffix(w, STEP2_SORTED, 0);
  w = replaceSuffix(w, STEP3_SORTED, 0);

  // Step 4
  for (const suffix of STEP4_SORTED) {
    if (w.endsWith(suffix)) {
      const stem = w.length - suffix.length;
      if (measure(w, stem) > 1 && (suffix !== 'ion' || /[st]$/.test(w.slice(0, stem)))) w = w.slice(0, stem);
      break;
    }
  }

  // Step 5
  if (w.endsWith('e')) {
    const m = measure(w, w.length - 1);
    if (m > 1 || (m === 1 && !endsCvc(w, w.length - 1))) w = w.slice(0, -1);
  }
  if (measure(w, w.length) > 1 && endsDoubleConsonant(w) && w.endsWith('l')) w = w.slice(0, -1);
  return w;
}
