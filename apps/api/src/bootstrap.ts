import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, createPinoLogger, loadConfig, PinoNestLogger } from '@app/core';
import { mountQueueDashboard } from '@app/digests';
import { ApiModule } from './api.module';
import { createGraphiqlRouter } from './graphql/ide/graphiql';
import { GRAPHQL_PATH } from './graphql/graphql-options';

export const IDE_PATH = '/graphiql';

/** Builds the API exactly as production runs it; tests call this too. */
export async function createApiApp(): Promise<INestApplication> {
  const config = loadConfig();
  const logger = createPinoLogger(config.LOG_LEVEL, 'api');
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, {
    logger: new PinoNestLogger(logger),
    bufferLogs: false,
  });
  app.disable('x-powered-by');
  app.enableShutdownHooks();
  mountQueueDashboard(app);
  if (app.get(AppConfig).ideEnabled) {
    app.use(createGraphiqlRouter({ graphqlPath: GRAPHQL_PATH, mountPath: IDE_PATH }));
  }
  return app;
}
