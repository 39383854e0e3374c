import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type IORedis from 'ioredis';
import type { Meilisearch } from 'meilisearch';
import { InjectMeili, InjectRedis } from '@app/core';
import { Public } from '@app/identity';

/** GET /health: one entry per dependency; 503 when any is down. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly database: TypeOrmHealthIndicator,
    @InjectRedis() private readonly redis: IORedis,
    @InjectMeili() private readonly meili: Meilisearch,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 2_000 }),
      () => this.probe('redis', async () => ({ reply: await this.redis.ping() })),
      () =>
        this.probe('meilisearch', async () => {
          const health = await this.meili.health();
          if (health.status !== 'available') throw new Error(`status ${String(health.status)}`);
          return { server: health.status };
        }),
    ]);
  }

  private async probe(key: string, ping: () => Promise<Record<string, unknown>>) {
    const indicator = this.indicators.check(key);
    try {
      return indicator.up(await withTimeout(ping(), 2_000));
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref()),
  ]);
}
