import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { routePlatform } from '../e2e/harness';
import { defaultAccent } from '../lib/features/project-emphasis/accent';
import { launchFirefox, waitFor, waitForText, type FirefoxSession } from './firefox';

const PRODUCTION = 'proj_Production01';
const SANDBOX = 'proj_Sandbox02';

let firefox: FirefoxSession;
beforeEach(async () => {
  firefox = await launchFirefox();
});
afterEach(async () => firefox?.close());

function hexToRgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

/** Font weight of the name the user reads in the header switcher that shows `name`. */
function nameWeight(page: Page, name: string): Promise<number> {
  return page.evaluate((name) => {
    const button = [...document.querySelectorAll('header button')].find((node) => node.textContent?.includes(name));
    const span = button?.querySelector('span');
    return span ? Number(getComputedStyle(span).fontWeight) : Number.NaN;
  }, name);
}

const barColour = (page: Page) =>
  page.evaluate(() => {
    const bar = document.getElementById('rop-accent-bar');
    return bar ? getComputedStyle(bar).backgroundColor : null;
  });

async function openUsagePage(): Promise<Page> {
  await routePlatform(firefox.context);
  const page = await firefox.newPage();
  await page.goto('https://platform.openai.com/usage');
  await waitFor('the accent bar', async () => (await page.$('#rop-accent-bar')) !== null);
  return page;
}

test('the project name outweighs the organization, the page carries the project colour, and a switch follows', async () => {
  const page = await openUsagePage();

  expect(await nameWeight(page, 'Production')).toBeGreaterThanOrEqual(600);
  expect(await nameWeight(page, 'Production')).toBeGreaterThan(await nameWeight(page, 'Acme Corp'));
  expect(await barColour(page)).toBe(hexToRgb(defaultAccent(PRODUCTION)));
  const dot = await page.evaluate(() => {
    const button = [...document.querySelectorAll('header button')].find((node) => node.textContent?.includes('Production'));
    return button ? getComputedStyle(button, '::before').backgroundColor : null;
  });
  expect(dot).toBe(hexToRgb(defaultAccent(PRODUCTION)));
  await page.screenshot({ path: path.join('docs', 'screenshots', 'store', '1-project-emphasis.png') });

  // The project menu opens late, as the dashboard's does.
  await page.locator('header button ::-p-text(Production)').click();
  await page.locator('::-p-aria(Sandbox[role="menuitem"])').click();
  await waitFor('the Sandbox colour', async () => (await barColour(page)) === hexToRgb(defaultAccent(SANDBOX)));
  expect(await nameWeight(page, 'Sandbox')).toBeGreaterThanOrEqual(600);
  expect(await nameWeight(page, 'Sandbox')).toBeGreaterThan(await nameWeight(page, 'Acme Corp'));

  // Client-side navigation keeps one bar and one style element.
  await page.locator('::-p-aria(Logs[role="link"])').click();
  await waitFor('the Logs page', () => page.url() === 'https://platform.openai.com/logs');
  await waitFor('the Logs heading', async () => (await page.$('::-p-aria(Logs[role="heading"])')) !== null);
  expect(await nameWeight(page, 'Sandbox')).toBeGreaterThanOrEqual(600);
  expect(await page.$$eval('#rop-accent-bar', (nodes) => nodes.length)).toBe(1);
  expect(await page.$$eval('style#rop-project-emphasis-style', (nodes) => nodes.length)).toBe(1);
  expect(await barColour(page)).toBe(hexToRgb(defaultAccent(SANDBOX)));
  expect(firefox.pageErrors).toEqual([]);
});

test('a colour chosen in options shows at once on the page', async () => {
  const page = await openUsagePage();
  const options = await firefox.openExtensionPage('options.html');
  await waitForText(options, '[data-feature="project-emphasis"] [data-testid="health"]', (text) => text === 'Active on /usage');

  const picker = await options.waitForSelector('::-p-aria(Accent colour of Production)');
  // A colour input takes its value from a picker: set it the way the picker would.
  await picker!.evaluate((input) => {
    (input as HTMLInputElement).value = '#d00000';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await waitFor('the chosen colour', async () => (await barColour(page)) === 'rgb(208, 0, 0)');
});

test('an unrecognized header gets nothing injected, no console noise, and options says so', async () => {
  await routePlatform(firefox.context, { shell: 'unrecognized.html' });
  const page = await firefox.newPage();
  await page.goto('https://platform.openai.com/usage');

  const options = await firefox.openExtensionPage('options.html');
  await waitForText(options, '[data-feature="project-emphasis"] [data-testid="health"]', (text) => text.includes('Not recognized on /usage'));
  expect(await page.$$eval('#rop-accent-bar, style#rop-project-emphasis-style, [data-rop-project]', (nodes) => nodes.length)).toBe(0);
  expect(firefox.pageErrors).toEqual([]);
});
