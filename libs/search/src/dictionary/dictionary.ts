/**
 * Domain dictionary for search and matching: curated synonym groups (synonyms.json) and a zh↔en
 * glossary (glossary.json), validated and indexed once when this module is loaded.
 *
 * Pure TypeScript, no framework imports. See README.md in this folder for the data rules.
 *
 * Normalisation: every term and every text goes through {@link normalizeTerm} (NFKC, curly
 * apostrophes → ', lower-case, trim, whitespace collapsed). Matching additionally uses a "match
 * key" ({@link matchKey}) in which hyphens, dashes, underscores, slashes and middle dots become
 * spaces, so "Li-ion battery", "li ion battery" and "LI‐ION  BATTERY" are the same key.
 *
 * A term belongs to at most one synonym group (compared by match key). Ambiguous abbreviations
 * (GAN vs GaN, SOC vs SoC, ADC, AR, EV, PET…) are therefore either assigned to their dominant
 * sense or left out entirely; the note on the group says so. The validator rejects any violation,
 * so a broken data file fails at import time (and in the unit tests), never silently at runtime.
 */
import glossaryJson from './glossary.json';
import synonymsJson from './synonyms.json';

export interface SynonymGroup {
  readonly terms: readonly string[];
  readonly note?: string;
}

export interface GlossaryEntry {
  readonly zh: readonly string[];
  readonly en: readonly string[];
  readonly note?: string;
}

export interface Translation {
  /** Terms containing Han characters (including mixed ones such as "mrna疫苗"). */
  zh: string[];
  /** Terms without Han characters (English words, abbreviations, formulas such as "co2"). */
  en: string[];
}

export interface DictionaryStats {
  groups: number;
  glossaryEntries: number;
  /** Distinct normalised terms across both files. */
  terms: number;
  /** Patterns in the text scanner (terms plus generated English plural forms). */
  patterns: number;
  /** Keys in the Meilisearch synonyms map. */
  meilisearchKeys: number;
}

/** Most terms a synonym group may hold; keeps each Meilisearch entry well below its 50-phrase cap. */
export const MAX_GROUP_SIZE = 12;
/** Longest allowed term, in characters after normalisation. */
export const MAX_TERM_LENGTH = 80;
/** Shortest allowed match key: single characters (一个汉字, "c") match far too much. */
export const MIN_TERM_LENGTH = 2;

export class DictionaryValidationError extends Error {
  constructor(readonly errors: readonly string[]) {
    super(
      `Invalid search dictionary (${errors.length} problem${errors.length === 1 ? '' : 's'}):\n` +
        errors
          .slice(0, 50)
          .map((e) => `  - ${e}`)
          .join('\n') +
        (errors.length > 50 ? `\n  … and ${errors.length - 50} more` : ''),
    );
    this.name = 'DictionaryValidationError';
  }
}

// ---------------------------------------------------------------------------------------------
// Normalisation
// ---------------------------------------------------------------------------------------------

const HAN = /\p{Script=Han}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const CURLY_APOSTROPHES = /[\u2018\u2019\u02bc\u2032]/g;
const WHITESPACE = /\s+/g;
/** Hyphen-minus, Unicode hyphens and dashes, underscore, slash, middle dots. */
const SEPARATORS = /[-\u2010-\u2015\u2212_/\u00b7\u30fb]+/g;

/** NFKC, curly apostrophes → ', lower-case (affects Latin only), trim, collapse whitespace. */
export function normalizeTerm(value: string): string {
  return value.normalize('NFKC').replace(CURLY_APOSTROPHES, "'").toLowerCase().replace(WHITESPACE, ' ').trim();
}

/** The key terms are compared and matched by: normalised, with separators turned into spaces. */
export function matchKey(value: string): string {
  return normalizeTerm(value).replace(SEPARATORS, ' ').replace(WHITESPACE, ' ').trim();
}

export function containsHan(value: string): boolean {
  return HAN.test(value);
}

