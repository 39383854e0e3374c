import 'reflect-metadata';
import { ConfigValidationError } from '@app/core';
import { createWorkerApp } from './bootstrap';

createWorkerApp()
  .then(() => console.log('Worker is consuming queues'))
  .catch((error: unknown) => {
    if (error instanceof ConfigValidationError) {
      console.error(error.message);
      process.exit(78);
    }
    console.error(error);
    process.exit(1);
  });
