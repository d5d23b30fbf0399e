import type { BrowserContext, Page } from '@playwright/test';
import { expect } from '../e2e/harness';
import { serveExports } from '../e2e/zip-export-server';

/** The server's latency per file in the click-to-ZIP comparison. */
export const FILE_LATENCY_MS = 300;

async function openModal(page: Page, months: number) {
  await page.addInitScript((value) => {
    (window as unknown as { __exportConfig: unknown }).__exportConfig = value;
  }, { start: '2024-01', end: `2024-${String(months).padStart(2, '0')}`, delivery: 'blob' });
  await page.goto('https://platform.openai.com/usage');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Download all as ZIP' })).toBeVisible();
}

/**
 * Click to saved ZIP against what a user does without it, clicking the rows one after the
 * other and waiting for each file, both in this one browser: a ratio within one run, so a
 * slow or busy machine slows both alike. Shared by the bench and the gate `npm test` runs.
 */
export async function clickToZip(context: BrowserContext, months = 12): Promise<{ baselineMs: number; zipMs: number; ratio: number }> {
  await serveExports(context, { latencyMs: () => FILE_LATENCY_MS });
  const page = await context.newPage();

  await openModal(page, months);
  await page.getByRole('button', { name: `Download ${months} files…` }).click();
  const baselineStart = performance.now();
  for (let index = 0; index < months; index++) {
    const saved = page.waitForEvent('download');
    await page.getByRole('dialog').getByRole('button', { name: 'Download', exact: true }).nth(index).click();
    await (await saved).path();
  }
  const baselineMs = performance.now() - baselineStart;

  await openModal(page, months);
  const zipStart = performance.now();
  const saved = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download all as ZIP' }).click();
  await (await saved).path();
  const zipMs = performance.now() - zipStart;
  await page.close();
  return { baselineMs, zipMs, ratio: zipMs / baselineMs };
}
