import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { FIXTURE_ADMIN_KEY } from '../e2e/admin-key';
import { serveAdminApi } from '../e2e/fixtures/api/admin-api';
import { routePlatform } from '../e2e/harness';
import { expectedOrganization } from '../e2e/fixtures/api/expected-figures';
import { launchFirefox, waitFor, waitForText, type FirefoxSession } from './firefox';
import { escapeRegExp, money } from '../e2e/clock';

let firefox: FirefoxSession;
beforeEach(async () => {
  firefox = await launchFirefox();
});
afterEach(async () => firefox?.close());

const text = (page: Page, testId: string) => waitForText(page, `[data-testid="${testId}"]`, (value) => value !== '');
const cells = (page: Page, testId: string) =>
  page.$$eval(`[data-testid="${testId}"] td`, (nodes) => nodes.map((node) => (node as HTMLElement).innerText.trim()));
const badgeText = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { browser: { action: { getBadgeText(details: object): Promise<string> } } }).browser.action.getBadgeText({}));

/**
 * The store screenshot of the usage glance: the popup as it opens from the toolbar, over the
 * Usage page (the real toolbar popup cannot be driven, so its picture is laid on the page).
 */
async function storeShotWithPopup(popup: Page): Promise<void> {
  await popup.setViewport({ width: 380, height: 640 });
  const picture = Buffer.from(await popup.screenshot({ fullPage: true })).toString('base64');
  await routePlatform(firefox.context);
  const page = await firefox.newPage();
  await page.goto('https://platform.openai.com/usage');
  await page.waitForSelector('#rop-accent-bar');
  await page.evaluate((source) => {
    const image = document.createElement('img');
    image.src = source;
    image.alt = '';
    image.style.cssText =
      'position:fixed;top:58px;right:16px;width:380px;border:1px solid #ccc;border-radius:8px;box-shadow:0 8px 28px rgba(0,0,0,.25);z-index:99999';
    document.body.append(image);
    return image.decode();
  }, `data:image/png;base64,${picture}`);
  await page.screenshot({ path: path.join('docs', 'screenshots', 'store', '4-usage-glance.png') });
  await page.close();
}

test('options verifies a pasted key, and the popup shows the figures the API implies', async () => {
  const api = await serveAdminApi(firefox.context, { validKey: FIXTURE_ADMIN_KEY });

  const options = await firefox.openExtensionPage('options.html');
  await options.locator('::-p-aria(Admin key)').fill(FIXTURE_ADMIN_KEY);
  await options.locator('::-p-aria(Verify and save[role="button"])').click();
  await waitForText(options, '[data-testid="key-outcome"]', (value) => /Verified and saved/.test(value));
  expect(await text(options, 'key-stored')).toContain('sk-admin-…XYZW');
  expect(await text(options, 'key-projects')).toBe('Sees 2 projects: Production, Sandbox');
  expect(await options.content()).not.toContain(FIXTURE_ADMIN_KEY);
  await options.screenshot({ path: path.join('docs', 'screenshots', 'store', '5-options.png') });

  // The background script made its requests through the fixture API, with the key.
  expect(api.requests.map((url) => url.pathname)).toEqual(expect.arrayContaining(['/v1/organization/costs', '/v1/organization/usage/completions', '/v1/organization/projects']));
  const expected = expectedOrganization();
  await waitFor('the badge', async () => (await badgeText(options)) === `$${Math.round(expected.todayCents / 100)}`);

  const popup = await firefox.openExtensionPage('popup.html');
  await waitForText(popup, '[data-testid="cost-today"]', (value) => value === expected.today);
  expect(await text(popup, 'cost-yesterday')).toBe(expected.yesterday);
  expect(await text(popup, 'cost-last-7-days')).toBe(expected.last7Days);
  expect(await text(popup, 'cost-month-to-date')).toBe(expected.monthToDate);
  expect(await text(popup, 'cost-projected')).toBe(expected.projected);
  expect(await cells(popup, 'row-input')).toEqual(expected.input);
  expect(await cells(popup, 'row-output')).toEqual(expected.output);
  expect(await cells(popup, 'row-requests')).toEqual(expected.requests);
  expect(await popup.$$eval('svg rect.chart-bar', (bars) => bars.length)).toBe(30);
  expect(await popup.$eval('[data-testid="top-line-items"] li', (item) => (item as HTMLElement).innerText)).toMatch(new RegExp(`gpt-4o, input\\s*${escapeRegExp(money(37.8))}`));
  expect(await popup.$eval('[data-testid="top-models"] li', (item) => (item as HTMLElement).innerText)).toMatch(/gpt-4o\s*384,000 tokens/);
  expect(await text(popup, 'updated')).toBe('updated just now');
  await storeShotWithPopup(popup);

  // One project: Sandbox spends $0.10 today and $0.25 on earlier days.
  const scope = await popup.waitForSelector('::-p-aria(Scope)');
  await scope!.evaluate((select) => {
    const option = [...(select as HTMLSelectElement).options].find((item) => item.text === 'Sandbox');
    if (!option) throw new Error('no Sandbox in Scope');
    (select as HTMLSelectElement).value = option.value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await waitForText(popup, '[data-testid="cost-today"]', (value) => value === money(0.1));
  expect(await text(popup, 'cost-yesterday')).toBe(money(0.25));
  // Nothing but the fixture hosts was contacted by the extension (Firefox's own services are refused).
  expect(firefox.network.refused.filter((target) => !target.includes('mozilla'))).toEqual([]);
  expect(firefox.pageErrors).toEqual([]);
});
