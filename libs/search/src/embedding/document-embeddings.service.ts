import { Injectable, Logger } from '@nestjs/common';
import type { UserProvidedEmbedder } from 'meilisearch';
import { assertVectors, Embedder, embedderName, embeddingText } from '../domain/embedder';
import { BaseSearchDocument, IndexDefinition } from '../domain/index-definitions';
import { InjectEmbedder } from './embedding.module';

/**
 * What the optional semantic layer adds to the indexes: a `userProvided` embedder in the settings of each kind
 * with `embeddedAttributes`, and `_vectors.<embedder>` in its documents. With no embedder configured, nothing.
 */
@Injectable()
export class DocumentEmbeddings {
  private readonly logger = new Logger(DocumentEmbeddings.name);

  constructor(@InjectEmbedder() private readonly embedder: Embedder | null) {}

  get enabled(): boolean {
    return this.embedder !== null;
  }

  /** The embedder name documents and queries use, or null when this kind gets no vectors. */
  nameFor(definition: IndexDefinition): string | null {
    return this.embedder && definition.embeddedAttributes ? embedderName(this.embedder) : null;
  }

  /** The `embedders` settings this kind's index should have (empty: none). */
  settingsFor(definition: IndexDefinition): Record<string, UserProvidedEmbedder> {
    const name = this.nameFor(definition);
    return name ? { [name]: { source: 'userProvided', dimensions: this.embedder!.dimensions } } : {};
  }

  /**
   * The documents with their vector attached. Never throws: when the embedder fails (or a text is empty) a
   * document carries `_vectors.<name>: null` — Meilisearch refuses a document that names no vector for a
   * userProvided embedder — so its text is indexed now and its vector comes with its next change or the next
   * full reindex (nightly). Returns the same array when this kind gets no vectors.
   */
  async attach(definition: IndexDefinition, documents: BaseSearchDocument[]): Promise<BaseSearchDocument[]> {
    const name = this.nameFor(definition);
    if (!name || documents.length === 0) return documents;
    const texts = documents.map((document) => embeddingText(definition.embeddedAttributes!.map((a) => document[a])));
    const vectors: Array<number[] | null> = texts.map(() => null);
    const wanted = texts.flatMap((text, i) => (text ? [i] : []));
    if (wanted.length > 0) {
      try {
        const embedded = await this.embedder!.embed(wanted.map((i) => texts[i]));
        // Checked here too: one vector of the wrong length would fail the whole Meilisearch task, text included.
        assertVectors(embedded, wanted.length, this.embedder!.dimensions);
        wanted.forEach((i, k) => (vectors[i] = embedded[k]));
      } catch (error) {
        this.logger.warn(
          { err: error, kind: definition.kind, documents: wanted.length },
          'Embedding failed: documents indexed without vectors (filled by their next change or the nightly reindex)',
        );
      }
    }
    return documents.map((document, i) => ({ ...document, _vectors: { [name]: vectors[i] } }));
  }
}
