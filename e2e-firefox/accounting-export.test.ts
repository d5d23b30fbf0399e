import { readFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { testNow } from '../e2e/clock';
import { CAPABILITY_COUNTS, serveAccountingAdminApi } from '../e2e/fixtures/api/accounting-admin-api';
import { focusProblems } from '../lib/accounting-export/focus-validate';
import { reconcile } from '../lib/accounting-export/reconcile';
import { launchFirefox, waitForDownload, waitForText, type FirefoxSession } from './firefox';

let firefox: FirefoxSession;
beforeEach(async () => {
  firefox = await launchFirefox();
});
afterEach(async () => firefox?.close());

const KEY = 'sk-admin-AccountingExportFirefox0123456789';
const PROJECTS = [
  { id: 'proj_Production01', name: 'Production' },
  { id: 'proj_Sandbox02', name: 'Sandbox' },
];
const YEAR = new Date(testNow()).getUTCFullYear() - 1;
const CAPABILITIES = ['completions', ...Object.keys(CAPABILITY_COUNTS)];

test('a full fixture year with every capability exports, its FOCUS file validates and its totals reconcile', { timeout: 150_000 }, async () => {
  const api = await serveAccountingAdminApi(firefox.context, { validKey: KEY, projects: PROJECTS, lineItems: ['gpt-4o-mini, input', 'gpt-4o-mini, output'] });

  const options = await firefox.openExtensionPage('options.html');
  await options.locator('::-p-aria(Admin key)').fill(KEY);
  await options.locator('::-p-aria(Verify and save[role="button"])').click();
  await waitForText(options, '[data-testid="key-outcome"]', (value) => /Verified and saved/.test(value));

  const before = api.requests.length;
  const page = await firefox.openExtensionPage(`export.html?year=${YEAR}&scope=organization&org=Fixture%20Org&orgId=org-fixture`);
  const saved = await waitForDownload(firefox.downloadDir, { page, pageErrors: firefox.pageErrors, timeoutMs: 120_000 });
  expect(path.basename(saved)).toBe(`openai-costs_fixture-org_${YEAR}.zip`);
  await waitForText(page, '[data-testid="export-saved"]', (value) => value.includes('135 files'));

  const zip = await JSZip.loadAsync(await readFile(saved));
  const names = Object.keys(zip.files);
  const text = (name: string) => zip.file(name)!.async('string');
  expect(names).toHaveLength(135);
  for (const capability of CAPABILITIES) expect(names.filter((name) => name.startsWith(`${capability}_usage_${YEAR}-`)), capability).toHaveLength(12);
  expect(names.filter((name) => name.startsWith('cost_'))).toHaveLength(12);

  const focus = await text('focus-1.2_costs.csv');
  expect(focusProblems(focus)).toEqual([]);
  const checked = reconcile({
    summaryCsv: await text('summary.csv'),
    costCsvs: await Promise.all(names.filter((name) => name.startsWith('cost_')).map(text)),
    focusCsv: focus,
  });
  expect(checked.matches).toBe(true);
  expect(checked.byMonth).toHaveLength(12);
  const days = (Date.UTC(YEAR + 1, 0, 1) - Date.UTC(YEAR, 0, 1)) / 86_400_000;
  // Every day costs 0.01 + 0.02 (Production) + 0.02 + 0.04 (Sandbox): $0.09, exactly.
  expect(checked.totals).toEqual([{ currency: 'usd', summary: days * 90_000, costFiles: days * 90_000, focus: days * 90_000, summaryTotalRow: days * 90_000 }]);

  const manifest = JSON.parse(await text('manifest.json'));
  expect(manifest).toMatchObject({ complete: true, failures: [], unreadable: [], capabilities: CAPABILITIES, focus: { version: '1.2', valid: true } });
  expect(manifest.reconciliation).toEqual(JSON.parse(JSON.stringify(checked)));
  // 3 cost requests, 12 per capability, 1 project list.
  const made = api.requests.slice(before).filter((url) => {
    if (url.pathname === '/v1/organization/projects') return url.searchParams.get('include_archived') === 'true';
    const start = Number(url.searchParams.get('start_time'));
    return start >= Date.UTC(YEAR, 0, 1) / 1000 && start < Date.UTC(YEAR + 1, 0, 1) / 1000;
  });
  expect(made).toHaveLength(124);
  expect(firefox.pageErrors).toEqual([]);
});
