import { CorpusStats, inverseDocumentFrequency, wordsWithPrefix } from './corpus-stats';
import { Lexicon } from './lexicon';
import { MatchDemand } from './match-document';
import { MatchingConfig } from './matching-config';
import { generalSpecificity } from './general-rarity';
import { segmentWords } from './segmenter';
import { analyze, detectLanguage, ENGLISH_STOP_WORDS, Language, normaliseText, stemWord } from './text-analysis';

/** A term of the demand that a good target should contain (directly or as one of its equivalents). */
export interface KeyTerm {
  /** As the demand wrote it (normalised). */
  term: string;
  /** IDF × dampened frequency (× title weight when it is in the title). */
  weight: number;
  /** Analysis tokens of the term; all must occur for it to count as present. */
  tokens: string[];
  /** Synonyms and translations, each as its analysis tokens (with the surface form for explanations). */
  equivalents: Array<{ term: string; tokens: string[] }>;
  /** Short prefix-safe form for the search index (Meilisearch matches word prefixes). */
  searchForm: string;
  /** Whether any indexed document can contain the term itself (searching for it can find something). */
  inCorpus: boolean;
}

export interface MatchQuery {
  demandId: string;
  language: Language;
  /** Token → weight for BM25 (demand text, then expansions at a lower weight). */
  tokenWeights: Map<string, number>;
  keyTerms: KeyTerm[];
  /**
   * Single-term queries for the index, weighted: the rarest key terms and their translations. One word each,
   * because Meilisearch keeps only documents with the first/rarest word of a longer query (no OR), and because
   * a one-word query costs a few milliseconds where a long one (synonym and n-gram derivations) costs tens.
   */
  searchTerms: SearchTerm[];
  /** searchTerms in two parts: the demand's own rarest terms, then their equivalents in the other language. */
  keyTermQueries: SearchTerm[];
  translationQueries: SearchTerm[];
  /** The texts of searchTerms. */
  searchQueries: string[];
  /** Pseudo-relevance feedback tokens (set after a first pass), scored at config.feedback.weight. */
  feedbackWeights?: Map<string, number>;
}

export interface SearchTerm {
  text: string;
  weight: number;
  /** The Meilisearch queries that find it (see meilisearchQueriesOf). */
  queries: string[];
}

/** Words of enterprise prose that say nothing about the technology. */
const CHINESE_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    '我们 我司 公司 本公司 希望 需要 目前 要求 能够 实现 进行 以及 可以 通过 采用 提供 问题 技术 系统 方案 企业 项目 合作 ' +
    '预算 万元 个月 以上 以下 左右 现有 一个 没有 已经 这些 主要 相关 应用 如何 怎么 解决 急需 寻求 寻找 能否 是否 单位 方面 ' +
    '情况 导致 经常 比较 非常 所以 因为 但是 而且 或者 并且 同时 其中 之后 之前 目标 计划 内容 工作 产品 客户 用户 效果 ' +
    '需求 一种 基于 方法 研究 开发 研制 具有 包括 以上 达到 不能 不到 太多 很多 每年 每天 一次 左右 大约 上线 落地 完成'
  ).split(/\s+/),
);

const HAN = /\p{Script=Han}/u;
const WORD = /^[\p{L}\p{N}][\p{L}\p{N}.'’]*$/u;

function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(0, i);
}

/** The candidate key terms of a text: Chinese words from segmentation, English words; stop words dropped. */
export function candidateTerms(text: string): string[] {
  const terms: string[] = [];
  for (const raw of segmentWords(normaliseText(text))) {
    const word = raw.trim();
    if (!word || !WORD.test(word)) continue;
    if (HAN.test(word)) {
      if ([...word].length < 2 || CHINESE_STOP_WORDS.has(word)) continue;
      terms.push(word);
    } else {
      if (ENGLISH_STOP_WORDS.has(word) || word.length < 2 || /^\p{N}+(\.\p{N}+)?$/u.test(word)) continue;
      terms.push(word);
    }
  }
  return terms;
}

/** Corpus words searched for one English search term (its prefix's commonest completions). */
export const WORDS_PER_ENGLISH_TERM = 3;

