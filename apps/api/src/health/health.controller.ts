import { Controller, Get, Req, Res, ServiceUnavailableException } from '@nestjs/common';
import {
  HealthCheckResult,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import type { Request, Response } from 'express';
import type IORedis from 'ioredis';
import type { Meilisearch } from 'meilisearch';
import { InjectMeili, InjectRedis } from '@app/core';
import { AuthService, Public } from '@app/identity';

/**
 * GET /health: 200 {"status":"ok"}, or 503 {"status":"error"} when a dependency is down. A platform ADMIN (bearer
 * token) also gets one entry per dependency with its error: what runs where is not for everyone.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly database: TypeOrmHealthIndicator,
    @InjectRedis() private readonly redis: IORedis,
    @InjectMeili() private readonly meili: Meilisearch,
    private readonly auth: AuthService,
  ) {}

  @Get()
  @Public()
  async check(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<Partial<HealthCheckResult>> {
    const [result, admin] = await Promise.all([this.results(), this.isAdmin(req.headers.authorization)]);
    res.status(result.status === 'ok' ? 200 : 503);
    return admin ? result : { status: result.status };
  }

  private async isAdmin(header: string | undefined): Promise<boolean> {
    const token = header && /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    if (!token) return false;
    // A bad or expired token is just not an administrator's: health probes must never fail on it.
    return this.auth.authenticate(token).then(
      (actor) => actor.isAdmin,
      () => false,
    );
  }

  private async results(): Promise<HealthCheckResult> {
    try {
      return await this.checks();
    } catch (error) {
      if (error instanceof ServiceUnavailableException) return error.getResponse() as HealthCheckResult;
      throw error;
    }
  }

  private checks() {
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
