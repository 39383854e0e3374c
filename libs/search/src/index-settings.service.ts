import { Injectable, Logger } from '@nestjs/common';
import { InjectMeili } from '@app/core';
import type { Meilisearch } from 'meilisearch';
import { toMeilisearchSynonyms } from './dictionary/dictionary';
import { meilisearchSettings, SearchKind } from './domain/index-definitions';
import { awaitTasks } from './meili-tasks';
import { SearchSources } from './search-sources';

/** Applies the declared settings; idempotent, and confirms every settings task succeeded. */
@Injectable()
export class IndexSettingsService {
  private readonly logger = new Logger(IndexSettingsService.name);
  private appliedToLive = false;

  constructor(
    @InjectMeili() private readonly client: Meilisearch,
    private readonly sources: SearchSources,
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
