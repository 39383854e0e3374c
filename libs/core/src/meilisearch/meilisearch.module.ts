import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Meilisearch } from 'meilisearch';
import { AppConfig } from '../config/app-config';
import { createKeepAliveTransport } from './keep-alive-transport';
import { ensureMeiliKey, MeiliKeyRole } from './meilisearch-keys';

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

let deriveKeys = true;

/**
 * For tools that boot the API only to read its schema (npm run schema:generate) and never reach Meilisearch: the
 * client keeps the key given instead of deriving one at boot.
 */
export function skipMeiliKeyDerivation(): void {
  deriveKeys = false;
}

/**
 * The process's client, on the key of its role derived from the master key at boot (the master key is used only for
 * that, then dropped). Boot fails, naming MEILI_MASTER_KEY, when the key given cannot manage keys.
 */
function clientProvider(role: MeiliKeyRole) {
  return {
    provide: MEILI_CLIENT,
    inject: [AppConfig],
    useFactory: async (config: AppConfig) => {
      if (!deriveKeys) {
        const given = createMeiliClient(config.MEILI_URL, config.MEILI_MASTER_KEY);
        TRANSPORT_CLOSERS.set(given.client, given.close);
        return given.client;
      }
      const master = createMeiliClient(config.MEILI_URL, config.MEILI_MASTER_KEY);
      let key: string;
      try {
        key = await ensureMeiliKey(master.client, role, config.MEILI_INDEX_PREFIX);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(
          `Could not derive the Meilisearch ${role} key from MEILI_MASTER_KEY (is it the master key?): ${reason}`,
        );
      } finally {
        master.close();
      }
      const { client, close } = createMeiliClient(config.MEILI_URL, key);
      TRANSPORT_CLOSERS.set(client, close);
      return client;
    },
  };
}

/** The worker's client: the ADMIN key (documents, settings, indexes, tasks; no key management). */
@Global()
@Module({ providers: [clientProvider('ADMIN'), MeiliLifecycle], exports: [MEILI_CLIENT] })
export class MeilisearchModule {}

/** The API's client: the SEARCH key (search and reads on the prefix's indexes only). */
@Global()
@Module({ providers: [clientProvider('SEARCH'), MeiliLifecycle], exports: [MEILI_CLIENT] })
export class MeilisearchSearchModule {}
