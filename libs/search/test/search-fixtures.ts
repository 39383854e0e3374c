import { INestApplicationContext } from '@nestjs/common';
import { Actor, AuthService, OrganisationKind } from '@app/identity';
import { createIsolatedNamespace, startTestApi, TestApi, testAccounts } from '@app/testing';
import { DataSource } from 'typeorm';
import { createWorkerApp } from '../../../apps/worker/src/bootstrap';

export interface Enterprise {
  actor: Actor;
  token: string;
  organisationId: string;
  organisationName: string;
}

/**
 * A new, verified enterprise with one member (its administrator, email verified), registered through the API as
 * a user would; `actor` is loaded the way the API loads it for each request.
 */
export async function registerEnterprise(api: TestApi, organisationName: string): Promise<Enterprise> {
  const { organisationId, creator } = await testAccounts(api).selfServiceOrganisation(
    OrganisationKind.ENTERPRISE,
    organisationName,
    { displayName: '企业用户' },
  );
  const actor = await api.app.get(AuthService).loadActor(creator.userId);
  return { actor, token: creator.token, organisationId, organisationName };
}

export async function industryCodes(api: TestApi, count = 2): Promise<string[]> {
  const rows = await api.app
    .get(DataSource)
    .query<Array<{ code: string }>>('SELECT code FROM industries ORDER BY sort_order, code LIMIT $1', [count]);
  return rows.map((row) => row.code);
}

/** Polls until `check` stops throwing (short interval: this is how long index lag is allowed to be). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 15_000, intervalMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

/**
 * The real worker (same bootstrap as production): it drains the outbox on NOTIFY and on its schedule. While
 * another domain's jobs have no handler yet (the registry then refuses to start), the search indexer alone.
 */
/** The real worker (every job handler registered), which drains the outbox into the index. */
export function startWorker(): Promise<INestApplicationContext> {
  return createWorkerApp();
}

export interface IsolatedSearchStack {
  api: TestApi;
  worker: INestApplicationContext;
  close(): Promise<void>;
}

/**
 * The API and the worker in a namespace of their own (database, index and Redis prefixes), for tests that assert
 * exact hit lists: what other tests of the Jest worker indexed must not be in the index.
 */
export async function startIsolatedSearchStack(label: string): Promise<IsolatedSearchStack> {
  const namespace = await createIsolatedNamespace(label);
  const leave = namespace.enter();
  let api: TestApi | undefined;
  let worker: INestApplicationContext | undefined;
  const close = async () => {
    await worker?.close();
    await api?.close();
    await namespace.drop();
  };
  try {
    api = await startTestApi();
    worker = await startWorker();
  } catch (error) {
    await close();
    throw error;
  } finally {
    leave();
  }
  return { api, worker, close };
}

export const inAMonth = () => new Date(Date.now() + 30 * 24 * 3600 * 1000);

export function unique(label: string): string {
  return `${label}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
