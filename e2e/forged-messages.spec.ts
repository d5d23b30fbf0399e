import type { Worker } from '@playwright/test';
import { FIXTURE_ADMIN_KEY, saveAdminKey } from './admin-key';
import { serveAdminApi } from './fixtures/api/admin-api';
import { expect, readStorage, test } from './harness';

/**
 * Any script on the dashboard can post the window messages the page-world observer posts
 * (lib/logging/setting-channel.ts). A burst of them, each with its own organization and
 * 5,000 project ids of the longest shape, once grew the logging record past Chrome's 10 MB
 * storage.local quota; every write after that failed, spike alerts included.
 */

/** BUDGET.loggingChars (lib/background/record-updates.ts): what the test holds the record to. */
const LOGGING_BUDGET_CHARS = 1_200_000;

interface ChromeInWorker {
  notifications: { getAll(): Promise<Record<string, boolean>> };
  storage: { local: { getBytesInUse(keys: string | null): Promise<number> } };
}
const notifications = (worker: Worker) =>
  worker.evaluate(async () => Object.keys(await (globalThis as unknown as { chrome: ChromeInWorker }).chrome.notifications.getAll()));

test('a burst of forged logging messages leaves the record within its budget, and a spike alert still notifies', async ({
  context,
  extensionId,
  worker,
  servePlatform,
}) => {
  test.setTimeout(120_000);
  await servePlatform();
  const page = await context.newPage();
  // The content script asks the page-world observer for the setting once it listens.
  await page.addInitScript(() => {
    window.addEventListener('message', (event) => {
      if ((event.data as { type?: unknown } | null)?.type === 'refined-openai-platform:logging-setting?') {
        (window as unknown as { __listening: boolean }).__listening = true;
      }
    });
  });
  await page.goto('https://platform.openai.com/usage');
  await page.waitForFunction(() => (window as unknown as { __listening?: boolean }).__listening === true);

  await page.evaluate(() => {
    // Project ids of the longest shape the worker accepts (64 characters).
    const ids = (n: number) => Array.from({ length: 5_000 }, (_, p) => `proj_${String(n * 10_000 + p).padStart(59, '0')}`);
    for (let n = 0; n < 50; n += 1) {
      window.postMessage(
        {
          type: 'refined-openai-platform:logging-setting',
          setting: { id: `org-forged${n}`, api_call_logging: 'enabled_for_selected_projects', api_call_logging_project_ids: ids(n) },
        },
        window.location.origin,
      );
    }
  });
  // The last forged organization arrived: the whole burst was handled.
  await expect
    .poll(async () => Object.keys((await readStorage<Record<string, unknown>>(worker, 'local', 'loggingObservations')) ?? {}), { timeout: 60_000 })
    .toContain('org-forged49');
  const record = await readStorage<Record<string, unknown>>(worker, 'local', 'loggingObservations');
  expect(JSON.stringify(record).length).toBeLessThanOrEqual(LOGGING_BUDGET_CHARS);
  const bytes = await worker.evaluate(() => (globalThis as unknown as { chrome: ChromeInWorker }).chrome.storage.local.getBytesInUse(null));
  expect(bytes).toBeLessThan(2_000_000);

  // Storage still has room for what the user needs: a spike found now notifies.
  await serveAdminApi(context, { validKey: FIXTURE_ADMIN_KEY, spike: { projectId: 'proj_Production01', requestsThisHour: 5000, dollarsToday: 300 } });
  await saveAdminKey(context, extensionId);
  await expect.poll(() => notifications(worker), { timeout: 30_000 }).toHaveLength(1);
  expect((await notifications(worker))[0]).toMatch(/^spike:proj_Production01:spend:/);
});
