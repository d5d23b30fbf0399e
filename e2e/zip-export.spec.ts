import path from 'node:path';
import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import JSZip from 'jszip';
import { FIXTURE_ADMIN_KEY, saveAdminKey } from './admin-key';
import { serveAdminApi } from './fixtures/api/admin-api';
import { expect, test } from './harness';
import { costCsv, serveExports } from './zip-export-server';

/** Every way the fixture's page can start a download (e2e/fixtures/platform/usage-export.js). */
const CATCHABLE = [
  'blob',
  'blob-attached',
  'blob-event',
  'blob-child',
  'blob-late',
  'blob-never',
  'data-url',
  'link',
  'plain-link',
  'navigate',
  'window-open',
] as const;
type Delivery = (typeof CATCHABLE)[number] | 'cross-origin';

/** What the manifest says of each delivery's files. */
const SOURCE: Record<(typeof CATCHABLE)[number], string> = {
  blob: 'blob',
  'blob-attached': 'blob',
  'blob-event': 'blob',
  'blob-child': 'blob',
  'blob-late': 'blob',
  'blob-never': 'blob',
  'data-url': 'data-url',
  link: 'link',
  'plain-link': 'navigation',
  navigate: 'navigation',
  'window-open': 'window-open',
};

interface ExportConfig {
  start?: string;
  end?: string;
  delivery: Delivery;
  /** Rows (by index) whose click does nothing. */
  silent?: number[];
}

/** The Export modal's list shapes of the fixture (e2e/fixtures/platform/usage-export.js). */
type ExportShape = 'months' | 'windows' | 'activity' | 'icons' | 'links' | 'menu' | 'unlabelled' | 'opaque';

/** `scope`: the Usage page's own project picker (shape, and what it shows: e2e/fixtures/platform/app.js). */
async function openExportModal(page: Page, config: ExportConfig, shape: ExportShape = 'months', scope: { shape?: string; shows?: string } = {}) {
  await page.addInitScript(({ value, shows }) => {
    (window as unknown as { __exportConfig: ExportConfig }).__exportConfig = value;
    if (shows) sessionStorage.setItem('fixture/usageScope', shows);
  }, { value: config, shows: scope.shows });
  await page.goto(`https://platform.openai.com/usage?export=${shape}${scope.shape ? `&scope=${scope.shape}` : ''}`);
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
}

async function unzip(download: Download) {
  const zip = await JSZip.loadAsync(await readFile((await download.path()) as string));
  const entries = new Map<string, Buffer>();
  for (const [name, entry] of Object.entries(zip.files)) entries.set(name, await entry.async('nodebuffer'));
  const manifest = JSON.parse(entries.get('manifest.json')?.toString('utf8') ?? 'null');
  return { entries, manifest };
}

const monthFiles = (year: number, count: number) =>
  Array.from({ length: count }, (_, index) => {
    const month = index + 1;
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const mm = String(month).padStart(2, '0');
    return `cost_${year}-${mm}-01_${year}-${mm}-${last}.csv`;
  });

