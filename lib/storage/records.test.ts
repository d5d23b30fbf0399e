import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { StorageItemKey } from 'wxt/utils/storage';
import { loadAfterUpgrade } from './testing/stored-before-versions';

beforeEach(() => {
  fakeBrowser.reset();
  // Each test loads the items as a fresh start of the extension would.
  vi.resetModules();
});

const records = () => import('./records');
const storage = () => import('./api-records');

const CACHE = {
  fetchedAt: 1_742_000_000_000,
  projects: [{ id: 'proj_a', name: 'Alpha', archived: false }],
  projectsListed: true,
  summaries: {},
};

/** Values in the shape the releases before versioned items stored. */
const STORED_BEFORE: [StorageItemKey, unknown, () => Promise<unknown>][] = [
  ['local:featureHealth', { 'project-emphasis': { state: 'active', path: '/usage', at: 1 } }, async () => (await records()).featureHealth],
  [
    'local:knownProjects',
    { proj_a: { key: 'proj_a', id: 'proj_a', name: 'Alpha', organization: 'Acme', lastSeen: 2 } },
    async () => (await records()).knownProjects,
  ],
  [
    'local:loggingObservations',
    { 'org-1': { setting: { setting: 'enabled_per_call', projectIds: [], at: 3 }, pages: { proj_a: { status: 'disabled', at: 4 } } } },
    async () => (await records()).loggingObservations,
  ],
  ['local:usageCache', CACHE, async () => (await storage()).usageCache],
  ['local:usageStatus', { lastAttemptAt: 5, problem: { kind: 'no-key' }, retryAt: null }, async () => (await storage()).usageStatus],
  ['local:spikeIncidents', { version: 1, notified: [] }, async () => (await storage()).spikeIncidents],
  ['local:unseenSpikes', [{ id: 'spike:proj_a:spend:1', projectId: 'proj_a', title: 'Alpha', message: '' }], async () => (await storage()).unseenSpikes],
];

describe('the worker’s records after an upgrade', () => {
  it.each(STORED_BEFORE)('%s: what an earlier release stored is read back unchanged', async (key, value, load) => {
    const { read, stored } = await loadAfterUpgrade(key, value, load as never);
    expect(read).toEqual(value);
    expect(stored).toEqual(value);
  });

  it.each(STORED_BEFORE)('%s is defined with a version: its first write marks v1', async (key, value, load) => {
    const item = (await load()) as { setValue(value: unknown): Promise<void> };
    await item.setValue(value);
    const name = key.split(':')[1]!;
    expect(await fakeBrowser.storage.local.get(`${name}$`)).toEqual({ [`${name}$`]: { v: 1 } });
  });
});
