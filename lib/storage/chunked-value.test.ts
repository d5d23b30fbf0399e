import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readOnlyItem } from './read-only-item';
import { PROJECT_COLORS, projectColors, spikeAlertSettings } from './settings';

/** Chrome's storage.sync quotas, which the fake browser does not enforce. */
const PER_ITEM = 8_192;
const TOTAL = 102_400;
const bytes = (key: string, value: unknown) => key.length + JSON.stringify(value).length;

function enforceSyncQuotas() {
  const set = fakeBrowser.storage.sync.set.bind(fakeBrowser.storage.sync);
  vi.spyOn(fakeBrowser.storage.sync, 'set').mockImplementation(async (items) => {
    for (const [key, value] of Object.entries(items)) if (bytes(key, value) > PER_ITEM) throw new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
    const all = { ...(await fakeBrowser.storage.sync.get(null)), ...items };
    if (Object.entries(all).reduce((sum, [key, value]) => sum + bytes(key, value), 0) > TOTAL) throw new Error('QUOTA_BYTES quota exceeded');
    return set(items);
  });
}

const projectId = (n: number) => `proj_${String(n).padStart(24, '0')}`;

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
  enforceSyncQuotas();
});

describe('per-project settings in storage.sync', () => {
  it("2,000 projects' colours fit, read alike by options and by the content script; a shorter map leaves no chunk behind", async () => {
    const colours = Object.fromEntries(Array.from({ length: 2_000 }, (_, n) => [projectId(n), '#a1b2c3']));
    await projectColors.setValue(colours);
    expect(await projectColors.getValue()).toEqual(colours);
    expect(await readOnlyItem(PROJECT_COLORS).getValue()).toEqual(colours);

    await projectColors.setValue({ [projectId(1)]: '#000000' });
    expect(await readOnlyItem(PROJECT_COLORS).getValue()).toEqual({ [projectId(1)]: '#000000' });
    expect(Object.keys(await fakeBrowser.storage.sync.get(null)).sort()).toEqual(['projectColors', 'projectColors$']);
  });

  it("2,000 projects' daily spend caps fit", async () => {
    const caps = Object.fromEntries(Array.from({ length: 2_000 }, (_, n) => [projectId(n), 50_000_000 + n]));
    await spikeAlertSettings.setValue({ ...(await spikeAlertSettings.getValue()), dailySpendCapsMicros: caps });
    expect((await spikeAlertSettings.getValue()).dailySpendCapsMicros).toEqual(caps);
  });

  it('a write past the whole area is refused and said, and what was stored stays', async () => {
    const { guardWrite, storageProblem, StorageFullError } = await import('./storage-problems');
    const colours = Object.fromEntries(Array.from({ length: 2_000 }, (_, n) => [projectId(n), '#a1b2c3']));
    await projectColors.setValue(colours);
    const caps = Object.fromEntries(Array.from({ length: 2_000 }, (_, n) => [projectId(n), 50_000_000 + n]));
    const next = { ...(await spikeAlertSettings.getValue()), dailySpendCapsMicros: caps };
    await expect(guardWrite('sync', 'the spike alert settings (daily spend caps)', () => spikeAlertSettings.setValue(next))).rejects.toBeInstanceOf(
      StorageFullError,
    );
    expect(await storageProblem.getValue()).toEqual({ area: 'sync', what: 'the spike alert settings (daily spend caps)' });
    expect(await projectColors.getValue()).toEqual(colours);
  });
});
