import type { Worker } from '@playwright/test';
import { FIXTURE_ADMIN_KEY, saveAdminKey } from './admin-key';
import { serveAdminApi } from './fixtures/api/admin-api';
import { expect, openPopup, test } from './harness';

/**
 * storage.local full (10 MB in Chrome): a spike alert still notifies, the popup and options
 * say what is full and how to make room, and clearing makes room.
 */

interface ChromeInWorker {
  notifications: { getAll(): Promise<Record<string, boolean>> };
  storage: {
    local: {
      QUOTA_BYTES: number;
      getBytesInUse(keys: string | null): Promise<number>;
      set(items: Record<string, unknown>): Promise<void>;
    };
  };
}
const chromeIn = (worker: Worker) => ({
  notifications: () =>
    worker.evaluate(async () => Object.keys(await (globalThis as unknown as { chrome: ChromeInWorker }).chrome.notifications.getAll())),
  bytesInUse: () => worker.evaluate(() => (globalThis as unknown as { chrome: ChromeInWorker }).chrome.storage.local.getBytesInUse(null)),
});

/** Fills storage.local to within a few bytes of its quota with a logging record, as an older version's unbounded one could be. */
async function fillStorage(worker: Worker): Promise<void> {
  await worker.evaluate(async () => {
    const { local } = (globalThis as unknown as { chrome: ChromeInWorker }).chrome.storage;
    const room = local.QUOTA_BYTES - (await local.getBytesInUse(null));
    const page = (n: number) => [`proj_${String(n).padStart(40, '0')}`, { status: 'disabled', at: 1 }] as const;
    // Each page costs its JSON; grow until the next would not fit, leaving a few bytes.
    const pageChars = JSON.stringify(Object.fromEntries([page(0)])).length - 1;
    const count = Math.floor((room - 200) / pageChars);
    const pages = Object.fromEntries(Array.from({ length: count }, (_, n) => page(n)));
    let record = { 'org-filled': { pages } };
    while (true) {
      try {
        await local.set({ loggingObservations: record });
        return;
      } catch {
        const entries = Object.entries(record['org-filled'].pages);
        record = { 'org-filled': { pages: Object.fromEntries(entries.slice(0, entries.length - 50)) } };
      }
    }
  });
}

test('with storage full, a spike still notifies; the popup and options say what is full, and clearing makes room', async ({
  context,
  extensionId,
  worker,
}) => {
  test.setTimeout(120_000);
  await fillStorage(worker);
  const chrome = chromeIn(worker);
  expect(await chrome.bytesInUse()).toBeGreaterThan(10_000_000);

  await serveAdminApi(context, { validKey: FIXTURE_ADMIN_KEY, spike: { projectId: 'proj_Production01', requestsThisHour: 5000, dollarsToday: 300 } });
  const options = await saveAdminKey(context, extensionId);
  await expect.poll(chrome.notifications, { timeout: 30_000 }).toHaveLength(1);
  expect((await chrome.notifications())[0]).toMatch(/^spike:proj_Production01:spend:/);

  const notice = options.getByTestId('storage-problem');
  await expect(notice).toContainText("The extension's storage on this device is full");
  await expect(notice).toContainText('could not be saved');
  const popup = await openPopup(context, extensionId);
  await expect(popup.getByTestId('storage-problem')).toContainText('is full');
  // The popup is not blank: the rest renders below the notice.
  await expect(popup.getByRole('button', { name: 'Refresh' })).toBeVisible();

  await options.getByRole('button', { name: 'Clear what dashboard pages reported' }).click();
  await expect(options.getByRole('status').filter({ hasText: 'Cleared what dashboard pages reported' })).toBeVisible();
  await expect(options.getByTestId('storage-problem')).toHaveCount(0);
  expect(await chrome.bytesInUse()).toBeLessThan(1_000_000);

  // With room again, the next refresh keeps its figures.
  await popup.getByRole('button', { name: 'Refresh' }).click();
  await expect(popup.getByTestId('storage-problem')).toHaveCount(0);
  await expect.poll(() => worker.evaluate(async () => Object.keys(await (globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<object> } } } }).chrome.storage.local.get(null)))).toContain('usageCache');
});
