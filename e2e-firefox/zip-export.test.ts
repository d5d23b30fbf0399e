import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { routePlatform } from '../e2e/harness';
import { serveExports } from '../e2e/zip-export-server';
import { launchFirefox, waitFor, waitForDownload, waitForText, type FirefoxSession } from './firefox';

let firefox: FirefoxSession;
beforeEach(async () => {
  firefox = await launchFirefox();
});
afterEach(async () => firefox?.close());

const monthFiles = (year: number, count: number) =>
  Array.from({ length: count }, (_, index) => {
    const month = index + 1;
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const mm = String(month).padStart(2, '0');
    return `cost_${year}-${mm}-01_${year}-${mm}-${last}.csv`;
  });

for (const delivery of ['blob', 'link'] as const) {
  test(`a year of monthly files (${delivery} downloads) becomes one ZIP with every file byte for byte, and nothing else is saved`, async () => {
    await routePlatform(firefox.context);
    const { served } = await serveExports(firefox.context, { latencyMs: () => 50 + Math.random() * 250 });
    const page = await firefox.newPage();
    await page.evaluateOnNewDocument((value) => {
      (window as unknown as { __exportConfig: unknown }).__exportConfig = value;
    }, { start: '2024-01', end: '2024-12', delivery });
    await page.goto('https://platform.openai.com/usage');
    await page.locator('::-p-aria(Export[role="button"])').click();
    // A locator, not an element handle: the fixture modal re-renders and replaces its nodes,
    // so a handle taken before the click can be detached by the time it is clicked.
    const zipButton = page.locator('::-p-aria(Download all as ZIP[role="button"])');
    await zipButton.wait();
    if (delivery === 'blob') await page.screenshot({ path: path.join('docs', 'screenshots', 'store', '2-zip-export.png') });
    await zipButton.click();

    const saved = await waitForDownload(firefox.downloadDir, { page, pageErrors: firefox.pageErrors });
    expect(path.basename(saved)).toBe('openai-usage_acme-corp_all-projects_2024-01_2024-12.zip');
    const zip = await JSZip.loadAsync(await readFile(saved));
    const expected = monthFiles(2024, 12);
    expect(Object.keys(zip.files).sort()).toEqual([...expected, 'manifest.json'].sort());
    for (const name of expected) {
      const bytes = await zip.file(name)!.async('nodebuffer');
      expect(bytes.equals(served.get(name) as Buffer), name).toBe(true);
    }
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    expect(manifest.complete).toBe(true);
    expect(manifest.files).toHaveLength(12);
    expect(manifest.files[1]).toMatchObject({ fileName: expected[1], month: '2024-02', size: served.get(expected[1] as string)?.length, source: delivery });
    await waitForText(page, '[role="dialog"] [role="status"]', (text) =>
      text.includes('Saved openai-usage_acme-corp_all-projects_2024-01_2024-12.zip with all 12 monthly files'),
    );
    // Only the ZIP reached the download folder: every monthly file was caught in the page.
    await waitFor('no stray downloads', async () => (await readdir(firefox.downloadDir)).length === 1);
    expect(await readdir(firefox.downloadDir)).toEqual([path.basename(saved)]);
    expect(firefox.pageErrors).toEqual([]);
  });
}

/** Every way the fixture's page can start a download (e2e/fixtures/platform/usage-export.js), with the source the manifest gives it. */
const DELIVERIES: [delivery: string, source: string][] = [
  ['blob', 'blob'],
  ['blob-attached', 'blob'],
  ['blob-event', 'blob'],
  ['blob-child', 'blob'],
  ['blob-late', 'blob'],
  ['blob-never', 'blob'],
  ['data-url', 'data-url'],
  ['link', 'link'],
  ['plain-link', 'navigation'],
  ['navigate', 'navigation'],
  ['window-open', 'window-open'],
];

async function openExport(delivery: string, start: string, end: string) {
  const page = await firefox.newPage();
  await page.evaluateOnNewDocument((value) => {
    (window as unknown as { __exportConfig: unknown }).__exportConfig = value;
  }, { start, end, delivery });
  await page.goto('https://platform.openai.com/usage');
  await page.locator('::-p-aria(Export[role="button"])').click();
  await page.locator('::-p-aria(Download all as ZIP[role="button"])').click();
  return page;
}

for (const [delivery, source] of DELIVERIES) {
  test(`every file delivered by "${delivery}" is caught byte for byte, and nothing reaches Downloads but the ZIP`, async () => {
    await routePlatform(firefox.context);
    const { served, requests } = await serveExports(firefox.context, { latencyMs: () => 30 + Math.random() * 120 });
    const page = await openExport(delivery, '2024-01', '2024-04');

    const saved = await waitForDownload(firefox.downloadDir, { page, pageErrors: firefox.pageErrors });
    const zip = await JSZip.loadAsync(await readFile(saved));
    const expected = monthFiles(2024, 4);
    expect(Object.keys(zip.files).sort()).toEqual([...expected, 'manifest.json'].sort());
    for (const name of expected) {
      const bytes = await zip.file(name)!.async('nodebuffer');
      expect(bytes.equals(served.get(name) as Buffer), name).toBe(true);
    }
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    expect(manifest.complete).toBe(true);
    expect(new Set(manifest.files.map((file: { source: string }) => file.source))).toEqual(new Set([source]));
    expect(requests.sort()).toEqual(expected);
    // Late revocations and slow deliveries have had their time: still only the ZIP, and the page stayed.
    await new Promise((resolve) => setTimeout(resolve, delivery === 'blob-late' ? 4500 : 500));
    expect(await readdir(firefox.downloadDir)).toEqual([path.basename(saved)]);
    expect(page.url()).toBe('https://platform.openai.com/usage');
    expect(firefox.pageErrors).toEqual([]);
  });
}

test('a delivery it cannot catch (a file on another site) fails its row once, named, with nothing in Downloads', async () => {
  await routePlatform(firefox.context);
  await serveExports(firefox.context);
  const page = await openExport('cross-origin', '2024-01', '2024-03');
  await waitForText(page, '[role="dialog"] [role="status"]', (text) =>
    text.includes('3 of 3 months failed after 1 attempt') &&
    text.includes('by window.open of https://files.example.test/__export/cost_2024-01-01_2024-01-31.csv'),
  );
  await new Promise((resolve) => setTimeout(resolve, 1000));
  expect(await readdir(firefox.downloadDir)).toEqual([]);
  expect(page.url()).toBe('https://platform.openai.com/usage');
});
