import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { BrowserContext, Download, Page } from '@playwright/test';
import JSZip from 'jszip';
import { CAPABILITY_COUNTS, capabilityCount, serveAccountingAdminApi, type AccountingApiFixture, type AccountingApiOptions } from './fixtures/api/accounting-admin-api';
import { focusProblems } from '../lib/accounting-export/focus-validate';
import { reconcile } from '../lib/accounting-export/reconcile';
import { saveAdminKey } from './admin-key';
import { money, testNow } from './clock';
import { expect, test } from './harness';

const KEY = 'sk-admin-AccountingExportFixtureKey0123456789';
const PROJECTS = [
  { id: 'proj_Production01', name: 'Production' },
  { id: 'proj_Sandbox02', name: 'Sandbox' },
];
const LINE_ITEMS = ['gpt-4o-mini, input', 'gpt-4o-mini, output'];
const YEAR = new Date(testNow()).getUTCFullYear() - 1;
const DAY = 86_400;
const pad = (n: number) => String(n).padStart(2, '0');
const daysIn = (month: number) => new Date(Date.UTC(YEAR, month, 0)).getUTCDate();
const MONTHS = Array.from({ length: 12 }, (_, i) => ({
  key: `${YEAR}-${pad(i + 1)}`,
  from: `${YEAR}-${pad(i + 1)}-01`,
  to: `${YEAR}-${pad(i + 1)}-${pad(daysIn(i + 1))}`,
  start: Date.UTC(YEAR, i, 1) / 1000,
}));
const march = MONTHS[2]!;

async function readZip(download: Download) {
  const zip = await JSZip.loadAsync(await readFile((await download.path())!));
  const entries = Object.keys(zip.files).sort();
  const bytes = async (name: string) => zip.file(name)!.async('uint8array');
  const text = async (name: string) => new TextDecoder().decode(await bytes(name));
  return { entries, bytes, text, manifest: JSON.parse(await text('manifest.json')) as Manifest };
}

interface Manifest {
  complete: boolean;
  warning: string | null;
  year: number | null;
  period: { asked: Record<string, unknown>; label: string; days: { start: string; endInclusive: string } };
  capabilities: string[];
  unreadable: { capability: string; status: number; message: string | null }[];
  focus: { version: string; fileName: string; valid: boolean; problems: string[] };
  reconciliation: { matches: boolean; byMonth: { month: string; summary: number; costFiles: number; focus: number }[]; byProject: { projectId: string; summary: number }[] };
  scope: unknown;
  organization: string | null;
  files: { fileName: string; size: number; sha256: string }[];
  failures: { dataset: string; month: string | null; error: string }[];
  requests: { endpoint: string; params: Record<string, unknown>; months: string[]; asked?: Record<string, unknown>; answered?: unknown }[];
  notes: string[];
}

