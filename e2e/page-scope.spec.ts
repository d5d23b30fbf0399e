import type { Page } from '@playwright/test';
import { expect, test } from './harness';

// The Usage page's own project picker (e2e/fixtures/platform/app.js, ?scope=) against the
// top bar's project (Production in the fixture).

const beside = (page: Page) => page.locator('main [data-rop-owned="page-scope"]');
const underTopBar = (page: Page) => page.locator('header [data-rop-owned="page-scope"]');
/** What the note under the top bar's project reads: drawn from its attribute, so the project's own text stays as it is. */
const topBarNote = (page: Page) =>
  underTopBar(page).evaluate((note) => getComputedStyle(note, '::after').content.replace(/^"|"$/g, ''));

/** Where the page's own things are: none of them may move when the notes come. */
function layout(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('header button, main h1, main button, main select, main [role="combobox"]')]
      .filter((element) => !element.closest('[data-rop-owned]'))
      .map((element) => {
        const box = element.getBoundingClientRect();
        return [element.textContent?.trim().slice(0, 20), box.x, box.y, box.width, box.height];
      }),
  );
}

async function setScope(page: Page, shows: string) {
  await page.evaluate((value) => (window as unknown as { __fixture: { setUsageScope(value: string): void } }).__fixture.setUsageScope(value), shows);
}

for (const shape of ['pill', 'combobox', 'select', 'labelled'] as const) {
  test(`picker shape "${shape}": says what the page shows beside it and under the top bar, moves nothing, follows choices and re-renders`, async ({
    context,
    servePlatform,
    pageErrors,
  }) => {
    await servePlatform();
    const page = await context.newPage();
    await page.goto(`https://platform.openai.com/usage?scope=${shape}`);

    await expect(beside(page)).toHaveText('Shows all projects, not only Production');
    await expect.poll(() => topBarNote(page)).toBe('Usage shows: All projects');
    await expect(underTopBar(page)).toBeVisible();
    await expect(page.locator('header').getByText('Production', { exact: true })).toHaveCount(1);
    await expect(page.getByRole('note')).toHaveText('Shows all projects, not only Production');
    // The top bar's project keeps its accessible name; the page's note is the one screen readers get.
    await expect(page.locator('header').getByRole('button', { name: 'Production', exact: true })).toHaveCount(1);

    // No layout shift: the page is laid out the same with the notes as without them.
    const withNotes = await layout(page);
    await page.evaluate(() => document.querySelectorAll<HTMLElement>('[data-rop-owned="page-scope"]').forEach((note) => (note.style.display = 'none')));
    expect(await layout(page)).toEqual(withNotes);
    await page.evaluate(() => document.querySelectorAll<HTMLElement>('[data-rop-owned="page-scope"]').forEach((note) => (note.style.display = '')));

    // The page shows the top bar's project: nothing is added.
    await setScope(page, 'Production');
    await expect(beside(page)).toHaveCount(0);
    await expect(underTopBar(page)).toHaveCount(0);

    // Another project, then re-renders that replace every node: one note of each, with the new name.
    await setScope(page, 'Sandbox');
    await expect.poll(() => topBarNote(page)).toBe('Usage shows: Sandbox');
    for (let i = 0; i < 3; i++) await page.evaluate(() => (window as unknown as { __fixture: { render(): void } }).__fixture.render());
    await expect(beside(page)).toHaveText('Shows Sandbox, not Production');
    await expect(underTopBar(page)).toHaveCount(1);
    expect(pageErrors).toEqual([]);
  });
}

test('the picker chosen through its own menu is followed', async ({ context, servePlatform }) => {
  await servePlatform();
  const page = await context.newPage();
  await page.goto('https://platform.openai.com/usage?scope=pill');
  await expect.poll(() => topBarNote(page)).toBe('Usage shows: All projects');
  await page.locator('main').getByRole('button', { name: /All projects/ }).click();
  await page.getByRole('menuitem', { name: 'Sandbox' }).click();
  await expect.poll(() => topBarNote(page)).toBe('Usage shows: Sandbox');
});

test('without the page’s own picker nothing is added and options says "not recognized"', async ({ context, servePlatform, extensionId, pageErrors }) => {
  await servePlatform();
  const page = await context.newPage();
  await page.goto('https://platform.openai.com/usage?scope=none');
  await expect(page.locator('header [data-rop-project]')).toHaveCount(1);
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.locator('[data-feature="page-scope"]').getByTestId('health')).toContainText('Not recognized on /usage', { timeout: 15_000 });
  expect(await page.locator('[data-rop-owned="page-scope"]').count()).toBe(0);
  expect(pageErrors).toEqual([]);
});
