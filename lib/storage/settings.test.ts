import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { StorageItemKey } from 'wxt/utils/storage';
import { readOnlyItem } from './read-only-item';
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

describe('spike alert settings after an upgrade to v2', () => {
  const V1 = { enabled: false, sensitivity: 'high', dailySpendCapsMicros: { proj_a: 20_000_000 }, newProjectLimits: { spend: null, requests: 500, tokens: 2_000_000 } };

  it('keeps what v1 stored and switches the new signals and the limit flags on', async () => {
    const { read, stored, mark } = await loadAfterUpgrade('sync:spikeAlerts', V1, async () => (await settings()).spikeAlertSettings);
    const expected = { ...V1, signals: { newModel: true, tokensPerRequest: true, newBusyKey: true }, flagUnlimitedSpend: true };
    expect(read).toEqual(expected);
    expect(stored).toEqual(expected);
    expect(mark).toEqual({ v: 2 });
  });

  it('reads the v1 value saved before newProjectLimits existed unchanged, apart from the new fields', async () => {
    const older = { enabled: true, sensitivity: 'medium', dailySpendCapsMicros: {} };
    const { read } = await loadAfterUpgrade('sync:spikeAlerts', older, async () => (await settings()).spikeAlertSettings);
    expect(read).toEqual({ ...older, signals: { newModel: true, tokensPerRequest: true, newBusyKey: true }, flagUnlimitedSpend: true });
  });

  it('keeps a switch the user turned off once on v2', async () => {
    const { spikeAlertSettings } = await settings();
    await spikeAlertSettings.setValue({ ...(await spikeAlertSettings.getValue()), signals: { newModel: false, tokensPerRequest: true, newBusyKey: true } });
    expect(await fakeBrowser.storage.sync.get('spikeAlerts$')).toEqual({ spikeAlerts$: { v: 2 } });
    const { read } = await loadAfterUpgrade('sync:spikeAlerts', await fakeBrowser.storage.sync.get('spikeAlerts').then((raw) => raw.spikeAlerts), async () => (await settings()).spikeAlertSettings);
    expect(read.signals.newModel).toBe(false);
  });
});

describe('where admin keys are kept, after the upgrade to one key per organization (v2)', () => {
  it.each(['device', 'session'] as const)('keeps the single choice "%s" for the next key and for the key saved before', async (choice) => {
    const { read, stored, mark } = await loadAfterUpgrade('local:adminKeyRetention', choice, async () => (await settings()).adminKeyRetention);
    const expected = { next: choice, organizations: { 'local-earlier-key': choice } };
    expect(read).toEqual(expected);
    expect(stored).toEqual(expected);
    expect(mark).toEqual({ v: 2 });
  });
});

describe('what page contexts read', () => {
  it.each([
    ['DISABLED_FEATURES', 'disabledFeatures', ['logging-reminder']],
    ['PROJECT_COLORS', 'projectColors', { proj_Production01: '#d00000' }],
    ['LOGGING_REMINDER_SILENCE', 'loggingReminderSilence', { proj_a: { dismissed: true } }],
  ] as const)('%s: the read-only view reads what the WXT item of %s wrote', async (definition, item, value) => {
    const module = await settings();
    await (module[item] as { setValue(value: unknown): Promise<void> }).setValue(value);
    expect(module[definition].key).toBe(module[item].key);
    expect(await readOnlyItem(module[definition] as never).getValue()).toEqual(value);
  });
});
