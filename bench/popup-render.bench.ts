import type { BrowserContext, Worker } from '@playwright/test';
import { saveAdminKey } from '../e2e/admin-key';
import { KEYED_ORGANIZATION, FIXTURE_KEYS, serveGlanceLookups, type FixtureKey } from '../e2e/fixtures/api/glance-admin-api';
import { manyProjects, serveAdminApi, type FixtureProject } from '../e2e/fixtures/api/admin-api';
import { expect, test } from '../e2e/harness';

// Popup first render from the cache with the glance's sections, 50 projects against a
// baseline of 1 in the same run (docs: issue #12 asks for <= 100 ms median with 50).
// Figures and ratios are printed, never asserted: timing on a shared machine is not a test.

const KEY = 'sk-admin-BenchFixtureKey0123456789';
const OPENS = 20;
const budgetMs = 100;

/** Production (the platform fixture's active project, with named keys), then bench projects with a key each. */
function organization(count: number): { projects: FixtureProject[]; keys: Record<string, FixtureKey[]> } {
  const extra = manyProjects(Math.max(0, count - KEYED_ORGANIZATION.length)).map((project) => ({ ...project, keys: { [`key_${project.id}`]: 1 } }));
  const projects = [...KEYED_ORGANIZATION, ...extra].slice(0, count);
  const now = Math.floor(Date.now() / 1000);
  const keys: Record<string, FixtureKey[]> = { ...FIXTURE_KEYS };
  for (const project of extra) {
    keys[project.id] = [{ id: `key_${project.id}`, name: `${project.name} key`, owner: { type: 'service_account', name: 'Bench bot' }, createdAt: now - 30 * 86_400, lastUsedAt: now - 60 }];
  }
  return { projects, keys };
}

type Chrome = {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  storage: Record<'local' | 'session', { get(key: string): Promise<Record<string, unknown>>; set(items: object): Promise<void> }>;
};

/**
 * An options page that asks the worker for forced refreshes: first until every project's
 * key list and limit have been looked up (the worker makes at most 41 lookups a refresh),
 * then before each open when the cache is over 30 s old, so that no open triggers a refresh
 * (the popup refreshes a cache a minute old) and every open renders from the cache.
 */
async function refresher(context: BrowserContext, extensionId: string, worker: Worker) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  let refreshedAt = 0;
  const refresh = async () => {
    await page.evaluate(async () => {
      const { chrome } = globalThis as unknown as { chrome: Chrome };
      await chrome.runtime.sendMessage({ id: 1, type: 'refreshUsage', data: { force: true }, timestamp: Date.now() });
    });
    refreshedAt = Date.now();
  };
  const lookups = () =>
    worker.evaluate(async () => {
      const { chrome } = globalThis as unknown as { chrome: Chrome };
      const details = (await chrome.storage.session.get('usageGlanceDetails')).usageGlanceDetails as { log?: object } | undefined;
      return Object.keys(details?.log ?? {}).length;
    });
  return {
    lookups,
    async settle(count: number) {
      for (let round = 0; round < 10 && (await lookups()) < 2 * count + 1; round++) await refresh();
    },
    async freshen() {
      if (Date.now() - refreshedAt > 30_000) await refresh();
    },
  };
}
type Refresher = Awaited<ReturnType<typeof refresher>>;

