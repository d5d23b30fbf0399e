import type { BrowserContext } from '@playwright/test';
import { expect, launchChromium, routePlatform, test } from '../e2e/harness';
import { bundleFigures } from '../scripts/bundle-report.mjs';

// What the content scripts cost a dashboard page: the bytes they ship (budget checked by
// scripts/bundles.test.mjs), and the same fixture app measured in a Chromium without the
// extension (baseline) and with it, in this one process.

test('content-script size', () => {
  console.log(`What the built extension ships where (gzip -9):\n  ${bundleFigures().lines.join('\n  ')}`);
});

const RENDERS = 300;
const ROUNDS = 5;

async function measure(context: BrowserContext, path: string) {
  await routePlatform(context);
  // Scripts the content script fetches on this page (features that apply only here).
  const fetched: string[] = [];
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'chrome-extension:') fetched.push(url.pathname);
  });
  const page = await context.newPage();
  await page.goto(`https://platform.openai.com${path}`);
  await expect(page.locator('header')).toBeVisible();
  await page.waitForTimeout(500);
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Each render replaces the whole app, as a React re-render with new keys would; the
    // extension's observer and features run in the microtasks and tasks after it.
    samples.push(
      await page.evaluate(async (renders) => {
        const app = (window as unknown as { __fixture: { render(): void } }).__fixture;
        const start = performance.now();
        for (let i = 0; i < renders; i++) {
          app.render();
          // A task boundary without setTimeout's 4 ms clamp, which would swamp the figures.
          await new Promise((resolve) => {
            const channel = new MessageChannel();
            channel.port1.onmessage = resolve;
            channel.port2.postMessage(null);
          });
        }
        return performance.now() - start;
      }, RENDERS),
    );
  }
  const load = await page.evaluate(() => {
    const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
    return navigation ? navigation.domContentLoadedEventEnd - navigation.startTime : NaN;
  });
  await page.close();
  samples.sort((a, b) => a - b);
  return { perRenderMs: (samples[Math.floor(ROUNDS / 2)] ?? NaN) / RENDERS, domContentLoadedMs: load, fetched };
}

for (const [label, path] of [
  ['a page with only the project emphasis (/settings/organization/api-keys)', '/settings/organization/api-keys'],
  ['the Usage page (emphasis, ZIP export watch, logging reminder)', '/usage'],
] as const) {
  test(`content-script cost on ${label}`, async () => {
    const plain = await launchChromium(false);
    const baseline = await measure(plain.context, path);
    await plain.close();
    const extended = await launchChromium(true);
    const withExtension = await measure(extended.context, path);
    await extended.close();
    console.log(`${label}, median of ${ROUNDS} rounds of ${RENDERS} full re-renders:
  without the extension:     ${baseline.perRenderMs.toFixed(3)} ms per re-render, DOMContentLoaded ${baseline.domContentLoadedMs.toFixed(0)} ms
  with the extension:        ${withExtension.perRenderMs.toFixed(3)} ms per re-render, DOMContentLoaded ${withExtension.domContentLoadedMs.toFixed(0)} ms
  ratio with / without:      ${(withExtension.perRenderMs / baseline.perRenderMs).toFixed(2)} per re-render
  feature code fetched:      ${withExtension.fetched.join(', ') || 'none (the content script alone)'}`);
  });
}
