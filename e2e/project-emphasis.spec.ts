import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { defaultAccent } from '../lib/features/project-emphasis/accent';
import { expect, readStorage, test } from './harness';

const PRODUCTION = 'proj_Production01';
const SANDBOX = 'proj_Sandbox02';

function hexToRgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

/** Computed styles of what the user reads: the name text inside each switcher. */
async function switcherStyles(page: Page) {
  const weight = (name: string) =>
    page
      .locator('header button', { hasText: name })
      .locator('span')
      .first()
      .evaluate((span) => Number(getComputedStyle(span).fontWeight));
  const projectName = await page.evaluate(() => {
    const projects = (window as unknown as { __fixture: { projects: { id: string; name: string }[] } }).__fixture.projects;
    const id = JSON.parse(localStorage.getItem('oai/activeProj') ?? 'null') as string | null;
    return (projects.find((p) => p.id === id) ?? projects[0])!.name;
  });
  return { project: await weight(projectName), organization: await weight('Acme Corp') };
}

const accentBar = (page: Page) => page.locator('#rop-accent-bar');

/** The fixture dashboard's Usage page, once the extension has decorated it. */
async function openDecoratedUsagePage(context: BrowserContext, servePlatform: () => Promise<void>): Promise<Page> {
  await servePlatform();
  const page = await context.newPage();
  await page.goto('https://platform.openai.com/usage');
  await expect(accentBar(page)).toHaveCount(1);
  return page;
}
const barColour = (page: Page) => accentBar(page).evaluate((bar) => getComputedStyle(bar).backgroundColor);

test('the project name outweighs the organization and the page carries the project colour', async ({
  context,
  servePlatform,
  pageErrors,
}) => {
  const page = await openDecoratedUsagePage(context, servePlatform);

  const weights = await switcherStyles(page);
  expect(weights.project).toBeGreaterThanOrEqual(600);
  expect(weights.project).toBeGreaterThan(weights.organization);
  expect(await barColour(page)).toBe(hexToRgb(defaultAccent(PRODUCTION)));
  const dot = await page
    .locator('header button', { hasText: 'Production' })
    .evaluate((button) => getComputedStyle(button, '::before').backgroundColor);
  expect(dot).toBe(hexToRgb(defaultAccent(PRODUCTION)));

  await page.screenshot({
    path: path.join('docs', 'screenshots', 'project-emphasis.png'),
    clip: { x: 0, y: 0, width: 900, height: 120 },
  });
  expect(pageErrors).toEqual([]);
});

test('follows a project switch, re-renders and client-side navigation without injecting twice', async ({
  context,
  servePlatform,
  pageErrors,
}) => {
  const page = await openDecoratedUsagePage(context, servePlatform);

  await page.locator('header button', { hasText: 'Production' }).click();
  await page.getByRole('menuitem', { name: 'Sandbox' }).click();
  await expect.poll(() => barColour(page)).toBe(hexToRgb(defaultAccent(SANDBOX)));
  const afterSwitch = await switcherStyles(page);
  expect(afterSwitch.project).toBeGreaterThanOrEqual(600);
  expect(afterSwitch.project).toBeGreaterThan(afterSwitch.organization);

  // The app throws the header away and builds a new one.
  const before = await page.locator('header').elementHandle();
  await page.evaluate(() => (window as unknown as { __fixture: { render(): void } }).__fixture.render());
  expect(await before!.evaluate((node) => node.isConnected)).toBe(false);
  expect((await switcherStyles(page)).project).toBeGreaterThanOrEqual(600);

  await page.getByRole('link', { name: 'Logs' }).click();
  await expect(page).toHaveURL('https://platform.openai.com/logs');
  await expect(page.getByRole('heading', { name: 'Logs' })).toBeVisible();
  expect((await switcherStyles(page)).project).toBeGreaterThanOrEqual(600);
  await expect(accentBar(page)).toHaveCount(1);
  expect(await page.locator('style#rop-project-emphasis-style').count()).toBe(1);
  expect(await barColour(page)).toBe(hexToRgb(defaultAccent(SANDBOX)));
  expect(pageErrors).toEqual([]);
});

