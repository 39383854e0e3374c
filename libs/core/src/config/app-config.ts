import { plainToInstance, Transform } from 'class-transformer';
import { applyLocalRuntime } from './local-runtime';
import {
  getMetadataStorage,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
  ValidationError,
} from 'class-validator';

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const normalised = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(normalised)) return true;
  if (['false', '0', 'no', 'off'].includes(normalised)) return false;
  return value;
};

const toInteger = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

const DB_URL = { protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true };
const REDIS_URL = { protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true };
const HTTP_URL = { protocols: ['http', 'https'], require_tld: false, require_protocol: true };

/**
 * Every environment variable either app reads, validated once at boot. The README documents each one;
 * `describeConfig()` prints this table so the two cannot drift apart silently.
 */
export class AppConfig {
  /** development | production | test */
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  /** HTTP port of the API (GraphQL at /graphql, health at /health). */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** HTTP port of the worker's health endpoint (0 = none). */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_HEALTH_PORT = 0;

  /** Serve Prometheus metrics at /metrics (API, and the worker's health port). Scraped inside the network only. */
  @Transform(toBoolean)
  @IsBoolean()
  METRICS_ENABLED = true;

  /** When set, /metrics answers only requests with `Authorization: Bearer <this>`. */
  @IsOptional()
  @IsString()
  @MinLength(16)
  @MaxLength(500)
  METRICS_TOKEN?: string;

  /** PostgreSQL connection URL. */
  @IsUrl(DB_URL, {
    message: 'DATABASE_URL must be a postgres:// URL, e.g. postgres://postgres@127.0.0.1:5432/techtransfer',
  })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/techtransfer';

  /** PostgreSQL connections per process (API or worker). Keep workers × pool below the server's max_connections. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(100)
  DATABASE_POOL_SIZE = 10;

  /**
   * Longest wait for a pooled PostgreSQL connection (or a new one), in ms: a request fails with an error instead of
   * waiting without end when every connection is taken.
   */
  @Transform(toInteger)
  @IsInt()
  @Min(100)
  @Max(600_000)
  DATABASE_CONNECT_TIMEOUT_MS = 10_000;

  /** PostgreSQL `statement_timeout` of every connection, in ms (0 = none). */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(86_400_000)
  DATABASE_STATEMENT_TIMEOUT_MS = 120_000;

  /** PostgreSQL `idle_in_transaction_session_timeout` of every connection, in ms (0 = none). */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(86_400_000)
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;

