import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { StorageItemKey, WxtStorageItem } from 'wxt/utils/storage';

type Area = 'local' | 'sync' | 'session';

/**
 * Stores `value` under `key` the way the releases before versioned items did (no version
 * mark beside it), then loads the item's module afresh, as a new release would: its
 * migrations run on load. Returns what the new release reads and what storage then holds.
 */
export async function loadAfterUpgrade<T>(
  key: StorageItemKey,
  value: unknown,
  load: () => Promise<WxtStorageItem<T, Record<string, unknown>>>,
): Promise<{ read: T; stored: unknown; mark: unknown }> {
  const [area, name] = key.split(':') as [Area, string];
  await fakeBrowser.storage[area].set({ [name]: value });
  vi.resetModules();
  const item = await load();
  const read = await item.getValue();
  const raw = await fakeBrowser.storage[area].get([name, `${name}$`]);
  return { read, stored: raw[name], mark: raw[`${name}$`] };
}
