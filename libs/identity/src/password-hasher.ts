import { Injectable } from '@nestjs/common';
import { Algorithm, hash, verify } from '@node-rs/argon2';
import { AppConfig, tooManyRequests } from '@app/core';

/**
 * Argon2id (memory-hard), prebuilt binding: no install script, no compiler. Parameters: OWASP's 19 MiB, t=2.
 * At most PASSWORD_HASH_CONCURRENCY hashes run at once per process (each takes 19 MiB and a core for tens of
 * milliseconds), at most PASSWORD_HASH_QUEUE more wait; a request beyond that is TOO_MANY_REQUESTS at once,
 * so a flood of sign-ins cannot exhaust memory or starve the other requests.
 */
@Injectable()
export class PasswordHasher {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly config: AppConfig) {}

  hash(password: string): Promise<string> {
    return this.bounded(() =>
      hash(password, { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 }),
    );
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    return this.bounded(async () => {
      try {
        return await verify(passwordHash, password);
      } catch {
        return false;
      }
    });
  }

  /** Hashes running now and waiting (for tests and metrics). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  private async bounded<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.config.PASSWORD_HASH_CONCURRENCY) {
      if (this.waiting.length >= this.config.PASSWORD_HASH_QUEUE) throw tooManyRequests(1000);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next waiter (running stays the same), or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
