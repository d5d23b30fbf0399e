import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from '@playwright/test';
import { FIXTURE_ADMIN_KEY, saveAdminKey } from './admin-key';
import { serveAdminApi } from './fixtures/api/admin-api';
import { loggingChanged, serveLoggingApi } from './fixtures/api/logging-admin-api';
import { testNow } from './clock';
import { expect, openPopup, readStorage, test } from './harness';

type LogsMode = 'prompt' | 'list' | 'unknown' | 'tabs' | 'tabs-empty' | 'banner' | 'grid';

async function openPlatform(context: BrowserContext, path: string, logs: Record<string, LogsMode> = {}): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript((value) => {
    (window as unknown as { __logsConfig: unknown }).__logsConfig = value;
  }, logs);
  await page.goto(`https://platform.openai.com${path}`);
  await expect(page.locator('header')).toBeVisible();
  return page;
}

const reminder = (page: Page) => page.getByRole('note', { name: 'Logging reminder' });

/** The dashboard's own prompt covers the page, as a modal does: answer it first. */
async function answerPrompt(page: Page) {
  await page.getByRole('dialog').getByRole('button', { name: 'Not now' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
}

async function switchProject(page: Page, from: string, to: string) {
  await page.locator('header button', { hasText: from }).click();
  await page.getByRole('menuitem', { name: to }).click();
  await expect(page.locator('header button', { hasText: to })).toBeVisible();
}

test('the Logs page prompt marks the project as logging off; the reminder follows it to Usage', async ({
  context,
  servePlatform,
  worker,
}) => {
  await servePlatform();
  const page = await openPlatform(context, '/logs');
  await expect(reminder(page)).toContainText(
    "Logs are off for Production: you won't be able to inspect requests when debugging or checking for abuse.",
  );
  await expect(reminder(page).getByRole('link')).toHaveAttribute('href', 'https://platform.openai.com/logs');
  const stored = await readStorage<Record<string, { pages: Record<string, { status: string }> }>>(worker, 'local', 'loggingObservations');
  expect(stored?.['org-FixtureAcme']?.pages.proj_Production01?.status).toBe('disabled');

  await page.getByRole('link', { name: 'Usage' }).click();
  await expect(page).toHaveURL(/\/usage$/);
  await expect(reminder(page)).toBeVisible();
  await page.getByRole('link', { name: 'API keys' }).click();
  await expect(reminder(page)).toHaveCount(0);
});

test('a project whose logs are listed gets no reminder, and switching shows each project its own state', async ({
  context,
  servePlatform,
}) => {
  await servePlatform();
  const page = await openPlatform(context, '/logs');
  await expect(reminder(page)).toBeVisible();

  await switchProject(page, 'Production', 'Sandbox');
  await expect(page.getByRole('link', { name: 'chatcmpl-AbC123' })).toBeVisible();
  await expect(reminder(page)).toHaveCount(0);

  await page.getByRole('link', { name: 'Usage' }).click();
  await expect(page.getByRole('heading', { name: 'Usage' })).toBeVisible();
  await expect(reminder(page)).toHaveCount(0);
  await switchProject(page, 'Sandbox', 'Production');
  await expect(reminder(page)).toContainText('Logs are off for Production');
});

test('a Logs page layout it does not know changes nothing', async ({ context, servePlatform, worker }) => {
  await servePlatform();
  const page = await openPlatform(context, '/logs', { proj_Production01: 'unknown' });
  await page.waitForTimeout(1500);
  await expect(reminder(page)).toHaveCount(0);
  expect(await readStorage(worker, 'local', 'loggingObservations')).toBeUndefined();
});

test('dismiss and snooze hold across reloads, per project', async ({ context, servePlatform, worker }) => {
  await servePlatform();
  const page = await openPlatform(context, '/logs', { proj_Sandbox02: 'prompt' });
  await expect(reminder(page)).toBeVisible();
  await answerPrompt(page);
  await reminder(page).getByRole('button', { name: "I know, don't remind me for this project" }).click();
  await expect(reminder(page)).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('dialog')).toContainText('Enable logging?');
  await page.waitForTimeout(500);
  await expect(reminder(page)).toHaveCount(0);

  // Sandbox is still reminded: silence is per project.
  await switchProject(page, 'Production', 'Sandbox');
  await expect(reminder(page)).toContainText('Logs are off for Sandbox');
  await answerPrompt(page);
  const before = testNow();
  await reminder(page).getByRole('button', { name: 'Remind me in 7 days' }).click();
  await expect(reminder(page)).toHaveCount(0);
  await page.reload();
  await expect(page.locator('header button', { hasText: 'Sandbox' })).toBeVisible();
  await page.waitForTimeout(500);
  await expect(reminder(page)).toHaveCount(0);
  const silence = await readStorage<Record<string, { dismissed?: boolean; snoozedUntil?: number }>>(worker, 'local', 'loggingReminderSilence');
  expect(silence?.proj_Production01).toEqual({ dismissed: true });
  expect(silence?.proj_Sandbox02?.snoozedUntil).toBeGreaterThanOrEqual(before + 7 * 24 * 3600 * 1000);
});

test('the organization setting read from the dashboard’s own response shows the per-call nuance', async ({
  context,
  servePlatform,
  worker,
}) => {
  await servePlatform();
  const requests: string[] = [];
  await context.route('https://platform.openai.com/__api/v1/organizations/**', async (route) => {
    requests.push(route.request().url());
    await route.fulfill({
      json: { object: 'organization', id: 'org-FixtureAcme', settings: { api_call_logging: 'enabled_per_call', api_call_logging_project_ids: [] } },
    });
  });
  const page = await openPlatform(context, '/usage');
  await expect(reminder(page)).toContainText('keep only requests sent with store: true');
  const stored = await readStorage<Record<string, { setting?: { setting: string } }>>(worker, 'local', 'loggingObservations');
  expect(stored?.['org-FixtureAcme']?.setting?.setting).toBe('enabled_per_call');
  // Read passively: the dashboard's one request, none of the extension's own.
  expect(requests).toHaveLength(1);
});

test('the costs the Usage page loads are never read for the setting, even when they mention it', async ({ context, servePlatform, worker }) => {
  await servePlatform();
  const body = JSON.stringify({ object: 'page', data: [], settings: { api_call_logging: 'disabled' } });
  const served: string[] = [];
  await context.route('https://platform.openai.com/__api/v1/dashboard/organization/costs**', async (route) => {
    served.push(route.request().url());
    await route.fulfill({ body, contentType: 'application/json' });
  });
  const page = await context.newPage();
  const costsLoaded = page.waitForResponse((response) => response.url().includes('/dashboard/organization/costs'));
  await page.goto('https://platform.openai.com/usage');
  await costsLoaded;
  await expect(page.getByRole('heading', { name: 'Usage' })).toBeVisible();
  await page.waitForTimeout(800);
  expect(served.length).toBeGreaterThan(0);
  expect(await readStorage(worker, 'local', 'loggingObservations')).toBeUndefined();
  await expect(reminder(page)).toHaveCount(0);
});

test('switched off in options, it neither reminds nor records', async ({ context, servePlatform, extensionId, worker }) => {
  await servePlatform();
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.locator('[data-feature="logging-reminder"]').getByRole('checkbox').uncheck();
  const page = await openPlatform(context, '/logs');
  await expect(page.getByRole('dialog')).toContainText('Enable logging?');
  await page.waitForTimeout(800);
  await expect(reminder(page)).toHaveCount(0);
  expect(await readStorage(worker, 'local', 'loggingObservations')).toBeUndefined();
});

test('the popup shows the selected project’s logging card, with snooze, and suggests the Logs page when unknown', async ({
  context,
  servePlatform,
  extensionId,
}) => {
  await servePlatform();
  await serveAdminApi(context, { validKey: FIXTURE_ADMIN_KEY });
  const page = await openPlatform(context, '/logs');
  await expect(reminder(page)).toBeVisible();

  await saveAdminKey(context, extensionId);

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  const card = popup.getByRole('region', { name: 'Logging reminder' });
  await popup.getByLabel('Scope', { exact: true }).selectOption('proj_Production01');
  await expect(card).toContainText('Logs are off for Production');
  await expect(card.getByRole('link', { name: 'Switch logging on' })).toHaveAttribute('href', 'https://platform.openai.com/logs');

  // Nothing is known about Sandbox yet.
  await popup.getByLabel('Scope', { exact: true }).selectOption('proj_Sandbox02');
  await expect(card).toContainText('Not known yet whether logs are kept for Sandbox. Open its Logs page once');
  // The whole organization: each project off or unknown, by name (see the tests below).
  await popup.getByLabel('Scope', { exact: true }).selectOption('organization');
  await expect(card.getByRole('listitem')).toHaveText([/^Production\s*Logs are off\./, /^Sandbox\s*Not known yet/]);

  await popup.getByLabel('Scope', { exact: true }).selectOption('proj_Production01');
  await card.getByRole('button', { name: 'Remind me in 7 days' }).click();
  await expect(card).toHaveCount(0);
  // The in-page banner heeds the same snooze.
  await expect(reminder(page)).toHaveCount(0);
  await popup.reload();
  await popup.getByLabel('Scope', { exact: true }).selectOption('proj_Production01');
  await expect(popup.getByTestId('cost-today')).toBeVisible();
  await expect(card).toHaveCount(0);
});

// ---------------------------------------------------------------------------
// Data controls → Data retention: the primary page source (e2e/fixtures/platform/data-controls.js)

const DATA_RETENTION = '/settings/organization/data-controls/data-retention';

interface StoredSetting {
  setting: string;
  projectIds: string[];
}

async function openDataRetention(context: BrowserContext, shape: string, config: { setting: string; projects?: string[] }): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript((value) => {
    (window as unknown as { __retentionConfig: unknown }).__retentionConfig = value;
  }, config);
  await page.goto(`https://platform.openai.com${DATA_RETENTION}?retention=${shape}`);
  await expect(page.locator('header')).toBeVisible();
  return page;
}