for (const delivery of ['blob', 'link'] as const) {
  test(`a year of monthly files (${delivery} downloads) becomes one verified ZIP, with no loose downloads`, async ({
    context,
    servePlatform,
    pageErrors,
  }) => {
    await servePlatform();
    const { served } = await serveExports(context, { latencyMs: () => 50 + Math.random() * 250 });
    const page = await context.newPage();
    const downloads: Download[] = [];
    page.on('download', (download) => downloads.push(download));
    await openExportModal(page, { start: '2024-01', end: '2024-12', delivery });

    const zipButton = page.getByRole('button', { name: 'Download all as ZIP' });
    await expect(zipButton).toBeVisible();
    if (delivery === 'blob') {
      await page.getByRole('dialog').screenshot({ path: path.join('docs', 'screenshots', 'zip-export.png') });
    }
    const saved = page.waitForEvent('download');
    await zipButton.click();
    const download = await saved;

    expect(download.suggestedFilename()).toBe('openai-usage_acme-corp_all-projects_2024-01_2024-12.zip');
    const { entries, manifest } = await unzip(download);
    const expected = monthFiles(2024, 12);
    expect([...entries.keys()].sort()).toEqual([...expected, 'manifest.json'].sort());
    for (const name of expected) expect(entries.get(name)?.equals(served.get(name) as Buffer)).toBe(true);
    expect(manifest.complete).toBe(true);
    expect(manifest.files).toHaveLength(12);
    expect(manifest.files[1]).toMatchObject({ fileName: expected[1], month: '2024-02', size: served.get(expected[1] as string)?.length, source: delivery });
    expect(manifest.files[1].sha256).toMatch(/^[0-9a-f]{64}$/);
    await expect(page.getByRole('status')).toContainText('Saved openai-usage_acme-corp_all-projects_2024-01_2024-12.zip with all 12 monthly files');
    // Only the ZIP reached the Downloads folder.
    expect(downloads.map((item) => item.suggestedFilename())).toEqual([download.suggestedFilename()]);
    expect(pageErrors).toEqual([]);
  });
}

test('a month that fails is retried and the ZIP is still complete', async ({ context, servePlatform }) => {
  await servePlatform();
  const { requests } = await serveExports(context, { failFirst: { '2024-03': 1 } });
  const page = await context.newPage();
  await openExportModal(page, { start: '2024-01', end: '2024-06', delivery: 'blob' });
  const saved = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download all as ZIP' }).click();
  const { entries, manifest } = await unzip(await saved);
  expect(manifest.complete).toBe(true);
  expect(entries.size).toBe(7);
  expect(requests.filter((name) => name.startsWith('cost_2024-03'))).toHaveLength(2);
});

test('a month that always fails is named to the user, who may save a ZIP marked incomplete', async ({ context, servePlatform }) => {
  await servePlatform();
  await serveExports(context, { alwaysFail: ['2024-02'] });
  const page = await context.newPage();
  const downloads: Download[] = [];
  page.on('download', (download) => downloads.push(download));
  await openExportModal(page, { start: '2024-01', end: '2024-04', delivery: 'blob' });
  await page.getByRole('button', { name: 'Download all as ZIP' }).click();

  const status = page.getByRole('status');
  await expect(status).toContainText('1 of 4 months failed after 3 attempts: February 2024', { timeout: 30_000 });
  expect(downloads).toHaveLength(0);

  const saved = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save incomplete ZIP' }).click();
  const download = await saved;
  expect(download.suggestedFilename()).toBe('openai-usage_acme-corp_all-projects_2024-01_2024-04_INCOMPLETE.zip');
  const { entries, manifest } = await unzip(download);
  expect(entries.size).toBe(4);
  expect(manifest.complete).toBe(false);
  expect(manifest.failures).toEqual([expect.objectContaining({ month: '2024-02', label: 'February 2024', attempts: 3 })]);
  expect(manifest.warning).toContain('2024-02');
  await expect(status).toContainText('INCOMPLETE');
});

test('Cancel stops the run and saves nothing', async ({ context, servePlatform }) => {
  await servePlatform();
  const { requests } = await serveExports(context, { latencyMs: () => 1500 });
  const page = await context.newPage();
  const downloads: Download[] = [];
  page.on('download', (download) => downloads.push(download));
  await openExportModal(page, { start: '2024-01', end: '2024-12', delivery: 'blob' });
  await page.getByRole('button', { name: 'Download all as ZIP' }).click();
  await expect(page.getByRole('status')).toContainText('Downloading 0 of 12');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('status')).toHaveText('Cancelled: nothing was saved.');
  await page.waitForTimeout(2500);
  expect(downloads).toHaveLength(0);
  expect(requests.length).toBeLessThanOrEqual(6);
});

