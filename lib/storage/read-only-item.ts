import { browser } from 'wxt/browser';
import { metaKeyOf, type ItemDefinition } from './item-definition';
import { isChunkMarker, joinChunks } from './chunked-value';

/**
 * How page contexts (the platform content script and the feature scripts it loads) read
 * storage: a read-only view of an item's definition, the same key, fallback and versions as
 * the WXT item the worker and extension pages use (versioned-item.ts). It has no way to
 * write: records have one writer, the worker, and pages report to it by message
 * (lib/messaging/page-reports.ts). It does not bundle WXT storage either, which is most
 * of what a content script would otherwise carry.
 *
 * A value stored under an older version than the definition's (the worker has not yet
 * migrated it) is read through the definition's migrations, in memory, without writing. A
 * value from a newer version (a newer release on another device, through storage.sync), or
 * one a migration rejects, or one its definition's check refuses, reads as the fallback: a
 * shape this code does not know is not one it can use.
 */
export interface ReadOnlyItem<T> {
  readonly key: string;
  readonly fallback: T;
  getValue(): Promise<T>;
  /** Calls `onChange` with the value after each change of the item (or of its version); returns the unwatch. */
  watch(onChange: (value: T) => void): () => void;
}

type Area = 'local' | 'sync' | 'session' | 'managed';

/** What a stored value and its version mark mean to code of the definition's version. */
export function readStored<T>(definition: ItemDefinition<T>, value: unknown, mark: unknown): T {
  if (value === undefined || value === null) return definition.fallback;
  const stored = typeof mark === 'object' && mark !== null && typeof (mark as { v?: unknown }).v === 'number' ? (mark as { v: number }).v : 1;
  if (stored > definition.version) return definition.fallback;
  let migrated = value;
  try {
    for (let version = stored + 1; version <= definition.version; version += 1) {
      migrated = definition.migrations[version]!(migrated) ?? migrated;
    }
  } catch (error) {
    console.warn(`[refined-openai-platform] ${definition.key}: stored v${stored} not readable, using the default:`, error);
    return definition.fallback;
  }
  // A value of a shape this code does not know (a bug, a hand edit, a hostile write) is not one it can use.
  return definition.validate(migrated) ? (migrated as T) : definition.fallback;
}

export function readOnlyItem<T>(definition: ItemDefinition<T>): ReadOnlyItem<T> {
  const colon = definition.key.indexOf(':');
  const area = definition.key.slice(0, colon) as Area;
  const name = definition.key.slice(colon + 1);
  const metaKey = metaKeyOf(name);
  const storageArea = () => browser.storage[area];

  const getValue = async (): Promise<T> => {
    const stored = await storageArea().get([name, metaKey]);
    let value: unknown = stored[name];
    // Written in chunks (chunked-value.ts): joined; a set cut short reads as the fallback.
    if (isChunkMarker(value)) value = joinChunks(name, value, await storageArea().get(null));
    return readStored(definition, value, stored[metaKey]);
  };

  return {
    key: definition.key,
    fallback: definition.fallback,
    getValue,
    watch(onChange) {
      // Each change reads value and mark afresh (the worker writes both at once when it
      // migrates); a read outdated by a later change's read is dropped.
      let latest = 0;
      const listener = (changes: Record<string, unknown>) => {
        if (!(name in changes) && !(metaKey in changes)) return;
        const read = ++latest;
        void getValue().then(
          (value) => read === latest && onChange(value),
          (error: unknown) => console.warn(`[refined-openai-platform] ${definition.key} not read after a change:`, error),
        );
      };
      storageArea().onChanged.addListener(listener);
      return () => storageArea().onChanged.removeListener(listener);
    },
  };
}