test('options: a chosen colour shows at once, and switching the feature off removes it', async ({
  context,
  servePlatform,
  extensionId,
  worker,
}) => {
  const page = await openDecoratedUsagePage(context, servePlatform);
  const original = await switcherStyles(page);

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const feature = options.locator('[data-feature="project-emphasis"]');
  await expect(feature.getByTestId('health')).toHaveText('Active on /usage');

  await options.getByLabel('Accent colour of Production').fill('#d00000');
  await expect.poll(() => barColour(page)).toBe('rgb(208, 0, 0)');
  expect(await readStorage(worker, 'sync', 'projectColors')).toEqual({ [PRODUCTION]: '#d00000' });

  await feature.getByRole('checkbox').uncheck();
  await expect(accentBar(page)).toHaveCount(0);
  const off = await switcherStyles(page);
  expect(off.project).toBe(off.organization);
  await expect(feature.getByTestId('health')).toHaveText('Switched off.');

  // Clicked, then awaited: the control shows the stored value, which lands a moment after the click.

  await feature.getByRole('checkbox').click();

  await expect(feature.getByRole('checkbox')).toBeChecked();
  await expect(accentBar(page)).toHaveCount(1);
  expect(await switcherStyles(page)).toEqual(original);
  expect(await barColour(page)).toBe('rgb(208, 0, 0)');
});

test('an unrecognized header gets nothing injected, no console noise, and options says so', async ({
  context,
  servePlatform,
  extensionId,
  pageErrors,
}) => {
  await servePlatform({ shell: 'unrecognized.html' });
  const page = await context.newPage();
  await page.goto('https://platform.openai.com/usage');

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.locator('[data-feature="project-emphasis"]').getByTestId('health')).toContainText(
    'Not recognized on /usage',
  );
  expect(await page.locator('#rop-accent-bar, style#rop-project-emphasis-style, [data-rop-project]').count()).toBe(0);
  expect(pageErrors).toEqual([]);
});

