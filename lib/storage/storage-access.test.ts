import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { restrictStorageAccess } from './storage-access';

type Area = { setAccessLevel?: unknown };
const areas = fakeBrowser.storage as unknown as Record<'local' | 'session' | 'sync', Area>;

afterEach(() => {
  for (const area of Object.values(areas)) delete area.setAccessLevel;
});

describe('restrictStorageAccess', () => {
  it('closes storage.local and storage.session to content scripts, and leaves storage.sync readable', async () => {
    const calls: string[] = [];
    for (const name of ['local', 'session', 'sync'] as const) {
      areas[name].setAccessLevel = vi.fn(({ accessLevel }: { accessLevel: string }) => Promise.resolve(void calls.push(`${name}: ${accessLevel}`)));
    }
    await restrictStorageAccess();
    expect(calls.sort()).toEqual(['local: TRUSTED_CONTEXTS', 'session: TRUSTED_CONTEXTS']);
  });

  it('accepts a browser that cannot restrict storage.local (Firefox), but not one that refuses for session storage', async () => {
    areas.local.setAccessLevel = () => Promise.reject(new Error('This StorageArea does not support setAccessLevel'));
    areas.session.setAccessLevel = () => Promise.resolve();
    await expect(restrictStorageAccess()).resolves.toBeUndefined();
    areas.session.setAccessLevel = () => Promise.reject(new Error('refused'));
    await expect(restrictStorageAccess()).rejects.toThrow('refused');
  });
});
