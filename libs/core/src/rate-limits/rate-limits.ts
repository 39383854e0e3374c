import { Global, Injectable, Module, SetMetadata } from '@nestjs/common';
import type IORedis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '../config/app-config';
import { DomainException, fail } from '../errors/error-codes';
import { InjectRedis } from '../redis/redis.module';

/** Who a limit counts: the client's address, or the account (the signed-in user, else the email it names). */
export type RateLimitSubject = 'ip' | 'account';

export interface RateLimitRule {
  by: RateLimitSubject;
  /** Requests allowed per window (multiplied by RATE_LIMIT_SCALE). */
  points: number;
  windowSeconds: number;
}

/**
 * Every limit of the API, per operation. Shared by all API processes through Redis, so two instances behind one
 * load balancer count together. The root README's "Limits" section lists these values.
 */
export const RATE_LIMITS = {
  // Per account, failed sign-ins count (FAILED_LOGINS_PER_ACCOUNT), not attempts: a stranger cannot lock a
  // person out by merely trying to sign in as them, only by failing as many times as a guesser would.
  login: [{ by: 'ip', points: 50, windowSeconds: 15 * 60 }],
  register: [{ by: 'ip', points: 10, windowSeconds: 60 * 60 }],
  refresh: [{ by: 'ip', points: 120, windowSeconds: 15 * 60 }],
  passwordReset: [
    { by: 'ip', points: 10, windowSeconds: 60 * 60 },
    { by: 'account', points: 5, windowSeconds: 60 * 60 },
  ],
  objection: [
    { by: 'ip', points: 30, windowSeconds: 24 * 60 * 60 },
    { by: 'account', points: 10, windowSeconds: 24 * 60 * 60 },
  ],
  webhookPing: [{ by: 'account', points: 10, windowSeconds: 60 * 60 }],
  search: [{ by: 'ip', points: 600, windowSeconds: 60 }],
} satisfies Record<string, RateLimitRule[]>;

export type RateLimitName = keyof typeof RATE_LIMITS;

/** Failed sign-ins per account and address that cost nothing; the next waits 30 s, then 60 s, 120 s … */
export const FREE_FAILED_LOGINS = 5;
export const FIRST_LOGIN_DELAY_SECONDS = 30;
/** The longest wait after failed sign-ins. */
export const MAX_LOGIN_DELAY_SECONDS = 15 * 60;
/** How long failures of an account from an address are remembered. */
const FAILED_LOGIN_MEMORY_SECONDS = 60 * 60;
/** Failed sign-ins of one account from any addresses per 15 minutes; then it waits out the window. */
export const FAILED_LOGINS_PER_ACCOUNT = 20;
const ACCOUNT_FAILURE_WINDOW_SECONDS = 15 * 60;

export const RATE_LIMITED = Symbol('RATE_LIMITED');

export interface RateLimitMetadata {
  name: RateLimitName;
  /** Where an anonymous caller's account is named in the arguments, e.g. `input.email`. */
  accountArg?: string;
}

/** Limits a resolver by the rules of `name` (enforced by the API's rate-limit guard). */
export const RateLimit = (name: RateLimitName, options: { accountArg?: string } = {}) =>
  SetMetadata(RATE_LIMITED, { name, ...options } satisfies RateLimitMetadata);

/** TOO_MANY_REQUESTS with the seconds to wait, in `extensions.retryAfterSeconds`. */
export function tooManyRequests(retryAfterMs: number): DomainException {
  return fail('TOO_MANY_REQUESTS', { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) });
}

/**
 * Counters in Redis (rate-limiter-flexible: one atomic script per request), so every API instance sharing the
 * Redis and REDIS_PREFIX shares the limits.
 */
@Injectable()
export class RateLimits {
  private readonly limiters = new Map<string, RateLimiterRedis>();
  private readonly failedLogins: RateLimiterRedis;
  private readonly loginDelays: RateLimiterRedis;
  private readonly accountFailures: RateLimiterRedis;
  private readonly scale: number;

