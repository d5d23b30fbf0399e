import { foldWhitespace } from './names';
/** What every page reading of the adapter shares: the origin, our own mark, the page's regions. */

export const PLATFORM_ORIGIN = 'https://platform.openai.com';

/** Marks what the extension adds to the page, so the adapter never mistakes it for the dashboard's. */
export const OWNED_MARK = 'data-rop-owned';

/** Open Radix dialogs (docs/facts.md §3: `role="dialog"`, `data-state="open"`). */
export const OPEN_DIALOG_SELECTOR =
  '[role="dialog"]:not([data-state="closed"]), [role="alertdialog"]:not([data-state="closed"])';

/** Pop-ups whose content is a choice, never the page's own controls. */
export const OPEN_POPUP_SELECTOR = '[role="dialog"], [role="alertdialog"], [role="menu"], [role="listbox"], [role="tooltip"]';

/** The page's main content, where in-page notices go. */
export function findMainContent(document: Document): HTMLElement | null {
  return document.querySelector<HTMLElement>('main, [role="main"]');
}

/** Visible text of an element, whitespace folded; icons and screen-reader-only text count too. */
export function text(element: Element): string {
  return foldWhitespace(element.textContent ?? '');
}

export function readStorage(storage: Storage | null, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    // Storage access throws when the user blocks site data.
    return null;
  }
}
