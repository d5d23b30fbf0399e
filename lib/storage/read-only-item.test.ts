import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { itemDefinition } from './item-definition';
import { readOnlyItem } from './read-only-item';
import { defineVersionedItem } from './versioned-item';

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Every way a context can change extension storage. */
function spyOnWrites() {
  return [fakeBrowser.storage.local, fakeBrowser.storage.sync, fakeBrowser.storage.session].flatMap((area) => [
    vi.spyOn(area, 'set'),
    vi.spyOn(area, 'remove'),
    vi.spyOn(area, 'clear'),
  ]);
}

interface Glance {
  refreshMinutes: number;
  quiet: boolean;
}

/** v1 stored a bare number of minutes; v2 an object. */
const GLANCE = itemDefinition<Glance>('sync:glance', {
  fallback: { refreshMinutes: 15, quiet: false },
  version: 2,
  validate: () => true, migrations: { 2: (previous) => ({ refreshMinutes: previous as number, quiet: false }) },
});

describe('readOnlyItem', () => {
  it('has the key and fallback of its definition, and reads the fallback when nothing is stored', async () => {
    const view = readOnlyItem(GLANCE);
    expect(view.key).toBe('sync:glance');
    expect(view.fallback).toEqual({ refreshMinutes: 15, quiet: false });
    expect(await view.getValue()).toEqual({ refreshMinutes: 15, quiet: false });
  });

  it('reads what the WXT item of the same definition wrote (value and version mark)', async () => {
    await defineVersionedItem(GLANCE).setValue({ refreshMinutes: 5, quiet: true });
    expect(await fakeBrowser.storage.sync.get('glance$')).toEqual({ glance$: { v: 2 } });
    expect(await readOnlyItem(GLANCE).getValue()).toEqual({ refreshMinutes: 5, quiet: true });
  });

  it('reads an older stored version through the migrations, in memory: a content script never writes storage', async () => {
    // Stored by a release before v2, without a version mark (WXT reads that as v1).
    await fakeBrowser.storage.sync.set({ glance: 30 });
    const writes = spyOnWrites();
    const view = readOnlyItem(GLANCE);
    expect(await view.getValue()).toEqual({ refreshMinutes: 30, quiet: false });
    const stop = view.watch(() => undefined);
    await settle();
    stop();
    for (const write of writes) expect(write).not.toHaveBeenCalled();
    expect(await fakeBrowser.storage.sync.get(['glance', 'glance$'])).toEqual({ glance: 30 });

    // The WXT item of the same definition (worker, extension pages) does migrate, and writes.
    expect(await defineVersionedItem(GLANCE).getValue()).toEqual({ refreshMinutes: 30, quiet: false });
    await settle();
    expect(await fakeBrowser.storage.sync.get(['glance', 'glance$'])).toEqual({
      glance: { refreshMinutes: 30, quiet: false },
      glance$: { v: 2 },
    });
  });

  it('reads a value marked with a newer version than it knows as the fallback, and leaves it', async () => {
    await fakeBrowser.storage.sync.set({ glance: { every: 'PT5M' }, glance$: { v: 3 } });
    const writes = spyOnWrites();
    expect(await readOnlyItem(GLANCE).getValue()).toEqual({ refreshMinutes: 15, quiet: false });
    for (const write of writes) expect(write).not.toHaveBeenCalled();
  });

  it('reads a value its migration rejects as the fallback, and says so in the console', async () => {
    const strict = itemDefinition<string[]>('local:strict', {
      fallback: [],
      version: 2,
      validate: () => true, migrations: {
        2: (previous) => {
          if (!Array.isArray(previous)) throw new TypeError('not a list');
          return previous;
        },
      },
    });
    await fakeBrowser.storage.local.set({ strict: 'feature-a' });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await readOnlyItem(strict).getValue()).toEqual([]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('local:strict: stored v1 not readable'), expect.any(TypeError));
  });

  it('reads a value stored at its own version as it is', async () => {
    await fakeBrowser.storage.sync.set({ glance: { refreshMinutes: 1, quiet: true }, glance$: { v: 2 } });
    expect(await readOnlyItem(GLANCE).getValue()).toEqual({ refreshMinutes: 1, quiet: true });
  });

  it('reports each change of the value, migrated to its version, until unwatched', async () => {
    const seen: Glance[] = [];
    const stop = readOnlyItem(GLANCE).watch((value) => seen.push(value));
    await fakeBrowser.storage.sync.set({ glance: 45 });
    await settle();
    await fakeBrowser.storage.sync.set({ glance: { refreshMinutes: 60, quiet: true }, glance$: { v: 2 } });
    await settle();
    await fakeBrowser.storage.sync.set({ other: 1 });
    await settle();
    stop();
    await fakeBrowser.storage.sync.set({ glance: 90 });
    await settle();
    expect(seen).toEqual([
      { refreshMinutes: 45, quiet: false },
      { refreshMinutes: 60, quiet: true },
    ]);
  });

  it('reports a removed value as the fallback', async () => {
    await fakeBrowser.storage.sync.set({ glance: { refreshMinutes: 1, quiet: true }, glance$: { v: 2 } });
    const seen: Glance[] = [];
    readOnlyItem(GLANCE).watch((value) => seen.push(value));
    await fakeBrowser.storage.sync.remove('glance');
    await settle();
    expect(seen).toEqual([{ refreshMinutes: 15, quiet: false }]);
  });

  it('reports the value the worker migrated (value and mark written at once) at the version it reads', async () => {
    await fakeBrowser.storage.sync.set({ glance: 10 });
    const seen: Glance[] = [];
    readOnlyItem(GLANCE).watch((value) => seen.push(value));
    defineVersionedItem(GLANCE);
    await settle();
    await settle();
    expect(seen).toEqual([{ refreshMinutes: 10, quiet: false }]);
  });

  it('drops a read that a later change outdated', async () => {
    const get = fakeBrowser.storage.sync.get.bind(fakeBrowser.storage.sync);
    let releaseFirst: () => void = () => undefined;
    let calls = 0;
    vi.spyOn(fakeBrowser.storage.sync, 'get').mockImplementation(((keys: string[]) => {
      calls += 1;
      if (calls !== 1) return get(keys);
      // The first change's read answers late, with what storage held then.
      return get(keys).then((stored) => new Promise((resolve) => (releaseFirst = () => resolve(stored))));
    }) as never);
    const seen: Glance[] = [];
    readOnlyItem(GLANCE).watch((value) => seen.push(value));
    await fakeBrowser.storage.sync.set({ glance: 1 });
    await fakeBrowser.storage.sync.set({ glance: 2 });
    await settle();
    releaseFirst();
    await settle();
    expect(seen).toEqual([{ refreshMinutes: 2, quiet: false }]);
  });

  it('reads a stored value its definition refuses (another shape) as the fallback, and writes nothing', async () => {
    const { PROJECT_COLORS } = await import('./settings');
    const writes = spyOnWrites();
    await fakeBrowser.storage.sync.set({ projectColors: ['not', 'a', 'map'] });
    writes.forEach((spy) => spy.mockClear());
    expect(await readOnlyItem(PROJECT_COLORS).getValue()).toEqual({});
    await fakeBrowser.storage.sync.set({ projectColors: { proj_a: 42 } });
    writes.forEach((spy) => spy.mockClear());
    expect(await readOnlyItem(PROJECT_COLORS).getValue()).toEqual({});
    for (const spy of writes) expect(spy).not.toHaveBeenCalled();
  });
});