const storedSetting = async (worker: Parameters<typeof readStorage>[0]) =>
  (await readStorage<Record<string, { setting?: StoredSetting }>>(worker, 'local', 'loggingObservations'))?.['org-FixtureAcme']?.setting;

test('Data retention (radios with project ids): "selected projects" reminds the others, not the selected one', async ({ context, servePlatform, worker }) => {
  await servePlatform();
  const page = await openDataRetention(context, 'radios', { setting: 'enabled_for_selected_projects', projects: ['proj_Sandbox02'] });
  await expect.poll(() => storedSetting(worker)).toMatchObject({ setting: 'enabled_for_selected_projects', projectIds: ['proj_Sandbox02'] });
  // No reminder where the setting is changed.
  await expect(reminder(page)).toHaveCount(0);

  await page.getByRole('link', { name: 'Usage' }).click();
  await expect(reminder(page)).toContainText('Logs are off for Production');
  await switchProject(page, 'Production', 'Sandbox');
  await expect(reminder(page)).toHaveCount(0);
});

test('Data retention (select, projects by name): files the selection once every name is a project it has seen', async ({
  context,
  servePlatform,
  worker,
}) => {
  await servePlatform();
  const page = await openDataRetention(context, 'select', { setting: 'enabled_for_selected_projects', projects: ['proj_Sandbox02'] });
  await expect(page.getByRole('listitem').filter({ hasText: 'Sandbox' })).toBeVisible();
  // Sandbox has never been seen: filing the selection without its id would call its logging off.
  await page.waitForTimeout(1000);
  expect(await storedSetting(worker)).toBeUndefined();

  await switchProject(page, 'Production', 'Sandbox');
  await expect.poll(() => storedSetting(worker)).toMatchObject({ setting: 'enabled_for_selected_projects', projectIds: ['proj_Sandbox02'] });
  await page.getByRole('link', { name: 'Usage' }).click();
  await expect(page.getByRole('heading', { name: 'Usage' })).toBeVisible();
  await expect(reminder(page)).toHaveCount(0);
  await switchProject(page, 'Sandbox', 'Production');
  await expect(reminder(page)).toContainText('Logs are off for Production');
});

