// Shared by the global setup (parent process) and each worker: where a run keeps its isolated resources.
// Plain relative imports only: Jest's global setup does not apply moduleNameMapper.

export const RUN_ID_VARIABLE = 'TT_TEST_RUN_ID';
export const BASE_DATABASE_URL_VARIABLE = 'TT_TEST_BASE_DATABASE_URL';

export function workerDatabaseName(runId: string, workerId: string | number): string {
  return `tt_test_${runId}_w${workerId}`;
}

export function templateDatabaseName(runId: string): string {
  return `tt_test_${runId}_template`;
}

export function workerRedisPrefix(runId: string, workerId: string | number): string {
  return `tt-test-${runId}-w${workerId}`;
}

export function workerIndexPrefix(runId: string, workerId: string | number): string {
  return `t${runId}w${workerId}_`;
}

export function withDatabase(databaseUrl: string, name: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
