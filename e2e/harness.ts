import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { chromiumPath } from '../scripts/chromium-path.mjs';
import { browserClock, type BrowserClock, E2E_LOCALE, E2E_TIME_ZONE, startTestClock } from './clock';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const extensionPath = path.join(root, '.output', 'chrome-mv3');
export const fixturesPath = path.join(root, 'e2e', 'fixtures');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json',
};

export interface PlatformOptions {
  /** The shell page served for every app route (client-side routing decides the rest). */
  shell?: string;
}

export interface Fixtures {
  extensionId: string;
  worker: Worker;
  /** Serves https://platform.openai.com/** from e2e/fixtures/platform. */
  servePlatform(options?: PlatformOptions): Promise<void>;
  /** Console errors and uncaught exceptions of every page in the context. */
  pageErrors: string[];
  /** Sets how far the browser's clock is from the test's true time (e2e/clock.ts), as a wrong computer clock. */
  setBrowserClockSkew(skewMs: number): Promise<void>;
}

export const test = base.extend<Fixtures & { context: BrowserContext; launchedBrowser: LaunchedChromium; initialClockSkewMs: number }>({
  /** How far the browser's clock is from the true time when it starts (a test's `test.use`). */
  initialClockSkewMs: [0, { option: true }],
  context: async ({ launchedBrowser }, use) => {
    await use(launchedBrowser.context);
  },
  launchedBrowser: async ({ initialClockSkewMs }, use) => {
    const browser = await launchChromium(true, initialClockSkewMs);
    await use(browser);
    await browser.close();
  },
  setBrowserClockSkew: async ({ launchedBrowser }, use) => {
    await use(async (skewMs) => {
      if (!launchedBrowser.clock) throw new Error('Moving the browser clock needs libfaketime: apt-get install faketime.');
      await launchedBrowser.clock.setSkew(skewMs);
      // libfaketime re-reads its file at most every second.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
    });
  },
  worker: async ({ context }, use) => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await use(worker);
  },
  extensionId: async ({ worker }, use) => {
    await use(new URL(worker.url()).host);
  },
  pageErrors: async ({ context }, use) => {
    const errors: string[] = [];
    const watch = (page: Page) => {
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') errors.push(`${message.type()}: ${message.text()}`);
      });
    };
    context.pages().forEach(watch);
    context.on('page', watch);
    await use(errors);
  },
  servePlatform: async ({ context }, use) => {
    await use((options) => routePlatform(context, options));
  },
});

/** Serves https://platform.openai.com/** from e2e/fixtures/platform: assets by path, the shell for every app route. */
export async function routePlatform(context: BrowserContext, { shell = 'index.html' }: PlatformOptions = {}): Promise<void> {
  await context.route('https://platform.openai.com/**', async (route) => {
    const url = new URL(route.request().url());
    const asset = url.pathname.startsWith('/__fixtures/') ? url.pathname.slice('/__fixtures/'.length) : shell;
    const file = path.join(fixturesPath, 'platform', path.normalize(asset));
    if (!file.startsWith(path.join(fixturesPath, 'platform'))) return route.abort();
    try {
      const body = await readFile(file);
      await route.fulfill({ body, contentType: CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' });
    } catch {
      await route.fulfill({ status: 404, body: 'no fixture' });
    }
  });
}

export interface LaunchedChromium {
  context: BrowserContext;
  /** The browser's clock (null without libfaketime: then it is the real clock). */
  clock: BrowserClock | null;
  close(): Promise<void>;
}

/**
 * Chromium as the tests start it, with the built extension loaded or (for baselines)
 * without, at the test's instant, time zone and locale (e2e/clock.ts).
 */
export async function launchChromium(withExtension: boolean, initialClockSkewMs = 0): Promise<LaunchedChromium> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('No Chromium: run `node scripts/ensure-chromium.mjs`.');
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'rop-e2e-'));
  startTestClock();
  // Beside the profile, not in it: Chromium never reads it.
  const clock = await browserClock(`${userDataDir}.faketime`, initialClockSkewMs);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    viewport: { width: 1280, height: 800 },
    // Pages, extension pages and the service worker all take the zone from TZ and the
    // locale from --lang with Playwright's locale (timezoneId would reach pages only).
    env: { ...process.env, TZ: E2E_TIME_ZONE, ...clock?.env },
    locale: E2E_LOCALE,
    args: [
      `--lang=${E2E_LOCALE}`,
      ...(withExtension ? [`--disable-extensions-except=${extensionPath}`, `--load-extension=${extensionPath}`] : []),
      // The machines have no network: background services would only fail and retry.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-gpu',
      '--no-first-run',
    ],
  });
  // Nothing leaves the machine: any host without a fixture is refused.
  await context.route(/^https?:\/\//, (route) => route.abort('internetdisconnected'));
  return {
    context,
    clock,
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
      await rm(`${userDataDir}.faketime`, { force: true });
    },
  };
}

