import { storage, type StorageItemKey, type WxtStorageItem } from 'wxt/utils/storage';
import { itemDefinition, type ItemDefinition, type VersionedItemOptions } from './item-definition';
import { clearUnreadable, noteUnreadable } from './unreadable-items';

export type { Migration, VersionedItemOptions } from './item-definition';

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
  // Every read is checked: a value of another shape reads as the fallback, and options says so (unreadable-items.ts).
  const checked = (value: T): T => {
    if (value === null || value === undefined || definition.validate(value)) return value;
    noteUnreadable(definition.key);
    return definition.fallback;
  };
  return {
    ...item,
    getValue: async () => checked(await item.getValue()),
    setValue: async (value) => {
      await item.setValue(value);
      await clearUnreadable(definition.key);
    },
    watch: (callback) => item.watch((next, previous) => callback(checked(next), checked(previous))),
  };
}
