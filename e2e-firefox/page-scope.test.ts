import { readFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import type { Page } from 'puppeteer-core';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { routePlatform } from '../e2e/harness';
import { serveExports } from '../e2e/zip-export-server';
import { launchFirefox, waitFor, waitForDownload, waitForText, type FirefoxSession } from './firefox';

// The Usage page's own project picker (e2e/fixtures/platform/app.js, ?scope=) against the top bar's project (Production).

let firefox: FirefoxSession;
beforeEach(async () => {
  firefox = await launchFirefox();
});
afterEach(async () => firefox?.close());

const noteText = (selector: string) => `${selector} [data-rop-owned="page-scope"]`;

/** The note under the top bar's project draws its words from an attribute (the project's own text stays as it is). */
function topBarNote(page: Page, expected: string) {
  return waitFor(`the top bar's note to read ${expected}`, async () => {
    const note = await page
      .$eval(noteText('header'), (element) => ({ words: element.getAttribute('data-rop-note'), content: getComputedStyle(element, '::after').content }))
      .catch(() => undefined);
    // Firefox gives the computed content as the attr() it is drawn from, Chromium as the resolved words.
    return note?.words === expected && (note.content === `"${expected}"` || note.content === 'attr(data-rop-note)');
  });
}

for (const shape of ['pill', 'select'] as const) {
  test(`picker shape "${shape}": says what the page shows beside it and under the top bar, and follows a choice`, async () => {
    await routePlatform(firefox.context);
    const page = await firefox.newPage();
    await page.goto(`https://platform.openai.com/usage?scope=${shape}`);
    await topBarNote(page, 'Usage shows: All projects');
    await waitForText(page, noteText('main'), (text) => text === 'Shows all projects, not only Production');
    await page.evaluate(() => (window as unknown as { __fixture: { setUsageScope(value: string): void } }).__fixture.setUsageScope('Production'));
    await waitFor('no notes when the page shows the top bar’s project', async () => (await page.$$('[data-rop-owned="page-scope"]')).length === 0);
    await page.evaluate(() => (window as unknown as { __fixture: { setUsageScope(value: string): void } }).__fixture.setUsageScope('Sandbox'));
    await topBarNote(page, 'Usage shows: Sandbox');
    expect(firefox.pageErrors).toEqual([]);
  });
}

test('the ZIP is named after the page’s own selection, and its manifest says what the top bar showed', async () => {
  await routePlatform(firefox.context);
  await serveExports(firefox.context);
  const page = await firefox.newPage();
  await page.evaluateOnNewDocument(() => {
    (window as unknown as { __exportConfig: unknown }).__exportConfig = { start: '2024-01', end: '2024-03', delivery: 'blob' };
    sessionStorage.setItem('fixture/usageScope', 'Sandbox');
  });
  await page.goto('https://platform.openai.com/usage?scope=combobox');
  await page.locator('::-p-aria(Export[role="button"])').click();
  await page.locator('::-p-aria(Download all as ZIP[role="button"])').click();
  const saved = await waitForDownload(firefox.downloadDir, { page, pageErrors: firefox.pageErrors });
  expect(path.basename(saved)).toBe('openai-usage_acme-corp_sandbox_2024-01_2024-03.zip');
  const zip = await JSZip.loadAsync(await readFile(saved));
  const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
  expect(manifest.scope).toMatchObject({ shown: 'Sandbox', allProjects: false, topBarProject: 'Production', source: 'usage-page-selector' });
});
