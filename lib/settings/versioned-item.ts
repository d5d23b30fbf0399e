import { storage, type StorageItemKey, type WxtStorageItem } from 'wxt/utils/storage';

/** How a stored value of the version before becomes version `n`. */
export type Migration = (previous: unknown) => unknown;

export interface VersionedItemOptions<T> {
  fallback: T;
  /**
   * The version of the shape stored today. 1 is the shape the releases before versioning
   * stored: their values carry no version mark, and WXT reads an unmarked value as v1.
   */
  version: number;
  /** One migration for every version above 1 (WXT runs them in order on load). */
  migrations: Record<number, Migration>;
}

/**
 * The one way this project defines a storage item: with a version and its migrations, so
 * a change of shape ships with the code that upgrades what users already have.
 *
 * WXT runs the migrations in every context that loads the item; they must be pure
 * functions of the old value, so two contexts migrating at once write the same result.
 * Write a versioned item above v1 through `setValue` (which marks the version), not
 * through `storage.setItems` alone, which leaves the mark out.
 */
export function defineVersionedItem<T>(
  key: StorageItemKey,
  options: VersionedItemOptions<T>,
): WxtStorageItem<T, Record<string, unknown>> {
  for (let version = 2; version <= options.version; version += 1) {
    if (!options.migrations[version]) throw new Error(`${key}: version ${options.version} has no migration to v${version}`);
  }
  return storage.defineItem<T>(key, {
    fallback: options.fallback,
    version: options.version,
    migrations: options.migrations,
  });
}