/** The dashboard's cost file for a month, every day alike: 2 projects × 2 line items. */
function expectedCostCsv(month: (typeof MONTHS)[number]): string {
  const iso = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', '+00:00');
  const lines = [
    'start_time,end_time,start_time_iso,end_time_iso,amount_value,amount_currency,quantity,quantity_unit,line_item,user_id,api_key_id,project_id,organization_id,project_name,organization_name,user_email,api_source',
  ];
  for (let day = 0; day < daysIn(MONTHS.indexOf(month) + 1); day++) {
    const start = month.start + day * DAY;
    PROJECTS.forEach((project, k) =>
      LINE_ITEMS.forEach((item, j) =>
        lines.push(
          `${start},${start + DAY},${iso(start)},${iso(start + DAY)},${((k + 1) * (j + 1)) / 100},usd,${1000 * (j + 1)},tokens,"${item}",,key_${project.id},${project.id},org-fixture,${project.name},Fixture Org,,`,
        ),
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

const CAPABILITIES = ['completions', ...Object.keys(CAPABILITY_COUNTS)];
const exportUrl = (extensionId: string, period = `year=${YEAR}`) =>
  `chrome-extension://${extensionId}/export.html?${period}&scope=organization&org=Fixture%20Org&orgId=org-fixture`;

async function startExport(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(exportUrl(extensionId));
  return page;
}

/** Serves the year, saves the key in options, opens the export page (for `period`, a URL query) and waits for its ZIP. */
async function exportOnce(context: BrowserContext, extensionId: string, api: Partial<AccountingApiOptions> = {}, period?: string) {
  const fixture = await serveAccountingAdminApi(context, { validKey: KEY, projects: PROJECTS, lineItems: LINE_ITEMS, ...api });
  await saveAdminKey(context, extensionId, { key: KEY });
  const before = fixture.requests.length;
  const page = await context.newPage();
  const downloaded = page.waitForEvent('download');
  await page.goto(exportUrl(extensionId, period));
  return { api: fixture, before, page, download: await downloaded };
}

/** The FOCUS file holds to the rules, and summary, cost and FOCUS files sum alike per month and project, as the manifest says. */
async function expectValidAndReconciled(zip: Awaited<ReturnType<typeof readZip>>) {
  const focus = await zip.text('focus-1.2_costs.csv');
  expect(focusProblems(focus)).toEqual([]);
  expect(zip.manifest.focus).toEqual({ version: '1.2', fileName: 'focus-1.2_costs.csv', valid: true, problems: [] });
  const costCsvs = await Promise.all(zip.entries.filter((name) => name.startsWith('cost_')).map((name) => zip.text(name)));
  const checked = reconcile({ summaryCsv: await zip.text('summary.csv'), costCsvs, focusCsv: focus });
  expect(checked.matches).toBe(true);
  expect(zip.manifest.reconciliation).toEqual(JSON.parse(JSON.stringify(checked)));
  return checked;
}

const yearRequests = (api: AccountingApiFixture, from = 0) =>
  api.requests.slice(from).filter((url) => {
    const start = Number(url.searchParams.get('start_time'));
    return url.pathname === '/v1/organization/projects'
      ? url.searchParams.get('include_archived') === 'true'
      : start >= MONTHS[0]!.start && start < Date.UTC(YEAR + 1, 0, 1) / 1000;
  });

test('one click exports the year with every capability: 12 months × 11 CSVs, summary, FOCUS and manifest, in 124 requests; FOCUS valid, totals reconciled', async ({ context, extensionId, pageErrors }) => {
  const { api, before, page, download } = await exportOnce(context, extensionId);
  expect(download.suggestedFilename()).toBe(`openai-costs_fixture-org_${YEAR}.zip`);
  await expect(page.getByTestId('export-saved')).toContainText(`Saved openai-costs_fixture-org_${YEAR}.zip: 135 files`);
  await expect(page.getByTestId('export-focus')).toContainText('validates against the column rules');
  await expect(page.getByTestId('export-reconciliation')).toContainText('Totals reconcile to the micro-unit');
  await expect(page.getByTestId('export-unreadable')).toHaveCount(0);

  const zip = await readZip(download);
  expect(zip.entries).toEqual(
    [
      ...MONTHS.map((m) => `cost_${m.from}_${m.to}.csv`),
      ...CAPABILITIES.flatMap((capability) => MONTHS.map((m) => `${capability}_usage_${m.from}_${m.to}.csv`)),
      'focus-1.2_costs.csv',
      'manifest.json',
      'summary.csv',
    ].sort(),
  );
  // Each capability's file has its own columns, filled from its results.
  const images = (await zip.text(`images_usage_${march.from}_${march.to}.csv`)).split('\n');
  expect(images[0]).toBe('start_time,end_time,start_time_iso,end_time_iso,project_id,num_model_requests,user_id,api_key_id,model,size,source,images');
  expect(images[2]).toBe(
    `${march.start},${march.start + DAY},${march.from}T00:00:00+00:00,${march.from.slice(0, 8)}02T00:00:00+00:00,proj_Sandbox02,${capabilityCount('images', 'num_model_requests', 1)}.0,user-fixture,key_proj_Sandbox02,images-model,1024x1024,image.generation,${capabilityCount('images', 'images', 1)}.0`,
  );
  const stores = (await zip.text(`vector_stores_usage_${march.from}_${march.to}.csv`)).split('\n');
  expect(stores.slice(0, 2)).toEqual([
    'start_time,end_time,start_time_iso,end_time_iso,project_id,usage_bytes',
    `${march.start},${march.start + DAY},${march.from}T00:00:00+00:00,${march.from.slice(0, 8)}02T00:00:00+00:00,proj_Production01,${capabilityCount('vector_stores', 'usage_bytes', 0)}.0`,
  ]);
  const reconciled = await expectValidAndReconciled(zip);
  expect(reconciled.byMonth.map((line) => line.month)).toEqual(MONTHS.map((m) => m.key));
  // Production costs 0.01 + 0.02 a day, Sandbox 0.02 + 0.04, exactly.
  const days = (Date.UTC(YEAR + 1, 0, 1) - Date.UTC(YEAR, 0, 1)) / 1000 / DAY;
  expect(reconciled.byProject.map((line) => [line.projectId, line.focus])).toEqual([
    ['proj_Production01', days * 30_000],
    ['proj_Sandbox02', days * 60_000],
  ]);
  expect(await zip.text(`cost_${march.from}_${march.to}.csv`)).toBe(expectedCostCsv(march));
  const usage = (await zip.text(`completions_usage_${march.from}_${march.to}.csv`)).split('\n');
  expect(usage).toHaveLength(1 + 31 * 2 + 1);
  expect(usage[2]).toBe(
    `${march.start},${march.start + DAY},${march.from}T00:00:00+00:00,${march.from.slice(0, 8)}02T00:00:00+00:00,proj_Sandbox02,2.0,,key_proj_Sandbox02,gpt-4o-mini,FALSE,default,200.0,20.0,40.0,,,,,,,,,,`,
  );

  // Every day costs 0.01 + 0.02 + 0.02 + 0.04 = $0.09.
  const summary = (await zip.text('summary.csv')).trimEnd().split('\n');
  expect(summary[0]).toBe('month,project_id,project_name,line_item,amount,currency');
  expect(summary[1]).toBe(`${MONTHS[0]!.key},proj_Production01,Production,"gpt-4o-mini, input",0.31,usd`);
  expect(summary).toHaveLength(1 + 12 * 4 + 1);
  expect(summary.at(-1)).toBe(`TOTAL,,,,${((days * 9) / 100).toFixed(2)},usd`);

  const { manifest } = zip;
  expect(manifest).toMatchObject({ complete: true, warning: null, year: YEAR, scope: { kind: 'organization' }, organization: 'Fixture Org', failures: [], unreadable: [] });
  expect(manifest.capabilities).toEqual(CAPABILITIES);
  expect(manifest.requests).toHaveLength(3 + 120);
  expect(manifest.requests[0]).toEqual({
    endpoint: '/v1/organization/costs',
    params: { start_time: MONTHS[0]!.start, end_time: MONTHS[5]!.start, bucket_width: '1d', group_by: ['project_id', 'line_item', 'api_key_id'], limit: 180 },
    months: MONTHS.slice(0, 5).map((m) => m.key),
  });
  expect(manifest.requests[3]).toMatchObject({ endpoint: '/v1/organization/usage/completions', params: { start_time: MONTHS[0]!.start, limit: 31 } });
  expect(manifest.requests.find((request) => request.endpoint === '/v1/organization/usage/web_search_calls')).toMatchObject({
    params: { group_by: ['project_id', 'user_id', 'api_key_id', 'model', 'context_level'], limit: 31 },
  });
  expect(manifest.files).toHaveLength(134);
  for (const file of manifest.files) {
    const bytes = await zip.bytes(file.fileName);
    expect(bytes.byteLength, file.fileName).toBe(file.size);
    expect(createHash('sha256').update(bytes).digest('hex'), file.fileName).toBe(file.sha256);
  }

  // 3 cost requests (≤ 180 daily buckets each), 12 monthly requests per capability, 1 project list.
  const made = yearRequests(api, before).map((url) => url.pathname.replace('/v1/organization/', ''));
  expect(made.filter((p) => p === 'costs')).toHaveLength(3);
  for (const capability of CAPABILITIES) expect(made.filter((p) => p === `usage/${capability}`), capability).toHaveLength(12);
  expect(made.filter((p) => p === 'projects')).toHaveLength(1);
  expect(made).toHaveLength(124);
  expect(pageErrors).toEqual([]);
});

test('a month that keeps failing is listed; Save incomplete gives …_INCOMPLETE.zip marked complete: false', async ({ context, extensionId }) => {
  const api = await serveAccountingAdminApi(context, { validKey: KEY, projects: PROJECTS, lineItems: LINE_ITEMS });
  await saveAdminKey(context, extensionId, { key: KEY });
  api.failWhen({ status: 500, matches: (url) => url.pathname.endsWith('/usage/completions') && url.searchParams.get('start_time') === String(march.start) });
  const page = await startExport(context, extensionId);
  await expect(page.getByTestId('export-failures')).toHaveText(`Completions usage, ${march.key}: server: HTTP 500: The server had an error`, { timeout: 30_000 });
  const marchRequests = yearRequests(api).filter((url) => url.searchParams.get('start_time') === String(march.start) && url.pathname.endsWith('/completions'));
  expect(marchRequests.length).toBeGreaterThan(1);

  const downloaded = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save incomplete ZIP' }).click();
  const download = await downloaded;
  expect(download.suggestedFilename()).toBe(`openai-costs_fixture-org_${YEAR}_INCOMPLETE.zip`);
  const zip = await readZip(download);
  expect(zip.entries).toHaveLength(135 - 1);
  expect(zip.entries).not.toContain(`completions_usage_${march.from}_${march.to}.csv`);
  expect(zip.manifest.complete).toBe(false);
  expect(zip.manifest.failures).toEqual([{ dataset: 'completions_usage', month: march.key, error: expect.stringMatching(/500/) }]);
  expect(zip.manifest.warning).toContain(`completions usage for ${march.key}`);
  await expect(page.getByTestId('export-saved')).toContainText('INCOMPLETE');
});

test('Retry failed months fetches only the failed month and saves the complete year', async ({ context, extensionId }) => {
  const api = await serveAccountingAdminApi(context, { validKey: KEY, projects: PROJECTS, lineItems: LINE_ITEMS });
  await saveAdminKey(context, extensionId, { key: KEY });
  api.failWhen({ status: 500, matches: (url) => url.pathname.endsWith('/usage/completions') && url.searchParams.get('start_time') === String(march.start) });
  const page = await startExport(context, extensionId);
  await expect(page.getByTestId('export-failures')).toContainText(march.key, { timeout: 30_000 });

  api.failWhen(null);
  const before = api.requests.length;
  const downloaded = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Retry failed months' }).click();
  const download = await downloaded;
  expect(download.suggestedFilename()).toBe(`openai-costs_fixture-org_${YEAR}.zip`);
  expect(yearRequests(api, before).map((url) => `${url.pathname} ${url.searchParams.get('start_time')}`)).toEqual([
    `/v1/organization/usage/completions ${march.start}`,
  ]);
  const zip = await readZip(download);
  expect(zip.entries).toHaveLength(135);
  expect(zip.manifest.complete).toBe(true);
  await expectValidAndReconciled(zip);
});

test('a Costs API that answers group_by=api_key_id with a 400: asked again without it, keys filled from usage, the manifest says what was asked and answered', async ({ context, extensionId, pageErrors }) => {
  const { api, before, page, download } = await exportOnce(context, extensionId, { costsRefuseApiKeyGrouping: true });
  expect(download.suggestedFilename()).toBe(`openai-costs_fixture-org_${YEAR}.zip`);
  await expect(page.getByTestId('export-saved')).toContainText('135 files');

  const zip = await readZip(download);
  expect(zip.manifest.complete).toBe(true);
  // Usage names one key per project and model, so every cost row gets its key back.
  expect(await zip.text(`cost_${march.from}_${march.to}.csv`)).toBe(expectedCostCsv(march));
  const costRequests = zip.manifest.requests.filter((request) => request.endpoint === '/v1/organization/costs');
  expect(costRequests).toHaveLength(3);
  for (const request of costRequests) {
    expect(request.params.group_by).toEqual(['project_id', 'line_item']);
    expect(request.asked).toMatchObject({ group_by: ['project_id', 'line_item', 'api_key_id'], limit: 180 });
    expect(request.answered).toEqual({ status: 400, message: "Invalid value for 'group_by': only accepts 'project_id' and 'line_item'." });
  }
  expect(zip.manifest.notes.join('\n')).toContain('The Costs API refused group_by=api_key_id (HTTP 400');

  const costs = yearRequests(api, before).filter((url) => url.pathname.endsWith('/costs'));
  const askedForKeys = costs.filter((url) => url.searchParams.getAll('group_by').includes('api_key_id'));
  expect(askedForKeys.length).toBeGreaterThanOrEqual(1);
  expect(askedForKeys.length).toBeLessThanOrEqual(3);
  expect(costs.length - askedForKeys.length).toBe(3);
  expect(pageErrors.filter((message) => !message.includes('400'))).toEqual([]);
});

test('a capability the key may not read (403) is named on the page and in the manifest; the export completes without it', async ({ context, extensionId, pageErrors }) => {
  const { api, before, page, download } = await exportOnce(context, extensionId, { forbidden: ['audio_transcriptions'] });
  expect(download.suggestedFilename()).toBe(`openai-costs_fixture-org_${YEAR}.zip`);
  await expect(page.getByTestId('export-saved')).toContainText('123 files');
  const zip = await readZip(download);
  expect(zip.entries.filter((name) => name.startsWith('audio_transcriptions_'))).toEqual([]);
  expect(zip.manifest).toMatchObject({ complete: true, failures: [] });
  expect(zip.manifest.unreadable).toEqual([
    { capability: 'audio_transcriptions', status: 403, message: 'You have insufficient permissions for this operation. Missing scopes: api.usage.read' },
  ]);
  await expectValidAndReconciled(zip);
  // The page says it too: which capability, why, what would include it, and that the rest is complete.
  const unreadable = page.getByTestId('export-unreadable');
  await expect(unreadable).toHaveAttribute('role', 'status');
  await expect(unreadable).toContainText('The key may not read audio transcriptions usage (HTTP 403): it has no files in the ZIP.');
  await expect(unreadable.getByRole('listitem')).toHaveText(['Audio transcriptions usage: HTTP 403']);
  await expect(unreadable).toContainText('The Admin API said: You have insufficient permissions for this operation. Missing scopes: api.usage.read');
  await expect(unreadable).toContainText('export again with an admin key that may read usage (with the read scope for that endpoint). Apart from that, the archive is complete.');
  await expect(page.getByTestId('export-focus')).toHaveText('The FOCUS 1.2 file (focus-1.2_costs.csv) validates against the column rules.');
  // Production costs 0.03 a day and Sandbox 0.06: 0.09 a day over the year.
  const days = (Date.UTC(YEAR + 1, 0, 1) - Date.UTC(YEAR, 0, 1)) / 1000 / DAY;
  await expect(page.getByTestId('export-reconciliation')).toHaveText(
    `Totals reconcile to the micro-unit across summary.csv, the cost files and the FOCUS file: ${money((days * 9) / 100)}.`,
  );
  // Asked until the first 403 came back (at most the calls already in flight), never month by month.
  const asked = yearRequests(api, before).filter((url) => url.pathname.endsWith('/usage/audio_transcriptions'));
  expect(asked.length).toBeGreaterThanOrEqual(1);
  expect(asked.length).toBeLessThanOrEqual(3);
  expect(pageErrors.filter((message) => !message.includes('403'))).toEqual([]);
});

test('any period from the URL: a quarter, a fiscal year, a custom range; the archive names it', async ({ context, extensionId }) => {
  const { api, download } = await exportOnce(context, extensionId, {}, `quarter=${YEAR}-Q2`);
  expect(download.suggestedFilename()).toBe(`openai-costs_fixture-org_${YEAR}-Q2.zip`);
  const quarter = await readZip(download);
  expect(quarter.entries.filter((name) => name.startsWith('cost_'))).toEqual(MONTHS.slice(3, 6).map((m) => `cost_${m.from}_${m.to}.csv`));
  expect(quarter.entries).toHaveLength(3 * 11 + 3);
  expect(quarter.manifest.period).toEqual({
    asked: { kind: 'quarter', year: YEAR, quarter: 2 },
    label: `${YEAR}-Q2`,
    days: { start: MONTHS[3]!.from, endInclusive: MONTHS[5]!.to },
    lastDay: MONTHS[5]!.to,
    cutAtToday: false,
  });
  expect((await expectValidAndReconciled(quarter)).byMonth.map((line) => line.month)).toEqual(MONTHS.slice(3, 6).map((m) => m.key));

  const page = await context.newPage();
  const beforeRange = api.pageRequests.length;
  const rangeDownload = page.waitForEvent('download');
  await page.goto(exportUrl(extensionId, `from=${YEAR}-01-15&to=${YEAR}-02-14`));
  const range = await readZip(await rangeDownload);
  expect((await rangeDownload).suggestedFilename()).toBe(`openai-costs_fixture-org_${YEAR}-01-15_${YEAR}-02-14.zip`);
  expect(range.entries).toContain(`cost_${YEAR}-01-15_${YEAR}-01-31.csv`);
  expect(range.entries).toContain(`embeddings_usage_${YEAR}-02-01_${YEAR}-02-14.csv`);
  await expectValidAndReconciled(range);
  // 31 days: one request per capability (a 31-day window across the month end), one for costs, one project list.
  const rangeRequests = api.pageRequests.slice(beforeRange).map((url) => `${url.pathname.replace('/v1/organization/', '')} ${url.searchParams.get('start_time') ?? ''}`);
  const rangeStart = String(Date.UTC(YEAR, 0, 15) / 1000);
  expect(rangeRequests.sort()).toEqual(['costs', ...CAPABILITIES.map((capability) => `usage/${capability}`)].map((path) => `${path} ${rangeStart}`).concat('projects ').sort());

  // A fiscal year from April of the year before.
  const fiscalStart = `${YEAR - 1}-04`;
  const fiscalPage = await context.newPage();
  const fiscalDownload = fiscalPage.waitForEvent('download');
  await fiscalPage.goto(exportUrl(extensionId, `fiscal=${fiscalStart}`));
  expect((await fiscalDownload).suggestedFilename()).toBe(`openai-costs_fixture-org_FY${fiscalStart}_${YEAR}-03.zip`);
  const fiscal = await readZip(await fiscalDownload);
  expect(fiscal.manifest.year).toBeNull();
  expect(fiscal.entries.filter((name) => name.startsWith('cost_'))).toHaveLength(12);
  await expectValidAndReconciled(fiscal);
});

test('an export page URL that names no usable period says why', async ({ context, extensionId }) => {
  const page = await context.newPage();
  await page.goto(exportUrl(extensionId, `quarter=${YEAR}-Q7`));
  await expect(page.getByTestId('export-error')).toContainText(`"${YEAR}-Q7" is not a quarter`);
});

test('the popup exports the chosen year and scope in a tab of its own', async ({ context, extensionId }) => {
  await serveAccountingAdminApi(context, { validKey: KEY, projects: PROJECTS, lineItems: LINE_ITEMS });
  await saveAdminKey(context, extensionId, { key: KEY });
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.getByLabel('Year to export').selectOption(String(YEAR - 1));
  await popup.getByLabel('Organization or project to export').selectOption('proj_Sandbox02');
  const opened = context.waitForEvent('page');
  await popup.getByRole('button', { name: `Export ${YEAR - 1} as ZIP` }).click();
  const exportPage = await opened;
  await exportPage.waitForURL(/export\.html/);
  const url = new URL(exportPage.url());
  expect(url.searchParams.get('year')).toBe(String(YEAR - 1));
  expect(url.searchParams.get('scope')).toBe('proj_Sandbox02');
  await expect(exportPage.getByRole('heading', { level: 1 })).toHaveText(`Export ${YEAR - 1} as ZIP: project Sandbox`);
});

test('the popup exports a quarter: the export page gets it in its URL', async ({ context, extensionId }) => {
  await serveAccountingAdminApi(context, { validKey: KEY, projects: PROJECTS, lineItems: LINE_ITEMS });
  await saveAdminKey(context, extensionId, { key: KEY });
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.getByLabel('Period to export').selectOption('quarter');
  await popup.getByLabel('Quarter to export').selectOption('4');
  await popup.getByLabel('Year of the quarter').selectOption(String(YEAR));
  const opened = context.waitForEvent('page');
  await popup.getByRole('button', { name: `Export ${YEAR}-Q4 as ZIP` }).click();
  const exportPage = await opened;
  await exportPage.waitForURL(/export\.html/);
  expect(new URL(exportPage.url()).searchParams.get('quarter')).toBe(`${YEAR}-Q4`);
  await expect(exportPage.getByRole('heading', { level: 1 })).toHaveText(`Export ${YEAR}-Q4 as ZIP: the whole organization`);
});

test('without an admin key the export page says so and links to the options', async ({ context, extensionId }) => {
  const page = await startExport(context, extensionId);
  await expect(page.getByTestId('export-no-key')).toContainText('No admin key is saved');
  const opened = context.waitForEvent('page');
  await page.getByRole('link', { name: 'options' }).click();
  expect((await opened).url()).toContain('options.html');
});

test('the month under way is exported to today (UTC) and named so, never as the whole month', async ({ context, extensionId }) => {
  const today = new Date(testNow()).toISOString().slice(0, 10);
  const month = today.slice(0, 7);
  const [y = 0, m = 1] = month.split('-').map(Number);
  const lastOfMonth = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  // On the month's last day the whole month is there; before it, the archive says where it stops.
  const cut = today === lastOfMonth ? null : today;
  const { page, download } = await exportOnce(context, extensionId, {}, `month=${month}`);
  const name = `openai-costs_fixture-org_${month}${cut === null ? '' : `_to-${cut}`}.zip`;
  expect(download.suggestedFilename()).toBe(name);
  await expect(page.getByTestId('export-saved')).toContainText(`Saved ${name}`);
  if (cut === null) await expect(page.getByTestId('export-cut')).toHaveCount(0);
  else await expect(page.getByTestId('export-cut')).toContainText(`the export covers it only to today, ${cut} (UTC)`);
  const zip = await readZip(download);
  expect(zip.manifest.period).toEqual({
    asked: { kind: 'month', month },
    label: cut === null ? month : `${month}_to-${cut}`,
    days: { start: `${month}-01`, endInclusive: lastOfMonth },
    lastDay: today,
    cutAtToday: cut !== null,
  });
  expect(zip.entries.filter((entry) => entry.startsWith('cost_'))).toEqual([`cost_${month}-01_${today}.csv`]);
  const total = (await zip.text('summary.csv')).trimEnd().split('\n').at(-1);
  expect(total).toMatch(cut === null ? /^TOTAL,/ : new RegExp(`^"?TOTAL so far \\(to ${cut}\\)"?,`));
  await expectValidAndReconciled(zip);
});
