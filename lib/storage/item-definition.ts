import type { StorageItemKey } from 'wxt/utils/storage';

/** How a stored value of the version before becomes version `n`: pure, synchronous, no I/O. */
export type Migration = (previous: unknown) => unknown;

export interface VersionedItemOptions<T> {
  fallback: T;
  /**
   * The version of the shape stored today. 1 is the shape the releases before versioning
   * stored: their values carry no version mark, and WXT reads an unmarked value as v1.
   */
  version: number;
  /** One migration for every version above 1, run in order from the stored version up. */
  migrations: Record<number, Migration>;
  /**
   * Whether a stored value (after its migrations) has the shape this code reads
   * (stored-shape.ts); one that has not reads as `fallback`, in every context.
   */
  validate(value: unknown): boolean;
}

/**
 * What a storage item is: its key, fallback, version and migrations, as plain data. The
 * single source of truth for an item that both writers (WXT storage items, the worker and
 * extension pages: versioned-item.ts) and page contexts (read-only views, read-only-item.ts)
 * use. This module imports no storage code, so a content script can depend on it.
 */
export interface ItemDefinition<T> extends VersionedItemOptions<T> {
  key: StorageItemKey;
}

// Free of side effects but for its checks of the definition itself: a bundle that leaves a definition out leaves out its shape checks too.
/* @__NO_SIDE_EFFECTS__ */
export function itemDefinition<T>(key: StorageItemKey, options: VersionedItemOptions<T>): ItemDefinition<T> {
  if (!Number.isInteger(options.version) || options.version < 1) throw new Error(`${key}: version must be a whole number from 1`);
  for (let version = 2; version <= options.version; version += 1) {
    if (!options.migrations[version]) throw new Error(`${key}: version ${options.version} has no migration to v${version}`);
  }
  return { key, ...options };
}

/** Where WXT keeps an item's version mark: beside the value, under the key + "$" ({ v: n }). */
export function metaKeyOf(name: string): string {
  return `${name}$`;
}
