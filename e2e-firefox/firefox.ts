import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from '@playwright/test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { firefoxPath } from '../scripts/firefox-path.mjs';
import { FixtureNetwork } from './fixture-network';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const firefoxExtensionPath = path.join(root, '.output', 'firefox-mv3');

/**
 * The add-on's moz-extension UUID, pinned (Firefox draws a random one per profile) so the
 * tests can open its pages by URL.
 */
const EXTENSION_UUID = '5f1c2a8e-3b7d-4e39-9a41-7c0d2e6b8f13';

export interface FirefoxSession {
  browser: Browser;
  /** Every request Firefox makes goes through here; register fixtures on it. */
  network: FixtureNetwork;
  /** The network where the shared fixtures (serveAdminApi, serveExports, routePlatform) want a Playwright context. */
  context: BrowserContext;
  /** Where Firefox saves downloads, without asking. */
  downloadDir: string;
  /** Console errors and warnings and uncaught exceptions of every page opened with newPage(). */
  pageErrors: string[];
  /** A new tab, watched for page errors. */
  newPage(): Promise<Page>;
  /** A new tab showing one of the add-on's pages (options.html, popup.html). */
  openExtensionPage(file: string): Promise<Page>;
  /** moz-extension://<uuid>/<file> */
  extensionUrl(file: string): string;
  close(): Promise<void>;
}

/** The Gecko id the build declares: the UUID is pinned for that id. */
function geckoId(): string {
  const manifest = JSON.parse(readFileSync(path.join(firefoxExtensionPath, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error('The Firefox build has no Gecko id: run `npm run build:firefox`.');
  return id;
}

/** Firefox ESR with the built add-on installed as a temporary add-on, its network behind the fixture proxy. */
export async function launchFirefox(): Promise<FirefoxSession> {
  const executablePath = firefoxPath();
  if (!executablePath) throw new Error('No Firefox: run `node scripts/ensure-firefox.mjs`.');
  const network = await FixtureNetwork.start();
  const downloadDir = await mkdtemp(path.join(tmpdir(), 'rop-ff-downloads-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    // The proxy's certificate is self-signed; the background page's requests need this too.
    acceptInsecureCerts: true,
    defaultViewport: { width: 1280, height: 800 },
    // Firefox refuses WebDriver navigation to moz-extension:// pages without it.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId()]: EXTENSION_UUID }),
      // Host permissions granted at install, as for a user who accepts the install prompt.
      'extensions.originControls.grantByDefault': true,
      'network.proxy.type': 1,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': network.port,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': network.port,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
      'network.dns.disablePrefetch': true,
      'browser.download.dir': downloadDir,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.start_downloads_in_tmp_dir': false,
      'browser.download.alwaysOpenPanel': false,
    },
  });
  await browser.installExtension(firefoxExtensionPath);

  const pageErrors: string[] = [];
  const watch = (page: Page) => {
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error instanceof Error ? error.message : String(error)}`));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warn') pageErrors.push(`${message.type()}: ${message.text()}`);
    });
  };
  const newPage = async () => {
    const page = await browser.newPage();
    watch(page);
    return page;
  };
  const extensionUrl = (file: string) => `moz-extension://${EXTENSION_UUID}/${file}`;

  return {
    browser,
    network,
    context: network.asContext(),
    downloadDir,
    pageErrors,
    newPage,
    extensionUrl,
    openExtensionPage: async (file) => {
      const page = await newPage();
      await gotoExtensionPage(page, extensionUrl(file));
      return page;
    },
    close: async () => {
      await browser.close();
      await network.close();
      await rm(downloadDir, { recursive: true, force: true });
    },
  };
}

/**
 * Firefox sends no BiDi load events for moz-extension documents, so `page.goto` would hang:
 * send BiDi's own navigate command and let it wait for the document to complete.
 */
export async function gotoExtensionPage(page: Page, url: string): Promise<void> {
  const frame = page.mainFrame() as unknown as { browsingContext: { navigate(url: string, wait: 'complete'): Promise<void> } };
  await frame.browsingContext.navigate(url, 'complete');
}

/** Polls until `check` returns a value other than undefined/false, or fails with what it saw last. */
export async function waitFor<T>(description: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${description}; last saw: ${String(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits for the text of the first element matching `selector` to satisfy `accept`. */
export function waitForText(page: Page, selector: string, accept: (text: string) => boolean, timeoutMs?: number): Promise<string> {
  return waitFor(
    `text of ${selector}`,
    async () => {
      const text = await page.$eval(selector, (element) => (element as HTMLElement).innerText.trim()).catch(() => undefined);
      return text !== undefined && accept(text) ? text : undefined;
    },
    timeoutMs,
  );
}

/**
 * The one file Firefox saved to the download folder, once it is complete. Given the page
 * that started it, a timeout says what the page's dialog said and what the page logged, so
 * a failure in CI (where nobody can watch) tells its cause.
 */
export async function waitForDownload(downloadDir: string, { page, pageErrors = [], timeoutMs = 60_000 }: { page?: Page; pageErrors?: string[]; timeoutMs?: number } = {}): Promise<string> {
  try {
    return await waitFor(
      'a finished download',
      async () => {
        const files = await readdir(downloadDir);
        const done = files.filter((file) => !file.endsWith('.part'));
        return files.length === done.length && done.length > 0 ? path.join(downloadDir, done[0] as string) : undefined;
      },
      timeoutMs,
    );
  } catch (error) {
    const files = await readdir(downloadDir).catch(() => []);
    const said = page
      ? await page
          .$$eval('[role="dialog"] [role="status"], [role="dialog"] [role="alert"]', (nodes) => nodes.map((node) => (node as HTMLElement).innerText.trim()).join(' | '))
          .catch((reason: unknown) => `(could not read the dialog: ${String(reason)})`)
      : '(no page given)';
    throw new Error(`${(error as Error).message}\nDownload folder: ${JSON.stringify(files)}\nThe dialog said: ${said || '(nothing)'}\nPage errors: ${JSON.stringify(pageErrors)}`);
  }
}