export const expect = test.expect;

/** Reads extension storage from the worker, where the test sees what the extension stored. */
export function readStorage<T>(worker: Worker, area: 'local' | 'sync', key: string): Promise<T | undefined> {
  return worker.evaluate(
    async ([area, key]) =>
      (await (globalThis as unknown as { chrome: ChromeInWorker }).chrome.storage[area].get(key))[key],
    [area, key] as const,
  ) as Promise<T | undefined>;
}

/** The worker's `chrome` global, typed just enough for the calls the tests make. */
interface ChromeInWorker {
  storage: Record<'local' | 'sync', { get(key: string): Promise<Record<string, unknown>> }>;
}

/** Runs code in the content script's isolated world of the platform page (Playwright only reaches the main world). */
export async function inContentScript<T>(page: Page, extensionId: string, expression: string): Promise<T> {
  const session = await page.context().newCDPSession(page);
  const contexts: { id: number; origin: string; auxData?: { type?: string } }[] = [];
  session.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await session.send('Runtime.enable');
  const isolated = contexts.find((c) => c.auxData?.type === 'isolated' && c.origin === `chrome-extension://${extensionId}`);
  if (!isolated) throw new Error(`No content-script world among ${JSON.stringify(contexts)}`);
  const { result, exceptionDetails } = await session.send('Runtime.evaluate', {
    expression,
    contextId: isolated.id,
    awaitPromise: true,
    returnByValue: true,
  });
  if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
  return result.value as T;
}

/** The toolbar popup, opened as a page of its own (Playwright cannot click the toolbar button). */
export async function openPopup(context: BrowserContext, extensionId: string): Promise<Page> {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  return popup;
}

/**
 * Opens the real toolbar popup over `page` (the active tab) and returns a way to evaluate
 * expressions in it. Playwright lists no page for a real action popup: it is reached
 * through the DevTools protocol.
 */
export async function openToolbarPopup(page: Page, worker: Worker): Promise<(expression: string) => Promise<unknown>> {
  await page.bringToFront();
  await worker.evaluate(() => (globalThis as unknown as { chrome: { action: { openPopup(): Promise<void> } } }).chrome.action.openPopup());
  const cdp = await page.context().newCDPSession(page);
  const popupTarget = async () => {
    const { targetInfos } = await cdp.send('Target.getTargets');
    return targetInfos.find((target) => target.url.endsWith('/popup.html'));
  };
  await expect.poll(async () => (await popupTarget()) !== undefined).toBe(true);
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: (await popupTarget())!.targetId, flatten: false });
  let nextId = 1;
  return (expression: string) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      const onMessage = ({ message }: { message: string }) => {
        const reply = JSON.parse(message) as { id?: number; result?: { result?: { value?: unknown } } };
        if (reply.id !== id) return;
        cdp.off('Target.receivedMessageFromTarget', onMessage);
        resolve(reply.result?.result?.value);
      };
      cdp.on('Target.receivedMessageFromTarget', onMessage);
      void cdp.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id, method: 'Runtime.evaluate', params: { expression, returnByValue: true, awaitPromise: true } }),
      });
    });
}
