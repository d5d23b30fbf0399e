import { useEffect, useState } from 'preact/hooks';
import type { WxtStorageItem } from 'wxt/utils/storage';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- items of any value type share one registry
type AnyItem = WxtStorageItem<any, Record<string, unknown>>;

/** Values read before the first render (preloadStorageItems), by item. */
const preloaded = new Map<AnyItem, unknown>();

/**
 * Reads items before a page's first render, in parallel with whatever else it reads then.
 * Components using them (useStorageItem, preloadedValue) render with their values at once:
 * otherwise each waits for the first paint, then its effect's read, then a second render,
 * which made the popup's sections arrive a few frames after its figures.
 */
export async function preloadStorageItems(items: readonly AnyItem[]): Promise<void> {
  const values = await Promise.all(items.map((item) => item.getValue()));
  items.forEach((item, i) => preloaded.set(item, values[i]));
}

/** The value preloadStorageItems read, or undefined when the item was not preloaded. */
export function preloadedValue<T>(item: WxtStorageItem<T, Record<string, unknown>>): T | undefined {
  return preloaded.get(item) as T | undefined;
}

/** The item's value, kept current across tabs; undefined until the first read (unless preloaded). */
export function useStorageItem<T>(item: WxtStorageItem<T, Record<string, unknown>>): T | undefined {
  const [value, setValue] = useState<T | undefined>(() => preloadedValue(item));
  useEffect(() => {
    let live = true;
    void item.getValue().then((initial) => {
      if (live) setValue(initial);
    });
    const unwatch = item.watch((next) => setValue(next));
    return () => {
      live = false;
      unwatch();
    };
  }, [item]);
  return value;
}
