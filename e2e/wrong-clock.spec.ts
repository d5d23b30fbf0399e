import type { BrowserContext, Worker } from '@playwright/test';
import { FIXTURE_ADMIN_KEY as KEY, saveAdminKey } from './admin-key';
import { serveAdminApi } from './fixtures/api/admin-api';
import { testNow } from './clock';
import { expect, readStorage, test } from './harness';

/**
 * The computer's clock is wrong, then put right, in a real browser: the extension's worker
 * and pages read the clock the harness sets (libfaketime), while the fixture Admin API keeps
 * the true time in its Date header, as the real one does.
 */

const HOUR = 3_600_000;

// A leap of the browser's clock (libfaketime) can stop the worker or stall a page for a
// moment in Chromium, whatever the extension does: retries keep that from failing CI.
test.describe.configure({ retries: 2 });

/** The worker's periodic alarm, made due at once (what the browser does when it comes round). */
function fireRefreshAlarm(worker: Worker): Promise<void> {
  return worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as {
      chrome: { alarms: { get(name: string): Promise<{ periodInMinutes?: number } | undefined>; create(name: string, info: object): Promise<void> } };
    };
    const existing = await chrome.alarms.get('usage-glance:refresh');
    // An unpacked extension may set an alarm this close; its period stays the worker's.
    await chrome.alarms.create('usage-glance:refresh', { when: Date.now() + 200, periodInMinutes: existing?.periodInMinutes ?? 15 });
  });
}

const costRequests = (requests: URL[]) => requests.filter((url) => url.pathname === '/v1/organization/costs').length;

/**
 * Chromium may stop the worker when the clock leaps (its idle timer counts the leap): a
 * message sent then finds no receiver. Waits until the worker answers an extension page.
 */
async function workerAnswers(context: BrowserContext, extensionId: string): Promise<void> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await expect
    .poll(() =>
      page.evaluate(() =>
        (globalThis as unknown as { chrome: { runtime: { sendMessage(message: object): Promise<unknown> } } }).chrome.runtime
          .sendMessage({ id: 1, type: 'hasAdminKey', data: undefined, timestamp: Date.now() })
          .then(
            () => 'answered',
            (error: Error) => error.message,
          ),
      ),
    )
    .toBe('answered');
  await page.close();
}

const fetchedAt = async (worker: Worker) => (await readStorage<{ fetchedAt: number }>(worker, 'local', 'usageCache'))?.fetchedAt ?? 0;

test('6 hours fast, then put right: a dashboard tab brings one refresh (Chromium holds its alarms meanwhile)', async ({
  context,
  extensionId,
  worker,
  servePlatform,
  setBrowserClockSkew,
}) => {
  const api = await serveAdminApi(context, { validKey: KEY });
  await servePlatform();
  await setBrowserClockSkew(6 * HOUR);
  await workerAnswers(context, extensionId);
  await (await saveAdminKey(context, extensionId)).close();
  // The refresh after saving the key, stamped 6 hours ahead of the true time.
  await expect.poll(() => fetchedAt(worker)).toBeGreaterThan(testNow() + 5 * HOUR);
  const before = costRequests(api.requests);

  await setBrowserClockSkew(0);
  const page = await context.newPage();
  await page.goto('https://platform.openai.com/usage');
  await expect.poll(() => costRequests(api.requests), { timeout: 15_000 }).toBe(before + 1);
  await expect.poll(() => fetchedAt(worker)).toBeLessThan(testNow() + 60_000);

  // Another page moments later finds the figures fresh: one refresh, not one per page.
  await page.goto('https://platform.openai.com/logs');
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  expect(costRequests(api.requests)).toBe(before + 1);
});

test.describe('3 hours slow from the start', () => {
  // Started slow rather than put back mid-test: libfaketime moves Chromium's monotonic clock
  // too, and a backward leap can stall a page's rendering for the length of the leap.
  test.use({ initialClockSkewMs: -3 * HOUR });

test('3 hours slow, then put right: the next alarm brings one refresh, the one after none', async ({
  context,
  extensionId,
  worker,
  setBrowserClockSkew,
}) => {
  const api = await serveAdminApi(context, { validKey: KEY });
  await (await saveAdminKey(context, extensionId)).close();
  await expect.poll(() => fetchedAt(worker)).toBeGreaterThan(0);
  expect(await fetchedAt(worker)).toBeLessThan(testNow() - 2 * HOUR);
  const before = costRequests(api.requests);

  await setBrowserClockSkew(0);
  await fireRefreshAlarm(worker);
  await expect.poll(() => costRequests(api.requests), { timeout: 15_000 }).toBe(before + 1);
  await expect.poll(() => fetchedAt(worker)).toBeGreaterThan(testNow() - 60_000);

  await fireRefreshAlarm(worker);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  expect(costRequests(api.requests)).toBe(before + 1);
});
});