/**
 * What Meilisearch is asked for one search term (one query each). Every query is a phrase: Meilisearch then
 * matches the words as they are, without the prefix, typo, split-word and synonym derivations it computes for a
 * bare word, which cost most of a one-word query (3.0 → 0.9 ms on 100,000 achievements, 2.0 → 0.02 ms on 20,000
 * experts). Synonyms and translations are searched as terms of their own. An English word is searched as the
 * word itself and the commonest corpus words that start with its prefix-safe form (battery, batteries: what
 * the bare prefix query found, without the typos); a word the corpus does not have falls back to the bare form.
 */
export function meilisearchQueriesOf(word: string, stats: CorpusStats): string[] {
  const text = normaliseText(word).replace(/"/g, ' ').trim();
  if (!text) return [];
  const phrase = (words: string) => `"${words}"`;
  if (HAN.test(text) || /\s/.test(text)) return [phrase(text)];
  const prefix = searchFormOf(text);
  const completions = wordsWithPrefix(stats, prefix, WORDS_PER_ENGLISH_TERM + 1).filter((w) => w !== text);
  const words = [...(stats.latinWords.df[text] ? [text] : []), ...completions].slice(0, WORDS_PER_ENGLISH_TERM);
  return words.length > 0 ? words.map(phrase) : [prefix];
}

export function searchFormOf(term: string): string {
  if (HAN.test(term)) return term;
  const stem = stemWord(term);
  const prefix = commonPrefix(term, stem);
  return prefix.length >= 4 ? prefix : term;
}

/** The DF key that measures how rare a term is: a long Chinese word itself, else its rarest token. */
export function rarity(stats: CorpusStats, term: string, tokens: string[]): number {
  if (HAN.test(term) && [...term].length >= 3 && stats.df[term] !== undefined)
    return inverseDocumentFrequency(stats, term);
  if (tokens.length === 0) return 0;
  // A word is at least as rare as its rarest bigram; averaging keeps one odd bigram from dominating.
  const idfs = tokens.map((t) => inverseDocumentFrequency(stats, t));
  return (Math.max(...idfs) + idfs.reduce((a, b) => a + b, 0) / idfs.length) / 2;
}

/**
 * Whether some document of the corpus may contain the term: a long Chinese word counted by itself, else every
 * token of it seen somewhere. A word no document has (a segmentation fragment such as 店里, a typo) is the
 * rarest of all by IDF, but searching for it finds nothing and no target can cover it.
 */
export function occursInCorpus(stats: CorpusStats, term: string, tokens: string[]): boolean {
  // Statistics of an empty corpus (read before anything was indexed) know no word: they cannot rule one out.
  if (stats.documentCount === 0) return true;
  if (HAN.test(term) && [...term].length >= 3 && stats.df[term] !== undefined) return true;
  return tokens.length > 0 && tokens.every((token) => (stats.df[token] ?? 0) > 0);
}

export function buildMatchQuery(
  demand: MatchDemand,
  stats: CorpusStats,
  lexicon: Lexicon,
  config: MatchingConfig,
): MatchQuery {
  const title = demand.title ?? '';
  const description = demand.description ?? '';
  const language = detectLanguage(`${title} ${description}`);
  const dampen = (tf: number) => (config.query.dampenQueryTf ? 1 + Math.log(tf) : tf);

  // BM25 query weights: title tokens count more than description tokens.
  const raw = new Map<string, number>();
  const addTokens = (tokens: string[], weight: number) => {
    for (const token of tokens) raw.set(token, (raw.get(token) ?? 0) + weight);
  };
  addTokens(analyze(title), config.query.titleWeight);
  addTokens(analyze(description), 1);
  const tokenWeights = new Map<string, number>();
  for (const [token, tf] of raw) tokenWeights.set(token, dampen(tf));

  // Key terms, weighted by rarity in the corpus.
  const titleTerms = new Set(candidateTerms(title));
  const counts = new Map<string, number>();
  for (const term of [...titleTerms, ...candidateTerms(title), ...candidateTerms(description)]) {
    counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  const hits = lexicon.find(`${title}\n${description}`);
  const hitsByTerm = new Map(hits.map((hit) => [hit.matched, hit]));

  const keyTerms: KeyTerm[] = [];
  for (const [term, count] of counts) {
    const tokens = [...new Set(analyze(term))];
    if (tokens.length === 0) continue;
    const inTitle = titleTerms.has(term);
    const weight =
      rarity(stats, term, tokens) * generalSpecificity(term) * dampen(count) * (inTitle ? config.query.titleWeight : 1);
    const hit = hitsByTerm.get(term) ?? hits.find((h) => h.matched.includes(term) || term.includes(h.matched));
    const equivalents = (hit?.equivalents ?? []).map((e) => ({ term: e, tokens: [...new Set(analyze(e))] }));
    const inCorpus = occursInCorpus(stats, term, tokens);
    if (!inCorpus && !equivalents.some((e) => occursInCorpus(stats, e.term, e.tokens))) continue;
    keyTerms.push({ term, weight, tokens, equivalents, searchForm: searchFormOf(term), inCorpus });
  }
  // Dictionary phrases the segmenter split ("低温锂离子电池") are key terms in their own right.
  for (const hit of hits) {
    if (counts.has(hit.matched)) continue;
    const tokens = [...new Set(analyze(hit.matched))];
    if (tokens.length === 0) continue;
    const inTitle = normaliseText(title).includes(hit.matched);
    const equivalents = hit.equivalents.map((e) => ({ term: e, tokens: [...new Set(analyze(e))] }));
    const inCorpus = occursInCorpus(stats, hit.matched, tokens);
    if (!inCorpus && !equivalents.some((e) => occursInCorpus(stats, e.term, e.tokens))) continue;
    keyTerms.push({
      term: hit.matched,
      weight:
        rarity(stats, hit.matched, tokens) * generalSpecificity(hit.matched) * (inTitle ? config.query.titleWeight : 1),
      tokens,
      equivalents,
      searchForm: searchFormOf(hit.matched),
      inCorpus,
    });
  }
  keyTerms.sort((a, b) => b.weight - a.weight || a.term.localeCompare(b.term));
  const topTerms = keyTerms.slice(0, config.query.maxKeyTerms);

  // Expansions: every dictionary hit brings its equivalents into the BM25 query at a lower weight, so an English
  // demand scores Chinese text and the reverse.
  for (const hit of hits) {
    const source = Math.max(...analyze(hit.matched).map((t) => tokenWeights.get(t) ?? 1), 1);
    for (const equivalent of hit.equivalents) {
      const tokens = [...new Set(analyze(equivalent))];
      for (const token of tokens) {
        const weight = (source * config.query.expansionWeight) / Math.sqrt(tokens.length);
        tokenWeights.set(token, Math.max(tokenWeights.get(token) ?? 0, weight));
      }
    }
  }

  const { keyTermQueries, translationQueries } = searchTermsFor(topTerms, language, stats, config);
  const searchTerms = [...keyTermQueries, ...translationQueries];
  return {
    demandId: demand.id,
    language,
    tokenWeights,
    keyTerms: topTerms,
    searchTerms,
    keyTermQueries,
    translationQueries,
    searchQueries: searchTerms.map((t) => t.text),
  };
}

/** The rarest key terms, then each one's equivalents in the other language (at the expansion weight). */
function searchTermsFor(
  terms: KeyTerm[],
  language: Language,
  stats: CorpusStats,
  config: MatchingConfig,
): { keyTermQueries: SearchTerm[]; translationQueries: SearchTerm[] } {
  const byText = new Map<string, { weight: number; word: string }>();
  const add = (text: string, weight: number, word: string) => {
    const key = text.trim();
    if (key && weight > (byText.get(key)?.weight ?? 0)) byText.set(key, { weight, word });
  };
  for (const term of terms.filter((t) => t.inCorpus).slice(0, config.retrieval.termQueries))
    add(term.searchForm, term.weight, term.term);
  const keyTermQueries = [...byText].map(([text, { weight, word }]) => ({
    text,
    weight,
    queries: meilisearchQueriesOf(word, stats),
  }));
  // A translation no document contains finds nothing (an English corpus has no use for Chinese equivalents).
  const translations: Array<Omit<SearchTerm, 'queries'>> = [];
  for (const term of terms) {
    for (const equivalent of term.equivalents) {
      if (HAN.test(equivalent.term) === (language === 'zh')) continue;
      if (byText.has(equivalent.term.trim()) || !occursInCorpus(stats, equivalent.term, equivalent.tokens)) continue;
      if (translations.some((t) => t.text === equivalent.term.trim())) continue;
      translations.push({ text: equivalent.term.trim(), weight: term.weight });
    }
  }
  const limit = Math.max(...Object.values(config.retrieval.translationQueries));
  const translationQueries = translations
    .slice(0, limit)
    .map((translation) => ({ ...translation, queries: meilisearchQueriesOf(translation.text, stats) }));
  return { keyTermQueries, translationQueries };
}
