import type { BrowserContext, Worker } from '@playwright/test';
import { FIXTURE_ADMIN_KEY as KEY, saveAdminKey } from './admin-key';
import { ORGANIZATION, serveAdminApi, type FixtureProject } from './fixtures/api/admin-api';
import { KEYED_ORGANIZATION, serveGlanceLookups, serveHourlyStreams, type HourlyStream } from './fixtures/api/glance-admin-api';
import { count, testNow } from './clock';
import { expect, readStorage, test } from './harness';

interface ChromeInWorker {
  notifications: { getAll(): Promise<Record<string, boolean>> };
  action: { getBadgeText(details: object): Promise<string>; getBadgeBackgroundColor(details: object): Promise<number[]> };
}
const chromeIn = (worker: Worker) => ({
  notifications: () =>
    worker.evaluate(async () => Object.keys(await (globalThis as unknown as { chrome: ChromeInWorker }).chrome.notifications.getAll())),
  badge: () =>
    worker.evaluate(async () => {
      const { action } = (globalThis as unknown as { chrome: ChromeInWorker }).chrome;
      return { text: await action.getBadgeText({}), colour: await action.getBadgeBackgroundColor({}) };
    }),
});

test('a spending spike raises exactly one notification and a red badge until the popup is opened', async ({
  context,
  extensionId,
  worker,
}) => {
  await serveAdminApi(context, {
    validKey: KEY,
    spike: { projectId: 'proj_Production01', requestsThisHour: 5000, dollarsToday: 300 },
  });
  const options = await saveAdminKey(context, extensionId);

  const chrome = chromeIn(worker);
  await expect.poll(chrome.notifications).toHaveLength(1);
  expect((await chrome.notifications())[0]).toMatch(/^spike:proj_Production01:spend:/);
  // The alert is shown before its record is written (a full storage cannot cost it): the badge follows the write.
  await expect.poll(chrome.badge).toEqual({ text: '!', colour: [197, 34, 31, 255] });

  // Options now lists the project for a cap.
  await expect(options.getByLabel('Daily spend cap for Production in dollars')).toBeVisible();

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  const alert = popup.getByRole('region', { name: 'Spend spikes' });
  await expect(alert).toContainText('Production: unusual spend');
  await expect(alert).toContainText('× the usual');
  // Looked at: the badge shows today's spend again.
  await expect.poll(async () => (await chrome.badge()).text).toMatch(/^\$/);

  // The same incident on the next refresh stays quiet: no second notification, no red badge.
  await popup.getByRole('button', { name: 'Refresh' }).click();
  await expect(popup.getByRole('button', { name: 'Refresh' })).toBeEnabled();
  await popup.waitForTimeout(1000);
  expect(await chrome.notifications()).toHaveLength(1);
  expect((await chrome.badge()).text).toMatch(/^\$/);
});

test('ordinary traffic raises no notification', async ({ context, extensionId, worker }) => {
  const api = await serveAdminApi(context, { validKey: KEY });
  const options = await saveAdminKey(context, extensionId);
  // The check ran: its hourly listing was asked for.
  await expect.poll(() => api.requests.filter((url) => url.searchParams.get('bucket_width') === '1h').length).toBe(3);
  await options.waitForTimeout(500);
  expect(await chromeIn(worker).notifications()).toEqual([]);
});

for (const [name, hours] of [
  ['behind', 4],
  ['ahead of', -4],
] as const) {
  test(`with this computer's clock 4 hours ${name} the API's, a spike in the current hour still notifies`, async ({
    context,
    extensionId,
    worker,
  }) => {
    // Requests jump; spend stays as usual, so only the hourly check can see it.
    await serveAdminApi(context, {
      validKey: KEY,
      clockOffsetMs: hours * 3_600_000,
      spike: { projectId: 'proj_Production01', requestsThisHour: 5000, dollarsToday: 4.5 },
    });
    await saveAdminKey(context, extensionId);
    const chrome = chromeIn(worker);
    await expect.poll(chrome.notifications).toHaveLength(1);
    expect((await chrome.notifications())[0]).toMatch(/^spike:proj_Production01:requests:/);

    // The API's clock came from its Date header: the popup dates usage by it too.
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    const apiTimes = [0, -60_000, -120_000].map((back) => new Date(testNow() + hours * 3_600_000 + back).toISOString().slice(11, 16));
    await expect(popup.getByTestId('freshness')).toContainText(new RegExp(`usage through (.* )?(${apiTimes.join('|')}) UTC`));
  });
}

