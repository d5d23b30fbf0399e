import type { BrowserContext, Worker } from '@playwright/test';
import { FIXTURE_ADMIN_KEY as KEY, saveAdminKey } from './admin-key';
import { RATE_LIMITED_BODY, serveAdminApi } from './fixtures/api/admin-api';
import { money, testNow, utcDay as formatUtcDay } from './clock';
import { expect, openPopup, test } from './harness';

const DAY_MS = 86_400_000;

/** The UTC day `daysAgo` before today, as the popup writes it in the test's locale. */
function utcDay(daysAgo: number): string {
  return formatUtcDay(testNow() - daysAgo * DAY_MS);
}

/**
 * Another host that answers like the API with an empty organization: if its answers were
 * used, the key would look valid. Records what reached it.
 */
async function serveLookalike(context: BrowserContext): Promise<string[]> {
  const reached: string[] = [];
  await context.route('https://evil.example/**', async (route) => {
    reached.push(route.request().url());
    const list = new URL(route.request().url()).pathname.endsWith('/projects');
    await route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify(list ? { object: 'list', data: [], first_id: null, last_id: null, has_more: false } : { object: 'page', data: [], has_more: false, next_page: null }),
    });
  });
  return reached;
}

/** api.openai.com answers every request with a 302 to the same path on evil.example. */
async function redirectApi(context: BrowserContext): Promise<void> {
  await context.unroute('https://api.openai.com/**');
  await context.route('https://api.openai.com/**', (route) => {
    const url = new URL(route.request().url());
    return route.fulfill({ status: 302, headers: { Location: `https://evil.example${url.pathname}${url.search}` }, body: '' });
  });
}

test('a key is not verified through a redirect to another host, and options says what happened', async ({ context, extensionId }) => {
  const reached = await serveLookalike(context);
  await redirectApi(context);

  const options = await saveAdminKey(context, extensionId, { expectVerified: false });
  const outcome = options.getByTestId('key-outcome');
  await expect(outcome).toContainText('Not saved.');
  await expect(outcome).toContainText('answered with a redirect, which is never followed');
  await expect(outcome).not.toContainText('Verified');
  await expect(options.getByTestId('key-stored')).toHaveCount(0);
  // The redirect was not followed: nothing, the key least of all, went to the other host.
  expect(reached).toEqual([]);
});

test('a refresh redirected to another host keeps the last figures and says why', async ({ context, extensionId }) => {
  const reached = await serveLookalike(context);
  await serveAdminApi(context, { validKey: KEY });
  await (await saveAdminKey(context, extensionId)).close();
  const popup = await openPopup(context, extensionId);
  const today = popup.getByTestId('cost-today');
  await expect(today).not.toHaveText(money(0));
  const figures = await today.textContent();

  await redirectApi(context);
  await popup.getByRole('button', { name: 'Refresh' }).click();
  const problem = popup.getByTestId('problem');
  await expect(problem).toContainText('answered with a redirect, which is never followed', { timeout: 20_000 });
  await expect(problem).toContainText('The figures below are from the last successful refresh.');
  await expect(today).toHaveText(figures ?? '');
  expect(reached).toEqual([]);
});

test('a year-long Retry-After pauses refreshes for an hour at most, and the popup says when the next try is', async ({
  context,
  extensionId,
  worker,
}) => {
  const api = await serveAdminApi(context, { validKey: KEY });
  await (await saveAdminKey(context, extensionId)).close();
  const popup = await openPopup(context, extensionId);
  await expect(popup.getByTestId('cost-today')).toBeVisible();

  api.failWith({ status: 429, body: RATE_LIMITED_BODY, headers: { 'Retry-After': String(365 * 86_400) } });
  const clicked = testNow();
  await popup.getByRole('button', { name: 'Refresh' }).click();
  const problem = popup.getByTestId('problem');
  await expect(problem).toHaveAttribute('data-kind', 'rate-limited');
  await expect(problem).toContainText(/Next try in (60 minutes|1 hour)\./);
  await expect(problem).toContainText('an hour at most');
  const retry = await retryAlarm(worker);
  expect(retry).toBeGreaterThan(clicked + 59 * 60_000);
  expect(retry).toBeLessThanOrEqual(testNow() + 60 * 60_000);
});

test('costs that have not arrived are shown as incomplete, never as final zeros', async ({ context, extensionId, worker }) => {
  // Costs for yesterday and today not reported yet; usage is there.
  await serveAdminApi(context, { validKey: KEY, costsLagDays: 2 });
  await (await saveAdminKey(context, extensionId)).close();
  const popup = await openPopup(context, extensionId);

  await expect(popup.getByTestId('freshness')).toContainText(`costs through ${utcDay(2)}, usage through `);
  await expect(popup.getByTestId('freshness')).toContainText(/usage through \d\d:\d\d UTC/);
  await expect(popup.getByTestId('cost-yesterday')).toHaveText(money(0));
  await expect(popup.getByTestId('note-yesterday')).toHaveText(/incomplete/);
  await expect(popup.getByTestId('note-today')).toHaveText(/so far/);
  await expect(popup.locator('rect.chart-pending')).toHaveCount(2);
  await expect(popup.getByTestId('chart-pending')).toContainText('last 2 days, costs still arriving');
  // Usage is reported within minutes: today's requests are there.
  await expect(popup.getByTestId('row-requests').locator('td').first()).not.toHaveText('0');

  await expect.poll(() => badgeTitle(worker)).toContain(`today (UTC) so far ${money(0)} in organization`);
  expect(await badgeTitle(worker)).toContain(`Complete: costs through ${utcDay(2)}, usage through `);
});

function retryAlarm(worker: Worker): Promise<number | undefined> {
  return worker.evaluate(async () => {
    const { alarms } = (globalThis as unknown as { chrome: { alarms: { get(name: string): Promise<{ scheduledTime: number } | undefined> } } }).chrome;
    return (await alarms.get('usage-glance:retry'))?.scheduledTime;
  });
}

function badgeTitle(worker: Worker): Promise<string> {
  return worker.evaluate(() =>
    (globalThis as unknown as { chrome: { action: { getTitle(details: object): Promise<string> } } }).chrome.action.getTitle({}),
  );
}
