import { storage } from 'wxt/utils/storage';

/**
 * Stored items found in a shape the code does not know (versioned-item.ts): each reads as
 * its default, and options says so (components/options/UnreadableItems.tsx) until the item
 * is written again. Kept in storage.session (the worker and extension pages only; content
 * scripts fall back quietly and note nothing).
 */
export const unreadableItems = /* @__PURE__ */ storage.defineItem<string[]>('session:unreadableItems', { fallback: [] });

// Each context notes a key once; notes and clears are applied one after another.
const noted = new Set<string>();
let queue: Promise<unknown> | undefined;
const change = (update: (keys: string[]) => string[] | null) =>
  (queue = (queue ?? Promise.resolve())
    .then(async () => {
      const next = update(await unreadableItems.getValue());
      if (next !== null) await unreadableItems.setValue(next);
    })
    .catch(() => undefined));

export function noteUnreadable(key: string): void {
  if (noted.has(key)) return;
  noted.add(key);
  console.warn(`[refined-openai-platform] ${key}: stored value of an unknown shape, using the default`);
  void change((keys) => (keys.includes(key) ? null : [...keys, key]));
}

export function clearUnreadable(key: string): Promise<unknown> {
  noted.delete(key);
  return change((keys) => (keys.includes(key) ? keys.filter((existing) => existing !== key) : null));
}
