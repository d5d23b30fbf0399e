import { FIXTURE_ADMIN_KEY, saveAdminKey } from './admin-key';
import { serveAdminApi } from './fixtures/api/admin-api';
import { expect, openPopup, test } from './harness';

/**
 * Storage holds what older versions, another device (storage.sync), a bug or a hand edit
 * wrote. Every item is checked when read: with garbage in every one of them, the popup,
 * options and the worker still work, and options says which were not readable.
 */

/** Every item the extension stores, by area (lib/**: defineVersionedItem). */
const ITEMS = {
  local: [
    'featureHealth',
    'knownProjects',
    'loggingObservations',
    'loggingReminderSilence',
    'adminKeyRetention',
    'usageCache',
    'usageProjects',
    'usageStatus',
    'spikeIncidents',
    'unseenSpikes',
    'securityWatch',
    'securityUnseen',
    'loggingSources',
    'organizationFigures',
    'pageOutline.project-emphasis',
    'pageOutline.usage-zip-export',
    'pageOutline.logging-reminder',
  ],
  sync: ['disabledFeatures', 'projectColors', 'usageGlance', 'spikeAlerts', 'securityWatch'],
  session: ['adminKey:local-earlier-key', 'usageProjectSummaries', 'usageGlanceDetails', 'pageRecordTabs', 'storageProblem', 'yearlyExportTab'],
} as const;

/** Of no item's shape: not an array, not a map of records, no field any item needs. */
const GARBAGE = { garbage: 1 };

interface ChromeInWorker {
  storage: Record<'local' | 'sync' | 'session', { set(items: Record<string, unknown>): Promise<void> }>;
  alarms: { get(name: string): Promise<{ periodInMinutes?: number } | undefined> };
  action: { getBadgeText(details: object): Promise<string> };
}

test('garbage in every stored item: options says what was not readable, the popup shows every section, the worker refreshes', async ({
  context,
  extensionId,
  worker,
  pageErrors,
}) => {
  await serveAdminApi(context, { validKey: FIXTURE_ADMIN_KEY });
  await worker.evaluate(
    async ([items, garbage]) => {
      const { storage } = (globalThis as unknown as { chrome: ChromeInWorker }).chrome;
      for (const [area, keys] of Object.entries(items) as ['local' | 'sync' | 'session', readonly string[]][]) {
        await storage[area].set(Object.fromEntries(keys.map((key) => [key, garbage])));
      }
    },
    [ITEMS, GARBAGE] as const,
  );

  // Options renders, and the admin key can be saved (the worker verifies it and refreshes).
  const options = await saveAdminKey(context, extensionId);
  await expect(options.getByRole('heading', { name: 'Refined OpenAI Platform', level: 1 })).toBeVisible();
  await expect(options.getByRole('heading', { name: 'Features' })).toBeVisible();

  // The worker: a real refresh period (a garbage one read as NaN, which the alarm refuses), a badge.
  const alarm = await worker.evaluate(() => (globalThis as unknown as { chrome: ChromeInWorker }).chrome.alarms.get('usage-glance:refresh'));
  expect(alarm?.periodInMinutes).toBe(15);
  await expect.poll(() => worker.evaluate(() => (globalThis as unknown as { chrome: ChromeInWorker }).chrome.action.getBadgeText({}))).toMatch(/^\$/);

  // The popup is not blank: its figures and sections render.
  const popup = await openPopup(context, extensionId);
  await expect(popup.getByRole('button', { name: 'Refresh' })).toBeVisible();
  await expect(popup.getByRole('main')).toContainText('Today');
  await expect(popup.locator('.section-failed')).toHaveCount(0);
  expect(pageErrors.filter((error) => error.startsWith('pageerror'))).toEqual([]);

  // Options says which stored values were not readable (their defaults are used), and every section renders.
  await expect(options.getByTestId('unreadable-items')).toContainText('usageGlance');
  await expect(options.locator('.section-failed')).toHaveCount(0);

});
