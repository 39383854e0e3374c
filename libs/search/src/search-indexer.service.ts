import { Injectable } from '@nestjs/common';
import { InjectMeili } from '@app/core';
import type { EnqueuedTask, Meilisearch } from 'meilisearch';
import type { EntityManager } from 'typeorm';
import { SearchKind } from './domain/index-definitions';
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
  ) {}

  async sync(
    manager: EntityManager,
    kind: SearchKind,
    ids: readonly string[],
    uid = this.sources.liveUid(kind),
  ): Promise<SyncResult> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return { upserted: 0, deleted: 0 };
    const documents = await this.sources.source(kind).documents(manager, unique);
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