test('no ZIP button on a single-month export', async ({ context, servePlatform }) => {
  await servePlatform();
  await serveExports(context);
  const page = await context.newPage();
  await openExportModal(page, { start: '2024-05', end: '2024-05', delivery: 'blob' });
  await expect(page.getByRole('dialog').getByRole('button', { name: 'Download', exact: true })).toBeVisible();
  // Longer than the dialog's re-render period and the runner's grace: the button never comes.
  await page.waitForTimeout(1500);
  await expect(page.getByRole('button', { name: 'Download all as ZIP' })).toHaveCount(0);
});

test('the served CSV helper writes the dashboard format', () => {
  const text = costCsv('cost_2024-02-01_2024-02-29.csv').toString('utf8').split('\n');
  expect(text[0]).toContain('start_time,end_time,start_time_iso');
  expect(text).toHaveLength(31);
});

test('36 months in one archive', async ({ context, servePlatform }) => {
  await servePlatform();
  const { served } = await serveExports(context, { latencyMs: () => Math.random() * 100 });
  const page = await context.newPage();
  await openExportModal(page, { start: '2022-01', end: '2024-12', delivery: 'link' });
  await expect(page.getByRole('button', { name: 'Download 36 files…' })).toBeVisible();
  const saved = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download all as ZIP' }).click();
  const download = await saved;
  expect(download.suggestedFilename()).toBe('openai-usage_acme-corp_all-projects_2022-01_2024-12.zip');
  const { entries, manifest } = await unzip(download);
  expect(entries.size).toBe(37);
  expect(manifest.counts).toMatchObject({ files: 36, failed: 0, missing: 0 });
  for (const [name, bytes] of served) expect(entries.get(name)?.equals(bytes)).toBe(true);
});

test('months of tens of MB come through byte for byte', async ({ context, servePlatform }) => {
  test.setTimeout(180_000);
  await servePlatform();
  const { served } = await serveExports(context, { padToBytes: 25 * 1024 * 1024 });
  const page = await context.newPage();
  await openExportModal(page, { start: '2024-01', end: '2024-03', delivery: 'blob' });
  const saved = page.waitForEvent('download', { timeout: 150_000 });
  await page.getByRole('button', { name: 'Download all as ZIP' }).click();
  const { entries, manifest } = await unzip(await saved);
  expect(manifest.complete).toBe(true);
  expect(served.size).toBe(3);
  for (const [name, bytes] of served) {
    expect(bytes.length).toBeGreaterThan(25 * 1024 * 1024);
    expect(entries.get(name)?.equals(bytes)).toBe(true);
  }
});

test('"Retry failed months" fetches only what failed and then saves a complete ZIP', async ({ context, servePlatform }) => {
  await servePlatform();
  // February fails its first three requests: the whole first run, then works.
  const { requests } = await serveExports(context, { failFirst: { '2024-02': 3 } });
  const page = await context.newPage();
  await openExportModal(page, { start: '2024-01', end: '2024-03', delivery: 'blob' });
  await page.getByRole('button', { name: 'Download all as ZIP' }).click();
  await expect(page.getByRole('status')).toContainText('1 of 3 months failed', { timeout: 30_000 });

  const saved = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Retry failed months' }).click();
  const download = await saved;
  expect(download.suggestedFilename()).toBe('openai-usage_acme-corp_all-projects_2024-01_2024-03.zip');
  const { entries, manifest } = await unzip(download);
  expect(manifest.complete).toBe(true);
  expect(entries.size).toBe(4);
  expect(requests.filter((name) => name.startsWith('cost_2024-01'))).toHaveLength(1);
  expect(requests.filter((name) => name.startsWith('cost_2024-02'))).toHaveLength(4);
});

/** The windows of at most 31 days counting both ends the fixture splits 2026-05-01..2026-08-21 into (docs/facts.md §2). */
const WINDOWS = ['2026-05-01_2026-05-31', '2026-06-01_2026-07-01', '2026-07-02_2026-08-01', '2026-08-02_2026-08-21'];