/** Latin letters and digits: the characters an English term must not be glued to. */
function isWordCode(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || // 0-9
    (code >= 97 && code <= 122) || // a-z
    (code >= 65 && code <= 90) || // A-Z
    (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) // Latin-1 / Latin Extended letters
  );
}

/**
 * English plural forms of a pure-Latin key whose last word is alphabetic and at least three
 * letters long ("sensor" → "sensors", "battery" → "batteries", "analysis" → "analyses",
 * "greenhouse gas" → "greenhouse gases"). Used only to recognise plurals in text.
 */
export function pluralForms(key: string): string[] {
  if (HAN.test(key)) return [];
  const last = /([a-z]+)$/.exec(key)?.[1];
  if (last === undefined || last.length < 3) return [];
  if (/(?:ss|x|z|ch|sh|us|as)$/.test(last)) return [`${key}es`];
  if (/is$/.test(last)) return [`${key.slice(0, -2)}es`];
  if (/s$/.test(last)) return []; // already plural ("ceramics", "biometrics")
  if (/[^aeiou]y$/.test(last)) return [`${key.slice(0, -1)}ies`];
  return [`${key}s`];
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface TermCheck {
  readonly normalized: string;
  readonly key: string;
}

function checkTerm(raw: unknown, where: string, errors: string[]): TermCheck | undefined {
  if (typeof raw !== 'string') {
    errors.push(`${where}: term must be a string, got ${JSON.stringify(raw)}`);
    return undefined;
  }
  const normalized = normalizeTerm(raw);
  if (normalized.length === 0) {
    errors.push(`${where}: empty term`);
    return undefined;
  }
  const key = matchKey(normalized);
  if (!LETTER_OR_DIGIT.test(key)) {
    errors.push(`${where}: term "${raw}" has no letter or digit`);
    return undefined;
  }
  if (key.length < MIN_TERM_LENGTH) {
    errors.push(`${where}: term "${raw}" is shorter than ${MIN_TERM_LENGTH} characters`);
    return undefined;
  }
  if (normalized.length > MAX_TERM_LENGTH) {
    errors.push(`${where}: term "${raw}" is longer than ${MAX_TERM_LENGTH} characters`);
    return undefined;
  }
  return { normalized, key };
}

function checkKeys(value: Record<string, unknown>, allowed: readonly string[], where: string, errors: string[]): void {
  for (const name of Object.keys(value)) {
    if (!allowed.includes(name)) errors.push(`${where}: unknown field "${name}"`);
  }
  if ('note' in value && value.note !== undefined && typeof value.note !== 'string') {
    errors.push(`${where}: note must be a string`);
  }
}

/**
 * Checks both data sets and returns every problem found (empty array = valid). Rules:
 *
 * Synonym groups: a non-empty array of `{ terms, note? }`; 2..MAX_GROUP_SIZE terms, each a
 * non-empty string of MIN_TERM_LENGTH..MAX_TERM_LENGTH characters with a letter or digit; at
 * least one Han and one non-Han term per group (so every group bridges the two languages); no
 * term twice in a group; **no term in two groups** (terms compared by match key).
 *
 * Glossary: a non-empty array of `{ zh, en, note? }` with at least one term on each side; zh
 * terms contain Han characters; en terms contain none and are written lower-case and normalised;
 * a term appears in at most one entry; and the terms of one entry that also occur in synonym
 * groups all occur in the same group (an entry may not bridge two different meanings).
 */
export function validateDictionaryData(groups: unknown, glossary: unknown): string[] {
  const errors: string[] = [];
  const groupOfKey = new Map<string, number>();

  if (!Array.isArray(groups) || groups.length === 0) {
    errors.push('synonyms: must be a non-empty array of groups');
  } else {
    groups.forEach((group: unknown, index) => {
      const where = `synonyms[${index}]`;
      if (!isRecord(group)) {
        errors.push(`${where}: must be an object with a "terms" array`);
        return;
      }
      checkKeys(group, ['terms', 'note'], where, errors);
      const terms = group.terms;
      if (!Array.isArray(terms)) {
        errors.push(`${where}: "terms" must be an array`);
        return;
      }
      if (terms.length < 2) errors.push(`${where}: needs at least 2 terms, has ${terms.length}`);
      if (terms.length > MAX_GROUP_SIZE)
        errors.push(`${where}: has ${terms.length} terms, at most ${MAX_GROUP_SIZE} allowed`);
      const seen = new Set<string>();
      let han = 0;
      let latin = 0;
      const label = terms.find((t): t is string => typeof t === 'string') ?? '?';
      terms.forEach((raw: unknown, termIndex) => {
        const checked = checkTerm(raw, `${where} ("${label}") term ${termIndex}`, errors);
        if (checked === undefined) return;
        if (HAN.test(checked.normalized)) han++;
        else latin++;
        if (seen.has(checked.key)) {
          errors.push(`${where} ("${label}"): duplicate term "${String(raw)}"`);
          return;
        }
        seen.add(checked.key);
        const owner = groupOfKey.get(checked.key);
        if (owner !== undefined && owner !== index) {
          const ownerTerms = (groups[owner] as { terms: unknown[] }).terms;
          errors.push(
            `${where} ("${label}"): term "${String(raw)}" is already in synonyms[${owner}] ("${String(ownerTerms[0])}"); ` +
              'a term may belong to one group only',
          );
          return;
        }
        groupOfKey.set(checked.key, index);
      });
      if (han === 0 || latin === 0) {
        errors.push(`${where} ("${label}"): needs at least one Chinese and one non-Chinese (English) term`);
      }
    });
  }

  if (!Array.isArray(glossary) || glossary.length === 0) {
    errors.push('glossary: must be a non-empty array of entries');
    return errors;
  }
  const entryOfKey = new Map<string, number>();
  glossary.forEach((entry: unknown, index) => {
    const where = `glossary[${index}]`;
    if (!isRecord(entry)) {
      errors.push(`${where}: must be an object with "zh" and "en" arrays`);
      return;
    }
    checkKeys(entry, ['zh', 'en', 'note'], where, errors);
    const groupsTouched = new Set<number>();
    const label = Array.isArray(entry.zh) && typeof entry.zh[0] === 'string' ? entry.zh[0] : '?';
    for (const side of ['zh', 'en'] as const) {
      const terms = entry[side];
      if (!Array.isArray(terms) || terms.length === 0) {
        errors.push(`${where} ("${label}"): "${side}" must be a non-empty array`);
        continue;
      }
      terms.forEach((raw: unknown, termIndex) => {
        const checked = checkTerm(raw, `${where} ("${label}") ${side}[${termIndex}]`, errors);
        if (checked === undefined) return;
        const han = HAN.test(checked.normalized);
        if (side === 'zh' && !han)
          errors.push(`${where} ("${label}"): zh term "${String(raw)}" has no Chinese characters`);
        if (side === 'en' && han)
          errors.push(`${where} ("${label}"): en term "${String(raw)}" contains Chinese characters`);
        if (side === 'en' && raw !== checked.normalized) {
          errors.push(
            `${where} ("${label}"): en term "${String(raw)}" must be written lower-case and normalised ("${checked.normalized}")`,
          );
        }
        const owner = entryOfKey.get(checked.key);
        if (owner !== undefined) {
          errors.push(
            owner === index
              ? `${where} ("${label}"): duplicate term "${String(raw)}"`
              : `${where} ("${label}"): term "${String(raw)}" is already in glossary[${owner}]; a term may belong to one entry only`,
          );
          return;
        }
        entryOfKey.set(checked.key, index);
        const group = groupOfKey.get(checked.key);
        if (group !== undefined) groupsTouched.add(group);
      });
    }
    if (groupsTouched.size > 1) {
      errors.push(
        `${where} ("${label}"): its terms belong to different synonym groups (${[...groupsTouched]
          .map((g) => `synonyms[${g}]`)
          .join(', ')}); an entry must not join two meanings`,
      );
    }
  });
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Text scanner (Aho–Corasick over UTF-16 code units)
// ---------------------------------------------------------------------------------------------

interface Pattern {
  readonly length: number;
  /** The pattern starts / ends with a Latin letter or digit, so it needs a word boundary there. */
  readonly boundaryStart: boolean;
  readonly boundaryEnd: boolean;
  /** The normalised dictionary terms this pattern stands for. */
  readonly terms: readonly string[];
}

class TermScanner {
  private readonly goto: Map<number, number>[] = [new Map<number, number>()];
  private readonly fail: number[] = [0];
  private readonly output: number[][] = [[]];
  /** Next state on the failure chain that has an output (0 = none). */
  private readonly outputLink: number[] = [0];
  private readonly patterns: Pattern[] = [];

  get size(): number {
    return this.patterns.length;
  }

  add(key: string, terms: readonly string[]): void {
    let state = 0;
    for (let i = 0; i < key.length; i++) {
      const code = key.charCodeAt(i);
      let next = this.goto[state].get(code);
      if (next === undefined) {
        next = this.goto.length;
        this.goto.push(new Map());
        this.fail.push(0);
        this.output.push([]);
        this.outputLink.push(0);
        this.goto[state].set(code, next);
      }
      state = next;
    }
    this.output[state].push(this.patterns.length);
    this.patterns.push({
      length: key.length,
      boundaryStart: isWordCode(key.charCodeAt(0)),
      boundaryEnd: isWordCode(key.charCodeAt(key.length - 1)),
      terms,
    });
  }

  /** Computes failure and output links (breadth first). Call once after all add() calls. */
  build(): void {
    const queue: number[] = [];
    for (const child of this.goto[0].values()) queue.push(child);
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head];
      for (const [code, child] of this.goto[state]) {
        let f = this.fail[state];
        while (f !== 0 && !this.goto[f].has(code)) f = this.fail[f];
        const target = this.goto[f].get(code);
        this.fail[child] = target !== undefined && target !== child ? target : 0;
        const failState = this.fail[child];
        this.outputLink[child] = this.output[failState].length > 0 ? failState : this.outputLink[failState];
        queue.push(child);
      }
    }
  }

  /**
   * Patterns found in an already match-keyed text, longest first without overlaps, returned in
   * text order as their dictionary terms (deduplicated).
   */
  scan(text: string): string[] {
    const n = text.length;
    const starts: number[] = [];
    const lengths: number[] = [];
    const ids: number[] = [];
    let state = 0;
    for (let i = 0; i < n; i++) {
      const code = text.charCodeAt(i);
      let next = this.goto[state].get(code);
      while (next === undefined && state !== 0) {
        state = this.fail[state];
        next = this.goto[state].get(code);
      }
      state = next ?? 0;
      let s = this.output[state].length > 0 ? state : this.outputLink[state];
      while (s !== 0) {
        for (const id of this.output[s]) {
          const pattern = this.patterns[id];
          const start = i - pattern.length + 1;
          if (pattern.boundaryStart && start > 0 && isWordCode(text.charCodeAt(start - 1))) continue;
          if (pattern.boundaryEnd && i + 1 < n && isWordCode(text.charCodeAt(i + 1))) continue;
          starts.push(start);
          lengths.push(pattern.length);
          ids.push(id);
        }
        s = this.outputLink[s];
      }
    }
    if (ids.length === 0) return [];

    // Longest match wins; among equal lengths the leftmost. Overlapping shorter matches are dropped.
    const order = ids.map((_, index) => index);
    order.sort((a, b) => lengths[b] - lengths[a] || starts[a] - starts[b]);
    const taken = new Uint8Array(n);
    const accepted: number[] = [];
    for (const index of order) {
      const start = starts[index];
      const end = start + lengths[index];
      let free = true;
      for (let p = start; p < end; p++) {
        if (taken[p] === 1) {
          free = false;
          break;
        }
      }
      if (!free) continue;
      taken.fill(1, start, end);
      accepted.push(index);
    }
    accepted.sort((a, b) => starts[a] - starts[b]);
    const result: string[] = [];
    const seen = new Set<string>();
    for (const index of accepted) {
      for (const term of this.patterns[ids[index]].terms) {
        if (!seen.has(term)) {
          seen.add(term);
          result.push(term);
        }
      }
    }
    return result;
  }
}

