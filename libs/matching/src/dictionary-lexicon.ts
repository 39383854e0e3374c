import { findDictionaryTerms, translate } from '@app/search';
import { Lexicon } from './domain/lexicon';

/** The engine's lexicon is the search dictionary (synonyms + zh↔en glossary), so search and matching agree. */
export const dictionaryLexicon: Lexicon = {
  find(text: string) {
    return findDictionaryTerms(text).map((matched) => {
      const { zh, en } = translate(matched);
      return { matched, equivalents: [...zh, ...en].filter((term) => term !== matched) };
    });
  },
};
