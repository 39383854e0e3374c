import type { Actor } from '@app/identity';
import type { EntityManager } from 'typeorm';
import { BaseSearchDocument, SearchKind } from './domain/index-definitions';

/**
 * The only per-type part of the indexer: how to build the documents of one kind of object and how to resolve
 * search hits back to current objects. Everything else (settings, outbox draining, reindex, search) is generic.
 */
export interface SearchDocumentSource<TObject = unknown> {
  readonly kind: SearchKind;
  /**
   * Documents for those of `ids` that are publicly searchable right now (re-read from the database through
   * `manager`); ids without a document are removed from the index.
   */
  documents(manager: EntityManager, ids: readonly string[]): Promise<BaseSearchDocument[]>;
  /** Ids of searchable objects after `afterId` in id order, for a full reindex. */
  searchableIds(manager: EntityManager, afterId: string | null, limit: number): Promise<string[]>;
  /**
   * The columns `visibleToViewer` needs to answer a GraphQL selection of `fields` on the object (with what its own
   * visibility check and the fields' resolvers read); undefined when it cannot tell: every column.
   */
  columnsFor(fields: ReadonlySet<string>): string[] | undefined;
  /**
   * The current objects the viewer may see, by id; hits whose object is missing here are dropped. With `columns`,
   * only those (and what the visibility check reads) are loaded: the objects then lack the other properties.
   */
  visibleToViewer(
    ids: readonly string[],
    actor: Actor | undefined,
    columns?: readonly string[],
  ): Promise<Map<string, TObject>>;
}

export const SEARCH_DOCUMENT_SOURCES = Symbol('SEARCH_DOCUMENT_SOURCES');