const windowShapes: { shape: ExportShape; kinds: string[]; labels: string[]; by: 'name' | 'click-order' }[] = [
  { shape: 'windows', kinds: ['cost'], by: 'name', labels: ['May 1, 2026 – May 31, 2026', 'Jun 1, 2026 – Jul 1, 2026', 'Jul 2, 2026 – Aug 1, 2026', 'Aug 2, 2026 – Aug 21, 2026'] },
  { shape: 'activity', kinds: ['completions_usage', 'embeddings_usage'], by: 'name', labels: ['May 1 – May 31, 2026', 'Jun 1 – Jul 1, 2026', 'Jul 2 – Aug 1, 2026', 'Aug 2 – Aug 21, 2026'] },
  { shape: 'icons', kinds: ['cost'], by: 'name', labels: ['1 May 2026 – 31 May 2026', '1 Jun 2026 – 1 Jul 2026', '2 Jul 2026 – 1 Aug 2026', '2 Aug 2026 – 21 Aug 2026'] },
  { shape: 'links', kinds: ['cost'], by: 'name', labels: ['May 1 – May 31, 2026', 'Jun 1 – Jul 1, 2026', 'Jul 2 – Aug 1, 2026', 'Aug 2 – Aug 21, 2026'] },
  // A table row's label is its text: the period and the size column.
  { shape: 'menu', kinds: ['cost'], by: 'name', labels: WINDOWS.map((days) => `${days.replace('_', ' – ')} ≈ 4 KB`) },
  { shape: 'unlabelled', kinds: ['cost'], by: 'click-order', labels: ['Part 1', 'Part 2', 'Part 3', 'Part 4'] },
];

for (const { shape, kinds, labels, by } of windowShapes) {
  test(`windows of days (?export=${shape}) become one ZIP named from the first and last date, each row with its files`, async ({
    context,
    servePlatform,
    pageErrors,
  }) => {
    await servePlatform();
    const { served, requests } = await serveExports(context, { latencyMs: () => 50 + Math.random() * 150 });
    const page = await context.newPage();
    const downloads: Download[] = [];
    page.on('download', (download) => downloads.push(download));
    await openExportModal(page, { delivery: 'blob' }, shape);

    const saved = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download all as ZIP' }).click();
    const download = await saved;

    expect(download.suggestedFilename()).toBe('openai-usage_acme-corp_all-projects_2026-05-01_2026-08-21.zip');
    const { entries, manifest } = await unzip(download);
    const expected = WINDOWS.flatMap((days) => kinds.map((kind) => `${kind}_${days}.csv`));
    expect([...entries.keys()].sort()).toEqual([...expected, 'manifest.json'].sort());
    for (const name of expected) expect(entries.get(name)?.equals(served.get(name) as Buffer)).toBe(true);
    expect(manifest.complete).toBe(true);
    expect(manifest.range).toEqual({ start: '2026-05-01', endInclusive: '2026-08-21' });
    expect(manifest.rows.map((row: { label: string; files: string[] }) => [row.label, row.files])).toEqual(
      labels.map((label, index) => [label, kinds.map((kind) => `${kind}_${WINDOWS[index]}.csv`)]),
    );
    expect(new Set(manifest.files.map((file: { attributedBy: string }) => file.attributedBy))).toEqual(new Set([by]));
    await expect(page.getByRole('status')).toContainText(`with all ${expected.length} files`);
    // The menu's JSON item was never chosen; only the ZIP reached the Downloads folder.
    expect(requests.filter((name) => !name.endsWith('.csv'))).toEqual([]);
    expect(downloads.map((item) => item.suggestedFilename())).toEqual([download.suggestedFilename()]);
    expect(pageErrors).toEqual([]);
  });
}

