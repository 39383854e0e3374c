import { createHash } from 'node:crypto';
import type { Key, Meilisearch } from 'meilisearch';

/**
 * The two keys the processes use instead of the master key the operator gives:
 * - SEARCH (the API): read-only — search, read a document, index stats — and only on indexes whose uid starts with
 *   the index prefix. A leaked API key cannot write, delete, reconfigure or read another deployment's indexes.
 * - ADMIN (the worker): documents, settings, indexes (creation, swaps), stats and tasks — no key management. It spans
 *   every index, not only the prefix's: Meilisearch shows an index-swap task (the atomic reindex waits for one) only
 *   to a key on all indexes.
 */
export type MeiliKeyRole = 'SEARCH' | 'ADMIN';

const ACTIONS: Readonly<Record<MeiliKeyRole, readonly string[]>> = {
  SEARCH: ['search', 'documents.get', 'indexes.get', 'stats.get', 'tasks.get'],
  ADMIN: ['search', 'documents.*', 'indexes.*', 'settings.*', 'stats.*', 'tasks.*', 'version'],
};

/**
 * A stable UUID (v4-shaped, as Meilisearch wants) for a role and prefix: every boot finds the key it made before,
 * and two deployments with different prefixes on one Meilisearch get different keys.
 */
export function meiliKeyUid(role: MeiliKeyRole, indexPrefix: string): string {
  const hex = createHash('sha256').update(`tt-meili-key:${role}:${indexPrefix}`).digest('hex').slice(0, 32).split('');
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** What a key of this role may do, and on which indexes. */
export function meiliKeyScope(role: MeiliKeyRole, indexPrefix: string): { actions: string[]; indexes: string[] } {
  return { actions: [...ACTIONS[role]], indexes: role === 'SEARCH' ? [`${indexPrefix}*`] : ['*'] };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

/**
 * Finds the role's key by its deterministic uid, or creates it; a key found with another scope (an older version's)
 * is replaced, since Meilisearch cannot change a key's actions. Needs the master key's client. Returns the key's
 * value (never log it).
 */
export async function ensureMeiliKey(master: Meilisearch, role: MeiliKeyRole, indexPrefix: string): Promise<string> {
  const uid = meiliKeyUid(role, indexPrefix);
  const scope = meiliKeyScope(role, indexPrefix);
  let existing: Key | null = null;
  try {
    existing = await master.getKey(uid);
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code !== 'api_key_not_found') throw error;
  }
  if (existing && sameSet(existing.actions, scope.actions) && sameSet(existing.indexes, scope.indexes)) {
    return existing.key;
  }
  if (existing) await master.deleteKey(uid);
  try {
    const created = await master.createKey({
      uid,
      name: `tt-${role.toLowerCase()}-${indexPrefix}`,
      description: `${role === 'SEARCH' ? 'API: search only' : 'Worker: index administration'} on ${indexPrefix}*`,
      ...scope,
      expiresAt: null,
    });
    return created.key;
  } catch (error) {
    // Another process booting at the same moment created it first: same uid, same scope, same value.
    if ((error as { cause?: { code?: string } }).cause?.code === 'api_key_already_exists') {
      return (await master.getKey(uid)).key;
    }
    throw error;
  }
}
