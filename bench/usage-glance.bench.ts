import { saveAdminKey } from '../e2e/admin-key';
import type { BrowserContext, Worker } from '@playwright/test';
import { manyProjects, serveAdminApi } from '../e2e/fixtures/api/admin-api';
import { serveGlanceLookups } from '../e2e/fixtures/api/glance-admin-api';
import { glanceRequests } from '../lib/glance/request-plan';
import { expect, readStorage, test } from '../e2e/harness';
import { buildUsageCache, projectNames, splitUsageCache } from '../lib/usage/cache';
import { summarizeUsage } from '../lib/usage/summarize-usage';
import { largeOrganizationSnapshot, projectId } from '../lib/usage/testing/large-organization';
import { seriesFromCosts } from '../lib/spike-alerts/series';

// Figures are printed, never asserted: timing on a shared 2-core machine is not a test.

const KEY = 'sk-admin-BenchFixtureKey0123456789';

const lastAttempt = async (worker: Worker) =>
  (await readStorage<{ lastAttemptAt: number | null }>(worker, 'local', 'usageStatus'))?.lastAttemptAt ?? null;

type Kind = 'figures' | 'spike check' | 'daily lookups';

function kindOf(url: URL): Kind {
  if (url.searchParams.get('bucket_width') === '1h') return 'spike check';
  if (/\/(api_keys|spend_limit)$/.test(url.pathname)) return 'daily lookups';
  return 'figures';
}

/**
 * Forced refreshes (the popup's Refresh button) after the first one, counted by kind, until
 * one makes no key-list or limit lookup: the worker makes a bounded number of them a refresh
 * (lib/background/glance.ts), once per UTC day each, so the first refreshes of a day carry them.
 */
async function refreshesUntilSteady(context: BrowserContext, extensionId: string, worker: Worker, logs: URL[][]) {
  const count = () => logs.reduce((sum, log) => sum + log.length, 0);
  const since = (lengths: number[]) => logs.flatMap((log, i) => log.slice(lengths[i]));
  await expect.poll(() => lastAttempt(worker)).not.toBeNull();
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByTestId('cost-today')).toBeVisible();
  const initial = count();
  const rounds: Record<Kind, number>[] = [];
  for (let round = 0; round < 10; round++) {
    const before = logs.map((log) => log.length);
    const attempt = await lastAttempt(worker);
    await popup.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => lastAttempt(worker)).not.toBe(attempt);
    const counts: Record<Kind, number> = { figures: 0, 'spike check': 0, 'daily lookups': 0 };
    for (const url of since(before)) counts[kindOf(url)]++;
    rounds.push(counts);
    if (counts['daily lookups'] === 0) break;
  }
  await popup.close();
  return { initial, rounds };
}

for (const projectCount of [1, 50]) {
  test(`requests per refresh with ${projectCount} project(s), as the worker makes them`, async ({ context, extensionId, worker }) => {
    const projects = manyProjects(projectCount);
    const api = await serveAdminApi(context, { validKey: KEY, projects });
    // Every project has a key and a limit, so no lookup fails and is tried again.
    const lookups = await serveGlanceLookups(context, {
      keys: Object.fromEntries(projects.map((project) => [project.id, [{ id: `key_${project.id}`, name: 'bench', owner: { type: 'service_account', name: 'Bench bot' }, createdAt: 0, lastUsedAt: null }]])),
      limits: Object.fromEntries([['organization', 100_000], ...projects.map((project) => [project.id, 1_000])]),
    });
    await (await saveAdminKey(context, extensionId, { key: KEY })).close();
    const { initial, rounds } = await refreshesUntilSteady(context, extensionId, worker, [api.requests, lookups.requests]);
    const planned = glanceRequests({ projectCount, projectsWithTraffic: projectCount, refreshMinutes: 15, spikeAlerts: true, now: Date.now() });
    const plannedFigures = planned.perRefresh.figures.reduce((sum, count) => sum + count.requests, 0);
    const plannedSpike = planned.perRefresh.spikeCheck.reduce((sum, count) => sum + count.requests, 0);
    const steady = rounds.at(-1)!;
    console.log(
      `${projectCount} project(s), measured in the browser (Admin API fixture): key saved and its first refresh ${initial} requests (verification included); ` +
        `then per forced refresh: ${rounds.map((r) => `${r.figures} figures + ${r['spike check']} spike check + ${r['daily lookups']} lookups`).join(' | ')}\n` +
        `  steady refresh: ${steady.figures} figures (plan ${plannedFigures}), ${steady['spike check']} spike check (plan ${plannedSpike}); ` +
        `daily lookups in all: ${lookups.requests.length} ` +
        `(plan ${planned.perDay.keyLists + planned.perDay.projectLimits + planned.perDay.organizationLimit} a day), at most ${Math.max(...rounds.map((r) => r['daily lookups']))} in one forced refresh`,
    );
  });
}

// The popup's first render is measured in popup-render.bench.ts.

// ---- Large organizations: refresh time, cache size, and what platform tabs receive ----

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

