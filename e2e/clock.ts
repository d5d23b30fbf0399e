import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';

/**
 * The instant, time zone and locale a test runs at: inputs, chosen here and nowhere else.
 *
 * - `E2E_NOW` (an ISO instant such as `2028-02-29T12:00:00Z`) pins the start of every test:
 *   each browser starts at that instant and its clock runs from there. Unset, the suite
 *   runs at the real instant (the only place a test reads the real date: to choose it).
 * - `E2E_TZ` is the browser's time zone (default UTC), `E2E_LOCALE` its locale (default en-US).
 *
 * The browser gets its clock from libfaketime, preloaded with an offset from the real clock
 * (the same offset in every browser process, unlike an absolute start instant, which each
 * process would count from its own start). The fixtures and the assertions read `testNow()`,
 * the same instant, so the Admin API's buckets, the dashboard's pages and the expected
 * figures agree with what the extension sees. `setBrowserClockSkew` moves the browser's
 * clock alone, as a computer whose clock is wrong.
 */

export const LIBFAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';

export const E2E_TIME_ZONE = process.env.E2E_TZ || 'UTC';
export const E2E_LOCALE = process.env.E2E_LOCALE || 'en-US';

function pinnedInstant(): number | null {
  const pinned = process.env.E2E_NOW;
  if (!pinned) return null;
  const instant = Date.parse(pinned);
  if (Number.isNaN(instant)) throw new Error(`E2E_NOW is not an ISO instant: ${pinned}`);
  return instant;
}

/** Milliseconds from the real clock to the test's true time; chosen again as each test starts. */
let trueOffsetMs = offsetToInstant();

function offsetToInstant(): number {
  const pinned = pinnedInstant();
  return pinned === null ? 0 : pinned - Date.now();
}

/**
 * Starts a test's clock: at the pinned instant if there is one, at the real one otherwise.
 * Called by the harness as it launches each test's browser.
 */
export function startTestClock(): void {
  trueOffsetMs = offsetToInstant();
}

/** The test's "now" (epoch milliseconds): the true time the fixtures and assertions use. */
export function testNow(): number {
  return Date.now() + trueOffsetMs;
}

export const testNowSeconds = (): number => Math.floor(testNow() / 1000);

/** A browser's clock, driven through libfaketime's timestamp file (re-read every second). */
export interface BrowserClock {
  /** The environment that makes a browser process read its time from `file`. */
  env: Record<string, string>;
  /** Sets how far the browser's clock is from the true time (ms; negative: behind). */
  setSkew(skewMs: number): Promise<void>;
}

export async function browserClock(file: string, initialSkewMs = 0): Promise<BrowserClock | null> {
  const write = (skewMs: number) => writeFile(file, `${formatOffset(trueOffsetMs + skewMs)}\n`);
  if (!existsSync(LIBFAKETIME)) {
    if (pinnedInstant() !== null) {
      throw new Error(`E2E_NOW needs libfaketime (${LIBFAKETIME}): run \`node scripts/ensure-chromium.mjs\` as root, or apt-get install faketime.`);
    }
    return null;
  }
  await write(initialSkewMs);
  return {
    env: {
      LD_PRELOAD: LIBFAKETIME,
      FAKETIME_TIMESTAMP_FILE: file,
      // Re-read the file every second, so a test can move the clock. (With
      // FAKETIME_DONT_FAKE_MONOTONIC=1 Chromium never finished starting here.)
      FAKETIME_CACHE_DURATION: '1',
    },
    setSkew: write,
  };
}

/** libfaketime's relative form: "+12345.678" seconds (or "-…"). */
function formatOffset(offsetMs: number): string {
  const seconds = (offsetMs / 1000).toFixed(3);
  return offsetMs < 0 ? seconds : `+${seconds}`;
}

/** Money as the extension shows it in the test's locale: Intl's currency format, as lib/core/format.ts uses. */
export function money(amount: number, currency = 'USD', locale = E2E_LOCALE): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
}

/** A whole number as the extension shows it in the test's locale. */
export function count(value: number, locale = E2E_LOCALE): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** A UTC day as the extension writes it in the test's locale ("9 Dec", "Dec 9", "9. Dez."). */
export function utcDay(epochMs: number, locale = E2E_LOCALE): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(epochMs);
}

/** Text matched literally inside a RegExp (a formatted amount holds "$" and "."). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The README's screenshots show the extension as most readers see it: they are taken only
 * in an en-US browser at the real instant, so a German or pinned run never rewrites them.
 */
export const TAKES_README_SCREENSHOTS = E2E_LOCALE === 'en-US' && !process.env.E2E_NOW;