// ---------------------------------------------------------------------------------------------
// The dictionary
// ---------------------------------------------------------------------------------------------

function pushUnique(target: string[], seen: Set<string>, value: string): void {
  if (!seen.has(value)) {
    seen.add(value);
    target.push(value);
  }
}

export class Dictionary {
  private readonly groups: (readonly string[])[] = [];
  private readonly entries: (readonly string[])[] = [];
  private readonly groupByKey = new Map<string, number>();
  private readonly entryByKey = new Map<string, number>();
  /** Match key → the normalised spellings carrying it (normally one). */
  private readonly termsByKey = new Map<string, string[]>();
  /** Generated plural key → the key it was generated from. */
  private readonly pluralOf = new Map<string, string>();
  private readonly scanner = new TermScanner();
  private readonly meilisearch: ReadonlyMap<string, readonly string[]>;

  private constructor(groups: readonly SynonymGroup[], glossary: readonly GlossaryEntry[]) {
    for (const group of groups) {
      const id = this.groups.length;
      const terms = this.register(group.terms);
      this.groups.push(terms);
      for (const term of terms) this.groupByKey.set(matchKey(term), id);
    }
    for (const entry of glossary) {
      const id = this.entries.length;
      const terms = this.register([...entry.zh, ...entry.en]);
      this.entries.push(terms);
      for (const term of terms) this.entryByKey.set(matchKey(term), id);
    }
    for (const [key, terms] of this.termsByKey) this.scanner.add(key, terms);
    for (const key of this.termsByKey.keys()) {
      for (const plural of pluralForms(key)) {
        if (this.termsByKey.has(plural) || this.pluralOf.has(plural)) continue;
        this.pluralOf.set(plural, key);
        this.scanner.add(plural, this.termsByKey.get(key) ?? []);
      }
    }
    this.scanner.build();

    const meilisearch = new Map<string, readonly string[]>();
    for (const terms of this.groups) {
      for (const term of terms)
        meilisearch.set(
          term,
          terms.filter((other) => other !== term),
        );
    }
    this.meilisearch = meilisearch;
  }