test('Data retention (native select): "Enabled per call" shows the per-call nuance', async ({ context, servePlatform, worker }) => {
  await servePlatform();
  const page = await openDataRetention(context, 'native', { setting: 'enabled_per_call' });
  await expect.poll(() => storedSetting(worker)).toMatchObject({ setting: 'enabled_per_call', projectIds: [] });
  await page.getByRole('link', { name: 'Usage' }).click();
  await expect(reminder(page)).toContainText('keep only requests sent with store: true');
});

test('Data retention outranks an earlier Logs page reading, and follows a change made on the page', async ({ context, servePlatform, worker }) => {
  await servePlatform();
  const logs = await openPlatform(context, '/logs');
  await expect(reminder(logs)).toContainText('Logs are off for Production');
  await logs.close();

  const page = await openDataRetention(context, 'radios', { setting: 'enabled_for_all_projects' });
  await expect.poll(() => storedSetting(worker)).toMatchObject({ setting: 'enabled_for_all_projects' });
  await page.getByRole('link', { name: 'Usage' }).click();
  await expect(page.getByRole('heading', { name: 'Usage' })).toBeVisible();
  await expect(reminder(page)).toHaveCount(0);

  await page.getByRole('link', { name: 'Data controls' }).click();
  await page.getByRole('radio', { name: 'Disabled' }).check();
  await expect.poll(() => storedSetting(worker)).toMatchObject({ setting: 'disabled' });
  await page.getByRole('link', { name: 'Usage' }).click();
  await expect(reminder(page)).toContainText('Logs are off for Production');
});

