import { Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@app/core';
import { CircuitBreakerEmbedder, Embedder } from '../domain/embedder';
import { OpenAiCompatibleEmbedder } from './openai-compatible-embedder';

/** The deployment's Embedder, or null when the semantic layer is off (EMBEDDING_URL unset, the default). */
export const EMBEDDER = Symbol('EMBEDDER');
export const InjectEmbedder = () => Inject(EMBEDDER);

/** After a failed call, the endpoint is not asked again for this long (indexing and matching go on without it). */
export const EMBEDDING_PAUSE_AFTER_FAILURE_MS = 30_000;

export function createEmbedder(config: AppConfig): { embedder: Embedder | null; close: () => void } {
  if (!config.EMBEDDING_URL) return { embedder: null, close: () => undefined };
  const client = new OpenAiCompatibleEmbedder({
    url: config.EMBEDDING_URL,
    model: config.EMBEDDING_MODEL!,
    dimensions: config.EMBEDDING_DIMENSIONS!,
    apiKey: config.EMBEDDING_API_KEY,
    batchSize: config.EMBEDDING_BATCH_SIZE,
    timeoutMs: config.EMBEDDING_TIMEOUT_MS,
  });
  return {
    embedder: new CircuitBreakerEmbedder(client, EMBEDDING_PAUSE_AFTER_FAILURE_MS),
    close: () => client.close(),
  };
}

const CLOSERS = new WeakMap<object, () => void>();

@Injectable()
class EmbedderLifecycle implements OnApplicationShutdown {
  constructor(@InjectEmbedder() private readonly embedder: Embedder | null) {}
  onApplicationShutdown(): void {
    if (this.embedder) CLOSERS.get(this.embedder)?.();
  }
}

/** One Embedder per process (for the indexer and the matching engine); needs only the global AppConfig. */
@Module({
  providers: [
    {
      provide: EMBEDDER,
      inject: [AppConfig],
      useFactory: (config: AppConfig): Embedder | null => {
        const { embedder, close } = createEmbedder(config);
        if (embedder) CLOSERS.set(embedder, close);
        return embedder;
      },
    },
    EmbedderLifecycle,
  ],
  exports: [EMBEDDER],
})
export class EmbeddingModule {}