  /** Validates raw data (e.g. parsed JSON) and builds the indexes; throws DictionaryValidationError. */
  static build(groups: unknown, glossary: unknown): Dictionary {
    const errors = validateDictionaryData(groups, glossary);
    if (errors.length > 0) throw new DictionaryValidationError(errors);
    return new Dictionary(groups as SynonymGroup[], glossary as GlossaryEntry[]);
  }

  private register(raw: readonly string[]): string[] {
    const out: string[] = [];
    const seen = new Set<string>();
    for (const value of raw) {
      const term = normalizeTerm(value);
      pushUnique(out, seen, term);
      const key = matchKey(term);
      const spellings = this.termsByKey.get(key);
      if (spellings === undefined) this.termsByKey.set(key, [term]);
      else if (!spellings.includes(term)) spellings.push(term);
    }
    return out;
  }

  /** Resolves a term to a known match key, also accepting English plurals of known terms. */
  private resolve(term: string): string | undefined {
    const key = matchKey(term);
    if (key.length === 0) return undefined;
    if (this.termsByKey.has(key)) return key;
    return this.pluralOf.get(key);
  }

  /** Orders `terms` so that those with match key `key` come first. */
  private static firstByKey(terms: readonly string[], key: string): string[] {
    const first = terms.filter((t) => matchKey(t) === key);
    return [...first, ...terms.filter((t) => matchKey(t) !== key)];
  }

