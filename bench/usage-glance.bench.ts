import { saveAdminKey } from '../e2e/admin-key';
import type { BrowserContext, Worker } from '@playwright/test';
import { manyProjects, serveAdminApi } from '../e2e/fixtures/api/admin-api';
import { expect, readStorage, test } from '../e2e/harness';

// Figures are printed, never asserted: timing on a shared 2-core machine is not a test.

const KEY = 'sk-admin-BenchFixtureKey0123456789';
const OPENS = 20;

const lastAttempt = async (worker: Worker) =>
  (await readStorage<{ lastAttemptAt: number | null }>(worker, 'local', 'usageStatus'))?.lastAttemptAt ?? null;

/** Requests made by one forced refresh (the popup's Refresh button). */
async function requestsPerRefresh(context: BrowserContext, extensionId: string, worker: Worker, requests: URL[]) {
  await expect.poll(() => lastAttempt(worker)).not.toBeNull();
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByTestId('cost-today')).toBeVisible();
  const before = requests.length;
  const attempt = await lastAttempt(worker);
  await popup.getByRole('button', { name: 'Refresh' }).click();
  await expect.poll(() => lastAttempt(worker)).not.toBe(attempt);
  await popup.close();
  return requests
    .slice(before)
    .map((url) => `${url.pathname.replace('/v1/organization/', '')}${url.searchParams.get('bucket_width') === '1h' ? ' (hourly, spike check)' : ''}`);
}

for (const projectCount of [1, 50]) {
  test(`requests per refresh with ${projectCount} project(s)`, async ({ context, extensionId, worker }) => {
    const api = await serveAdminApi(context, { validKey: KEY, projects: manyProjects(projectCount) });
    await (await saveAdminKey(context, extensionId, { key: KEY })).close();
    const paths = await requestsPerRefresh(context, extensionId, worker, api.requests);
    const figures = paths.filter((path) => !path.includes('spike check'));
    console.log(
      `${projectCount} project(s): ${figures.length} requests per refresh for the figures (goal: same for 1 and 50, <= 4), ` +
        `${paths.length - figures.length} more for the spike check; all: ${paths.sort().join(', ')}`,
    );
  });
}

test(`popup first render from the cache (50 projects), median of ${OPENS} opens`, async ({ context, extensionId, worker }) => {
  const api = await serveAdminApi(context, { validKey: KEY, projects: manyProjects(50) });
  await (await saveAdminKey(context, extensionId, { key: KEY })).close();
  await expect.poll(() => lastAttempt(worker)).not.toBeNull();
  const cacheBytes = await worker.evaluate(async () =>
    (globalThis as unknown as { chrome: { storage: { local: { getBytesInUse(key: string): Promise<number> } } } }).chrome.storage.local.getBytesInUse(
      'usageCache',
    ),
  );

  const page = await context.newPage();
  // Records when the figures first appear, measured from the page's own navigation start.
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (!document.querySelector('[data-testid="cost-today"]')) return;
      (window as unknown as { __paintedAt: number }).__paintedAt = performance.now();
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  const samples: number[] = [];
  const requestsBefore = api.requests.length;
  for (let open = 0; open < OPENS; open++) {
    await page.goto(`chrome-extension://${extensionId}/popup.html`);
    await page.waitForFunction(() => (window as unknown as { __paintedAt?: number }).__paintedAt !== undefined);
    samples.push(await page.evaluate(() => (window as unknown as { __paintedAt: number }).__paintedAt));
  }
  samples.sort((a, b) => a - b);
  const median = (samples[OPENS / 2 - 1]! + samples[OPENS / 2]!) / 2;
  console.log(`popup, cache of 50 projects (${(cacheBytes / 1024).toFixed(0)} KiB in storage.local):
  first render with figures: median ${median.toFixed(1)} ms, min ${samples[0]!.toFixed(1)} ms, max ${samples.at(-1)!.toFixed(1)} ms (from navigation start)
  API requests during ${OPENS} opens: ${api.requests.length - requestsBefore} (a cache under a minute old is not refreshed)`);
});