test('rows it cannot recognize after "Download all as ZIP": said in words within seconds, no stray downloads, the modal still works', async ({
  context,
  servePlatform,
  pageErrors,
}) => {
  await servePlatform();
  const { requests } = await serveExports(context);
  const page = await context.newPage();
  const downloads: Download[] = [];
  page.on('download', (download) => downloads.push(download));
  await openExportModal(page, { delivery: 'blob' }, 'opaque');
  await page.getByRole('button', { name: 'Download all as ZIP' }).click();

  const status = page.getByRole('status');
  await expect(status).toContainText('list of files was not recognized', { timeout: 10_000 });
  await expect(status).toContainText('nothing was downloaded');
  await expect(page.getByRole('button', { name: /Admin API/ })).toHaveCount(0);
  expect(downloads).toEqual([]);
  expect(requests).toEqual([]);
  expect(pageErrors).toEqual([]);

  // The modal is as the dashboard left it: a user's own click still downloads its file.
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText('2026-06-01 – 2026-07-01')).toBeVisible();
  const own = page.waitForEvent('download');
  await dialog.locator('[tabindex="0"]').nth(1).click();
  expect((await own).suggestedFilename()).toBe('cost_2026-06-01_2026-07-01.csv');
  await expect(page.getByRole('button', { name: 'Download all as ZIP' })).toBeVisible();
});

test('a row whose click delivers nothing is named in the panel within seconds', async ({ context, servePlatform, pageErrors }) => {
  test.setTimeout(90_000);
  await servePlatform();
  await serveExports(context);
  const page = await context.newPage();
  const downloads: Download[] = [];
  page.on('download', (download) => downloads.push(download));
  await openExportModal(page, { delivery: 'blob', silent: [1] }, 'windows');
  await page.getByRole('button', { name: 'Download all as ZIP' }).click();

  const status = page.getByRole('status');
  await expect(status).toContainText('Nothing arrived for Jun 1, 2026 – Jul 1, 2026 after the click', { timeout: 10_000 });
  // After its retries the run stops there, names it, and saves nothing until asked.
  await expect(status).toContainText('1 of 4 rows failed after 3 attempts: Jun 1, 2026 – Jul 1, 2026 (Nothing arrived within 6 s', { timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'Retry failed downloads' })).toBeVisible();
  expect(downloads).toEqual([]);
  expect(pageErrors).toEqual([]);
});

test('with an admin key set, rows it cannot recognize offer the accounting export from the Admin API instead', async ({
  context,
  servePlatform,
  extensionId,
}) => {
  await serveAdminApi(context, { validKey: FIXTURE_ADMIN_KEY });
  await saveAdminKey(context, extensionId);
  await servePlatform();
  await serveExports(context);
  const page = await context.newPage();
  await openExportModal(page, { delivery: 'blob' }, 'opaque');
  await page.getByRole('button', { name: 'Download all as ZIP' }).click();
  await expect(page.getByRole('status')).toContainText('list of files was not recognized', { timeout: 10_000 });

  const offer = page.getByRole('button', { name: 'Export 2026 from the Admin API' });
  await expect(offer).toBeVisible();
  const opened = context.waitForEvent('page');
  await offer.click();
  const exportPage = await opened;
  // The page's organization id goes along: with several keys it picks that organization's own.
  expect(exportPage.url()).toBe(`chrome-extension://${extensionId}/export.html?year=2026&scope=organization&org=Acme+Corp&orgId=org-FixtureAcme`);
});

