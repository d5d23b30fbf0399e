import { defineConfig } from '@playwright/test';

// Ratios of `npm run bench` that `npm test` holds to a bound (bench/*.gate.ts): each
// compares two timings taken in the same run, never an absolute time.
export default defineConfig({
  testDir: './bench',
  testMatch: '*.gate.ts',
  outputDir: './e2e/.artifacts/gate',
  workers: 1,
  // One more try when a run does not finish (a download lost on a loaded machine); a ratio
  // truly over its bound fails both.
  retries: 1,
  timeout: 120_000,
  reporter: [['list']],
});
