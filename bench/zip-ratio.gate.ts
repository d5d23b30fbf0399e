import { expect, test } from '../e2e/harness';
import { clickToZip } from './click-to-zip';

// Run by `npm test` (playwright.gate.config.ts): the click-to-ZIP ratio of `npm run bench`
// may not pass 0.5. Both sides are timed in this one browser, one after the other, so a
// slow or busy machine slows both alike; the bench's own goal (0.35) is printed, not held.
test('Download all as ZIP takes at most half the time of clicking the rows one by one', async ({ context, servePlatform }) => {
  await servePlatform();
  const { baselineMs, zipMs, ratio } = await clickToZip(context);
  console.log(`click to ZIP ${zipMs.toFixed(0)} ms, one by one ${baselineMs.toFixed(0)} ms: ratio ${ratio.toFixed(2)}`);
  expect(ratio).toBeLessThanOrEqual(0.5);
});
