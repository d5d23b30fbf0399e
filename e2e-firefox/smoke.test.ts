import { afterAll, beforeAll, expect, test } from 'vitest';
import { routePlatform } from '../e2e/harness';
import { launchFirefox, waitFor, type FirefoxSession } from './firefox';

let firefox: FirefoxSession;
beforeAll(async () => {
  firefox = await launchFirefox();
});
afterAll(async () => firefox?.close());

test('smoke', async () => {
  await routePlatform(firefox.context);
  const page = await firefox.newPage();
  await page.goto('https://platform.openai.com/usage');
  await waitFor('accent bar', async () => (await page.$('#rop-accent-bar')) !== null);
  const options = await firefox.openExtensionPage('options.html');
  console.log(await options.evaluate(() => document.body.innerText.slice(0, 500)));
  console.log(firefox.pageErrors, firefox.network.log, firefox.network.refused);
  expect(1).toBe(1);
});
