import { defineConfig } from '@playwright/test';

// `npm run bench`: benchmarks drive the built extension like the E2E tests do, print their
// figures and ratios, and assert nothing about time.
export default defineConfig({
  testDir: './bench',
  testMatch: '*.bench.ts',
  outputDir: './e2e/.artifacts/bench',
  workers: 1,
  timeout: 300_000,
  reporter: [['list']],
});
