import { saveAdminKey } from '../e2e/admin-key';
import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { testNow } from '../e2e/clock';
import { fixtureLineItems, fixtureProjects, serveAccountingAdminApi } from '../e2e/fixtures/api/accounting-admin-api';
import { test } from '../e2e/harness';
import { expectedRequestCount, fewestRequests, planAccountingExport } from '../lib/accounting-export/request-plan';

import type { BrowserContext } from '@playwright/test';

// Figures are printed, never asserted: timing on a shared 2-core machine is not a test.
// Each time is also given as a ratio to a baseline measured first in the same run: the
// smallest export there is (one day, one project: one request per endpoint), at the same
// latency, so the ratio says what the year's requests and files cost on top of the page,
// the key and the ZIP, whatever the machine's speed. The request count is compared with
// the fewest possible.

const LATENCY_MS = 250;
const YEAR = new Date(testNow()).getUTCFullYear() - 1;
/** Projects × line items per day: 200 projects keep to 2 line items so the archive stays a bench, not a load test. */
const RUNS = [
  { projects: 1, lineItems: 10 },
  { projects: 20, lineItems: 10 },
  { projects: 200, lineItems: 2 },
];
const BASELINE_DAY = `${YEAR}-06-01`;

/** Saves a key, opens the export page on `query` and times the click to the saved ZIP. */
async function timeExport(context: BrowserContext, extensionId: string, projects: number, lineItems: number, query: string) {
  const key = 'sk-admin-BenchAccountingKey0123456789';
  const api = await serveAccountingAdminApi(context, {
    validKey: key,
    projects: fixtureProjects(projects),
    lineItems: fixtureLineItems(lineItems),
    latencyMs: LATENCY_MS,
  });
  await saveAdminKey(context, extensionId, { key, timeout: 30_000 });
  const before = api.pageRequests.length;
  const page = await context.newPage();
  const downloaded = page.waitForEvent('download', { timeout: 280_000 });
  const started = performance.now();
  await page.goto(`chrome-extension://${extensionId}/export.html?${query}&scope=organization`);
  const download = await downloaded;
  const seconds = (performance.now() - started) / 1000;
  return { api, before, download, seconds };
}

// The rows divide by the baseline, so they run after it, in order, in one worker.
test.describe.configure({ mode: 'serial' });
let baselineSeconds: number | null = null;

test(`baseline: accounting export of one day (${BASELINE_DAY}), 1 project × 10 line items, ${LATENCY_MS} ms per request`, async ({ context, extensionId }) => {
  const { api, before, download, seconds } = await timeExport(context, extensionId, 1, 10, `from=${BASELINE_DAY}&to=${BASELINE_DAY}`);
  const made = api.pageRequests.slice(before).filter((url) => url.pathname !== '/v1/organization/projects' || url.searchParams.get('include_archived') === 'true');
  const plan = planAccountingExport({ period: { kind: 'range', start: BASELINE_DAY, endInclusive: BASELINE_DAY }, scope: 'organization' });
  const zip = await JSZip.loadAsync(await readFile((await download.path())!));
  baselineSeconds = seconds;
  console.log(`baseline (one day, 1 project × 10 line items, every capability, fixture latency ${LATENCY_MS} ms):
  requests: about ${made.length} (the worker's refresh may add some); fewest possible ${fewestRequests(plan, 1).total}
  click to saved ZIP: ${seconds.toFixed(2)} s = 1.00 × baseline (${Object.keys(zip.files).length} entries)`);
  await context.unrouteAll({ behavior: 'ignoreErrors' });
});

for (const { projects, lineItems } of RUNS) {
  test(`accounting export of ${YEAR} with every capability: ${projects} projects × ${lineItems} line items, ${LATENCY_MS} ms per request`, async ({
    context,
    extensionId,
  }) => {
    const { api, before, download, seconds } = await timeExport(context, extensionId, projects, lineItems, `year=${YEAR}`);
    const yearStart = Date.UTC(YEAR, 0, 1) / 1000;
    const yearEnd = Date.UTC(YEAR + 1, 0, 1) / 1000;

    // The worker's refresh may run meanwhile (and list projects too): count only the export page's requests of the year.
    const made = api.pageRequests.slice(before).filter((url) => {
      if (url.pathname === '/v1/organization/projects') return url.searchParams.get('include_archived') === 'true';
      const start = Number(url.searchParams.get('start_time'));
      return start >= yearStart && start < yearEnd;
    });
    const count = (test: (path: string) => boolean) => made.filter((url) => test(url.pathname)).length;
    const plan = planAccountingExport({ period: { kind: 'year', year: YEAR }, scope: 'organization' });
    const planned = expectedRequestCount(plan, projects);
    const fewest = fewestRequests(plan, projects);
    const bytes = await readFile((await download.path())!);
    const zip = await JSZip.loadAsync(bytes);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as { reconciliation: { matches: boolean }; focus: { valid: boolean } };
    const ratio = baselineSeconds === null ? 'no baseline (it did not run)' : `${(seconds / baselineSeconds).toFixed(2)} × baseline`;
    console.log(`accounting export of ${YEAR}, ${projects} projects × ${lineItems} line items, every capability, fixture latency ${LATENCY_MS} ms:
  requests: ${made.length} (costs ${count((p) => p.endsWith('/costs'))}, usage ${count((p) => p.includes('/usage/'))} over 10 capabilities, projects ${count((p) => p.endsWith('/projects'))}); planned ${planned.total}; fewest possible ${fewest.total} (costs ${fewest.costs}, usage ${fewest.usage}, projects ${fewest.projects}); ${(made.length / fewest.total).toFixed(2)} × fewest
  click to saved ZIP: ${seconds.toFixed(2)} s = ${ratio} (${Object.keys(zip.files).length} entries, ${(bytes.byteLength / 1024).toFixed(0)} KiB); FOCUS valid: ${manifest.focus.valid}; reconciled: ${manifest.reconciliation.matches}`);
    // The worker's own refreshes (the key was saved) may still be asking: not into a closed context.
    await context.unrouteAll({ behavior: 'ignoreErrors' });
  });
}
