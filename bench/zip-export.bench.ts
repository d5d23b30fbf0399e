import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from '../e2e/harness';
import { serveExports } from '../e2e/zip-export-server';

// Figures are printed, never asserted: timing on a shared 2-core machine is not a test.

/** Highest peak resident memory (VmHWM) among Chromium renderer processes, in MB; Linux only. */
function peakRendererRssMb(): number | null {
  let peak: number | null = null;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
      if (kb) peak = Math.max(peak ?? 0, kb / 1024);
    } catch {
      // The process ended while being read.
    }
  }
  return peak;
}

async function openModal(page: Page, delivery: 'blob' | 'link') {
  await page.addInitScript((value) => {
    (window as unknown as { __exportConfig: unknown }).__exportConfig = value;
  }, { start: '2024-01', end: '2024-12', delivery });
  await page.goto('https://platform.openai.com/usage');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Download all as ZIP' })).toBeVisible();
}

test('click to saved ZIP vs twelve downloads one after another (300 ms per file)', async ({ context, servePlatform }) => {
  await servePlatform();
  await serveExports(context, { latencyMs: () => 300 });
  const page = await context.newPage();

  // Baseline first: what the accountant does today, one row after the other.
  await openModal(page, 'blob');
  await page.getByRole('button', { name: 'Download 12 files…' }).click();
  const baselineStart = performance.now();
  for (let index = 0; index < 12; index++) {
    const saved = page.waitForEvent('download');
    await page.getByRole('dialog').getByRole('button', { name: 'Download', exact: true }).nth(index).click();
    await (await saved).path();
  }
  const baselineMs = performance.now() - baselineStart;

  await openModal(page, 'blob');
  const zipStart = performance.now();
  const saved = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download all as ZIP' }).click();
  await (await saved).path();
  const zipMs = performance.now() - zipStart;

  console.log(`12 monthly files, 300 ms server latency each:
  one by one (baseline):     ${baselineMs.toFixed(0)} ms
  Download all as ZIP:       ${zipMs.toFixed(0)} ms
  ratio ZIP / baseline:      ${(zipMs / baselineMs).toFixed(2)} (goal <= 0.4)`);
});

test('ZIP build of 12 x 5 MB CSV files: throughput and peak JS heap', async ({ context, servePlatform }) => {
  await servePlatform();
  const fileBytes = 5 * 1024 * 1024;
  const { served } = await serveExports(context, { padToBytes: fileBytes });
  const page = await context.newPage();
  await openModal(page, 'blob');

  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  let peakHeap = 0;
  const sample = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    peakHeap = Math.max(peakHeap, metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? 0);
  };
  await sample();
  const baselineHeap = peakHeap;
  const sampler = setInterval(() => void sample().catch(() => undefined), 50);

  const saved = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download all as ZIP' }).click();
  await page.getByRole('status').filter({ hasText: 'Building the ZIP' }).waitFor();
  const buildStart = performance.now();
  await (await saved).path();
  const buildMs = performance.now() - buildStart;
  clearInterval(sampler);

  const totalMb = [...served.values()].reduce((sum, bytes) => sum + bytes.length, 0) / (1024 * 1024);
  console.log(`ZIP build of ${served.size} files, ${totalMb.toFixed(1)} MB in all (hashing, DEFLATE, save):
  build time:                ${buildMs.toFixed(0)} ms
  throughput:                ${(totalMb / (buildMs / 1000)).toFixed(1)} MB/s
  peak JS heap of the tab:   ${(peakHeap / 1024 / 1024).toFixed(0)} MB (${((peakHeap - baselineHeap) / 1024 / 1024).toFixed(0)} MB above the page at rest; file bytes live in ArrayBuffers outside it)
  peak renderer memory:      ${peakRendererRssMb()?.toFixed(0) ?? 'n/a'} MB resident at most (VmHWM of the busiest renderer process)`);
});
