import { FIXTURE_ADMIN_KEY, saveAdminKey } from './admin-key';
import { ORGANIZATION, serveAdminApi } from './fixtures/api/admin-api';
import { money } from './clock';
import { expect, inContentScript, openToolbarPopup, readStorage, test } from './harness';

test('the real toolbar popup opens on the project shown in the active platform tab', async ({
  context,
  servePlatform,
  extensionId,
  worker,
}) => {
  await servePlatform();
  await serveAdminApi(context, { validKey: FIXTURE_ADMIN_KEY });
  await (await saveAdminKey(context, extensionId)).close();

  const page = await context.newPage();
  await page.addInitScript(() => localStorage.setItem('oai/activeProj', JSON.stringify('proj_Sandbox02')));
  await page.goto('https://platform.openai.com/usage');
  await expect(page.locator('header button', { hasText: 'Sandbox' })).toBeVisible();
  await page.bringToFront();

  const evaluate = await openToolbarPopup(page, worker);
  await expect
    .poll(() => evaluate(`document.querySelector('select[aria-label="Scope"]')?.value ?? null`))
    .toBe('proj_Sandbox02');
});


test("with an admin key, the popup opens on the tab's project even when the page shows no id for it: found by name in the Admin API's list", async ({
  context,
  servePlatform,
  extensionId,
  worker,
}) => {
  await servePlatform();
  await serveAdminApi(context, { validKey: FIXTURE_ADMIN_KEY });
  await (await saveAdminKey(context, extensionId)).close();
  // The key's project list (Production, Sandbox) is stored by the first refresh.
  await expect.poll(() => readStorage<{ listed: boolean }>(worker, 'local', 'usageProjects').then((names) => names?.listed ?? null)).toBe(true);

  const page = await context.newPage();
  // ?ids=url: neither localStorage nor the app's request headers carry the project, and /usage is no project URL.
  await page.goto('https://platform.openai.com/usage?ids=url');
  await expect(page.locator('header button', { hasText: 'Production' })).toBeVisible();
  await page.evaluate(() => (window as unknown as { __fixture: { switchProject(id: string): void } }).__fixture.switchProject('proj_Sandbox02'));
  await expect(page.locator('header button', { hasText: 'Sandbox' })).toBeVisible();
  expect(page.url()).not.toContain('proj_');

  // The page filed Sandbox under its name (it showed no id); the worker gave the record the id the name has.
  await expect
    .poll(() => readStorage<Record<string, { id: string | null }>>(worker, 'local', 'knownProjects').then((known) => known?.['name:Acme Corp/Sandbox']?.id ?? 'absent'))
    .toBe('proj_Sandbox02');

  const evaluate = await openToolbarPopup(page, worker);
  await expect
    .poll(() => evaluate(`document.querySelector('select[aria-label="Scope"]')?.value ?? null`))
    .toBe('proj_Sandbox02');
  // Sandbox's own figures, not the organization's, in the popup's locale (headless Chromium
  // gives the real toolbar popup its own language, not the one the harness emulates in pages).
  const locale = (await evaluate('navigator.language')) as string;
  await expect.poll(() => evaluate(`document.querySelector('[data-testid="cost-today"]')?.textContent ?? null`)).toBe(money(0.1, 'USD', locale));
});

