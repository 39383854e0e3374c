export * from './domain/index-definitions';
export * from './domain/filter-builder';
export * from './domain/localized-text';
export * from './domain/embedder';
export * from './embedding/openai-compatible-embedder';
export * from './embedding/embedding.module';
export * from './embedding/document-embeddings.service';
export * from './search-document-source';
export * from './search-sources';
export * from './meili-tasks';
export * from './index-settings.service';
export * from './search-indexer.service';
export * from './outbox-drainer.service';
export * from './reindex.service';
export * from './search.service';
export * from './graphql/search.inputs';
export * from './graphql/search.objects';
export * from './search.module';
export {
  toMeilisearchSynonyms,
  expandTerm,
  translate,
  findDictionaryTerms,
  dictionaryStats,
  type Translation,
  type SynonymGroup,
  type GlossaryEntry,
} from './dictionary/dictionary';
export * from './index-health.service';
export * from './index-generations';
export * from './outbox-dead-letters.service';
