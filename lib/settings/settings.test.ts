import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { StorageItemKey } from 'wxt/utils/storage';
import { loadAfterUpgrade } from './testing/stored-before-versions';

beforeEach(() => {
  fakeBrowser.reset();
  // Each test loads the items as a fresh start of the extension would.
  vi.resetModules();
});

const settings = () => import('./settings');

/** Values in the shape the releases before versioned items stored. */
const STORED_BEFORE: [StorageItemKey, unknown, (module: Awaited<ReturnType<typeof settings>>) => unknown][] = [
  ['sync:disabledFeatures', ['logging-reminder'], (m) => m.disabledFeatures],
  ['sync:projectColors', { proj_Production01: '#d00000' }, (m) => m.projectColors],
  ['sync:usageGlance', { refreshMinutes: 30, badgeScope: 'proj_a', dailyThresholdMicros: 5_000_000 }, (m) => m.usageGlanceSettings],
  ['sync:spikeAlerts', { enabled: false, sensitivity: 'high', dailySpendCapsMicros: { proj_a: 20_000_000 } }, (m) => m.spikeAlertSettings],
  ['local:loggingReminderSilence', { proj_a: { dismissed: true }, proj_b: { snoozedUntil: 1_800_000_000_000 } }, (m) => m.loggingReminderSilence],
];

describe('user settings after an upgrade', () => {
  it.each(STORED_BEFORE)('%s: what an earlier release stored is read back unchanged', async (key, value, pick) => {
    const { read, stored } = await loadAfterUpgrade(key, value, async () => pick(await settings()) as never);
    expect(read).toEqual(value);
    expect(stored).toEqual(value);
  });

  it.each(STORED_BEFORE)('%s is defined with a version: its first write marks v1', async (key, value, pick) => {
    const item = pick(await settings()) as { setValue(value: unknown): Promise<void> };
    await item.setValue(value);
    const [area, name] = key.split(':') as ['local' | 'sync', string];
    expect(await fakeBrowser.storage[area].get(`${name}$`)).toEqual({ [`${name}$`]: { v: 1 } });
  });
});
