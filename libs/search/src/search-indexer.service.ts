import { Injectable } from '@nestjs/common';
import { InjectMeili } from '@app/core';
import type { EnqueuedTask, Meilisearch } from 'meilisearch';
import type { EntityManager } from 'typeorm';
import { SearchKind } from './domain/index-definitions';
import { DocumentEmbeddings } from './embedding/document-embeddings.service';
import { awaitTasks } from './meili-tasks';
import { SearchSources } from './search-sources';

export interface SyncResult {
  upserted: number;
  deleted: number;
}

/**
 * Brings the documents of some objects in line with the database: re-reads them, upserts those that are
 * searchable, deletes the others, and returns only once Meilisearch confirmed every task.
 */
@Injectable()
export class SearchIndexer {
  constructor(
    @InjectMeili() private readonly client: Meilisearch,
    private readonly sources: SearchSources,
    private readonly embeddings: DocumentEmbeddings,
  ) {}

  async sync(
    manager: EntityManager,
    kind: SearchKind,
    ids: readonly string[],
    uid = this.sources.liveUid(kind),
  ): Promise<SyncResult> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return { upserted: 0, deleted: 0 };
    // With the optional semantic layer on, each document also carries its vector (or null, never an error).
    const documents = await this.embeddings.attach(
      this.sources.definition(kind),
      await this.sources.source(kind).documents(manager, unique),
    );
    const kept = new Set(documents.map((document) => document.id));
    const gone = unique.filter((id) => !kept.has(id));
    const index = this.client.index(uid);
    // Enqueued one after the other (never two requests in flight: a failure must not leave one unobserved).
    const tasks: EnqueuedTask[] = [];
    // addDocuments replaces whole documents, so a field the object lost disappears from the index too.
    if (documents.length > 0) tasks.push(await index.addDocuments(documents, { primaryKey: 'id' }));
    if (gone.length > 0) tasks.push(await index.deleteDocuments(gone));
    await awaitTasks(this.client, tasks);
    return { upserted: documents.length, deleted: gone.length };
  }
}
