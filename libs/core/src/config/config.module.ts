import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AppConfig, loadConfig } from './app-config';

/**
 * Loads `.env` (when present) through @nestjs/config and validates every variable into one typed AppConfig.
 * A wrong variable stops the process at boot with a message naming it.
 */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(): DynamicModule {
    return {
      module: AppConfigModule,
      imports: [
        ConfigModule.forRoot({ ignoreEnvFile: process.env.NODE_ENV === 'test', validate: (env) => loadConfig(env) }),
      ],
      providers: [{ provide: AppConfig, useFactory: () => loadConfig(process.env) }],
      exports: [AppConfig],
    };
  }
}
