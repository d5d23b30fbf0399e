import path from 'node:path';
import type { Worker } from '@playwright/test';
import { FIXTURE_ADMIN_KEY, saveAdminKey } from './admin-key';
import { RATE_LIMITED_BODY, serveAdminApi } from './fixtures/api/admin-api';
import { count, escapeRegExp, money, TAKES_README_SCREENSHOTS, testNow } from './clock';
import { expectedOrganization } from './fixtures/api/expected-figures';
import { expect, inContentScript, openPopup, test } from './harness';

const KEY = FIXTURE_ADMIN_KEY;

type ChromeCall = (worker: Worker) => Promise<unknown>;
const badgeText: ChromeCall = (worker) =>
  worker.evaluate(() => (globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } }).chrome.action.getBadgeText({}));
const badgeColour: ChromeCall = (worker) =>
  worker.evaluate(() =>
    (globalThis as unknown as { chrome: { action: { getBadgeBackgroundColor(d: object): Promise<number[]> } } }).chrome.action.getBadgeBackgroundColor({}),
  );

/** Everything a content script could read through extension storage. */
function contentReadableStorage(worker: Worker): Promise<string> {
  return worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: { storage: Record<'local' | 'sync', { get(keys: null): Promise<object> }> } };
    return JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.sync.get(null)]);
  });
}

test('options verifies a pasted key, the popup shows the figures the API implies, and the badge counts today', async ({
  context,
  extensionId,
  worker,
  pageErrors,
}) => {
  const api = await serveAdminApi(context, { validKey: KEY });
  const options = await saveAdminKey(context, extensionId, { key: KEY, expectVerified: false });
  await expect(options.getByTestId('key-outcome')).toHaveText(/Verified and saved/);
  await expect(options.getByTestId('key-stored')).toContainText('sk-admin-…XYZW');
  await expect(options.getByTestId('key-projects')).toHaveText('Sees 2 projects: Production, Sandbox');
  await expect(options.getByTestId('key-access').first()).toContainText('Can read costs');
  expect(await options.content()).not.toContain(KEY);

  const expected = expectedOrganization();
  await expect.poll(() => badgeText(worker)).toBe(`$${Math.round(expected.todayCents / 100)}`);

  const popup = await openPopup(context, extensionId);
  await expect(popup.getByTestId('cost-today')).toHaveText(expected.today);
  await expect(popup.getByTestId('cost-yesterday')).toHaveText(expected.yesterday);
  await expect(popup.getByTestId('cost-last-7-days')).toHaveText(expected.last7Days);
  await expect(popup.getByTestId('cost-month-to-date')).toHaveText(expected.monthToDate);
  await expect(popup.getByTestId('cost-projected')).toHaveText(expected.projected);
  await expect(popup.getByTestId('row-input').locator('td')).toHaveText(expected.input);
  await expect(popup.getByTestId('row-output').locator('td')).toHaveText(expected.output);
  await expect(popup.getByTestId('row-requests').locator('td')).toHaveText(expected.requests);
  await expect(popup.locator('svg rect.chart-bar')).toHaveCount(30);
  await expect(popup.getByTestId('top-line-items').locator('li').first()).toHaveText(new RegExp(`gpt-4o, input\\s*${escapeRegExp(money(37.8))}`));
  await expect(popup.getByTestId('top-models').locator('li').first()).toHaveText(new RegExp(`gpt-4o\\s*${escapeRegExp(count(384_000))} tokens`));
  await expect(popup.getByTestId('updated')).toHaveText('updated just now');
  await expect(popup.getByText('Buckets are UTC days')).toBeVisible();
  await popup.setViewportSize({ width: 380, height: 700 });
  if (TAKES_README_SCREENSHOTS) await popup.screenshot({ path: path.join('docs', 'screenshots', 'popup.png'), fullPage: true });

  // One project: Sandbox spends $0.10 today and $0.25 on earlier days.
  await popup.getByLabel('Scope').selectOption({ label: 'Sandbox' });
  await expect(popup.getByTestId('cost-today')).toHaveText(money(0.1));
  await expect(popup.getByTestId('cost-yesterday')).toHaveText(money(0.25));

  // Verifying: one small request per endpoint, then the project names. Refreshing: a fixed
  // three (projects, costs, usage) for the figures and three pages of hourly usage for the
  // spike check. The popup's own refresh within a minute is served from the cache.
  expect(api.requests.map((url) => url.pathname.replace('/v1/organization/', ''))).toEqual(
    expect.arrayContaining(['projects', 'costs', 'usage/completions']),
  );
  expect(api.requests.filter((url) => url.searchParams.get('bucket_width') === '1h')).toHaveLength(3);
  // Plus, once when the key is saved, the admin key list that says when the key expires.
  const isKeyList = (url: URL) => url.pathname === '/v1/organization/admin_api_keys';
  expect(api.requests.filter(isKeyList)).toHaveLength(1);
  // And, at most once a UTC day, the glance's lookups: the organization's spend limit, and
  // each project with traffic's limit and key list (2 projects here).
  const isGlanceLookup = (url: URL) => /\/spend_limit$|\/projects\/[^/]+\/api_keys$/.test(url.pathname);
  expect(api.requests.filter(isGlanceLookup)).toHaveLength(1 + 2 * 2);
  // And the logging sources (at most every 3 hours / once a UTC day): the audit log and the
  // organization's data retention, which this fixture does not offer (404), so no project's.
  const isLoggingSource = (url: URL) => /\/audit_logs$|\/data_retention$/.test(url.pathname);
  await expect
    .poll(() => api.requests.filter(isLoggingSource).map((url) => url.pathname))
    .toEqual(['/v1/organization/audit_logs', '/v1/organization/data_retention']);
  expect(api.requests.filter((url) => !isKeyList(url) && !isGlanceLookup(url) && !isLoggingSource(url))).toHaveLength(3 + 1 + 3 + 3);

  // Over the daily threshold the badge turns red.
  await options.getByLabel('Daily threshold in dollars').fill('1');
  await options.getByLabel('Daily threshold in dollars').press('Tab');
  await expect.poll(() => badgeColour(worker)).toEqual([197, 34, 31, 255]);
  expect(pageErrors).toEqual([]);
});