test('building the cache and the spike series in memory: 1,000 and 5,000 active projects', () => {
  const now = Date.now();
  const lines: string[] = [];
  for (const active of [1_000, 5_000]) {
    const snapshot = largeOrganizationSnapshot(active, active, now);
    const build: number[] = [];
    let split: ReturnType<typeof splitUsageCache> | null = null;
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      split = splitUsageCache(buildUsageCache(snapshot), []);
      build.push(performance.now() - started);
    }
    const series: number[] = [];
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      seriesFromCosts(snapshot.costs, { projects: snapshot.projects ?? undefined });
      series.push(performance.now() - started);
    }
    lines.push(
      `${active} active projects × 31 days: cache built and split in median ${median(build).toFixed(0)} ms; ` +
        `daily spend series in ${median(series).toFixed(0)} ms; ` +
        `storage.local cache ${kib(JSON.stringify(split!.cache).length)}, ` +
        `names ${kib(JSON.stringify(projectNames(snapshot)).length)} (written when they change), ` +
        `storage.session project figures ${kib(JSON.stringify(split!.projects).length)}`,
    );
  }
  // The way it was done before: one summary per project, each a pass over every row.
  const snapshot = largeOrganizationSnapshot(1_000, 1_000, now);
  const started = performance.now();
  for (let k = 0; k < 1_000; k++) summarizeUsage({ costs: snapshot.costs, usage: snapshot.usage, now, scope: projectId(k) });
  const perProject = performance.now() - started;
  console.log(`${lines.join('\n')}
1000 active projects the old way (one pass over every row per project): ${perProject.toFixed(0)} ms`);
});

for (const projectCount of [1_000, 5_000]) {
  test(`forced refresh in the browser with ${projectCount} active projects`, async ({ context, extensionId, worker }) => {
    test.setTimeout(900_000);
    const api = await serveAdminApi(context, { validKey: KEY, projects: manyProjects(projectCount, { sparseHours: true }) });
    await (await saveAdminKey(context, extensionId, { key: KEY, timeout: 300_000 })).close();
    await expect.poll(() => lastAttempt(worker), { timeout: 600_000 }).not.toBeNull();

    // From an extension page: the refresh is timed there, and storage.local changes are
    // counted as a platform tab listening to storage.local receives them (old and new value).
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    const runs: { ms: number; localBytes: number; sessionBytes: number; requests: number }[] = [];
    for (let run = 0; run < 3; run++) {
      const before = api.requests.length;
      const measured = await page.evaluate(async () => {
        const { chrome } = globalThis as unknown as {
          chrome: {
            runtime: { sendMessage(message: unknown): Promise<unknown> };
            storage: Record<'local' | 'session', { onChanged: { addListener(listener: (changes: object) => void): void } }>;
          };
        };
        let localBytes = 0;
        let sessionBytes = 0;
        chrome.storage.local.onChanged.addListener((changes) => (localBytes += JSON.stringify(changes).length));
        chrome.storage.session.onChanged.addListener((changes) => (sessionBytes += JSON.stringify(changes).length));
        const started = performance.now();
        await chrome.runtime.sendMessage({ id: 1, type: 'refreshUsage', data: { force: true }, timestamp: Date.now() });
        const ms = performance.now() - started;
        await new Promise((resolve) => setTimeout(resolve, 500));
        return { ms, localBytes, sessionBytes };
      });
      runs.push({ ...measured, requests: api.requests.length - before });
      await page.reload();
    }
    const stored = await worker.evaluate(async () => {
      const { chrome } = globalThis as unknown as {
        chrome: { storage: Record<'local' | 'session', { getBytesInUse(key: string | null): Promise<number> }> };
      };
      return {
        cache: await chrome.storage.local.getBytesInUse('usageCache'),
        names: await chrome.storage.local.getBytesInUse('usageProjects'),
        local: await chrome.storage.local.getBytesInUse(null),
        projects: await chrome.storage.session.getBytesInUse('usageProjectSummaries'),
        details: await chrome.storage.session.getBytesInUse('usageGlanceDetails'),
        session: await chrome.storage.session.getBytesInUse(null),
      };
    });
    const status = await readStorage<{ problem: unknown }>(worker, 'local', 'usageStatus');
    console.log(`${projectCount} active projects (${Math.ceil(projectCount / 100)} pages of project names, hourly usage in 1 hour of 24 each):
  forced refresh, API fixture included: median ${(median(runs.map((r) => r.ms)) / 1000).toFixed(1)} s over ${runs.length} (${runs.map((r) => (r.ms / 1000).toFixed(1)).join(', ')} s), ${runs[0]!.requests} requests each
  storage.local usageCache ${kib(stored.cache)}, usageProjects (names) ${kib(stored.names)}, all of storage.local ${kib(stored.local)}; storage.session project figures ${kib(stored.projects)}, keys and limits (glance details) ${kib(stored.details)}, all of storage.session ${kib(stored.session)} (quota 10 MiB in Chrome)
  per refresh, storage.local changes (extension pages; platform tabs cannot read storage.local in Chrome and are sent only the records they use): median ${kib(median(runs.map((r) => r.localBytes)))}; storage.session changes (extension pages only): ${kib(median(runs.map((r) => r.sessionBytes)))}
  last refresh problem: ${JSON.stringify(status?.problem ?? null)}`);
    // A refresh the worker may still be making must not answer into the next test (a closed context).
    await context.unrouteAll({ behavior: 'ignoreErrors' });
  });
}
