import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { DestinationStream } from 'pino';
import { createPinoLogger, loadConfig, PinoNestLogger } from '@app/core';
import { WorkerModule } from './worker.module';

/**
 * Builds the worker as production runs it (an application context: no HTTP server). Logs go to stdout unless a
 * test hands its own destination.
 */
export async function createWorkerApp(
  options: { logDestination?: DestinationStream } = {},
): Promise<INestApplicationContext> {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule, {
    logger: new PinoNestLogger(createPinoLogger(config.LOG_LEVEL, 'worker', options.logDestination)),
  });
  app.enableShutdownHooks();
  try {
    await app.init();
  } catch (error) {
    // A worker that cannot start (e.g. a job without a handler) must not leave connections open.
    await app.close().catch(() => undefined);
    throw error;
  }
  return app;
}
