import { saveAdminKey } from '../e2e/admin-key';
import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { fixtureLineItems, fixtureProjects, serveYearlyAdminApi } from '../e2e/fixtures/api/yearly-admin-api';
import { test } from '../e2e/harness';
import { expectedRequestCount, planYearlyExport } from '../lib/yearly-export/request-plan';

// Figures are printed, never asserted: timing on a shared 2-core machine is not a test.

const KEY = 'sk-admin-BenchYearlyKey0123456789';
const LATENCY_MS = 250;
const PROJECTS = 20;
const LINE_ITEMS = 10;
const YEAR = new Date().getUTCFullYear() - 1;

test(`yearly export of ${YEAR}: ${PROJECTS} projects × ${LINE_ITEMS} line items, ${LATENCY_MS} ms per request`, async ({
  context,
  extensionId,
}) => {
  const api = await serveYearlyAdminApi(context, {
    validKey: KEY,
    projects: fixtureProjects(PROJECTS),
    lineItems: fixtureLineItems(LINE_ITEMS),
    latencyMs: LATENCY_MS,
  });
  await saveAdminKey(context, extensionId, { key: KEY, timeout: 30_000 });

  const yearStart = Date.UTC(YEAR, 0, 1) / 1000;
  const yearEnd = Date.UTC(YEAR + 1, 0, 1) / 1000;
  const before = api.requests.length;
  const page = await context.newPage();
  const downloaded = page.waitForEvent('download', { timeout: 120_000 });
  const started = performance.now();
  await page.goto(`chrome-extension://${extensionId}/export.html?year=${YEAR}&scope=organization`);
  const download = await downloaded;
  const seconds = (performance.now() - started) / 1000;

  // The background refresh may run meanwhile: count only the export's own requests.
  const made = api.requests.slice(before).filter((url) => {
    if (url.pathname === '/v1/organization/projects') return url.searchParams.get('include_archived') === 'true';
    const start = Number(url.searchParams.get('start_time'));
    return start >= yearStart && start < yearEnd;
  });
  const count = (path: string) => made.filter((url) => url.pathname.endsWith(path)).length;
  const fewest = expectedRequestCount(planYearlyExport({ year: YEAR, scope: 'organization' }), PROJECTS).total;
  const bytes = await readFile((await download.path())!);
  const zip = await JSZip.loadAsync(bytes);
  console.log(`yearly export of ${YEAR}, ${PROJECTS} projects × ${LINE_ITEMS} line items, fixture latency ${LATENCY_MS} ms:
  requests: ${made.length} (costs ${count('/costs')}, completions usage ${count('/usage/completions')}, projects ${count('/projects')}); fewest possible: ${fewest}
  click to saved ZIP: ${seconds.toFixed(2)} s (${Object.keys(zip.files).length} entries, ${(bytes.byteLength / 1024).toFixed(0)} KiB)`);
  // The worker's own refreshes (the key was saved) may still be asking: not into a closed context.
  await context.unrouteAll({ behavior: 'ignoreErrors' });
});
