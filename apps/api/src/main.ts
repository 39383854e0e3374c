import 'reflect-metadata';
import { AppConfig, ConfigValidationError } from '@app/core';
import { createApiApp, IDE_PATH } from './bootstrap';

async function main(): Promise<void> {
  const app = await createApiApp();
  const config = app.get(AppConfig);
  await app.listen(config.PORT, '0.0.0.0');
  const base = `http://localhost:${config.PORT}`;
  console.log(`GraphQL API:  ${base}/graphql`);
  if (config.ideEnabled) console.log(`GraphQL IDE:  ${base}${IDE_PATH}`);
  console.log(`Health:       ${base}/health`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigValidationError) {
    console.error(error.message);
    process.exit(78);
  }
  console.error(error);
  process.exit(1);
});
