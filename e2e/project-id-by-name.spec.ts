import type { BrowserContext, Page } from '@playwright/test';
import { FIXTURE_ADMIN_KEY, saveAdminKey } from './admin-key';
import { serveAdminApi } from './fixtures/api/admin-api';
import { expect, readStorage, test } from './harness';

// The fourth source of the current project's id (lib/usage/project-by-name.ts): where the
// dashboard shows a project without its id (?ids=url: no id in localStorage, request
// headers or a /usage URL), the Admin API's project list gives it by name, when a key is set.
// The popup's side is in popup-scope.spec.ts.

const reminder = (page: Page) => page.getByRole('note', { name: 'Logging reminder' });

/** The organization chose "enabled for selected projects": Sandbox only (its Data retention page, radios with ids). */
async function selectSandboxForLogging(context: BrowserContext, worker: Parameters<typeof readStorage>[0]): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript(() => {
    (window as unknown as { __retentionConfig: unknown }).__retentionConfig = { setting: 'enabled_for_selected_projects', projects: ['proj_Sandbox02'] };
  });
  await page.goto('https://platform.openai.com/settings/organization/data-controls/data-retention?ids=url&retention=radios');
  // Without ids the organization is filed under its name.
  await expect
    .poll(async () => (await readStorage<Record<string, { setting?: { projectIds: string[] } }>>(worker, 'local', 'loggingObservations'))?.['name:Acme Corp']?.setting?.projectIds)
    .toEqual(['proj_Sandbox02']);
  return page;
}

test('with an admin key, the logging reminder reads a "selected projects" setting for a project the page shows without id', async ({
  context,
  servePlatform,
  extensionId,
  worker,
}) => {
  await servePlatform();
  await serveAdminApi(context, { validKey: FIXTURE_ADMIN_KEY });
  await (await saveAdminKey(context, extensionId)).close();
  await expect.poll(() => readStorage<{ listed: boolean }>(worker, 'local', 'usageProjects').then((names) => names?.listed ?? null)).toBe(true);

  const page = await selectSandboxForLogging(context, worker);
  await page.getByRole('link', { name: 'Usage' }).click();
  await expect(page.locator('header button', { hasText: 'Production' })).toBeVisible();
  // Production is not among the selected: its id, found by name, says so.
  await expect(reminder(page)).toContainText('Logs are off for Production');
  expect(
    (await readStorage<Record<string, { id: string | null }>>(worker, 'local', 'knownProjects'))?.['name:Acme Corp/Production']?.id,
  ).toBe('proj_Production01');
});

test('without an admin key, a project shown without id stays unknown: no reminder, no id on record', async ({ context, servePlatform, worker }) => {
  await servePlatform();
  const page = await selectSandboxForLogging(context, worker);
  await page.getByRole('link', { name: 'Usage' }).click();
  await expect(page.locator('header button', { hasText: 'Production' })).toBeVisible();
  await expect
    .poll(async () => (await readStorage<Record<string, { id: string | null }>>(worker, 'local', 'knownProjects'))?.['name:Acme Corp/Production'])
    .toMatchObject({ id: null, name: 'Production' });
  await expect(reminder(page)).toHaveCount(0);
});
