import 'reflect-metadata';
import { ConfigValidationError, loadConfig } from '@app/core';
import { createWorkerApp } from './bootstrap';

createWorkerApp()
  .then(() => {
    console.log('Worker is consuming queues');
    // SIGTERM closes the app (enableShutdownHooks): no new job is taken, running jobs get SHUTDOWN_TIMEOUT_MS to
    // finish and are then handed back to their queues. Should closing still hang after that (a job holding a
    // database connection), the process ends anyway: its jobs are back in their queues already.
    const { SHUTDOWN_TIMEOUT_MS } = loadConfig();
    const deadline = (signal: NodeJS.Signals) => {
      console.log(`${signal}: finishing running jobs (at most ${SHUTDOWN_TIMEOUT_MS} ms, then handed back)`);
      setTimeout(() => {
        console.error(`Shutdown still not complete ${SHUTDOWN_TIMEOUT_MS + 5_000} ms after ${signal}: exiting`);
        process.exit(1);
      }, SHUTDOWN_TIMEOUT_MS + 5_000).unref();
    };
    process.once('SIGTERM', deadline);
    process.once('SIGINT', deadline);
  })
  .catch((error: unknown) => {
    if (error instanceof ConfigValidationError) {
      console.error(error.message);
      process.exit(78);
    }
    console.error(error);
    process.exit(1);
  });