test('two projects of the name the tab shows: the popup does not guess, it opens on the organization', async ({
  context,
  servePlatform,
  extensionId,
  worker,
}) => {
  await servePlatform();
  // A second "Sandbox" in the key's organization (names are not unique on the platform).
  const sandbox = ORGANIZATION.find((project) => project.id === 'proj_Sandbox02')!;
  await serveAdminApi(context, { validKey: FIXTURE_ADMIN_KEY, projects: [...ORGANIZATION, { ...sandbox, id: 'proj_Sandbox03' }] });
  await (await saveAdminKey(context, extensionId)).close();
  await expect
    .poll(() => readStorage<{ projects: { id: string }[] }>(worker, 'local', 'usageProjects').then((names) => names?.projects.length ?? 0))
    .toBe(3);

  const page = await context.newPage();
  await page.goto('https://platform.openai.com/usage?ids=url');
  await expect(page.locator('header button', { hasText: 'Production' })).toBeVisible();
  await page.evaluate(() => (window as unknown as { __fixture: { switchProject(id: string): void } }).__fixture.switchProject('proj_Sandbox02'));
  await expect(page.locator('header button', { hasText: 'Sandbox' })).toBeVisible();
  // Filed under its name, without an id; Production, the only one of its name, got its id.
  await expect
    .poll(() => readStorage<Record<string, { id: string | null }>>(worker, 'local', 'knownProjects').then((known) => known?.['name:Acme Corp/Sandbox'] ?? null))
    .toMatchObject({ id: null });
  expect((await readStorage<Record<string, { id: string | null }>>(worker, 'local', 'knownProjects'))?.['name:Acme Corp/Production']?.id).toBe('proj_Production01');

  const evaluate = await openToolbarPopup(page, worker);
  await expect.poll(() => evaluate(`document.querySelector('[data-testid="cost-today"]') !== null`)).toBe(true);
  // Asked after the popup's own question, the tab and then the worker answer after it: by
  // then the popup has the tab's project and has looked its name up (it asks the worker too).
  const asked = await evaluate(`(async () => {
    const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
    const reply = await chrome.tabs.sendMessage(tab.id, { id: 1, type: 'getActiveProject', data: undefined, timestamp: Date.now() });
    await chrome.runtime.sendMessage({ id: 2, type: 'hasAdminKey', data: undefined, timestamp: Date.now() });
    await new Promise((resolve) => setTimeout(resolve, 0));
    return reply?.res ?? null;
  })()`);
  expect(asked).toMatchObject({ projectId: null, projectName: 'Sandbox' });
  expect(await evaluate(`document.querySelector('select[aria-label="Scope"]')?.value ?? null`)).toBe('organization');
  expect(await evaluate(`document.querySelector('[data-testid="keys"]') === null`)).toBe(true);
});

test('a platform tab can read nothing of a refresh from storage, only ask the organization figures; the popup still shows each project', async ({
  context,
  servePlatform,
  extensionId,
  worker,
}) => {
  await servePlatform();
  await serveAdminApi(context, { validKey: FIXTURE_ADMIN_KEY });
  await (await saveAdminKey(context, extensionId)).close();
  const lastAttempt = () => readStorage<{ lastAttemptAt: number | null }>(worker, 'local', 'usageStatus').then((status) => status?.lastAttemptAt ?? null);
  await expect.poll(lastAttempt).not.toBeNull();

  const page = await context.newPage();
  await page.goto('https://platform.openai.com/usage');
  await expect(page.locator('header button', { hasText: 'Production' })).toBeVisible();
  // What this tab's content script hears of storage from now on.
  await inContentScript(
    page,
    extensionId,
    `(() => {
      globalThis.__heard = [];
      chrome.storage.onChanged.addListener((changes, area) => globalThis.__heard.push({ area, changes }));
    })()`,
  );

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByTestId('cost-today')).toBeVisible();
  const before = await lastAttempt();
  await popup.getByRole('button', { name: 'Refresh' }).click();
  await expect.poll(lastAttempt).not.toBe(before);
  await popup.getByLabel('Scope').selectOption({ label: 'Sandbox' });
  await expect(popup.getByTestId('cost-today')).toHaveText(money(0.1));

  const heard = await inContentScript<{ area: string; changes: Record<string, unknown> }[]>(page, extensionId, 'globalThis.__heard');
  // Nothing of the refresh reached the tab: storage.local, where the worker keeps figures and
  // records, and storage.session, where the project figures live, are closed to content scripts.
  const keys = heard.flatMap(({ area, changes }) => Object.keys(changes).map((key) => `${area}:${key}`));
  expect(keys.filter((key) => /usage|spike/i.test(key))).toEqual([]);
  expect(JSON.stringify(heard)).not.toContain('proj_Sandbox02');
  expect(JSON.stringify(heard)).not.toContain('proj_Production01');
  const reads = await inContentScript<string[]>(
    page,
    extensionId,
    `Promise.all(['local', 'session'].map((area) => chrome.storage[area].get(null).then(() => area + ': read', (error) => area + ': refused: ' + error.message)))`,
  );
  expect(reads).toEqual(['local: refused: Access to storage is not allowed from this context.', 'session: refused: Access to storage is not allowed from this context.']);
  // The worker still answers the organization's figures, the one summary a tab may ask for.
  const summary = await inContentScript<{ res?: { summary: { today: { costMicros: number } } } }>(
    page,
    extensionId,
    `chrome.runtime.sendMessage({ id: 1, type: 'getUsageSummary', data: 'organization', timestamp: Date.now() })`,
  );
  expect(summary.res?.summary.today.costMicros).toBeGreaterThan(0);
});
