import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './e2e',
  outputDir: './e2e/.artifacts/results',
  // Each test starts its own Chromium with the extension: two at a time fit two cores.
  workers: 2,
  fullyParallel: true,
  // In CI one more try: a test that passes on it is reported as flaky, to be looked into;
  // a failure that repeats still fails the run.
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: { trace: 'retain-on-failure' },
});