test('a Data retention page it does not know records nothing, and options says it is not recognized', async ({
  context,
  servePlatform,
  extensionId,
  worker,
}) => {
  await servePlatform();
  const page = await openDataRetention(context, 'unknown', { setting: 'disabled' });
  await expect(page.getByText('API call logging')).toBeVisible();
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.locator('[data-feature="logging-reminder"]').getByTestId('health')).toContainText(`Not recognized on ${DATA_RETENTION}`);
  expect(await storedSetting(worker)).toBeUndefined();
  expect(await page.locator('[data-rop-owned]').count()).toBe(0);
});

// ---------------------------------------------------------------------------
// Logs page shapes (e2e/fixtures/platform/logs.js)

for (const [mode, status] of [
  ['tabs', 'enabled'],
  ['grid', 'enabled'],
  ['banner', 'disabled'],
  ['tabs-empty', undefined],
] as const) {
  test(`Logs page "${mode}" → ${status ?? 'nothing changes'}`, async ({ context, servePlatform, worker }) => {
    await servePlatform();
    const page = await openPlatform(context, '/logs', { proj_Production01: mode });
    await expect(page.getByRole('heading', { name: 'Logs' })).toBeVisible();
    const pageStatus = async () =>
      (await readStorage<Record<string, { pages: Record<string, { status: string }> }>>(worker, 'local', 'loggingObservations'))?.['org-FixtureAcme']
        ?.pages.proj_Production01?.status;
    if (status) {
      await expect.poll(pageStatus).toBe(status);
      if (status === 'disabled') await expect(reminder(page)).toContainText('Logs are off for Production');
      else await expect(reminder(page)).toHaveCount(0);
    } else {
      await expect(page.getByText('API calls from the Responses API are logged by default.', { exact: false })).toBeVisible();
      await page.waitForTimeout(1000);
      expect(await pageStatus()).toBeUndefined();
      await expect(reminder(page)).toHaveCount(0);
    }
  });
}

test('a reminder dismissed in one tab leaves every other open tab at once (the worker sends the change)', async ({ context, servePlatform }) => {
  await servePlatform();
  const first = await openPlatform(context, '/logs');
  await expect(reminder(first)).toBeVisible();
  await answerPrompt(first);
  const second = await openPlatform(context, '/usage');
  await expect(reminder(second)).toContainText('Logs are off for Production');

  await reminder(first).getByRole('button', { name: "I know, don't remind me for this project" }).click();
  await expect(reminder(first)).toHaveCount(0);
  // No reload: the other tab hears the change from the worker (it cannot read storage.local).
  await expect(reminder(second)).toHaveCount(0);
});

// ---------------------------------------------------------------------------
// The popup's whole-organization view, and the admin key's sources (audit log, data retention)

/** The popup, once its figures are shown. */
async function openPopupWithFigures(context: BrowserContext, extensionId: string): Promise<Page> {
  const popup = await openPopup(context, extensionId);
  await expect(popup.getByTestId('cost-today')).toBeVisible();
  return popup;
}

const loggingCard = (popup: Page) => popup.getByRole('region', { name: 'Logging reminder' });