  /** Redis connection URL (queues, rate limits). */
  @IsUrl(REDIS_URL, { message: 'REDIS_URL must be a redis:// URL, e.g. redis://127.0.0.1:6379' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /**
   * Prefix of every Redis key and BullMQ queue, so several deployments (or test workers) can share a Redis. On a
   * Redis Cluster it must be a hash tag such as `{tt}` (braces around the whole prefix) so that every key of a queue
   * lands in one slot, as BullMQ's scripts need.
   */
  @Matches(/^(?:[a-zA-Z0-9_:-]{1,64}|\{[a-zA-Z0-9_:-]{1,62}\})$/, {
    message:
      'REDIS_PREFIX must be 1-64 characters of letters, digits, _ : - (or such a name in braces: a hash tag, e.g. {tt})',
  })
  REDIS_PREFIX = 'tt';

  /**
   * Redis Cluster seed nodes, comma-separated host:port (e.g. `10.0.0.1:6379,10.0.0.2:6379`); when set, every Redis
   * client is a cluster client (REDIS_URL then only lends its user, password and TLS) and REDIS_PREFIX must be a hash
   * tag.
   */
  @IsOptional()
  @Matches(/^[a-zA-Z0-9.-]+:\d{1,5}(,[a-zA-Z0-9.-]+:\d{1,5})*$/, {
    message: 'REDIS_CLUSTER_NODES must be comma-separated host:port pairs, e.g. 10.0.0.1:6379,10.0.0.2:6379',
  })
  REDIS_CLUSTER_NODES?: string;

  /**
   * Longest wait for one Redis command of a producer (enqueueing a job, a rate limit), in ms: while Redis is down a
   * mutation answers within this bound; the job intent it wrote stays in PostgreSQL and is relayed later.
   */
  @Transform(toInteger)
  @IsInt()
  @Min(100)
  @Max(60_000)
  REDIS_COMMAND_TIMEOUT_MS = 2_000;

  /**
   * Longest a SIGTERM waits, in ms: the API for its in-flight requests (new ones get 503 meanwhile; then it closes
   * what is left), the worker for its running jobs (then it hands them back to their queues for another worker).
   */
  @Transform(toInteger)
  @IsInt()
  @Min(100)
  @Max(600_000)
  SHUTDOWN_TIMEOUT_MS = 10_000;

  /** How often the worker relays job intents that were not relayed right after their commit, in ms. */
  @Transform(toInteger)
  @IsInt()
  @Min(50)
  @Max(3_600_000)
  JOB_INTENT_RELAY_INTERVAL_MS = 5_000;

  /** Failed attempts after which an outbox row is dead-lettered (an ADMIN lists and retries it). */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(1_000)
  OUTBOX_MAX_ATTEMPTS = 10;

  /**
   * How often the worker compares each search index with the database (existence, document count, generation)
   * and rebuilds one that is missing, empty or behind, in ms; it also checks once at boot.
   */
  @Transform(toInteger)
  @IsInt()
  @Min(1_000)
  @Max(86_400_000)
  SEARCH_HEAL_INTERVAL_MS = 600_000;

  /** Meilisearch URL. The local launcher and the tests start a server themselves when this is unset. */
  @IsUrl(HTTP_URL, { message: 'MEILI_URL must be an http(s):// URL, e.g. http://127.0.0.1:7700' })
  MEILI_URL = 'http://127.0.0.1:7700';

  /** Meilisearch master key: the processes derive their own limited keys from it at boot (meilisearch-keys.ts). */
  @IsString()
  @MinLength(16, { message: 'MEILI_MASTER_KEY must be at least 16 characters' })
  MEILI_MASTER_KEY: string;

  /** Prefix of every Meilisearch index name. */
  @Matches(/^[a-zA-Z0-9_-]{0,48}$/, {
    message: 'MEILI_INDEX_PREFIX must be up to 48 characters of letters, digits, _ -',
  })
  MEILI_INDEX_PREFIX = 'tt_';

  /** Secret that signs access tokens (HS256). At least 32 characters. */
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET: string;

  /** Lifetime of an access token, in seconds. */
  @Transform(toInteger)
  @IsInt()
  @Min(30)
  @Max(86_400)
  JWT_ACCESS_TTL_SECONDS = 900;

  /** Lifetime of a refresh token, in days. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_TOKEN_TTL_DAYS = 30;

  /**
   * Absolute lifetime of a sign-in session, in days: however often its refresh token is used, a session cannot
   * be refreshed past this many days from the sign-in that started it (then the person signs in again).
   */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_SESSION_MAX_DAYS = 90;

  /** Allow schema introspection. Default: on except in production. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  GRAPHQL_INTROSPECTION?: boolean;

  /** Serve the in-browser GraphQL IDE at /graphiql. Default: on except in production. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  GRAPHQL_IDE?: boolean;

  /** Deepest allowed GraphQL selection. */
  @Transform(toInteger)
  @IsInt()
  @Min(2)
  @Max(50)
  GRAPHQL_MAX_DEPTH = 10;

  /** Highest allowed query complexity (a field costs 1; lists multiply by their page size). */
  @Transform(toInteger)
  @IsInt()
  @Min(10)
  @Max(1_000_000)
  GRAPHQL_MAX_COMPLEXITY = 5000;

  /** Most aliases one GraphQL document may use (aliases multiply work without multiplying requests). */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(1000)
  GRAPHQL_MAX_ALIASES = 30;

  /** Most root fields one GraphQL operation may select. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(1000)
  GRAPHQL_MAX_ROOT_FIELDS = 20;

  /**
   * Multiplies every request limit (RATE_LIMITS in libs/core): 1 in production; the test runner raises it so that
   * tests which sign in hundreds of times are not limited, and the rate-limit tests set it back to 1.
   */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_SCALE = 1;

  /** Password hashes (Argon2id, 19 MiB each) computed at once per process; more requests wait. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(64)
  PASSWORD_HASH_CONCURRENCY = 4;

  /** Requests allowed to wait for a password hash per process; beyond that, TOO_MANY_REQUESTS. */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(10_000)
  PASSWORD_HASH_QUEUE = 64;

  /**
   * Proxies in front of the API whose X-Forwarded-For is believed (Express "trust proxy": a hop count such as 1,
   * or addresses/subnets). Unset: none, the client's address is the connection's (limits per IP count that).
   */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  TRUST_PROXY?: string;

  /** Public base URL of the web app, used in links sent by email. */
  @IsUrl(HTTP_URL, { message: 'PUBLIC_URL must be an http(s):// URL' })
  PUBLIC_URL = 'http://localhost:3000';

  /** SMTP server that sends mail, e.g. smtp://user:pass@host:587 (smtps:// for implicit TLS; ?ignoreTLS=true skips STARTTLS). */
  @IsUrl(
    { protocols: ['smtp', 'smtps'], require_tld: false, require_protocol: true },
    { message: 'SMTP_URL must be an smtp:// or smtps:// URL, e.g. smtp://127.0.0.1:1025' },
  )
  SMTP_URL = 'smtp://127.0.0.1:1025';

  /**
   * How long an SMTP connection may stay silent, in ms. An email whose end-of-data dot got no answer is resent (the
   * same message) only after this plus the job lock (30 s) plus 5 s, so a live attempt is never overtaken.
   */
  @Transform(toInteger)
  @IsInt()
  @Min(1_000)
  @Max(600_000)
  SMTP_SOCKET_TIMEOUT_MS = 30_000;

  /** Sender of outgoing mail (RFC 5322 address, optionally with a display name). */
  @IsString()
  @MinLength(3)
  MAIL_FROM = '科技成果转化平台 <digest@localhost>';

  /** Key signing unsubscribe links and dashboard tickets (32+ characters). Unset: derived from JWT_SECRET. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'DIGEST_SIGNING_SECRET must be at least 32 characters' })
  DIGEST_SIGNING_SECRET?: string;

  /** How many matches one digest lists at most. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(100)
  DIGEST_MAX_ITEMS = 10;

  /** Send no digest when a recipient has nothing new (false: send an empty "nothing new" digest). */
  @Transform(toBoolean)
  @IsBoolean()
  DIGEST_SKIP_EMPTY = true;

  /** Attempts per digest delivery (email, webhook) before it is dead-lettered. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(20)
  DELIVERY_ATTEMPTS = 6;

  /** First retry delay of a failed delivery in ms; doubles with every attempt. */
  @Transform(toInteger)
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  DELIVERY_BACKOFF_MS = 30_000;

  /** Timeout of one webhook POST in ms. */
  @Transform(toInteger)
  @IsInt()
  @Min(100)
  @Max(120_000)
  WEBHOOK_TIMEOUT_MS = 10_000;

  /** Let webhooks reach loopback and private-network addresses. Default: off in production (SSRF), on elsewhere. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  WEBHOOK_ALLOW_PRIVATE_NETWORKS?: boolean;

  /** A webhook subscription is disabled after this many consecutive dead-lettered deliveries. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(100)
  WEBHOOK_DISABLE_AFTER_FAILURES = 3;

  /**
   * OpenAI-compatible embeddings endpoint (the full URL, e.g. https://api.openai.com/v1/embeddings) for the
   * optional semantic layer of search and matching. Unset (the default): no semantic layer.
   */
  @IsOptional()
  @IsUrl(HTTP_URL, {
    message: 'EMBEDDING_URL must be the http(s):// URL of an OpenAI-compatible /embeddings endpoint',
  })
  EMBEDDING_URL?: string;

  /** Model name sent to the embeddings endpoint; required with EMBEDDING_URL. */
  @ValidateIf((config: AppConfig) => config.EMBEDDING_URL !== undefined || config.EMBEDDING_MODEL !== undefined)
  @IsString({ message: 'EMBEDDING_MODEL (the model the endpoint should use) is needed with EMBEDDING_URL' })
  @MinLength(1)
  @MaxLength(200)
  EMBEDDING_MODEL?: string;

  /** Length of the model's vectors; required with EMBEDDING_URL (answers of another length are refused). */
  @ValidateIf((config: AppConfig) => config.EMBEDDING_URL !== undefined || config.EMBEDDING_DIMENSIONS !== undefined)
  @Transform(toInteger)
  @IsInt({
    message:
      'EMBEDDING_DIMENSIONS must be the integer length of the model vectors (e.g. 1536), needed with EMBEDDING_URL',
  })
  @Min(2, { message: 'EMBEDDING_DIMENSIONS must be between 2 and 8192' })
  @Max(8192, { message: 'EMBEDDING_DIMENSIONS must be between 2 and 8192' })
  EMBEDDING_DIMENSIONS?: number;

  /** Bearer token for the embeddings endpoint (optional: a local server may need none). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  EMBEDDING_API_KEY?: string;

  /** Texts per embeddings request. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(2048)
  EMBEDDING_BATCH_SIZE = 64;

  /** Deadline of one embeddings request in ms; after a failure the endpoint is left alone for 30 s. */
  @Transform(toInteger)
  @IsInt()
  @Min(100)
  @Max(300_000)
  EMBEDDING_TIMEOUT_MS = 15_000;

  /** Where uploaded files are kept when no S3 bucket is configured (created when missing). */
  @IsString()
  @MinLength(1)
  FILE_STORAGE_DIR = '.data/files';

  /** The built web app the API serves at `/` (`npm run web:build`); relative paths from the working directory. */
  @IsString()
  @MinLength(1)
  WEB_DIST_DIR = 'apps/web/dist';

  /** Largest accepted upload, in bytes. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(2 ** 31 - 1)
  FILE_MAX_BYTES = 25 * 1024 * 1024;

  /** S3-compatible bucket for uploaded files; unset (the default): files stay on local disk. */
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'S3_BUCKET must be a valid bucket name' })
  S3_BUCKET?: string;

