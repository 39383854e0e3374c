import { Injectable, Logger } from '@nestjs/common';
import { InjectMeili } from '@app/core';
import type { Embedder as MeiliEmbedder, Meilisearch } from 'meilisearch';
import { toMeilisearchSynonyms } from './dictionary/dictionary';
import { meilisearchSettings, SearchKind } from './domain/index-definitions';
import { DocumentEmbeddings } from './embedding/document-embeddings.service';
import { awaitTasks, meiliErrorCode } from './meili-tasks';
import { SearchSources } from './search-sources';

/** Meilisearch refuses a userProvided embedder while documents lack its vectors or carry another length. */
const EMBEDDER_NEEDS_REINDEX = ['vector_embedding_error', 'invalid_vector_dimensions'];

/** Applies the declared settings; idempotent, and confirms every settings task succeeded. */
@Injectable()
export class IndexSettingsService {
  private readonly logger = new Logger(IndexSettingsService.name);
  private appliedToLive = false;

  constructor(
    @InjectMeili() private readonly client: Meilisearch,
    private readonly sources: SearchSources,
    private readonly embeddings: DocumentEmbeddings,
  ) {}

  settingsOf(kind: SearchKind) {
    return meilisearchSettings(this.sources.definition(kind), toMeilisearchSynonyms());
  }

  /** Creates the index when missing (primary key `id`) and applies the settings of its kind. */
  async apply(kind: SearchKind, uid = this.sources.liveUid(kind)): Promise<void> {
    await awaitTasks(this.client, [this.client.createIndex(uid, { primaryKey: 'id' })], {
      tolerate: ['index_already_exists'],
    });
    await awaitTasks(this.client, [this.client.index(uid).updateSettings(this.settingsOf(kind))]);
    await this.applyEmbedders(kind, uid);
  }

  /**
   * The optional semantic layer's embedder, in a task of its own so that it can never hold up the other settings
   * (and with them text indexing). An embedder the configuration no longer names (layer turned off, another model
   * or size) is removed: every document would otherwise have to carry a vector for it. A new one is refused by
   * Meilisearch while documents indexed before it lack its vectors: the index then stays text-only, and matching
   * lexical, until the next full reindex builds it with vectors from the start.
   */
  private async applyEmbedders(kind: SearchKind, uid: string): Promise<void> {
    const index = this.client.index(uid);
    const wanted: Record<string, MeiliEmbedder> = this.embeddings.settingsFor(this.sources.definition(kind));
    const current = (await index.getEmbedders()) ?? {};
    const same = (a: MeiliEmbedder | undefined, b: MeiliEmbedder | undefined) =>
      a?.source === 'userProvided' && b?.source === 'userProvided' && a.dimensions === b.dimensions;
    const stale = Object.keys(current).filter((name) => !same(current[name], wanted[name]));
    if (stale.length > 0) {
      await awaitTasks(this.client, [index.updateEmbedders(Object.fromEntries(stale.map((name) => [name, null])))]);
      this.logger.warn({ index: uid, removed: stale }, 'Removed embedders this deployment no longer configures');
    }
    const missing = Object.keys(wanted).filter((name) => !same(current[name], wanted[name]));
    if (missing.length === 0) return;
    try {
      await awaitTasks(this.client, [index.updateEmbedders(Object.fromEntries(missing.map((n) => [n, wanted[n]])))]);
    } catch (error) {
      if (!EMBEDDER_NEEDS_REINDEX.includes(meiliErrorCode(error) ?? '')) throw error;
      this.logger.warn(
        { index: uid, err: error },
        'Documents indexed before the embedder was configured lack vectors: the index stays text-only until the ' +
          'next full reindex (npm run search:reindex, or the nightly one)',
      );
    }
  }

  async applyToLiveIndexes(): Promise<void> {
    for (const kind of this.sources.kinds) await this.apply(kind);
    this.appliedToLive = true;
    this.logger.log(`Search settings applied to ${this.sources.kinds.map((k) => this.sources.liveUid(k)).join(', ')}`);
  }

  /** For the drainer: settings must be in place before the first document lands (e.g. Meilisearch was down at boot). */
  async ensureLiveIndexes(): Promise<void> {
    if (!this.appliedToLive) await this.applyToLiveIndexes();
  }

  /** After a swap or a lost Meilisearch database, check again. */
  forget(): void {
    this.appliedToLive = false;
  }
}