test('a rejected key is not saved and says why; a key revoked later shows the invalid-key state over the old figures', async ({
  context,
  extensionId,
}) => {
  const api = await serveAdminApi(context, { validKey: KEY });
  const options = await saveAdminKey(context, extensionId, { key: 'sk-admin-wrong', expectVerified: false });
  await expect(options.getByTestId('key-outcome')).toContainText('Not saved. OpenAI rejected the admin key (401)');
  await expect(options.getByTestId('key-stored')).toHaveCount(0);

  const noKeyPopup = await openPopup(context, extensionId);
  await expect(noKeyPopup.getByTestId('no-key')).toBeVisible();
  await expect(noKeyPopup.getByRole('link', { name: /Admin keys/ })).toHaveAttribute(
    'href',
    'https://platform.openai.com/settings/organization/admin-keys',
  );
  await expect(noKeyPopup.getByRole('button', { name: 'Open options' })).toBeVisible();

  await options.getByLabel('Admin key').fill(KEY);
  await options.getByRole('button', { name: 'Verify and save' }).click();
  await expect(options.getByTestId('key-outcome')).toHaveText(/Verified and saved/);
  const popup = await openPopup(context, extensionId);
  await expect(popup.getByTestId('cost-today')).toHaveText(expectedOrganization().today);

  api.failWith({ status: 401, body: { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } } });
  await popup.getByRole('button', { name: 'Refresh' }).click();
  const problem = popup.getByTestId('problem');
  await expect(problem).toHaveAttribute('data-kind', 'invalid-key');
  await expect(problem).toContainText('The admin key was rejected');
  await expect(problem).toContainText('The figures below are from the last successful refresh.');
  await expect(problem.getByRole('button', { name: 'Open options' })).toBeVisible();
  await expect(popup.getByTestId('cost-today')).toHaveText(expectedOrganization().today);
});

test('rate limiting with Retry-After is shown and the next try is scheduled', async ({ context, extensionId, worker }) => {
  const api = await serveAdminApi(context, { validKey: KEY });
  const options = await saveAdminKey(context, extensionId, { key: KEY, expectVerified: false });
  await expect(options.getByTestId('key-outcome')).toHaveText(/Verified and saved/);
  const popup = await openPopup(context, extensionId);
  await expect(popup.getByTestId('cost-today')).toHaveText(expectedOrganization().today);

  api.failWith({ status: 429, body: RATE_LIMITED_BODY, headers: { 'Retry-After': '600' } });
  await popup.getByRole('button', { name: 'Refresh' }).click();
  await expect(popup.getByTestId('problem')).toHaveAttribute('data-kind', 'rate-limited');
  await expect(popup.getByTestId('problem')).toContainText(/Next try in (9|10) minutes/);
  const retry = (await worker.evaluate(() =>
    (globalThis as unknown as { chrome: { alarms: { get(name: string): Promise<{ scheduledTime: number } | undefined> } } }).chrome.alarms.get(
      'usage-glance:retry',
    ),
  )) as { scheduledTime: number } | undefined;
  expect(retry?.scheduledTime).toBeGreaterThan(testNow() + 500_000);

  // Until then even the Refresh button sends nothing.
  const before = api.requests.length;
  await popup.getByRole('button', { name: 'Refresh' }).click();
  await expect(popup.getByRole('button', { name: 'Refresh' })).toBeEnabled();
  expect(api.requests.length).toBe(before);
});

