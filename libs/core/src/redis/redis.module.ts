import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import type IORedis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { createRedisClient } from './redis-connection';

export const REDIS_CLIENT = Symbol('REDIS_CLIENT');
export const InjectRedis = () => Inject(REDIS_CLIENT);

@Injectable()
class RedisLifecycle implements OnApplicationShutdown {
  constructor(@InjectRedis() private readonly redis: IORedis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** One shared ioredis client for our own keys (not BullMQ's, which manages its own connections). */
@Global()
@Module({
  providers: [
    {
      provide: REDIS_CLIENT,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        createRedisClient(config, {
          keyPrefix: `${config.REDIS_PREFIX}:`,
          maxRetriesPerRequest: 3,
          // Rate limits and the like answer (or fail) within the bound while Redis is down.
          commandTimeout: config.REDIS_COMMAND_TIMEOUT_MS,
        }),
    },
    RedisLifecycle,
  ],
  exports: [REDIS_CLIENT],
})
export class RedisModule {}