  /** Endpoint of an S3-compatible service (unset: AWS itself). */
  @IsOptional()
  @IsUrl(HTTP_URL, { message: 'S3_ENDPOINT must be an http(s):// URL' })
  S3_ENDPOINT?: string;

  /** Region of the bucket. */
  @IsString()
  @MinLength(1)
  S3_REGION = 'us-east-1';

  /** Access key of the bucket (unset: the SDK's default credential chain). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  S3_ACCESS_KEY_ID?: string;

  /** Secret key of the bucket. */
  @ValidateIf((config: AppConfig) => config.S3_ACCESS_KEY_ID !== undefined || config.S3_SECRET_ACCESS_KEY !== undefined)
  @IsString({ message: 'S3_SECRET_ACCESS_KEY is needed with S3_ACCESS_KEY_ID' })
  @MinLength(1)
  S3_SECRET_ACCESS_KEY?: string;

  /** Path-style bucket URLs (most S3-compatible servers want them). */
  @Transform(toBoolean)
  @IsBoolean()
  S3_FORCE_PATH_STYLE = true;

  /** pino log level. */
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' = 'info';

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  get introspectionEnabled(): boolean {
    return this.GRAPHQL_INTROSPECTION ?? !this.isProduction;
  }

  get ideEnabled(): boolean {
    return this.GRAPHQL_IDE ?? !this.isProduction;
  }

