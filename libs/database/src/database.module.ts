import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, postgresOptions } from '@app/core';
import { ALL_ENTITIES, ALL_MIGRATIONS } from './schema';

/** The TypeORM connection of a process. Migrations are applied by `npm run migrate`, never at boot. */
@Module({})
export class DatabaseModule {
  static forRoot(applicationName: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            ...postgresOptions(config.DATABASE_URL, {
              entities: ALL_ENTITIES,
              migrations: ALL_MIGRATIONS,
              applicationName,
              poolSize: config.DATABASE_POOL_SIZE,
              timeouts: {
                connectMs: config.DATABASE_CONNECT_TIMEOUT_MS,
                statementMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
                idleInTransactionMs: config.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
              },
            }),
            // Fail fast with the real error instead of retrying for half a minute.
            retryAttempts: 2,
            retryDelay: 1_000,
          }),
        }),
      ],
    };
  }
}
