import { defineConfig } from 'vitest/config';

// The Firefox end-to-end suite: real Firefox ESR driven over WebDriver BiDi (puppeteer-core),
// one Firefox per test file, files one after another (two cores, and each Firefox is heavy).
export default defineConfig({
  test: {
    include: ['e2e-firefox/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
