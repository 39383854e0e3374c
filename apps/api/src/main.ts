import 'reflect-metadata';
import { AppConfig, ConfigValidationError } from '@app/core';
import { createApiApp, IDE_PATH } from './bootstrap';
import { shutdownGracefully } from './graceful-shutdown';

async function main(): Promise<void> {
  const app = await createApiApp();
  const config = app.get(AppConfig);
  // Development serves this machine only; production listens on every interface (behind its proxy).
  await app.listen(config.PORT, config.isProduction ? '0.0.0.0' : '127.0.0.1');
  const base = `http://localhost:${config.PORT}`;
  console.log(`Web app:      ${base}/`);
  console.log(`GraphQL API:  ${base}/graphql`);
  if (config.ideEnabled) console.log(`GraphQL IDE:  ${base}${IDE_PATH}`);
  console.log(`Health:       ${base}/health`);
  // SIGTERM (an orchestrator stopping this replica) or Ctrl-C: refuse new requests, finish the running ones within
  // SHUTDOWN_TIMEOUT_MS, then close the connections and exit.
  const stop = (signal: NodeJS.Signals) => {
    console.log(`${signal}: draining requests (at most ${config.SHUTDOWN_TIMEOUT_MS} ms)`);
    // Closing the pools waits for connections still in use by requests cut at the bound: exit anyway after a while.
    setTimeout(() => {
      console.error(`Shutdown still not complete ${config.SHUTDOWN_TIMEOUT_MS + 5_000} ms after ${signal}: exiting`);
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS + 5_000).unref();
    shutdownGracefully(app, config.SHUTDOWN_TIMEOUT_MS).then(
      (report) => {
        console.log(`Stopped: ${report.inFlight} requests in flight, ${report.cut} cut at the bound, ${report.ms} ms`);
        process.exit(0);
      },
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigValidationError) {
    console.error(error.message);
    process.exit(78);
  }
  console.error(error);
  process.exit(1);
});