/** Unseen spikes, as the worker leaves them: the popup acknowledges them on open, so they are put back before each. */
let seeded = 0;
const seedSpikes = async (worker: Worker) => {
  // The last open's acknowledgement (read, filter, write in the worker) must be over, or its write would drop these.
  await expect
    .poll(() => worker.evaluate(async () => ((await (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.get('unseenSpikes')).unseenSpikes as unknown[] | undefined)?.length ?? 0))
    .toBe(0);
  await worker.evaluate(async (round) => {
    const { chrome } = globalThis as unknown as { chrome: Chrome };
    await chrome.storage.local.set({
      // Ids of their own: the previous open's acknowledgement, landing late, must not take them.
      unseenSpikes: [1, 2, 3].map((n) => ({
        id: `spike:bench${round}-${n}`,
        projectId: 'proj_Production01',
        title: 'Production: unusual spend',
        message: `Production: unusual spend: ${10 * n}× the usual, mostly key 'ci-deploy' on gpt-4.1`,
      })),
    });
  }, ++seeded);
};

/** Records, from the document's navigation start, when the figures and when every expected section first show. */
function recorder(expected: Record<string, string>) {
  return `(() => {
    const expected = ${JSON.stringify(expected)};
    const times = {};
    new MutationObserver((_, observer) => {
      const now = performance.now();
      for (const [name, selector] of Object.entries(expected)) if (!(name in times) && document.querySelector(selector)) times[name] = now;
      if (Object.keys(times).length === Object.keys(expected).length) {
        times.all = Math.max(...Object.keys(expected).map((name) => times[name]));
        window.__renderTimes = times;
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  })()`;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

type Times = Record<string, number>;

/** The organization's view: the popup opened as a page (no platform tab, so the organization's scope). */
async function organizationView(context: BrowserContext, extensionId: string, worker: Worker, refresh: Refresher, count: number): Promise<Times[]> {
  const sections = {
    figures: '[data-testid="cost-today"]',
    ranking: `[data-testid="ranking"] li:nth-child(${count})`,
    limits: `[data-testid="spend-limits"] li.burn-down:nth-child(${count + 1})`,
    spikes: '[aria-label="Spend spikes"]',
  };
  const page = await context.newPage();
  await page.addInitScript(recorder(sections));
  const samples: Times[] = [];
  for (let open = 0; open < OPENS; open++) {
    await refresh.freshen();
    await seedSpikes(worker);
    await page.goto(`chrome-extension://${extensionId}/popup.html`);
    await page.waitForFunction(() => (window as unknown as { __renderTimes?: object }).__renderTimes !== undefined);
    samples.push(await page.evaluate(() => (window as unknown as { __renderTimes: Times }).__renderTimes));
  }
  await page.close();
  return samples;
}

/**
 * A project's view as the toolbar popup opens it over a platform tab showing Production:
 * its figures, keys, limit, the spikes and the logging card. The real popup is reached
 * through the DevTools protocol and reloaded there for each sample.
 */
async function projectView(context: BrowserContext, worker: Worker, refresh: Refresher): Promise<Times[]> {
  const sections = {
    figures: '[data-testid="cost-today"]',
    keys: '[data-testid="keys"]',
    limits: '[data-testid="burn-down-proj_Production01"]',
    spikes: '[aria-label="Spend spikes"]',
    logging: '[aria-label="Logging reminder"]',
  };
  const tab = await context.newPage();
  await tab.goto('https://platform.openai.com/usage');
  await expect(tab.locator('header button', { hasText: 'Production' })).toBeVisible();
  await tab.bringToFront();
  await seedSpikes(worker);
  await worker.evaluate(() => (globalThis as unknown as { chrome: { action: { openPopup(): Promise<void> } } }).chrome.action.openPopup());
  const cdp = await context.newCDPSession(tab);
  const popupTarget = async () => (await cdp.send('Target.getTargets')).targetInfos.find((target) => target.url.endsWith('/popup.html'));
  await expect.poll(async () => (await popupTarget()) !== undefined).toBe(true);
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: (await popupTarget())!.targetId, flatten: false });
  let nextId = 1;
  const send = (method: string, params: object) =>
    new Promise<{ result?: { value?: unknown } }>((resolve) => {
      const id = nextId++;
      const onMessage = ({ message }: { message: string }) => {
        const reply = JSON.parse(message) as { id?: number; result?: { result?: { value?: unknown } } };
        if (reply.id !== id) return;
        cdp.off('Target.receivedMessageFromTarget', onMessage);
        resolve(reply.result ?? {});
      };
      cdp.on('Target.receivedMessageFromTarget', onMessage);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    });
  const evaluate = async (expression: string) => (await send('Runtime.evaluate', { expression, returnByValue: true })).result?.value;
  await send('Page.enable', {});
  await send('Page.addScriptToEvaluateOnNewDocument', { source: recorder(sections) });
  const samples: Times[] = [];
  for (let open = 0; open < OPENS; open++) {
    await refresh.freshen();
    await seedSpikes(worker);
    await send('Page.reload', { ignoreCache: false });
    const shown = `Object.fromEntries(Object.entries(${JSON.stringify(sections)}).map(([name, selector]) => [name, !!document.querySelector(selector)]))`;
    await expect
      .poll(() => evaluate('window.__renderTimes ?? null'), { timeout: 15_000 })
      .not.toBeNull()
      .catch(async (error: Error) => {
        const stored = await worker.evaluate(async () => (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.get('unseenSpikes'));
        throw new Error(`${error.message}\nopen ${open}: sections shown: ${JSON.stringify(await evaluate(shown))}, stored ${JSON.stringify(stored)}`);
      });
    samples.push((await evaluate('window.__renderTimes')) as Times);
  }
  return samples;
}

const results: Record<string, Record<number, Times[]>> = { organization: {}, project: {} };

for (const count of [1, 50]) {
  test(`popup first render from the cache with the glance sections, ${count} project(s)`, async ({ context, extensionId, worker, servePlatform }) => {
    test.setTimeout(300_000);
    await servePlatform();
    const { projects, keys } = organization(count);
    const api = await serveAdminApi(context, { validKey: KEY, projects });
    await serveGlanceLookups(context, {
      keys,
      limits: Object.fromEntries([['organization', 100_000], ...projects.map((project) => [project.id, 5_000])]),
    });
    await (await saveAdminKey(context, extensionId, { key: KEY })).close();
    const refresh = await refresher(context, extensionId, worker);
    await refresh.settle(count);
    // The logging card: Production's Logs page said logging is off.
    await worker.evaluate(async () => {
      const { chrome } = globalThis as unknown as { chrome: Chrome };
      await chrome.storage.local.set({
        loggingObservations: { 'org-FixtureAcme': { pages: { proj_Production01: { status: 'disabled', at: Date.now() } } } },
      });
    });
    const before = api.requests.length;
    results.organization![count] = await organizationView(context, extensionId, worker, refresh, count);
    results.project![count] = await projectView(context, worker, refresh);
    const figureRequests = api.requests.slice(before).filter((url) => url.pathname.endsWith('/costs')).length;
    console.log(
      `${count} project(s): ${await refresh.lookups()} key-list and limit lookups made before measuring; ` +
        `${figureRequests} refreshes during the ${2 * OPENS} opens, all made between opens (a cache over 30 s old is refreshed first)`,
    );
  });
}

test('popup first render: figures and ratios (50 projects ÷ 1)', () => {
  const lines: string[] = [];
  for (const [view, sections] of [
    ['organization view (figures, ranking, every limit, spikes)', ['figures', 'ranking', 'limits', 'spikes', 'all']],
    ['project view over a platform tab (figures, keys, limit, spikes, logging card)', ['figures', 'keys', 'limits', 'spikes', 'logging', 'all']],
  ] as const) {
    const byCount = results[view.startsWith('organization') ? 'organization' : 'project']!;
    if (!byCount[1] || !byCount[50]) {
      lines.push(`${view}: not measured (an earlier test failed)`);
      continue;
    }
    lines.push(`${view}, median of ${OPENS} opens, ms from navigation start:`);
    for (const section of sections) {
      const one = median(byCount[1].map((times) => times[section]!));
      const fifty = median(byCount[50].map((times) => times[section]!));
      const budget = section === 'all' ? ` (budget ${budgetMs} ms: ${fifty <= budgetMs ? 'within' : 'OVER'})` : '';
      lines.push(`  ${section.padEnd(8)} 1 project ${one.toFixed(1).padStart(6)}   50 projects ${fifty.toFixed(1).padStart(6)}   ratio ${(fifty / one).toFixed(2)}${budget}`);
    }
  }
  console.log(lines.join('\n'));
});
