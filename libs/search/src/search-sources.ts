import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, OutboxSubject } from '@app/core';
import { IndexDefinition, INDEX_DEFINITIONS, indexUid, SearchKind } from './domain/index-definitions';
import { SEARCH_DOCUMENT_SOURCES, SearchDocumentSource } from './search-document-source';

/** The kinds this deployment indexes (one per registered document source) and their live index names. */
@Injectable()
export class SearchSources {
  private readonly byKind: Map<SearchKind, SearchDocumentSource>;

  constructor(
    @Inject(SEARCH_DOCUMENT_SOURCES) sources: SearchDocumentSource[],
    private readonly config: AppConfig,
  ) {
    this.byKind = new Map(sources.map((source) => [source.kind, source]));
  }

  get kinds(): SearchKind[] {
    return [...this.byKind.keys()];
  }

  has(kind: SearchKind): boolean {
    return this.byKind.has(kind);
  }

  source(kind: SearchKind): SearchDocumentSource {
    const source = this.byKind.get(kind);
    if (!source) throw new Error(`No search document source registered for ${kind}`);
    return source;
  }

  definition(kind: SearchKind): IndexDefinition {
    return INDEX_DEFINITIONS[kind];
  }

  liveUid(kind: SearchKind): string {
    return indexUid(this.config.MEILI_INDEX_PREFIX, kind);
  }

  kindOfUid(uid: string): SearchKind | undefined {
    return this.kinds.find((kind) => this.liveUid(kind) === uid);
  }
}

/** Outbox subjects and search kinds name the same three things. */
export const KIND_OF_SUBJECT: Readonly<Record<OutboxSubject, SearchKind>> = {
  [OutboxSubject.ACHIEVEMENT]: SearchKind.ACHIEVEMENT,
  [OutboxSubject.EXPERT]: SearchKind.EXPERT,
  [OutboxSubject.DEMAND]: SearchKind.DEMAND,
};

/** The outbox subject of a search kind. */
export function kindToSubject(kind: SearchKind): OutboxSubject {
  const entry = Object.entries(KIND_OF_SUBJECT).find(([, value]) => value === kind);
  if (!entry) throw new Error(`No outbox subject for ${kind}`);
  return entry[0] as OutboxSubject;
}