test('a project created yesterday that suddenly sends thousands of requests notifies, by a limit shown in options', async ({
  context,
  extensionId,
  worker,
}) => {
  const fresh: FixtureProject = {
    id: 'proj_Fresh03',
    name: 'Fresh',
    createdAt: Math.floor(testNow() / 1000) - 86_400,
    past: { costs: { 'gpt-4o-mini, input': 0.05 }, models: { 'gpt-4o-mini': { input: 480, output: 48, requests: 24 } } },
    today: { costs: { 'gpt-4o-mini, input': 0.05 }, models: { 'gpt-4o-mini': { input: 480, output: 48, requests: 24 } } },
  };
  await serveAdminApi(context, {
    validKey: KEY,
    projects: [...ORGANIZATION, fresh],
    spike: { projectId: 'proj_Fresh03', requestsThisHour: 5000, dollarsToday: 0.05 },
  });
  const options = await saveAdminKey(context, extensionId);
  const chrome = chromeIn(worker);
  await expect.poll(chrome.notifications).toHaveLength(1);
  expect((await chrome.notifications())[0]).toMatch(/^spike:proj_Fresh03:requests:/);

  // The limit it crossed is in options, where the user can change it.
  await expect(options.getByLabel('New-project limit: Requests per hour')).toHaveValue('2000');

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  const alert = popup.getByRole('region', { name: 'Spend spikes' });
  await expect(alert).toContainText('Fresh: high requests for a new project');
  await expect(alert).toContainText(`new-project limit of ${count(2000)} requests`);
});

/**
 * Production's hourly traffic (keys named by the glance's key lists): 1,000 requests an hour
 * of 500 tokens on gpt-4o-mini; in the last two hours a fifth of them move to gpt-4.1, a model
 * it never used, with twice the tokens. Requests, tokens and tokens per request stay within
 * the usual (1.2× at most), so only the new-model signal can see it.
 */
const NEW_MODEL_TRAFFIC: HourlyStream[] = [
  { projectId: 'proj_Production01', apiKeyId: 'key_backend', model: 'gpt-4o-mini', requests: 200, tokensPerRequest: 500 },
  { projectId: 'proj_Production01', apiKeyId: 'key_ciDeploy', model: 'gpt-4o-mini', requests: 800, tokensPerRequest: 500 },
  { projectId: 'proj_Production01', apiKeyId: 'key_ciDeploy', model: 'gpt-4.1', requests: 200, tokensPerRequest: 1000, lastHours: 1 },
];

async function serveNewModel(context: BrowserContext) {
  await serveAdminApi(context, { validKey: KEY, projects: KEYED_ORGANIZATION });
  await serveGlanceLookups(context);
  return serveHourlyStreams(context, NEW_MODEL_TRAFFIC);
}

test('a model the project never used suddenly carrying traffic notifies, naming project, model and key', async ({ context, extensionId, worker }) => {
  await serveNewModel(context);
  await saveAdminKey(context, extensionId);
  const chrome = chromeIn(worker);
  await expect.poll(chrome.notifications).toHaveLength(1);
  expect((await chrome.notifications())[0]).toMatch(/^spike:proj_Production01:new-model:gpt-4\.1:/);

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  const alert = popup.getByRole('region', { name: 'Spend spikes' });
  await expect(alert).toContainText('Production: new model gpt-4.1');
  await expect(alert).toContainText("on a model not used in the previous 14 days, mostly key 'ci-deploy'");
});

test('with the new-model signal switched off in options, the same traffic stays quiet until it is on again', async ({
  context,
  extensionId,
  worker,
}) => {
  const hourly = await serveNewModel(context);
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const newModel = options.getByLabel('A model the project has not used in the previous 14 days suddenly carries traffic');
  await expect(newModel).toBeChecked();
  await newModel.uncheck();
  await expect
    .poll(async () => (await readStorage<{ signals: { newModel: boolean } }>(worker, 'sync', 'spikeAlerts'))?.signals.newModel)
    .toBe(false);

  await saveAdminKey(context, extensionId, { page: options });
  // The check ran on the same listing: its three hourly pages were answered and the refresh's results stored,
  // spikes and status in one write (refresh.ts), so nothing notified is nothing found.
  await expect.poll(() => hourly.requests.length).toBe(3);
  await expect.poll(() => readStorage(worker, 'local', 'spikeIncidents')).toBeDefined();
  expect(await readStorage(worker, 'local', 'unseenSpikes')).toEqual([]);
  expect(await chromeIn(worker).notifications()).toEqual([]);

  // Switched on again, the next refresh notifies: it was the switch that kept it quiet.
  await newModel.check();
  await expect
    .poll(async () => (await readStorage<{ signals: { newModel: boolean } }>(worker, 'sync', 'spikeAlerts'))?.signals.newModel)
    .toBe(true);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.getByRole('button', { name: 'Refresh' }).click();
  await expect.poll(chromeIn(worker).notifications).toHaveLength(1);
  // The popup lists the spikes not yet looked at when it opens.
  const next = await context.newPage();
  await next.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(next.getByRole('region', { name: 'Spend spikes' })).toContainText('Production: new model gpt-4.1');
});
