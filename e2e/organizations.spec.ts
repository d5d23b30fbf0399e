import type { Page } from '@playwright/test';
import { FIXTURE_ADMIN_KEY, saveAdminKey } from './admin-key';
import { ORGANIZATION, serveAdminApi } from './fixtures/api/admin-api';
import { expectedOrganization } from './fixtures/api/expected-figures';
import { GLOBEX, GLOBEX_KEY, INITECH, INITECH_KEY, organizationLine } from './fixtures/api/organizations';
import { money, testNow } from './clock';
import { expect, openPopup, openToolbarPopup, test } from './harness';

/** Pastes another organization's key in options, with the name the user types for it. */
async function addOrganization(options: Page, key: string, name: string): Promise<void> {
  await options.getByLabel('Organization name').fill(name);
  await options.getByLabel('Admin key').fill(key);
  await options.getByRole('button', { name: 'Verify and save' }).click();
  await expect(options.getByTestId('key-outcome')).toHaveText(`Verified and saved for ${name}. Usage figures are being fetched.`);
}

const rows = (popup: Page) => popup.getByTestId('organization-lines').locator('tbody tr');
const cells = async (popup: Page) => Promise.all((await rows(popup).all()).map((row) => row.locator('th, td').allTextContents()));

test('two organizations: each key under its own name, the popup totals and ranks them, the badge counts the chosen ones; removing one removes its line and nothing else', async ({
  context,
  extensionId,
  worker,
  pageErrors,
}) => {
  const api = await serveAdminApi(context, { validKey: FIXTURE_ADMIN_KEY, otherKeys: { [GLOBEX_KEY]: GLOBEX } });
  const options = await saveAdminKey(context, extensionId);
  // A second key with neither a platform tab nor a name: the Admin API does not say whose it is, so it is not saved.
  await options.getByLabel('Admin key').fill(GLOBEX_KEY);
  await options.getByRole('button', { name: 'Verify and save' }).click();
  await expect(options.getByTestId('key-outcome')).toContainText('Which organization is this key for?');
  await expect(options.getByTestId('key-stored')).toHaveCount(1);
  await addOrganization(options, GLOBEX_KEY, 'Globex');
  await expect(options.getByTestId('key-organization')).toHaveText(['My organization', 'Globex']);

  const popup = await openPopup(context, extensionId);
  await expect(rows(popup)).toHaveCount(2);
  // Globex spends more this month: it comes first.
  expect(await cells(popup)).toEqual([organizationLine('Globex', GLOBEX), organizationLine('My organization', ORGANIZATION)]);
  const both = expectedOrganization(undefined, [...ORGANIZATION, ...GLOBEX]);
  await expect(popup.getByTestId('organizations-total')).toContainText(
    `All 2 organizations: today ${money(both.todayCents / 100)}, month to date ${money(both.monthToDateCents / 100)}`,
  );
  // The first organization's own glance stays as it was.
  await expect(popup.getByTestId('cost-today')).toHaveText(expectedOrganization().today);
  // The badge counts the first organization, or all of them, or one other, as chosen in options.
  const badge = () => worker.evaluate(() => (globalThis as unknown as { chrome: { action: { getBadgeText(details: object): Promise<string> } } }).chrome.action.getBadgeText({}));
  await expect.poll(badge).toBe(`$${Math.round(expectedOrganization().todayCents / 100)}`);
  await options.getByLabel('Badge organization').selectOption({ label: 'all organizations together' });
  await expect.poll(badge).toBe(`$${Math.round(both.todayCents / 100)}`);
  await options.getByLabel('Badge organization').selectOption({ label: 'Globex' });
  await expect.poll(badge).toBe(`$${Math.round(expectedOrganization(undefined, GLOBEX).todayCents / 100)}`);
  // Globex's figures were read with its own key: costs and usage, one request each per refresh (its project list
  // is also read when the key is verified).
  const paths = (key: string, path: string) => (api.requestsByKey.get(key) ?? []).filter((url) => url.pathname.endsWith(path)).length;
  expect(paths(GLOBEX_KEY, '/costs')).toBeGreaterThanOrEqual(1);
  expect(paths(GLOBEX_KEY, '/usage/completions')).toBe(paths(GLOBEX_KEY, '/costs'));

  // An accounting export asked for an organization with no key of its own is refused by name: with
  // several keys, another organization's would export its costs under this name.
  const exportPage = await context.newPage();
  const lastYear = new Date(testNow()).getUTCFullYear() - 1;
  await exportPage.goto(`chrome-extension://${extensionId}/export.html?year=${lastYear}&scope=organization&org=Initech&orgId=org-initech`);
  await expect(exportPage.getByTestId('export-no-key')).toContainText('No admin key is saved for Initech');
  await exportPage.close();

  // Removing Globex's key removes its line; the first organization's figures stay.
  await options.getByRole('region', { name: 'Globex' }).getByRole('button', { name: 'Remove key' }).click();
  await expect(options.getByTestId('key-outcome')).toHaveText('The admin key of Globex and what was read with it were removed.');
  await expect(options.getByTestId('key-stored')).toHaveCount(1);
  await popup.reload();
  await expect(popup.getByTestId('cost-today')).toHaveText(expectedOrganization().today);
  await expect(popup.getByTestId('all-organizations')).toHaveCount(0);
  // The badge counted Globex: with Globex gone it counts the first organization again.
  await expect.poll(badge).toBe(`$${Math.round(expectedOrganization().todayCents / 100)}`);
  expect(pageErrors).toEqual([]);
});

