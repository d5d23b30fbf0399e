import { browser } from 'wxt/browser';

type AccessLevel = 'TRUSTED_CONTEXTS' | 'TRUSTED_AND_UNTRUSTED_CONTEXTS';
type RestrictableArea = { setAccessLevel?(options: { accessLevel: AccessLevel }): Promise<void> };

/**
 * Which storage areas a content script may open. Content scripts write no storage (they
 * report to the worker, lib/background/record-writer.ts) and read the worker's records through it
 * (lib/background/page-records.ts), so:
 * - storage.local (usage figures, project names, the security watch's e-mail addresses and
 *   IPs, logging records) and storage.session (the admin key when the user chose to forget
 *   it when the browser closes) are for trusted contexts only, the worker and extension pages;
 * - storage.sync stays readable: it holds only the user's choices (features switched off,
 *   project colours, thresholds), which the content script reads before it first decorates
 *   a page, where a round trip to a sleeping worker would delay every page.
 * Session storage is trusted-only by default; local is not, and only Chromium lets an
 * extension restrict it (Firefox supports access levels on storage.session alone, so there
 * storage.local stays readable by content scripts).
 */
export const STORAGE_ACCESS = { session: 'TRUSTED_CONTEXTS', local: 'TRUSTED_CONTEXTS' } as const satisfies Record<string, AccessLevel>;

/**
 * Where the browser supports it. Session storage must be restricted (it is by default, so a
 * refusal is reported); a browser that cannot restrict storage.local (Firefox) keeps its
 * default there, which is expected and not an error.
 */
export async function restrictStorageAccess(): Promise<void> {
  const area = (name: keyof typeof STORAGE_ACCESS) => browser.storage[name] as RestrictableArea | undefined;
  await area('local')?.setAccessLevel?.({ accessLevel: STORAGE_ACCESS.local }).catch(() => undefined);
  await area('session')?.setAccessLevel?.({ accessLevel: STORAGE_ACCESS.session });
}
