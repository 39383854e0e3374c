import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BASE_DATABASE_URL_VARIABLE,
  RUN_ID_VARIABLE,
  withDatabase,
  workerDatabaseName,
  workerIndexPrefix,
  workerRedisPrefix,
} from './test-run';

// Runs in every test file before it loads: points the process at this worker's own database, index prefix
// and Redis prefix, so parallel workers never see each other's data.
const runId = process.env[RUN_ID_VARIABLE];
const baseUrl = process.env[BASE_DATABASE_URL_VARIABLE];
const workerId = process.env.JEST_WORKER_ID ?? '1';
if (runId && baseUrl) {
  process.env.DATABASE_URL = withDatabase(baseUrl, workerDatabaseName(runId, workerId));
  process.env.REDIS_PREFIX = workerRedisPrefix(runId, workerId);
  process.env.MEILI_INDEX_PREFIX = workerIndexPrefix(runId, workerId);
}
process.env.NODE_ENV = 'test';
// Uploaded files of this run and worker, outside the work tree.
process.env.FILE_STORAGE_DIR ??= join(tmpdir(), 'techtransfer-test-files', `${runId ?? 'local'}-${workerId}`);
process.env.JWT_SECRET ??= randomBytes(32).toString('hex');
// Tests sign in and register hundreds of times from 127.0.0.1; the rate-limit tests set this back to 1.
process.env.RATE_LIMIT_SCALE ??= '1000';
process.env.LOG_LEVEL ??= 'silent';
