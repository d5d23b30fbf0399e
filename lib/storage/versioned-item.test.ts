import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defineVersionedItem } from './versioned-item';

beforeEach(() => {
  fakeBrowser.reset();
});

/** Lets WXT's on-load migration finish. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('defineVersionedItem', () => {
  it('reads a value stored before items had versions as v1, unchanged, and marks v1 on the first write to an empty key', async () => {
    await fakeBrowser.storage.local.set({ colours: { a: '#112233' } });
    const item = defineVersionedItem<Record<string, string>>('local:colours', { fallback: {}, version: 1, validate: () => true, migrations: {} });
    expect(await item.getValue()).toEqual({ a: '#112233' });

    const fresh = defineVersionedItem<string[]>('local:fresh', { fallback: [], version: 1, validate: () => true, migrations: {} });
    await fresh.setValue(['x']);
    expect(await fakeBrowser.storage.local.get(['fresh', 'fresh$'])).toEqual({ fresh: ['x'], fresh$: { v: 1 } });
  });

  it('upgrades a v1 value through its migration when the shape changes, and marks the new version', async () => {
    await fakeBrowser.storage.sync.set({ glance: { refreshMinutes: 5 } });
    const item = defineVersionedItem<{ refreshMinutes: number; quiet: boolean }>('sync:glance', {
      fallback: { refreshMinutes: 15, quiet: false },
      version: 2,
      validate: () => true, migrations: { 2: (previous) => ({ ...(previous as object), quiet: false }) },
    });
    expect(await item.getValue()).toEqual({ refreshMinutes: 5, quiet: false });
    await settle();
    expect(await fakeBrowser.storage.sync.get('glance$')).toEqual({ glance$: { v: 2 } });
  });

  it('refuses a version without a migration to reach it', () => {
    expect(() => defineVersionedItem('local:broken', { fallback: 0, version: 3, validate: () => true, migrations: { 2: (v) => v } })).toThrow(
      'local:broken: version 3 has no migration to v3',
    );
  });

  it('never rewrites a value stored by a newer version (a downgrade keeps the data)', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await fakeBrowser.storage.local.set({ later: { shape: 'v3' }, later$: { v: 3 } });
    const item = defineVersionedItem('local:later', { fallback: null, version: 1, validate: () => true, migrations: {} });
    expect(await item.getValue()).toEqual({ shape: 'v3' });
    expect(error).toHaveBeenCalled();
    expect(await fakeBrowser.storage.local.get(['later', 'later$'])).toEqual({ later: { shape: 'v3' }, later$: { v: 3 } });
  });

  it('reads a value of another shape as the fallback, in every read and watch, notes it for options, and forgets the note once written', async () => {
    const { unreadableItems } = await import('./unreadable-items');
    await fakeBrowser.storage.sync.set({ glance: { refreshMinutes: 'soon' } });
    const item = defineVersionedItem<{ refreshMinutes: number }>('sync:glance', {
      fallback: { refreshMinutes: 15 },
      version: 1,
      migrations: {},
      validate: (value) => typeof (value as { refreshMinutes?: unknown }).refreshMinutes === 'number',
    });
    expect(await item.getValue()).toEqual({ refreshMinutes: 15 });
    await vi.waitFor(async () => expect(await unreadableItems.getValue()).toEqual(['sync:glance']));

    const seen: unknown[] = [];
    const unwatch = item.watch((value) => seen.push(value));
    await fakeBrowser.storage.sync.set({ glance: 42 });
    await vi.waitFor(() => expect(seen).toEqual([{ refreshMinutes: 15 }]));
    unwatch();

    await item.setValue({ refreshMinutes: 5 });
    expect(await item.getValue()).toEqual({ refreshMinutes: 5 });
    expect(await unreadableItems.getValue()).toEqual([]);
  });
});