  constructor(@InjectRedis() redis: IORedis, config: AppConfig) {
    this.scale = config.RATE_LIMIT_SCALE;
    for (const [name, rules] of Object.entries(RATE_LIMITS)) {
      for (const rule of rules as RateLimitRule[]) {
        this.limiters.set(
          `${name}:${rule.by}`,
          new RateLimiterRedis({
            storeClient: redis,
            keyPrefix: `rl:${name}:${rule.by}`,
            points: rule.points * this.scale,
            duration: rule.windowSeconds,
          }),
        );
      }
    }
    this.failedLogins = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: 'rl:login-failures',
      points: 1_000_000,
      duration: FAILED_LOGIN_MEMORY_SECONDS,
    });
    this.loginDelays = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: 'rl:login-delay',
      points: 1,
      duration: MAX_LOGIN_DELAY_SECONDS,
    });
    this.accountFailures = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: 'rl:login-account-failures',
      points: FAILED_LOGINS_PER_ACCOUNT * this.scale,
      duration: ACCOUNT_FAILURE_WINDOW_SECONDS,
    });
  }

  /** Counts one request against every rule of `name`; throws TOO_MANY_REQUESTS when one is exhausted. */
  async consume(name: RateLimitName, subjects: Partial<Record<RateLimitSubject, string>>): Promise<void> {
    for (const rule of RATE_LIMITS[name] as RateLimitRule[]) {
      const subject = subjects[rule.by];
      if (!subject) continue;
      try {
        await this.limiters.get(`${name}:${rule.by}`)!.consume(subject);
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) throw tooManyRequests(rejection.msBeforeNext);
        throw rejection;
      }
    }
  }

  /** Throws TOO_MANY_REQUESTS while failed sign-ins of this account from this address still impose a wait. */
  async assertLoginAllowed(account: string, ip: string): Promise<void> {
    const [delay, accountFailures] = await Promise.all([
      this.loginDelays.get(loginKey(account, ip)),
      this.accountFailures.get(normaliseAccount(account)),
    ]);
    if (delay && delay.consumedPoints > 1 && delay.msBeforeNext > 0) throw tooManyRequests(delay.msBeforeNext);
    if (accountFailures && accountFailures.consumedPoints >= FAILED_LOGINS_PER_ACCOUNT * this.scale) {
      throw tooManyRequests(accountFailures.msBeforeNext);
    }
  }

  /** A failed sign-in: past FREE_FAILED_LOGINS, the next attempt waits 30 s, 60 s, 120 s … (at most 15 min). */
  async recordFailedLogin(account: string, ip: string): Promise<void> {
    const key = loginKey(account, ip);
    const [failures] = await Promise.all([
      this.failedLogins.penalty(key, 1),
      this.accountFailures.penalty(normaliseAccount(account), 1),
    ]);
    const beyondFree = failures.consumedPoints - FREE_FAILED_LOGINS * this.scale;
    if (beyondFree > 0) {
      const seconds = Math.min(FIRST_LOGIN_DELAY_SECONDS * 2 ** (beyondFree - 1), MAX_LOGIN_DELAY_SECONDS);
      await this.loginDelays.block(key, seconds);
    }
  }

  /** A successful sign-in forgets the failures of this account from this address. */
  async forgetFailedLogins(account: string, ip: string): Promise<void> {
    const key = loginKey(account, ip);
    await Promise.all([this.failedLogins.delete(key), this.loginDelays.delete(key)]);
  }
}

function normaliseAccount(account: string): string {
  return account.trim().toLowerCase();
}

/** The key of an account's failures from one address (exported for tests that let time pass). */
export function loginKey(account: string, ip: string): string {
  return `${normaliseAccount(account)}|${ip}`;
}

@Global()
@Module({ providers: [RateLimits], exports: [RateLimits] })
export class RateLimitsModule {}
