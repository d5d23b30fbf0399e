import { FIXTURE_ADMIN_KEY, saveAdminKey } from './admin-key';
import { serveAdminApi } from './fixtures/api/admin-api';
import { DEFAULT_PROJECT, KEYED_ORGANIZATION, serveGlanceLookups } from './fixtures/api/glance-admin-api';
import { escapeRegExp, money, testNow, utcDay } from './clock';
import { expect, openPopup, readStorage, test } from './harness';

/**
 * "Which project, which key, how close to the limit" from the popup, against the fixture
 * Admin API: Production spends $2.00 a day ($4.50 today), Sandbox $0.25 ($0.10 today);
 * Production's usage is 4/5 key ci-deploy, 1/5 key backend.
 */

const utcDayOfMonth = () => new Date(testNow()).getUTCDate();

test('the organization view ranks projects by month to date; a click opens the project with its keys by name', async ({
  context,
  extensionId,
  pageErrors,
}) => {
  await serveAdminApi(context, { validKey: FIXTURE_ADMIN_KEY, projects: KEYED_ORGANIZATION });
  const lookups = await serveGlanceLookups(context, { limits: { organization: 'none', proj_Production01: 'none', proj_Sandbox02: 'none' } });
  await saveAdminKey(context, extensionId);
  const popup = await openPopup(context, extensionId);

  const rows = popup.getByTestId('ranking').getByRole('listitem');
  await expect(rows).toHaveCount(2);
  const days = utcDayOfMonth();
  // Month to date: every earlier day of the month plus today, exact to the cent.
  const productionCents = 200 * (days - 1) + 450;
  const sandboxCents = 25 * (days - 1) + 10;
  await expect(rows.nth(0)).toContainText('Production');
  await expect(rows.nth(0).getByTestId('rank-month')).toHaveText(money(productionCents / 100));
  await expect(rows.nth(0)).toContainText(`today ${money(4.5)}`);
  await expect(rows.nth(1)).toContainText('Sandbox');
  await expect(rows.nth(1).getByTestId('rank-month')).toHaveText(money(sandboxCents / 100));
  await expect(popup.getByTestId('limit-none')).toHaveText('No monthly spend limit is set for the organization.');

  await rows.nth(0).getByRole('button').click();
  await expect(popup.getByLabel('Scope')).toHaveValue('proj_Production01');
  const keys = popup.getByTestId('keys');
  await expect(keys.locator('tbody tr')).toHaveCount(2);
  await expect(keys.locator('tbody tr').nth(0)).toContainText('ci-deploy');
  // Whose key: a service account by its name, a user by e-mail.
  await expect(keys.locator('tbody tr').nth(0)).toContainText('owner service account “Deploy bot”');
  await expect(keys.locator('tbody tr').nth(0)).toContainText('last used');
  await expect(keys.locator('tbody tr').nth(1)).toContainText('backend');
  await expect(keys.locator('tbody tr').nth(1)).toContainText('owner ada@example.com');
  // Per-key dollars: labelled an estimate in the cell and its tooltip; they add up to the project's month.
  const estimateCell = keys.locator('tbody tr').nth(0).locator('td').nth(1);
  await expect(estimateCell).toContainText('estimate');
  await expect(estimateCell).toHaveAttribute('title', /^Estimate:/);
  await expect(estimateCell).toContainText(`≈ ${money(Math.round(productionCents * 0.8) / 100)}`);

  // Key lists and limits: once for the day, for the projects with traffic (2 projects × 2 + the organization).
  expect(lookups.requests).toHaveLength(5);
  expect(lookups.requests.filter((url) => url.pathname.endsWith('/api_keys')).every((url) => url.searchParams.get('owner_project_access') === 'any')).toBe(true);
  await popup.getByRole('button', { name: 'Refresh' }).click();
  await expect(popup.getByRole('button', { name: 'Refresh' })).toBeEnabled();
  expect(lookups.requests).toHaveLength(5);
  expect(pageErrors).toEqual([]);
});

