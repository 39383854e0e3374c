import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Meilisearch } from 'meilisearch';
import { AppConfig } from '../config/app-config';
import { createKeepAliveTransport } from './keep-alive-transport';

export const MEILI_CLIENT = Symbol('MEILI_CLIENT');
export const InjectMeili = () => Inject(MEILI_CLIENT);

export function createMeiliClient(url: string, apiKey: string) {
  const transport = createKeepAliveTransport();
  const client = new Meilisearch({ host: url, apiKey, httpClient: transport });
  return { client, close: transport.close };
}

const TRANSPORT_CLOSERS = new WeakMap<Meilisearch, () => void>();

@Injectable()
class MeiliLifecycle implements OnApplicationShutdown {
  constructor(@InjectMeili() private readonly client: Meilisearch) {}
  onApplicationShutdown(): void {
    TRANSPORT_CLOSERS.get(this.client)?.();
  }
}

/** One Meilisearch client per process, on the keep-alive transport. */
@Global()
@Module({
  providers: [
    {
      provide: MEILI_CLIENT,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const { client, close } = createMeiliClient(config.MEILI_URL, config.MEILI_MASTER_KEY);
        TRANSPORT_CLOSERS.set(client, close);
        return client;
      },
    },
    MeiliLifecycle,
  ],
  exports: [MEILI_CLIENT],
})
export class MeilisearchModule {}