  get webhooksMayReachPrivateNetworks(): boolean {
    return this.WEBHOOK_ALLOW_PRIVATE_NETWORKS ?? !this.isProduction;
  }

  /** The optional semantic layer is on (an embeddings endpoint is configured). */
  get embeddingEnabled(): boolean {
    return this.EMBEDDING_URL !== undefined;
  }
}

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

/** One line per variable: the first rule it breaks, and what it was (never the value of a secret). */
function describeProblems(errors: ValidationError[]): string[] {
  return errors.map((error) => {
    const message = Object.values(error.constraints ?? {}).at(-1) ?? 'is invalid';
    if (error.value === undefined) return `${error.property} is required: ${message}`;
    const secret = SECRET_VARIABLES.has(error.property);
    return `${error.property}: ${message} (got ${secret ? 'a value that is not shown' : JSON.stringify(error.value)})`;
  });
}

const SECRET_VARIABLES = new Set([
  'MEILI_MASTER_KEY',
  'JWT_SECRET',
  'DATABASE_URL',
  'REDIS_URL',
  'SMTP_URL',
  'DIGEST_SIGNING_SECRET',
  'EMBEDDING_API_KEY',
  'S3_SECRET_ACCESS_KEY',
]);

/** Every variable AppConfig validates (read from its decorators, so the list cannot drift). */
export function configVariableNames(): Set<string> {
  return new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(AppConfig, '', true, false)
      .map((metadata) => metadata.propertyName),
  );
}

/**
 * Reads only the variables AppConfig declares: an empty string counts as unset. Without an argument, the
 * process environment completed by what `npm start` generated in `.data/` (see `applyLocalRuntime`).
 */
export function loadConfig(env: NodeJS.ProcessEnv = applyLocalRuntime(process.env)): AppConfig {
  const declared = configVariableNames();
  const raw: Record<string, string> = {};
  for (const name of declared) {
    const value = env[name];
    if (value !== undefined && value !== '') raw[name] = value;
  }
  const config = plainToInstance(AppConfig, raw);
  const errors = validateSync(config, { whitelist: true, forbidUnknownValues: false });
  const problems = describeProblems(errors);
  if (config.REDIS_CLUSTER_NODES && !/^\{.+\}$/.test(config.REDIS_PREFIX)) {
    problems.push(
      `REDIS_PREFIX: must be a hash tag such as {tt} when REDIS_CLUSTER_NODES is set (a queue's keys share one slot) (got ${JSON.stringify(config.REDIS_PREFIX)})`,
    );
  }
  if (problems.length > 0) throw new ConfigValidationError(problems);
  return config;
}
