import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createPinoLogger, loadConfig, PinoNestLogger } from '@app/core';
import { WorkerModule } from './worker.module';

/** Builds the worker as production runs it (an application context: no HTTP server). */
export async function createWorkerApp(): Promise<INestApplicationContext> {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule, {
    logger: new PinoNestLogger(createPinoLogger(config.LOG_LEVEL, 'worker')),
  });
  app.enableShutdownHooks();
  await app.init();
  return app;
}