test('burn-down lines for the organization and a limited project; 403 states are quiet', async ({ context, extensionId, pageErrors }) => {
  await serveAdminApi(context, { validKey: FIXTURE_ADMIN_KEY, projects: KEYED_ORGANIZATION });
  await serveGlanceLookups(context, {
    limits: { organization: 10_000, proj_Production01: 20, proj_Sandbox02: 'forbidden' },
    keys: { proj_Sandbox02: 'forbidden' },
  });
  await saveAdminKey(context, extensionId);
  const popup = await openPopup(context, extensionId);

  const today = testNow();
  const days = new Date(today).getUTCDate();
  const productionCents = 200 * (days - 1) + 450;
  await expect(popup.getByTestId('burn-down-organization')).toContainText('Organization:');
  await expect(popup.getByTestId('burn-down-organization')).toContainText(`of ${money(10_000)}`);
  const productionLine = popup.getByTestId('burn-down-proj_Production01');
  await expect(productionLine).toContainText(`Production: ${money(productionCents / 100)} of ${money(20)}`);
  // $20 at $2 a day (the complete days' pace) is passed from the 10th on; before, the day it
  // is reached is projected from the complete days (through yesterday): none on the 1st.
  if (productionCents >= 2000) await expect(productionLine).toContainText('limit reached, requests fail with 429');
  else if (days === 1) await expect(productionLine).toContainText('too early in the month to project');
  else {
    const dayMs = 86_400_000;
    const reached = Date.UTC(new Date(today).getUTCFullYear(), new Date(today).getUTCMonth(), days) + Math.ceil((2000 - productionCents) / 200) * dayMs;
    await expect(productionLine).toContainText(`at this pace reached around ${utcDay(reached)}, then requests fail with 429`);
  }

  await popup.getByLabel('Scope').selectOption({ label: 'Sandbox' });
  await expect(popup.getByTestId('limit-not-allowed')).toContainText('may not read spend limits (403)');
  await expect(popup.getByTestId('keys-not-allowed')).toContainText('may not list the project’s API keys (403)');
  await expect(popup.getByTestId('keys').locator('tbody tr')).toHaveCount(1);
  await expect(popup.getByTestId('keys').locator('tbody tr')).toContainText('key_sandbox');
  await expect(popup.locator('.banner-error')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('a bar of the daily chart shows its UTC day and amount on hover and on focus', async ({ context, extensionId }) => {
  await serveAdminApi(context, { validKey: FIXTURE_ADMIN_KEY, projects: KEYED_ORGANIZATION });
  await serveGlanceLookups(context);
  await saveAdminKey(context, extensionId);
  const popup = await openPopup(context, extensionId);
  await popup.locator('rect.chart-today').hover();
  await expect(popup.getByTestId('chart-tooltip')).toHaveText(new RegExp(`^\\d{4}-\\d{2}-\\d{2} UTC: ${escapeRegExp(money(4.6))}$`));
  await popup.locator('rect.chart-today').focus();
  await popup.keyboard.press('ArrowLeft');
  await expect(popup.getByTestId('chart-tooltip')).toHaveText(new RegExp(`^\\d{4}-\\d{2}-\\d{2} UTC: ${escapeRegExp(money(2.25))}$`));
  await expect(popup.getByTestId('chart-table').locator('tbody tr')).toHaveCount(30);
});

test('a spike notification and the popup name the key and model that carried it', async ({ context, extensionId, worker }) => {
  await serveAdminApi(context, {
    validKey: FIXTURE_ADMIN_KEY,
    projects: KEYED_ORGANIZATION,
    spike: { projectId: 'proj_Production01', requestsThisHour: 5000, dollarsToday: 300, apiKeyId: 'key_ciDeploy', model: 'gpt-4.1' },
  });
  await serveGlanceLookups(context);
  await saveAdminKey(context, extensionId);
  // What the notification was raised with (the worker keeps it until the popup is opened).
  const notices = () => readStorage<{ title: string; message: string }[]>(worker, 'local', 'unseenSpikes');
  await expect.poll(async () => (await notices())?.length ?? 0).toBeGreaterThan(0);
  const production = (await notices())!.filter((notice) => notice.title.startsWith('Production:'));
  expect(production.length).toBeGreaterThan(0);
  for (const notice of production) expect(notice.message).toContain("Mostly key 'ci-deploy' on gpt-4.1.");

  const popup = await openPopup(context, extensionId);
  await expect(popup.getByRole('region', { name: 'Spend spikes' })).toContainText("key 'ci-deploy' on gpt-4.1");
});

test('spend no limit holds is flagged quietly: a project with no limit and the Default project; options turns the flags off', async ({
  context,
  extensionId,
  worker,
  pageErrors,
}) => {
  await serveAdminApi(context, { validKey: FIXTURE_ADMIN_KEY, projects: [...KEYED_ORGANIZATION, DEFAULT_PROJECT] });
  const lookups = await serveGlanceLookups(context, {
    limits: { organization: 10_000, proj_Production01: 20, proj_Sandbox02: 'none', proj_Default00: 'bad-request' },
  });
  const options = await saveAdminKey(context, extensionId);
  const popup = await openPopup(context, extensionId);

  const days = utcDayOfMonth();
  const flags = popup.getByTestId('limit-flags');
  await expect(flags.getByRole('listitem')).toHaveCount(2);
  await expect(flags.getByRole('listitem').nth(0)).toHaveText(
    `Default project: ${money((50 * (days - 1) + 30) / 100)} this month. The Default project cannot be given a spend limit; work moved to a project of its own can be.`,
  );
  await expect(popup.getByTestId('limit-flag-proj_Sandbox02')).toHaveText(`Sandbox: ${money((25 * (days - 1) + 10) / 100)} this month and no spend limit set.`);
  // Production has a limit: a burn-down line, no flag. Nothing here is an error.
  await expect(popup.getByTestId('burn-down-proj_Production01')).toBeVisible();
  await expect(popup.getByTestId('limit-flag-proj_Production01')).toHaveCount(0);
  await expect(popup.locator('.banner-error')).toHaveCount(0);

  // The Default project's own view says why it has no limit.
  await popup.getByLabel('Scope').selectOption({ label: 'Default project' });
  await expect(popup.getByTestId('limit-flag-proj_Default00')).toContainText('cannot be given a spend limit');

  // Its 400 is not retried at every refresh: the limit lookups stay one a project for the day.
  await popup.getByRole('button', { name: 'Refresh' }).click();
  await expect(popup.getByRole('button', { name: 'Refresh' })).toBeEnabled();
  expect(lookups.requests.filter((url) => url.pathname.endsWith('/proj_Default00/spend_limit'))).toHaveLength(1);

  // Switched off in options, the popup shows no flags.
  await options.getByLabel(/Flag projects that spend with no monthly spend limit/).uncheck();
  await expect.poll(async () => (await readStorage<{ flagUnlimitedSpend: boolean }>(worker, 'sync', 'spikeAlerts'))?.flagUnlimitedSpend).toBe(false);
  const again = await openPopup(context, extensionId);
  await expect(again.getByTestId('burn-down-proj_Production01')).toBeVisible();
  await expect(again.getByTestId('limit-flags')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});
