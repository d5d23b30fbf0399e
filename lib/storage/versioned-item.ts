import { storage, type StorageItemKey, type WxtStorageItem } from 'wxt/utils/storage';
import { itemDefinition, metaKeyOf, type ItemDefinition, type VersionedItemOptions } from './item-definition';
import { clearUnreadable, noteUnreadable } from './unreadable-items';
import { chunkKeys, isChunkMarker, joinChunks, splitValue } from './chunked-value';
import { browser } from 'wxt/browser';

export type { VersionedItemOptions } from './item-definition';

/**
 * The one way this project defines a storage item: with a version and its migrations, so
 * a change of shape ships with the code that upgrades what users already have. An item that
 * page contexts read is declared first as a definition (item-definition.ts) and passed here,
 * so the page's read-only view (read-only-item.ts) has the same key, fallback and versions.
 *
 * WXT runs the migrations, and writes their result, in every context that defines the item:
 * only the worker and extension pages do (content scripts and feature scripts read through
 * read-only views and never write storage). Migrations are pure functions of the old value,
 * so two of those contexts migrating at once write the same result. Write a versioned item
 * above v1 through `setValue` (which marks the version), not through `storage.setItems`
 * alone, which leaves the mark out.
 *
 * Marked free of side effects so that a bundle importing only a module's definitions (a
 * content script) leaves its WXT items, and WXT storage with them, out: the migrations a
 * definition would run then run in the worker, as they should. scripts/bundles.test.mjs
 * checks that the content script carries no WXT storage.
 */
export function defineVersionedItem<T>(definition: ItemDefinition<T>): WxtStorageItem<T, Record<string, unknown>>;
export function defineVersionedItem<T>(key: StorageItemKey, options: VersionedItemOptions<T>): WxtStorageItem<T, Record<string, unknown>>;
/* @__NO_SIDE_EFFECTS__ */
export function defineVersionedItem<T>(
  keyOrDefinition: StorageItemKey | ItemDefinition<T>,
  options?: VersionedItemOptions<T>,
): WxtStorageItem<T, Record<string, unknown>> {
  const definition =
    typeof keyOrDefinition === 'string' ? itemDefinition(keyOrDefinition, options as VersionedItemOptions<T>) : keyOrDefinition;
  const item = storage.defineItem<T>(definition.key, {
    fallback: definition.fallback,
    version: definition.version,
    migrations: definition.migrations,
  });
  const colon = definition.key.indexOf(':');
  const areaName = definition.key.slice(0, colon) as 'local' | 'sync' | 'session';
  const name = definition.key.slice(colon + 1);
  const area = () => browser.storage[areaName];
  // A value written in chunks (chunked-value.ts: storage.sync's 8 KB per item) is joined on read.
  const joined = async (value: T): Promise<T> => {
    if (!isChunkMarker(value)) return value;
    const keys = chunkKeys(name, value.$chunks);
    const found = joinChunks(name, value, await area().get(keys));
    return (found === undefined ? definition.fallback : found) as T;
  };
  // Every read is checked: a value of another shape reads as the fallback, and options says so (unreadable-items.ts).
  const checked = (value: T): T => {
    if (value === null || value === undefined || definition.validate(value)) return value;
    noteUnreadable(definition.key);
    return definition.fallback;
  };
  let last: T = definition.fallback;
  const read = async () => (last = checked(await joined(await item.getValue())));
  return {
    ...item,
    getValue: read,
    setValue: async (value) => {
      const previous: unknown = (await area().get(name))[name];
      const chunks = areaName === 'sync' ? splitValue(name, value, Math.floor(Math.random() * 2 ** 31)) : null;
      if (chunks) await area().set({ ...chunks, [metaKeyOf(name)]: { v: definition.version } });
      else await item.setValue(value);
      // Chunks of an earlier, longer value are left over: removed once the new value is whole.
      if (isChunkMarker(previous)) {
        const kept = isChunkMarker(chunks?.[name]) ? (chunks[name] as { $chunks: number }).$chunks : 0;
        const stale = chunkKeys(name, previous.$chunks).slice(kept);
        if (stale.length > 0) await area().remove(stale);
      }
      await clearUnreadable(definition.key);
    },
    watch: (callback) =>
      item.watch((next, previous) => {
        const before = isChunkMarker(previous) ? last : checked(previous);
        void joined(next).then((value) => {
          last = checked(value);
          callback(last, before);
        });
      }),
  };
}
