import { INestApplicationContext } from '@nestjs/common';
import type { Meilisearch } from 'meilisearch';
import { AppConfig, createMeiliClient } from '@app/core';

/**
 * A Meilisearch client on the master key, for tests that inspect or damage indexes (settings, deletions): the API's
 * own client holds a search-only key. Close it in afterAll.
 */
export function masterMeili(app: INestApplicationContext): { client: Meilisearch; close: () => void } {
  const config = app.get(AppConfig);
  return createMeiliClient(config.MEILI_URL, config.MEILI_MASTER_KEY);
}
