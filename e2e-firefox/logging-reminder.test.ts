import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { routePlatform } from '../e2e/harness';
import { launchFirefox, waitFor, waitForText, type FirefoxSession } from './firefox';

type LogsMode = 'prompt' | 'list' | 'unknown';

let firefox: FirefoxSession;
beforeEach(async () => {
  firefox = await launchFirefox();
});
afterEach(async () => firefox?.close());

async function openPlatform(pathname: string, logs: Record<string, LogsMode> = {}): Promise<Page> {
  const page = await firefox.newPage();
  await page.evaluateOnNewDocument((value) => {
    (window as unknown as { __logsConfig: unknown }).__logsConfig = value;
  }, logs);
  await page.goto(`https://platform.openai.com${pathname}`);
  await page.waitForSelector('header');
  return page;
}

const REMINDER = '::-p-aria(Logging reminder[role="note"])';
const reminderText = (page: Page, accept: (text: string) => boolean) =>
  waitForText(page, '[role="note"][aria-label="Logging reminder"]', accept);

/** What the extension recorded, read from one of its own pages. */
async function storedLocal<T>(key: string): Promise<T | undefined> {
  const page = await firefox.openExtensionPage('options.html');
  const value = await page.evaluate(
    async (key) => (await (globalThis as unknown as { browser: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } } }).browser.storage.local.get(key))[key],
    key,
  );
  await page.close();
  return value as T | undefined;
}

test('the Logs page prompt marks the project as logging off; the reminder follows it to Usage and leaves elsewhere', async () => {
  await routePlatform(firefox.context);
  const page = await openPlatform('/logs');
  await reminderText(page, (text) =>
    text.includes("Logs are off for Production: you won't be able to inspect requests when debugging or checking for abuse."),
  );
  expect(await page.$eval(`${REMINDER} >>> a`, (link) => (link as HTMLAnchorElement).href)).toBe('https://platform.openai.com/logs');
  const stored = await storedLocal<Record<string, { pages: Record<string, { status: string }> }>>('loggingObservations');
  expect(stored?.['org-FixtureAcme']?.pages.proj_Production01?.status).toBe('disabled');

  // The dashboard's own prompt is a modal: answer it, as a user would, before the shot.
  await page.locator('[role="dialog"] ::-p-aria(Not now[role="button"])').click();
  await waitFor('the prompt to close', async () => (await page.$('[role="dialog"]')) === null);
  await page.screenshot({ path: path.join('docs', 'screenshots', 'store', '3-logging-reminder.png') });

  await page.locator('::-p-aria(Usage[role="link"])').click();
  await waitFor('the Usage page', () => page.url().endsWith('/usage'));
  await page.waitForSelector(REMINDER);
  await page.locator('::-p-aria(API keys[role="link"])').click();
  await waitFor('the reminder to leave', async () => (await page.$(REMINDER)) === null);
  expect(firefox.pageErrors).toEqual([]);
});

test('the organization setting read from the dashboard’s own response (page-world script) shows the per-call nuance', async () => {
  await routePlatform(firefox.context);
  const requests: string[] = [];
  await firefox.network.route('https://platform.openai.com/__api/v1/organizations/**', async (route) => {
    requests.push(route.request().url());
    await route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({ object: 'organization', id: 'org-FixtureAcme', settings: { api_call_logging: 'enabled_per_call', api_call_logging_project_ids: [] } }),
    });
  });
  const page = await openPlatform('/usage');
  await reminderText(page, (text) => text.includes('keep only requests sent with store: true'));
  const stored = await storedLocal<Record<string, { setting?: { setting: string } }>>('loggingObservations');
  expect(stored?.['org-FixtureAcme']?.setting?.setting).toBe('enabled_per_call');
  // Read passively: the dashboard's one request, none of the extension's own.
  expect(requests).toHaveLength(1);
});
