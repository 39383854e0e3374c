import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AppConfig, loadConfig } from './app-config';

/**
 * Loads `.env` (when present) through @nestjs/config, then what `npm start` generated in `.data/`, and validates every variable into one typed AppConfig.
 * A wrong variable stops the process at boot with a message naming it.
 */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(): DynamicModule {
    return {
      module: AppConfigModule,
      imports: [
        // Only loads `.env` into process.env; validation happens when AppConfig is built, at boot, not at import.
        ConfigModule.forRoot({ ignoreEnvFile: process.env.NODE_ENV === 'test' }),
      ],
      providers: [{ provide: AppConfig, useFactory: () => loadConfig() }],
      exports: [AppConfig],
    };
  }
}
