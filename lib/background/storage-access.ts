import { browser } from 'wxt/browser';

type AccessLevel = 'TRUSTED_CONTEXTS' | 'TRUSTED_AND_UNTRUSTED_CONTEXTS';
type RestrictableArea = { setAccessLevel?(options: { accessLevel: AccessLevel }): Promise<void> };

/**
 * Which storage areas a content script may open. Content scripts no longer write storage
 * (they report to the worker, record-writer.ts), but the platform content script still
 * reads its settings from storage.sync and the logging records from storage.local, and
 * follows their changes: those two stay readable. storage.session holds nothing a content
 * script needs (and the admin key when the user chose to forget it when the browser
 * closes): it is for trusted contexts (the worker and extension pages) only. That is the
 * browsers' default; it is set here so that nothing else can loosen it unnoticed.
 */
export const SESSION_ACCESS: AccessLevel = 'TRUSTED_CONTEXTS';

/** Where the browser supports access levels (Chrome 102+, Firefox 129+); elsewhere session storage is trusted-only anyway. */
export async function restrictStorageAccess(): Promise<void> {
  const session = browser.storage.session as RestrictableArea | undefined;
  await session?.setAccessLevel?.({ accessLevel: SESSION_ACCESS });
}