/** axe-core on the logging card, in light and dark (e2e/accessibility.spec.ts checks the rest of the popup). */
async function expectAccessibleCard(popup: Page) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await popup.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page: popup }).include('[aria-label="Logging reminder"]').analyze();
    expect(results.violations.map((violation) => `${colorScheme}: ${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
  }
}

test('the popup’s organization view lists each project whose logging is off or unknown, by name; snooze removes one', async ({
  context,
  servePlatform,
  extensionId,
  worker,
}) => {
  await servePlatform();
  await serveAdminApi(context, { validKey: FIXTURE_ADMIN_KEY });
  const logs = await openPlatform(context, '/logs');
  await expect(reminder(logs)).toContainText('Logs are off for Production');
  await saveAdminKey(context, extensionId);

  const popup = await openPopupWithFigures(context, extensionId);
  await expect(popup.getByLabel('Scope', { exact: true })).toHaveValue('organization');
  const rows = loggingCard(popup).getByRole('listitem');
  await expect(rows).toHaveText([/^Production\s*Logs are off\./, /^Sandbox\s*Not known yet whether logs are kept\./]);

  await expectAccessibleCard(popup);
  const before = testNow();
  await loggingCard(popup).getByRole('button', { name: 'Remind me in 7 days about Sandbox' }).click();
  await expect(rows).toHaveText([/^Production/]);
  const silence = await readStorage<Record<string, { snoozedUntil?: number }>>(worker, 'local', 'loggingReminderSilence');
  expect(silence?.proj_Sandbox02?.snoozedUntil).toBeGreaterThanOrEqual(before + 7 * 24 * 3600 * 1000);
  // The same silence as the project view's: Sandbox's own card is quiet too.
  await popup.getByLabel('Scope', { exact: true }).selectOption('proj_Sandbox02');
  await expect(popup.getByTestId('cost-today')).toBeVisible();
  await expect(loggingCard(popup)).toHaveCount(0);

  await popup.getByLabel('Scope', { exact: true }).selectOption('organization');
  await loggingCard(popup).getByRole('button', { name: "Don't remind me about Production" }).click();
  await expect(loggingCard(popup)).toHaveCount(0);
  await popup.reload();
  await expect(popup.getByTestId('cost-today')).toBeVisible();
  await expect(loggingCard(popup)).toHaveCount(0);
});

test('the audit log drives the state when no page was visited: the newest logging change, its selection and when it was made', async ({
  context,
  extensionId,
  worker,
}) => {
  await serveAdminApi(context, { validKey: FIXTURE_ADMIN_KEY });
  const api = await serveLoggingApi(context, {
    audit: 'on',
    events: [
      loggingChanged('audit_2', 3600, { api_call_logging: 'enabled_for_selected_projects', api_call_logging_project_ids: ['proj_Sandbox02'] }),
      loggingChanged('audit_1', 86_400, { api_call_logging: 'enabled_for_all_projects' }),
    ],
  });
  const options = await saveAdminKey(context, extensionId);

  const popup = await openPopupWithFigures(context, extensionId);
  // Sandbox is selected, so only Production is reminded.
  await expect(loggingCard(popup).getByRole('listitem')).toHaveText([/^Production\s*Logs are off\./]);
  await popup.getByLabel('Scope', { exact: true }).selectOption('proj_Production01');
  await expect(loggingCard(popup)).toContainText('Logs are off for Production');
  await expect(loggingCard(popup)).toContainText('From the audit log: the setting was changed');
  await expectAccessibleCard(popup);
  await popup.getByLabel('Scope', { exact: true }).selectOption('proj_Sandbox02');
  await expect(popup.getByTestId('cost-today')).toBeVisible();
  await expect(loggingCard(popup)).toHaveCount(0);

  // Read cheaply: organization.updated only, and nothing personal kept.
  const auditReads = api.requests.filter((url) => url.pathname.endsWith('/audit_logs'));
  expect(auditReads).toHaveLength(1);
  expect(auditReads[0]!.searchParams.getAll('event_types[]')).toEqual(['organization.updated']);
  const stored = JSON.stringify(await readStorage(worker, 'local', 'loggingSources'));
  expect(stored).not.toContain('owner@example.com');
  expect(stored).not.toContain('203.0.113.9');

  // Options says where the state comes from.
  await options.reload();
  await expect(options.getByTestId('source-audit-log')).toContainText('Newest change: Enabled for selected projects (1 projects)');

  // A refresh within three hours does not read the audit log again.
  await popup.getByRole('button', { name: 'Refresh' }).click();
  await expect(popup.getByRole('button', { name: 'Refresh' })).toBeEnabled();
  expect(api.requests.filter((url) => url.pathname.endsWith('/audit_logs'))).toHaveLength(1);
});

test('a project under zero data retention is explained, not nagged; a retention type it does not know changes nothing', async ({
  context,
  servePlatform,
  extensionId,
}) => {
  await servePlatform();
  await serveAdminApi(context, { validKey: FIXTURE_ADMIN_KEY });
  await serveLoggingApi(context, {
    audit: 'on',
    events: [loggingChanged('audit_1', 600, { api_call_logging: 'disabled' })],
    projectRetention: { proj_Sandbox02: 'zero_data_retention', proj_Production01: 'a_future_retention' },
  });
  const options = await saveAdminKey(context, extensionId);

  const popup = await openPopupWithFigures(context, extensionId);
  await expect(loggingCard(popup).getByRole('listitem')).toHaveText([
    /^Production\s*Logs are off\./,
    /^Sandbox\s*Zero data retention: OpenAI keeps no logs, nothing to switch on\./,
  ]);
  await expectAccessibleCard(popup);
  await popup.getByLabel('Scope', { exact: true }).selectOption('proj_Sandbox02');
  await expect(loggingCard(popup)).toContainText('Sandbox is under zero data retention');
  await expect(loggingCard(popup)).not.toContainText('Logs are off');
  await expect(loggingCard(popup).getByRole('button', { name: 'Remind me in 7 days' })).toHaveCount(0);

  await options.reload();
  await expect(options.getByTestId('source-data-retention')).toContainText('Sandbox: zero_data_retention (zero data retention: there are no logs to see)');
  await expect(options.getByTestId('source-data-retention')).toContainText('Production: a_future_retention');
});

test('audit logging off: the unknown card says so and where an owner switches it on; options says so too', async ({ context, extensionId }) => {
  await serveAdminApi(context, { validKey: FIXTURE_ADMIN_KEY });
  const api = await serveLoggingApi(context, { audit: 'off' });
  const options = await saveAdminKey(context, extensionId);

  const popup = await openPopupWithFigures(context, extensionId);
  await popup.getByLabel('Scope', { exact: true }).selectOption('proj_Production01');
  await expect(loggingCard(popup)).toContainText('Not known yet whether logs are kept for Production');
  const note = loggingCard(popup).getByTestId('logging-audit-off');
  await expect(note).toContainText('Audit logging is off for this organization');
  await expect(note.getByRole('link', { name: 'Settings → Data controls → Data retention' })).toHaveAttribute(
    'href',
    'https://platform.openai.com/settings/organization/data-controls/data-retention',
  );
  await expectAccessibleCard(popup);
  await options.reload();
  await expect(options.getByTestId('source-audit-log')).toHaveAttribute('data-state', 'off');
  await expect(options.getByTestId('source-audit-log')).toContainText('it cannot be switched off again');
  // Only reads: nothing was sent that could change a setting.
  expect(api.requests.length).toBeGreaterThan(0);
  expect(api.writes).toEqual([]);
});

test('on the dashboard too: the audit log says logging is off without a Logs page visit, and zero retention is explained, not nagged', async ({
  context,
  servePlatform,
  extensionId,
  worker,
}) => {
  await servePlatform();
  await serveAdminApi(context, { validKey: FIXTURE_ADMIN_KEY });
  await serveLoggingApi(context, {
    audit: 'on',
    events: [loggingChanged('audit_1', 600, { api_call_logging: 'disabled' })],
    projectRetention: { proj_Sandbox02: 'zero_data_retention' },
  });
  await (await saveAdminKey(context, extensionId)).close();
  await expect
    .poll(async () => (await readStorage<{ retention: { projects: Record<string, unknown> } }>(worker, 'local', 'loggingSources'))?.retention.projects)
    .toHaveProperty('proj_Sandbox02');

  const page = await openPlatform(context, '/usage');
  await expect(reminder(page)).toContainText('Logs are off for Production');
  await expect(reminder(page).getByRole('link', { name: 'Open the Logs page to switch logging on' })).toBeVisible();

  await switchProject(page, 'Production', 'Sandbox');
  await expect(reminder(page)).toContainText('Sandbox is under zero data retention');
  await expect(reminder(page)).not.toContainText('Logs are off');
  await expect(reminder(page).getByRole('link')).toHaveCount(0);
  await expect(reminder(page).getByRole('button')).toHaveText(["Don't show this again"]);
  await reminder(page).getByRole('button', { name: "Don't show this again" }).click();
  await expect(reminder(page)).toHaveCount(0);
});