test('a content script can read neither the key nor local storage, nor ask the worker for anything but summaries', async ({
  context,
  extensionId,
  worker,
  servePlatform,
}) => {
  await serveAdminApi(context, { validKey: KEY });
  await servePlatform();
  const options = await saveAdminKey(context, extensionId, { key: KEY, expectVerified: false });
  await expect(options.getByTestId('key-outcome')).toHaveText(/Verified and saved/);
  await expect.poll(() => badgeText(worker)).not.toBe('');

  expect(await contentReadableStorage(worker)).not.toContain(KEY);
  expect(await contentReadableStorage(worker)).not.toContain(KEY.slice(9, -4));

  const page = await context.newPage();
  await page.goto('https://platform.openai.com/usage');
  await expect(page.locator('#rop-accent-bar')).toHaveCount(1);

  const fromContent = await inContentScript<{ storage: string; local: string; session: string; replies: Record<string, unknown> }>(
    page,
    extensionId,
    `(async () => {
      const storage = JSON.stringify(await chrome.storage.sync.get(null));
      const local = await chrome.storage.local.get(null).then((items) => JSON.stringify(items), (error) => error.message);
      const session = await chrome.storage.session.get(null).then((items) => JSON.stringify(items), (error) => error.message);
      const ask = (type, data) =>
        chrome.runtime.sendMessage({ id: 1, type, data, timestamp: Date.now() }).catch((error) => ({ thrown: error.message }));
      const replies = {};
      for (const [type, data] of [
        ['saveAdminKey', { key: 'sk-admin-attacker', organization: null }],
        ['removeAdminKey', 'local-earlier-key'],
        ['refreshUsage', { force: true }],
        ['getUsageSummary', 'organization'],
      ]) replies[type] = await ask(type, data);
      return { storage, local, session, replies };
    })()`,
  );
  // Sync storage holds only the user's choices, which the content script reads at first paint.
  expect(fromContent.storage).not.toContain(KEY);
  expect(fromContent.storage).not.toContain('Fixture');
  // Local storage (figures, project names, what the security watch keeps) and session storage
  // (where a key kept only until the browser closes lives) are for the worker and extension pages.
  expect(fromContent.local).toBe('Access to storage is not allowed from this context.');
  expect(fromContent.session).toBe('Access to storage is not allowed from this context.');
  for (const type of ['saveAdminKey', 'removeAdminKey', 'refreshUsage']) {
    const reply = fromContent.replies[type] as { err?: { message: string }; thrown?: string } | undefined;
    expect(reply?.err?.message ?? reply?.thrown).toBe(`Refused "${type}" from platform-content-script`);
  }
  const summary = fromContent.replies.getUsageSummary as { res: { summary: { today: { costMicros: number } } } };
  expect(summary.res.summary.today.costMicros).toBe(expectedOrganization().todayCents * 10_000);
  expect(JSON.stringify(fromContent.replies)).not.toContain(KEY);

  // The key is still there: the refused removal did nothing.
  await options.reload();
  await expect(options.getByTestId('key-stored')).toContainText('sk-admin-…XYZW');
});

/** The key in the extension's IndexedDB and in its session storage (any organization's slot), as the worker sees them. */
function keyPlaces(worker: Worker): Promise<{ device: string | null; session: string | null }> {
  return worker.evaluate(async () => {
    const device = await new Promise<string | null>((resolve, reject) => {
      const open = indexedDB.open('refined-openai-platform', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('secrets');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const get = open.result.transaction('secrets').objectStore('secrets').getAll();
        get.onsuccess = () => {
          open.result.close();
          resolve((get.result as { key?: string }[])[0]?.key ?? null);
        };
        get.onerror = () => reject(get.error);
      };
    });
    const { chrome } = globalThis as unknown as { chrome: { storage: { session: { get(key: null): Promise<Record<string, { key?: string }>> } } } };
    const items = await chrome.storage.session.get(null);
    const slot = Object.keys(items).find((name) => name.startsWith('adminKey') && !name.endsWith('$'));
    return { device, session: slot === undefined ? null : (items[slot]?.key ?? null) };
  });
}

