import { saveAdminKey } from '../e2e/admin-key';
import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { testNow } from '../e2e/clock';
import { fixtureLineItems, fixtureProjects, serveAccountingAdminApi } from '../e2e/fixtures/api/accounting-admin-api';
import { test } from '../e2e/harness';
import { expectedRequestCount, fewestRequests, planAccountingExport } from '../lib/accounting-export/request-plan';

// Figures are printed, never asserted: timing on a shared 2-core machine is not a test.
// The request count is the figure that matters: it is compared with the fewest possible.

const LATENCY_MS = 250;
const YEAR = new Date(testNow()).getUTCFullYear() - 1;
/** Projects × line items per day: 200 projects keep to 2 line items so the archive stays a bench, not a load test. */
const RUNS = [
  { projects: 1, lineItems: 10 },
  { projects: 20, lineItems: 10 },
  { projects: 200, lineItems: 2 },
];

for (const { projects, lineItems } of RUNS) {
  test(`accounting export of ${YEAR} with every capability: ${projects} projects × ${lineItems} line items, ${LATENCY_MS} ms per request`, async ({
    context,
    extensionId,
  }) => {
    const key = 'sk-admin-BenchAccountingKey0123456789';
    const api = await serveAccountingAdminApi(context, {
      validKey: key,
      projects: fixtureProjects(projects),
      lineItems: fixtureLineItems(lineItems),
      latencyMs: LATENCY_MS,
    });
    await saveAdminKey(context, extensionId, { key, timeout: 30_000 });

    const yearStart = Date.UTC(YEAR, 0, 1) / 1000;
    const yearEnd = Date.UTC(YEAR + 1, 0, 1) / 1000;
    const before = api.pageRequests.length;
    const page = await context.newPage();
    const downloaded = page.waitForEvent('download', { timeout: 280_000 });
    const started = performance.now();
    await page.goto(`chrome-extension://${extensionId}/export.html?year=${YEAR}&scope=organization`);
    const download = await downloaded;
    const seconds = (performance.now() - started) / 1000;

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
    console.log(`accounting export of ${YEAR}, ${projects} projects × ${lineItems} line items, every capability, fixture latency ${LATENCY_MS} ms:
  requests: ${made.length} (costs ${count((p) => p.endsWith('/costs'))}, usage ${count((p) => p.includes('/usage/'))} over 10 capabilities, projects ${count((p) => p.endsWith('/projects'))}); planned ${planned.total}; fewest possible ${fewest.total} (costs ${fewest.costs}, usage ${fewest.usage}, projects ${fewest.projects})
  click to saved ZIP: ${seconds.toFixed(2)} s (${Object.keys(zip.files).length} entries, ${(bytes.byteLength / 1024).toFixed(0)} KiB); FOCUS valid: ${manifest.focus.valid}; reconciled: ${manifest.reconciliation.matches}`);
    // The worker's own refreshes (the key was saved) may still be asking: not into a closed context.
    await context.unrouteAll({ behavior: 'ignoreErrors' });
  });
}