test("three organizations: the toolbar popup opens on the tab's organization; one whose key is refused keeps its last figures, the popup says which, and the others refresh", async ({
  context,
  extensionId,
  servePlatform,
  worker,
}) => {
  const api = await serveAdminApi(context, { validKey: FIXTURE_ADMIN_KEY, otherKeys: { [GLOBEX_KEY]: GLOBEX, [INITECH_KEY]: INITECH } });
  await servePlatform();
  // Verified with a platform tab open: the first key is named after the tab's organization.
  const tab = await context.newPage();
  await tab.goto('https://platform.openai.com/usage');
  await expect(tab.locator('#rop-accent-bar')).toHaveCount(1);
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await saveAdminKey(context, extensionId, { page: options });
  await expect(options.getByTestId('key-organization-source')).toContainText('saved for Acme Corp, the organization of your open platform.openai.com tab');
  await addOrganization(options, GLOBEX_KEY, 'Globex');
  await addOrganization(options, INITECH_KEY, 'Initech');
  await expect(options.getByTestId('key-organization')).toHaveText(['Acme Corp', 'Globex', 'Initech']);

  // The real toolbar popup over the platform tab opens on the tab's organization, read from the page.
  // (Opened before any popup.html tab: the popup is found among the targets by its address.)
  await options.close();
  const inToolbarPopup = await openToolbarPopup(tab, worker);
  await expect
    .poll(() => inToolbarPopup(`document.querySelector('[aria-label="Organization view"]')?.value ?? null`))
    .toBe('org-FixtureAcme');
  expect(await inToolbarPopup(`document.querySelectorAll('[data-testid="organization-lines"] tbody tr').length`)).toBe(1);

  const popup = await openPopup(context, extensionId);
  await expect(rows(popup)).toHaveCount(3);
  expect(await cells(popup)).toEqual([organizationLine('Globex', GLOBEX), organizationLine('Acme Corp', ORGANIZATION), organizationLine('Initech', INITECH)]);

  // Globex's key is revoked: its line keeps its last figures and the popup names it; the others refresh.
  api.failKeyWith(GLOBEX_KEY, { status: 401, body: { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } } });
  const initechBefore = api.requestsByKey.get(INITECH_KEY)?.length ?? 0;
  await popup.getByRole('button', { name: 'Refresh' }).click();
  await expect(popup.getByTestId('organization-failures')).toHaveText(/^Globex: not refreshed\. OpenAI rejected the admin key \(401\)\..*Its last figures are shown\.$/);
  expect(await cells(popup)).toEqual([organizationLine('Globex', GLOBEX), organizationLine('Acme Corp', ORGANIZATION), organizationLine('Initech', INITECH)]);
  expect((api.requestsByKey.get(INITECH_KEY)?.length ?? 0) - initechBefore).toBe(3);
  await expect(popup.getByTestId('cost-today')).toHaveText(expectedOrganization().today);
});

test('with several organizations, a spike notification names the organization it is about', async ({ context, extensionId, worker }) => {
  await serveAdminApi(context, {
    validKey: FIXTURE_ADMIN_KEY,
    otherKeys: { [GLOBEX_KEY]: GLOBEX },
    spike: { projectId: 'proj_Production01', requestsThisHour: 5000, dollarsToday: 300 },
  });
  type ChromeInWorker = {
    storage: { sync: { set(items: object): Promise<void> } };
    notifications: { create(id: string, options: { title: string }): Promise<string> };
  };
  const setSpikeAlerts = (enabled: boolean) =>
    worker.evaluate(async (on) => {
      const { storage } = (globalThis as unknown as { chrome: ChromeInWorker }).chrome;
      // The defaults of lib/storage/settings.ts, switched on or off.
      const defaults = { sensitivity: 'medium', dailySpendCapsMicros: {}, signals: { newModel: true, tokensPerRequest: true, newBusyKey: true }, flagUnlimitedSpend: true };
      await storage.sync.set({ spikeAlerts: { ...defaults, enabled: on }, spikeAlerts$: { v: 2 } });
    }, enabled);
  // The titles the worker gives its notifications, as the browser receives them.
  await worker.evaluate(() => {
    const scope = globalThis as unknown as { chrome: ChromeInWorker; notificationTitles: string[] };
    scope.notificationTitles = [];
    const create = scope.chrome.notifications.create.bind(scope.chrome.notifications);
    scope.chrome.notifications.create = (id, options) => {
      scope.notificationTitles.push(options.title);
      return create(id, options);
    };
  });
  const titles = () => worker.evaluate(() => (globalThis as unknown as { notificationTitles: string[] }).notificationTitles);

  // Spike alerts off while the organizations are added: the first refresh would notify at once.
  await setSpikeAlerts(false);
  const options = await saveAdminKey(context, extensionId);
  await addOrganization(options, GLOBEX_KEY, 'Globex');
  expect(await titles()).toEqual([]);

  await setSpikeAlerts(true);
  const popup = await openPopup(context, extensionId);
  await popup.getByRole('button', { name: 'Refresh' }).click();
  await expect.poll(titles).toHaveLength(1);
  expect((await titles())[0]).toMatch(/^My organization: Production: /);
});
