import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS } from './e2e/browser';

// One browser, one worker, one API process for the whole run (started by the global set-up).
export default defineConfig({
  testDir: 'e2e/specs',
  testMatch: '**/*.e2e.ts',
  globalSetup: './e2e/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: process.env.E2E_BASE_URL,
    locale: 'zh-CN',
    viewport: { width: 1280, height: 900 },
    // executablePath must sit inside launchOptions (directly under `use` it is ignored).
    launchOptions: { executablePath: process.env.E2E_CHROMIUM, args: CHROMIUM_ARGS },
    trace: 'off',
  },
});
