import type { Page } from 'puppeteer-core';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { FIXTURE_ADMIN_KEY } from '../e2e/admin-key';
import { ORGANIZATION, serveAdminApi } from '../e2e/fixtures/api/admin-api';
import { expectedOrganization } from '../e2e/fixtures/api/expected-figures';
import { GLOBEX, GLOBEX_KEY, INITECH, INITECH_KEY, organizationLine } from '../e2e/fixtures/api/organizations';
import { launchFirefox, waitFor, waitForText, type FirefoxSession } from './firefox';

let firefox: FirefoxSession;
beforeEach(async () => {
  firefox = await launchFirefox();
});
afterEach(async () => firefox?.close());

/** Pastes a key in options, with the organization's name typed when given, and waits for the verdict. */
async function saveKey(options: Page, key: string, name: string | null, verdict: RegExp): Promise<void> {
  if (name !== null) await options.locator('::-p-aria(Organization name)').fill(name);
  await options.locator('input[type="password"]').fill(key);
  await options.locator('::-p-aria(Verify and save[role="button"])').click();
  await waitForText(options, '[data-testid="key-outcome"]', (value) => verdict.test(value));
}

const lines = (popup: Page) =>
  popup.$$eval('[data-testid="organization-lines"] tbody tr', (rows) =>
    rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => (cell as HTMLElement).innerText.trim())),
  );

test('two, then three organizations: each key under its own name; the popup ranks and totals them and names the one that fails', async () => {
  const api = await serveAdminApi(firefox.context, { validKey: FIXTURE_ADMIN_KEY, otherKeys: { [GLOBEX_KEY]: GLOBEX, [INITECH_KEY]: INITECH } });
  const options = await firefox.openExtensionPage('options.html');
  await saveKey(options, FIXTURE_ADMIN_KEY, null, /^Verified and saved for My organization/);
  await saveKey(options, GLOBEX_KEY, 'Globex', /^Verified and saved for Globex/);

  const popup = await firefox.openExtensionPage('popup.html');
  await waitFor('two organization lines', async () => (await lines(popup)).length === 2);
  expect(await lines(popup)).toEqual([organizationLine('Globex', GLOBEX), organizationLine('My organization', ORGANIZATION)]);
  expect(await popup.$eval('[data-testid="organizations-total"]', (node) => (node as HTMLElement).innerText)).toMatch(/^All 2 organizations: today /);

  await saveKey(options, INITECH_KEY, 'Initech', /^Verified and saved for Initech/);
  api.failKeyWith(GLOBEX_KEY, { status: 401, body: { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } } });
  // A popup opened again, and Refresh pressed: every organization is read again.
  await popup.close();
  const again = await firefox.openExtensionPage('popup.html');
  await again.locator('::-p-aria(Refresh[role="button"])').click();
  await waitForText(again, '[data-testid="organization-failures"]', (value) => value.startsWith('Globex: not refreshed. OpenAI rejected the admin key (401).'));
  await waitFor('three organization lines', async () => (await lines(again)).length === 3);
  expect(await lines(again)).toEqual([organizationLine('Globex', GLOBEX), organizationLine('My organization', ORGANIZATION), organizationLine('Initech', INITECH)]);
  // The first organization's own glance stays as it was.
  await waitForText(again, '[data-testid="cost-today"]', (value) => value === expectedOrganization().today);
  expect(firefox.pageErrors).toEqual([]);
});