  stats(): DictionaryStats {
    const terms = new Set<string>();
    for (const spellings of this.termsByKey.values()) for (const t of spellings) terms.add(t);
    return {
      groups: this.groups.length,
      glossaryEntries: this.entries.length,
      terms: terms.size,
      patterns: this.scanner.size,
      meilisearchKeys: this.meilisearch.size,
    };
  }

  /** The synonym groups, normalised (copies). */
  synonymGroups(): string[][] {
    return this.groups.map((g) => [...g]);
  }

  /** The Meilisearch `synonyms` setting: each group term → the other terms of its group. */
  toMeilisearchSynonyms(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const [term, others] of this.meilisearch) out[term] = [...others];
    return out;
  }

  /**
   * The synonym group of `term`: the matching dictionary spelling first, then the other terms.
   * A term outside every group expands to itself (normalised); an empty input to [].
   */
  expandTerm(term: string): string[] {
    const normalized = normalizeTerm(term);
    if (normalized.length === 0) return [];
    const key = this.resolve(normalized);
    const group = key === undefined ? undefined : this.groupByKey.get(key);
    if (key === undefined || group === undefined) return [normalized];
    return Dictionary.firstByKey(this.groups[group], key);
  }

  /**
   * Everything the dictionary knows to be equivalent to `term`, split by script: its synonym
   * group, the glossary entries of any of those terms, and the group of any glossary term (the
   * validator guarantees this closure never spans more than one group). The term itself is
   * included (first, in its own language). Unknown terms give empty lists.
   */
  translate(term: string): Translation {
    const key = this.resolve(term);
    const result: Translation = { zh: [], en: [] };
    if (key === undefined) return result;

    const ordered: string[] = [];
    const seen = new Set<string>();
    const visitedGroups = new Set<number>();
    const visitedEntries = new Set<number>();
    const queue: string[] = [...(this.termsByKey.get(key) ?? [])];
    for (let head = 0; head < queue.length; head++) {
      const current = queue[head];
      pushUnique(ordered, seen, current);
      const currentKey = matchKey(current);
      const group = this.groupByKey.get(currentKey);
      if (group !== undefined && !visitedGroups.has(group)) {
        visitedGroups.add(group);
        queue.push(...this.groups[group]);
      }
      const entry = this.entryByKey.get(currentKey);
      if (entry !== undefined && !visitedEntries.has(entry)) {
        visitedEntries.add(entry);
        queue.push(...this.entries[entry]);
      }
    }
    for (const t of ordered) (HAN.test(t) ? result.zh : result.en).push(t);
    return result;
  }

  /**
   * Dictionary terms (normalised spellings) occurring in `text`, in text order, deduplicated.
   * Chinese terms match as substrings; terms that start or end with a Latin letter or digit
   * need a word boundary there (so "AI" is not found in "said", but is in "基于AI的"); English
   * plurals of English terms are recognised. Where matches overlap the longest wins, so
   * "锂离子电池" is reported instead of "电池" or "离子".
   */
  findDictionaryTerms(text: string): string[] {
    if (text.length === 0) return [];
    return this.scanner.scan(matchKey(text));
  }
}

// ---------------------------------------------------------------------------------------------
// The bundled dictionary and the module-level API
// ---------------------------------------------------------------------------------------------

/** The dictionary built from synonyms.json and glossary.json (validated at import time). */
export const dictionary: Dictionary = Dictionary.build(synonymsJson, glossaryJson);

/** The Meilisearch `synonyms` index setting (fresh object per call): each term → the rest of its group. */
export function toMeilisearchSynonyms(): Record<string, string[]> {
  return dictionary.toMeilisearchSynonyms();
}

/** Synonyms of a term from its group, the term's own spelling first; unknown → [term]. */
export function expandTerm(term: string): string[] {
  return dictionary.expandTerm(term);
}

/** Chinese and English equivalents of a term via synonym groups and the glossary. */
export function translate(term: string): Translation {
  return dictionary.translate(term);
}

/** Dictionary terms occurring in a text (longest match, whole English words). */
export function findDictionaryTerms(text: string): string[] {
  return dictionary.findDictionaryTerms(text);
}

export function dictionaryStats(): DictionaryStats {
  return dictionary.stats();
}