test('"Forget the key when the browser closes" keeps the key in session storage only, and options says which is in force', async ({
  context,
  extensionId,
  worker,
  servePlatform,
}) => {
  await serveAdminApi(context, { validKey: KEY });
  await servePlatform();
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.getByTestId('key-retention')).toHaveText(
    'No key is stored. The next key you save will be kept on this device until you remove it.',
  );
  await expect(options.getByTestId('key-not-encrypted')).toContainText('the stored key is not encrypted');
  await expect(options.getByTestId('key-recommendation')).toContainText('read-only admin key with an expiry');

  // Clicked, then awaited: the control shows the stored value, which lands a moment after the click.

  await options.getByLabel('Forget the key when the browser closes').click();

  await expect(options.getByLabel('Forget the key when the browser closes')).toBeChecked();
  await expect(options.getByTestId('key-retention')).toHaveText('No key is stored. The next key you save will be forgotten when the browser closes.');
  await saveAdminKey(context, extensionId, { page: options });
  await expect(options.getByTestId('key-retention')).toHaveText('In force: this key is forgotten when the browser closes.');
  expect(await keyPlaces(worker)).toEqual({ device: null, session: KEY });

  // The worker reads it from there: the figures come.
  const popup = await openPopup(context, extensionId);
  await expect(popup.getByTestId('cost-today')).toHaveText(expectedOrganization().today);

  // A content script cannot open session storage at all.
  const page = await context.newPage();
  await page.goto('https://platform.openai.com/usage');
  await expect(page.locator('#rop-accent-bar')).toHaveCount(1);
  const fromContent = await inContentScript<string>(
    page,
    extensionId,
    `chrome.storage.session.get(null).then((items) => JSON.stringify(items), (error) => error.message)`,
  );
  expect(fromContent).toBe('Access to storage is not allowed from this context.');

  // Switching moves the key, and back.
  // Clicked, then awaited: the control shows the stored value, which lands a moment after the click.
  await options.getByLabel('Keep it on this device').click();
  await expect(options.getByLabel('Keep it on this device')).toBeChecked();
  await expect(options.getByTestId('key-retention')).toHaveText('In force: this key is kept on this device until you remove it.');
  expect(await keyPlaces(worker)).toEqual({ device: KEY, session: null });
  // Clicked, then awaited: the control shows the stored value, which lands a moment after the click.
  await options.getByLabel('Forget the key when the browser closes').click();
  await expect(options.getByLabel('Forget the key when the browser closes')).toBeChecked();
  await expect(options.getByTestId('key-retention')).toHaveText('In force: this key is forgotten when the browser closes.');
  expect(await keyPlaces(worker)).toEqual({ device: null, session: KEY });

  // What closing the browser does to session storage: the key is then nowhere, and options says so.
  await worker.evaluate(() => (globalThis as unknown as { chrome: { storage: { session: { clear(): Promise<void> } } } }).chrome.storage.session.clear());
  await options.reload();
  await expect(options.getByTestId('key-stored')).toHaveCount(0);
  await expect(options.getByTestId('key-retention')).toHaveText('No key is stored. The next key you save will be forgotten when the browser closes.');
});

test('the popup warns two weeks before the key expires, when OpenAI says when', async ({ context, extensionId }) => {
  await serveAdminApi(context, { validKey: KEY });
  const expiresAt = Math.floor(testNow() / 1000) + 5 * 86_400;
  // Registered after the fixture API, so it answers this one path.
  await context.route('https://api.openai.com/v1/organization/admin_api_keys*', (route) =>
    route.fulfill({
      json: {
        object: 'list',
        data: [
          { object: 'organization.admin_api_key', id: 'key_other', redacted_value: 'sk-admin...abcd', created_at: 1, expires_at: null },
          { object: 'organization.admin_api_key', id: 'key_ours', redacted_value: 'sk-admin...XYZW', created_at: 1, expires_at: expiresAt },
        ],
        first_id: 'key_other',
        last_id: 'key_ours',
        has_more: false,
      },
    }),
  );
  const options = await saveAdminKey(context, extensionId);
  await expect(options.getByTestId('key-expiry')).toContainText('Expires on');

  const popup = await openPopup(context, extensionId);
  await expect(popup.getByTestId('cost-today')).toBeVisible();
  await expect(popup.getByTestId('key-expiry-warning')).toContainText('(in 5 days). Create a new one and save it in options');
});

test('without an expiry from OpenAI the popup warns of nothing and options says OpenAI did not say', async ({ context, extensionId }) => {
  // The fixture API does not list admin keys (404).
  await serveAdminApi(context, { validKey: KEY });
  const options = await saveAdminKey(context, extensionId);
  await expect(options.getByTestId('key-expiry')).toContainText('OpenAI did not say when this key expires');
  const popup = await openPopup(context, extensionId);
  await expect(popup.getByTestId('cost-today')).toBeVisible();
  await expect(popup.getByTestId('key-expiry-warning')).toHaveCount(0);
});
