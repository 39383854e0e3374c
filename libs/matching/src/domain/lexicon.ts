import { normaliseText } from './text-analysis';

/** A dictionary term found in a text, with the terms that mean the same (synonyms, the other language). */
export interface LexiconHit {
  matched: string;
  equivalents: string[];
}

export interface Lexicon {
  find(text: string): LexiconHit[];
}

const LATIN_CHAR = /[\p{Script=Latin}\p{N}]/u;

/** True when `term` occurs in `text` and, for Latin terms, on word boundaries ("AI" must not match "maintain"). */
function occursIn(text: string, term: string): boolean {
  let from = 0;
  for (;;) {
    const at = text.indexOf(term, from);
    if (at < 0) return false;
    const before = at > 0 ? text[at - 1] : '';
    const after = text[at + term.length] ?? '';
    const latinStart = LATIN_CHAR.test(term[0]);
    const latinEnd = LATIN_CHAR.test(term[term.length - 1]);
    if ((!latinStart || !LATIN_CHAR.test(before)) && (!latinEnd || !LATIN_CHAR.test(after))) return true;
    from = at + 1;
  }
}

/**
 * A lexicon over groups of equivalent terms (the shared synonyms and zh↔en glossary). Longer terms win over
 * terms they contain ("低温锂离子电池" over "电池") so one phrase is not expanded twice.
 */
export function createLexicon(groups: ReadonlyArray<readonly string[]>): Lexicon {
  const entries: Array<{ term: string; group: number }> = [];
  const normalisedGroups = groups.map((group) => [
    ...new Set(group.map((t) => normaliseText(t).trim()).filter(Boolean)),
  ]);
  normalisedGroups.forEach((group, index) => {
    for (const term of group) if ([...term].length >= 2) entries.push({ term, group: index });
  });
  entries.sort((a, b) => b.term.length - a.term.length);

  return {
    find(text: string): LexiconHit[] {
      const normalised = normaliseText(text);
      const consumed: Array<[number, number]> = [];
      const hits = new Map<number, LexiconHit>();
      for (const { term, group } of entries) {
        if (!normalised.includes(term) || !occursIn(normalised, term)) continue;
        const at = normalised.indexOf(term);
        // Skip a term lying entirely inside a longer term already found.
        if (consumed.some(([start, end]) => at >= start && at + term.length <= end)) continue;
        consumed.push([at, at + term.length]);
        if (!hits.has(group)) {
          hits.set(group, { matched: term, equivalents: normalisedGroups[group].filter((t) => t !== term) });
        }
      }
      return [...hits.values()];
    },
  };
}