test('the decoration goes away when the extension is reloaded', async ({ context, servePlatform, worker }) => {
  const page = await openDecoratedUsagePage(context, servePlatform);

  await worker.evaluate(() => (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload());
  await expect(accentBar(page)).toHaveCount(0);
  expect(await page.locator('[data-rop-project], [data-rop-organization]').count()).toBe(0);
});

test('a redesign without header landmarks is still recognized by where the switchers sit', async ({ context, servePlatform }) => {
  await servePlatform();
  const page = await context.newPage();
  await page.addInitScript(() => ((window as unknown as { __layout: string }).__layout = 'div-top-bar'));
  await page.goto('https://platform.openai.com/usage');
  await expect(page.locator('.top-bar button', { hasText: 'Production' })).toBeVisible();
  expect(await page.locator('header, nav, [role="banner"]').count()).toBe(0);
  await expect(accentBar(page)).toHaveCount(1);
  const weight = (name: string) =>
    page.locator('.top-bar button', { hasText: name }).locator('span').first().evaluate((span) => Number(getComputedStyle(span).fontWeight));
  expect(await weight('Production')).toBeGreaterThanOrEqual(600);
  expect(await weight('Production')).toBeGreaterThan(await weight('Acme Corp'));
  expect(await barColour(page)).toBe(hexToRgb(defaultAccent(PRODUCTION)));
});

// ---------------------------------------------------------------------------
// Shapes of the switcher (e2e/fixtures/platform/switcher.js) and sources of the project id

/** The Usage page in a fixture shape, once the extension has decorated it. */
async function openShape(context: BrowserContext, servePlatform: () => Promise<void>, query: string, path = '/usage'): Promise<Page> {
  await servePlatform();
  const page = await context.newPage();
  await page.goto(`https://platform.openai.com${path}?${query}`);
  await expect(accentBar(page)).toHaveCount(1);
  return page;
}

/** The computed weight of the top bar's or sidebar's element showing exactly this text (never the extension's own marks). */
const weightOfText = (page: Page, text: string) =>
  page.locator('header, aside').getByText(text, { exact: true }).evaluate((element) => Number(getComputedStyle(element).fontWeight));

async function expectProjectOutweighs(page: Page, project: string) {
  await expect.poll(() => weightOfText(page, project)).toBeGreaterThanOrEqual(600);
  expect(await weightOfText(page, project)).toBeGreaterThan(await weightOfText(page, 'Acme Corp'));
}

for (const shape of ['breadcrumb', 'single', 'sidebar', 'links'] as const) {
  test(`switcher shape "${shape}": emphasis, the avatar's initial left out, switches and re-renders followed`, async ({
    context,
    servePlatform,
    worker,
    pageErrors,
  }) => {
    const page = await openShape(context, servePlatform, `switcher=${shape}`);
    await expectProjectOutweighs(page, 'Production');
    expect(await barColour(page)).toBe(hexToRgb(defaultAccent(PRODUCTION)));
    // The organization's name as recorded for options: never with the avatar's "A" in front.
    await expect
      .poll(async () => (await readStorage<Record<string, { name: string; organization: string }>>(worker, 'local', 'knownProjects'))?.[PRODUCTION])
      .toMatchObject({ name: 'Production', organization: 'Acme Corp' });
    // The Usage page's own "All projects" picker is left alone.
    expect(await page.getByRole('button', { name: 'All projects' }).getAttribute('data-rop-project')).toBeNull();
    await expect(page.locator('[data-rop-project]')).toHaveCount(1);

    await page.getByText('Production', { exact: true }).click();
    await page.getByRole('menuitem', { name: 'Sandbox' }).click();
    await expect.poll(() => barColour(page)).toBe(hexToRgb(defaultAccent(SANDBOX)));
    await expectProjectOutweighs(page, 'Sandbox');

    await page.evaluate(() => (window as unknown as { __fixture: { render(): void } }).__fixture.render());
    await expectProjectOutweighs(page, 'Sandbox');
    expect(pageErrors).toEqual([]);
  });
}

test('the hover-opened menus of the evidenced breadcrumb open without a click, and the emphasis holds', async ({ context, servePlatform }) => {
  const page = await openShape(context, servePlatform, 'switcher=breadcrumb');
  expect(await page.locator('[aria-haspopup]').filter({ hasText: 'Production' }).count()).toBe(0);
  await page.getByText('Production', { exact: true }).hover();
  await expect(page.getByRole('menuitem', { name: 'Sandbox' })).toBeVisible();
  await expectProjectOutweighs(page, 'Production');
});

test('the project id from the dashboard’s own request headers, when localStorage holds none', async ({ context, servePlatform }) => {
  const page = await openShape(context, servePlatform, 'switcher=breadcrumb&ids=headers');
  expect(await page.evaluate(() => [localStorage.getItem('oai/activeProj'), localStorage.getItem('oai/activeOrg')])).toEqual([null, null]);
  // Without an id the colour would be the one of "name:Acme Corp/Production".
  expect(defaultAccent(PRODUCTION)).not.toBe(defaultAccent('name:Acme Corp/Production'));
  await expect.poll(() => barColour(page)).toBe(hexToRgb(defaultAccent(PRODUCTION)));

  await page.getByText('Production', { exact: true }).click();
  await page.getByRole('menuitem', { name: 'Sandbox' }).click();
  await expect.poll(() => barColour(page)).toBe(hexToRgb(defaultAccent(SANDBOX)));
  await expectProjectOutweighs(page, 'Sandbox');
});

test('the project id from a project settings URL, when neither headers nor localStorage name it', async ({ context, servePlatform }) => {
  const page = await openShape(context, servePlatform, 'ids=url', '/settings/proj_Sandbox02/api-keys');
  await expect(page.getByRole('heading', { name: 'API keys' })).toBeVisible();
  await expect.poll(() => barColour(page)).toBe(hexToRgb(defaultAccent(SANDBOX)));
  // On a page whose URL names no project, the id is unknown and the name decides the colour.
  await page.getByRole('link', { name: 'Usage' }).click();
  await expect.poll(() => barColour(page)).toBe(hexToRgb(defaultAccent('name:Acme Corp/Production')));
});

test('never silent: an unrecognized switcher leaves the page alone, and options offers a redacted page outline to copy', async ({
  context,
  servePlatform,
  extensionId,
}) => {
  await servePlatform({ shell: 'unrecognized.html' });
  const page = await context.newPage();
  const platformErrors: string[] = [];
  page.on('pageerror', (error) => platformErrors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && platformErrors.push(message.text()));
  await page.goto('https://platform.openai.com/usage');

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.locator('[data-feature="project-emphasis"]').getByTestId('health')).toContainText('Not recognized on /usage');
  expect(await page.locator('#rop-accent-bar, style#rop-project-emphasis-style, [data-rop-project], [data-rop-organization]').count()).toBe(0);
  expect(platformErrors).toEqual([]);

  const offer = options.locator('[data-outline="project-emphasis"]');
  await offer.getByText('What the outline contains').click();
  const outline = await offer.getByRole('textbox', { name: /^Page outline for/ }).inputValue();
  expect(outline).toContain('did not recognize /usage');
  expect(outline).toContain('div tabindex "Aaaa Aaaa · Aaaaaaaaaa"');
  for (const secret of ['Acme', 'Production', 'milton', 'initech', '1,234.56', 'sk-proj', 'AbCdEf123456']) expect(outline).not.toContain(secret);

  await offer.getByRole('button', { name: 'Copy a page outline for a bug report' }).click();
  await expect(offer.getByRole('status')).toHaveText('Copied. Paste it into your bug report.');
  // What lands on the clipboard is the outline shown: paste it into a field to read it back.
  await options.evaluate(() => {
    const field = document.createElement('textarea');
    field.id = 'paste-here';
    document.body.append(field);
    field.focus();
  });
  await options.keyboard.press('ControlOrMeta+V');
  expect(await options.locator('#paste-here').inputValue()).toBe(outline);
});