for (const delivery of CATCHABLE) {
  test(`every file delivered by "${delivery}" is caught byte for byte, and nothing reaches Downloads but the ZIP`, async ({
    context,
    servePlatform,
    pageErrors,
  }) => {
    await servePlatform();
    const { served, requests } = await serveExports(context, { latencyMs: () => 30 + Math.random() * 120 });
    const page = await context.newPage();
    const downloads: Download[] = [];
    page.on('download', (download) => downloads.push(download));
    await openExportModal(page, { start: '2024-01', end: '2024-04', delivery });
    const saved = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download all as ZIP' }).click();
    const download = await saved;

    const { entries, manifest } = await unzip(download);
    const expected = monthFiles(2024, 4);
    expect([...entries.keys()].sort()).toEqual([...expected, 'manifest.json'].sort());
    for (const name of expected) expect(entries.get(name)?.equals(served.get(name) as Buffer), name).toBe(true);
    expect(manifest.complete).toBe(true);
    expect(new Set(manifest.files.map((file: { source: string }) => file.source))).toEqual(new Set([SOURCE[delivery]]));
    // Each file asked of the server once: nothing was retried, nothing fetched twice.
    expect(requests.sort()).toEqual(expected);
    // Late revocations and slow deliveries have had their time: still only the ZIP.
    await page.waitForTimeout(delivery === 'blob-late' ? 4500 : 500);
    expect(downloads.map((item) => item.suggestedFilename())).toEqual([download.suggestedFilename()]);
    await expect(page).toHaveURL(/\/usage\?export=months$/);
    expect(pageErrors).toEqual([]);
  });
}

test('a delivery it cannot catch (a file on another site) fails its row once, named, with nothing in Downloads', async ({
  context,
  servePlatform,
  pageErrors,
}) => {
  await servePlatform();
  await serveExports(context);
  const page = await context.newPage();
  const downloads: Download[] = [];
  page.on('download', (download) => downloads.push(download));
  await openExportModal(page, { start: '2024-01', end: '2024-03', delivery: 'cross-origin' });
  await page.getByRole('button', { name: 'Download all as ZIP' }).click();

  const status = page.getByRole('status');
  await expect(status).toContainText('3 of 3 months failed after 1 attempt: January 2024 (The dashboard delivered this row', { timeout: 15_000 });
  await expect(status).toContainText('by window.open of https://files.example.test/__export/cost_2024-01-01_2024-01-31.csv');
  await expect(status).toContainText('not tried again');
  await page.waitForTimeout(1000);
  expect(downloads).toEqual([]);
  await expect(page).toHaveURL(/\/usage\?export=months$/);
  // The browser logs the refused request to the other site, and nothing else.
  expect(pageErrors.filter((error) => !error.includes('net::ERR_INTERNET_DISCONNECTED'))).toEqual([]);
});

test('the archive and its manifest follow the Usage page’s own selection, not the top bar’s project', async ({ context, servePlatform }) => {
  await servePlatform();
  await serveExports(context);
  const page = await context.newPage();
  await openExportModal(page, { start: '2024-01', end: '2024-03', delivery: 'blob' }, 'months', { shape: 'combobox', shows: 'Sandbox' });
  const saved = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download all as ZIP' }).click();
  const download = await saved;
  expect(download.suggestedFilename()).toBe('openai-usage_acme-corp_sandbox_2024-01_2024-03.zip');
  const { manifest } = await unzip(download);
  expect(manifest.project).toBe('Sandbox');
  expect(manifest.scope).toMatchObject({ shown: 'Sandbox', allProjects: false, topBarProject: 'Production', source: 'usage-page-selector' });
  await expect(page.getByRole('status')).toContainText('Scope: Sandbox, as the Usage page’s own project selector shows.');
});

test('without a recognizable page selector the archive names no project, and the panel and manifest say why', async ({ context, servePlatform }) => {
  await servePlatform();
  await serveExports(context);
  const page = await context.newPage();
  await openExportModal(page, { start: '2024-01', end: '2024-03', delivery: 'blob' }, 'months', { shape: 'none' });
  const saved = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download all as ZIP' }).click();
  const download = await saved;
  expect(download.suggestedFilename()).toBe('openai-usage_acme-corp_2024-01_2024-03.zip');
  const { manifest } = await unzip(download);
  expect(manifest.project).toBeNull();
  expect(manifest.scope).toMatchObject({ shown: null, topBarProject: 'Production', source: 'not-recognized' });
  await expect(page.getByRole('status')).toContainText('The Usage page’s own project selector was not recognized, so the archive names no project.');
});
