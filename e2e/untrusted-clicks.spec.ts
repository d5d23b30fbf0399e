import type { Download, Page } from '@playwright/test';
import { FIXTURE_ADMIN_KEY, saveAdminKey } from './admin-key';
import { serveAdminApi } from './fixtures/api/admin-api';
import { expect, test } from './harness';
import { serveExports } from './zip-export-server';

/**
 * A page script can click our buttons (element.click(), dispatchEvent): those clicks are
 * not the user's, and must start nothing. The user's own clicks still work, and asking for
 * the accounting export again focuses the tab already running it.
 */

/** The `chrome.tabs` calls the test makes in the worker and the export page. */
interface ChromeTabs {
  tabs: { getCurrent(): Promise<{ id?: number } | undefined>; query(query: object): Promise<{ id?: number }[]> };
}

async function openExportModal(page: Page, shape: 'months' | 'opaque') {
  await page.addInitScript(() => {
    (window as unknown as { __exportConfig: object }).__exportConfig = { delivery: 'blob' };
  });
  await page.goto(`https://platform.openai.com/usage?export=${shape}`);
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
}

/** What a hostile page script would do: click the button by its text, `times` times. */
function clickFromPage(page: Page, label: string, times: number): Promise<number> {
  return page.evaluate(
    ([label, times]) => {
      const target = [...document.querySelectorAll('button')].find((button) => button.textContent === label);
      if (!target) return 0;
      for (let n = 0; n < times; n += 1) {
        target.click();
        target.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      }
      return times;
    },
    [label, times] as const,
  );
}

test('"Download all as ZIP" clicked by a page script starts nothing; the user\'s click does', async ({ context, servePlatform }) => {
  await servePlatform();
  const { requests } = await serveExports(context);
  const page = await context.newPage();
  const downloads: Download[] = [];
  page.on('download', (download) => downloads.push(download));
  await openExportModal(page, 'months');
  await expect(page.getByRole('button', { name: 'Download all as ZIP' })).toBeVisible();

  expect(await clickFromPage(page, 'Download all as ZIP', 20)).toBe(20);
  await page.waitForTimeout(1500);
  expect(requests).toEqual([]);
  expect(downloads).toEqual([]);
  await expect(page.getByRole('status')).toHaveText('');

  // The same button, clicked by the user, runs.
  await page.getByRole('button', { name: 'Download all as ZIP' }).click();
  await expect.poll(() => requests.length, { timeout: 10_000 }).toBeGreaterThan(0);
});

test('"Export … from the Admin API" clicked 20 times by a page script opens no tab; the user\'s clicks open one, then focus it', async ({
  context,
  servePlatform,
  extensionId,
  worker,
}) => {
  await serveAdminApi(context, { validKey: FIXTURE_ADMIN_KEY });
  await saveAdminKey(context, extensionId);
  // The export's reads take a while, so the first export is still running when asked again.
  await context.route('https://api.openai.com/v1/organization/costs**', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 4000));
    await route.fallback();
  });
  await servePlatform();
  await serveExports(context);
  const page = await context.newPage();
  await openExportModal(page, 'opaque');
  await page.getByRole('button', { name: 'Download all as ZIP' }).click();
  const label = 'Export 2026 from the Admin API';
  await expect(page.getByRole('button', { name: label })).toBeVisible({ timeout: 10_000 });

  const exportPages = () => context.pages().filter((candidate) => candidate.url().includes('/export.html'));
  expect(await clickFromPage(page, label, 20)).toBe(20);
  await page.waitForTimeout(1500);
  expect(exportPages()).toHaveLength(0);

  const opened = context.waitForEvent('page');
  await page.getByRole('button', { name: label }).click();
  const exportPage = await opened;
  await expect(exportPage.getByRole('heading', { level: 1 })).toBeVisible();

  // Asked again while it runs: the same tab comes to the front, no second export.
  await page.bringToFront();
  await page.getByRole('button', { name: label }).click();
  const exportTabId = await exportPage.evaluate(async () => (await (globalThis as unknown as { chrome: ChromeTabs }).chrome.tabs.getCurrent())?.id);
  await expect
    .poll(() => worker.evaluate(async () => (await (globalThis as unknown as { chrome: ChromeTabs }).chrome.tabs.query({ active: true })).map((tab) => tab.id)))
    .toContain(exportTabId);
  await page.waitForTimeout(1000);
  expect(exportPages()).toHaveLength(1);
});
