/**
 * The Usage page's Export modal (docs/facts.md §2–§3): the Export button, the
 * "Download N files…" offer and the per-file rows with their download triggers. A row is
 * one window of days (at most 31, docs/facts.md §2) whose click may deliver one file or
 * several; its label may name a range of days, a month, or nothing readable. A row's
 * trigger is recognized by its accessible name (an icon-only button named only by
 * `aria-label`, `title` or an SVG `<title>` counts), by a `download` attribute, or by a link
 * to a CSV; a trigger that declares a menu is opened and its download item chosen.
 */

import { OPEN_DIALOG_SELECTOR, OWNED_MARK, text } from './common';
import { accessibleName, foldWhitespace, isNamed, nameMatches, normalizeName } from './names';
import { clockNow } from '../core/clock';

/** The step that offers one file per window: "Download 12 files…" (normalized: no ellipsis). */
const MULTI_FILE_OFFER = /^download (\d+) files?$/;
const EXPORT_BUTTON_NAME = /^export$/;
/** The dialog itself: "Export usage", "Export", "Export costs"… */
const EXPORT_DIALOG_NAME = /\bexport\b/;
/** A row's download: "Download", "Download CSV", "Download Jun 1 – Jul 1, 2026", "Downloading…". */
const ROW_DOWNLOAD_NAME = /^(download|downloading|save)\b/;
const LEADING_DOWNLOAD_WORD = /^\s*(download(ing)?|save)\b[\s:]*/i;
const CSV_LINK = /\.csv(?:[?#]|$)/i;
/** A trigger or row that says its download is under way. */
const BUSY_NAME = /^(downloading|preparing|exporting)\b/;
const ROW_FAILURE_TEXT = /\b(failed|error|try again)\b/i;
/** Items of a row's menu: the CSV one first, else one that downloads. */
const CSV_ITEM_NAME = /\bcsv\b/;
const DOWNLOAD_ITEM_NAME = /^(download|save|export)\b/;
const MENU_SELECTOR = '[role="menu"]:not([data-state="closed"])';
const MENU_ITEM_SELECTOR = '[role="menuitem"], [role="menuitemradio"], [role="menuitemcheckbox"]';
const POPUP_DECLARED = /^(true|menu)$/;

export interface ExportRow {
  /** The row's visible label, e.g. "January 2024" or "Jun 1, 2026 – Jul 1, 2026"; "" when it has none. */
  label: string;
  /** What the user clicks to download this row's files: a button, a link, or a menu's trigger. */
  trigger: HTMLElement;
  row: HTMLElement;
}

export interface UsageExport {
  /** The page's Export button: its presence is what makes the page recognized. */
  exportButton: HTMLElement | null;
  /** The open Export modal: one offering several files, or one named "Export…" (whatever its step shows). */
  dialog: HTMLElement | null;
  /** Whether the modal offers several files ("Download N files…" or more than one row). */
  multiFile: boolean;
  /** "Download N files…", on the step before the per-file list. */
  offerButton: HTMLElement | null;
  offeredFiles: number;
  rows: ExportRow[];
  /** The dialog's words outside its controls (say, the chosen range "Jan 1 – Dec 31, 2026"); "" without a dialog. */
  description: string;
  /** The dialog's heading (else its first child): where our panel goes when neither offer nor rows can hold it. */
  heading: HTMLElement | null;
}

function clickables(root: ParentNode): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('button, a[href], [role="button"], [role="link"]')].filter(
    (element) => !element.closest(`[${OWNED_MARK}]`),
  );
}

function isRowTrigger(element: HTMLElement): boolean {
  if (element instanceof HTMLAnchorElement && (element.hasAttribute('download') || CSV_LINK.test(element.getAttribute('href') ?? ''))) {
    return true;
  }
  const name = accessibleName(element);
  return nameMatches(name, ROW_DOWNLOAD_NAME) && !nameMatches(name, MULTI_FILE_OFFER);
}

/** The row's own words: its text without the trigger's and any alert's (which come and go); else what the trigger's name adds to "Download". */
function rowLabel(row: HTMLElement, trigger: HTMLElement): string {
  const parts: string[] = [];
  if (row !== trigger) {
    const walker = row.ownerDocument.createTreeWalker(row, 4 /* NodeFilter.SHOW_TEXT */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || trigger.contains(parent) || parent.closest('[role="alert"]')) continue;
      parts.push(node.textContent ?? '');
    }
  }
  const own = foldWhitespace(parts.join(' '));
  const label = own || accessibleName(trigger).replace(LEADING_DOWNLOAD_WORD, '');
  return foldWhitespace(label);
}

/**
 * One row per download trigger: the largest ancestor below the dialog that holds no other
 * trigger (a list item, a table row, or the link itself in a bare list of links).
 */
function exportRows(dialog: HTMLElement): ExportRow[] {
  const triggers = clickables(dialog).filter(isRowTrigger);
  return triggers.map((trigger) => {
    let row: HTMLElement = trigger;
    for (let parent = trigger.parentElement; parent && parent !== dialog; parent = parent.parentElement) {
      if (triggers.some((other) => other !== trigger && parent.contains(other))) break;
      row = parent;
    }
    return { label: rowLabel(row, trigger), trigger, row };
  });
}

function description(dialog: HTMLElement): string {
  const parts: string[] = [];
  const walker = dialog.ownerDocument.createTreeWalker(dialog, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement?.closest(`button, a, [role="button"], [${OWNED_MARK}]`)) continue;
    parts.push(node.textContent ?? '');
  }
  return foldWhitespace(parts.join(' '));
}

function dialogName(dialog: HTMLElement): string {
  return accessibleName(dialog) || text(dialog.querySelector('h1, h2, h3, [role="heading"]') ?? dialog.ownerDocument.createElement('span'));
}

/**
 * The Export modal of the Usage page. Null when the page has neither the Export button nor
 * such a modal: the page is then not recognized.
 */
export function findUsageExport(document: Document): UsageExport | null {
  const exportButton = clickables(document).find((element) => isNamed(element, EXPORT_BUTTON_NAME)) ?? null;
  for (const dialog of document.querySelectorAll<HTMLElement>(OPEN_DIALOG_SELECTOR)) {
    const offerButton = clickables(dialog).find((element) => isNamed(element, MULTI_FILE_OFFER)) ?? null;
    const rows = exportRows(dialog);
    const multiFile = offerButton !== null || rows.length > 1;
    if (multiFile || (exportButton && nameMatches(dialogName(dialog), EXPORT_DIALOG_NAME))) {
      const offeredFiles = offerButton ? Number(MULTI_FILE_OFFER.exec(normalizeName(accessibleName(offerButton)))?.[1]) : rows.length;
      const heading = dialog.querySelector<HTMLElement>('h1, h2, h3, [role="heading"]') ?? (dialog.firstElementChild as HTMLElement | null);
      return { exportButton, dialog, multiFile, offerButton, offeredFiles, rows, heading, description: description(dialog) };
    }
  }
  if (!exportButton) return null;
  return { exportButton, dialog: null, multiFile: false, offerButton: null, offeredFiles: 0, rows: [], heading: null, description: '' };
}

/** Whether a row shows that its download failed. */
export function rowShowsFailure(row: HTMLElement): boolean {
  return [...row.querySelectorAll('[role="alert"]')].some((alert) => text(alert) !== '') || ROW_FAILURE_TEXT.test(text(row));
}

/** Whether a row shows that its download is under way ("Downloading…", busy, disabled, a progress bar). */
export function rowShowsBusy({ row, trigger }: ExportRow): boolean {
  return (
    isNamed(trigger, BUSY_NAME) ||
    trigger.matches(':disabled, [aria-disabled="true"]') ||
    [row, trigger].some((element) => element.getAttribute('aria-busy') === 'true') ||
    row.querySelector('[role="progressbar"], [aria-busy="true"]') !== null
  );
}

/** A press as a pointer makes it: Radix menus open on pointerdown, ordinary buttons on click. */
function press(element: HTMLElement): void {
  const view = element.ownerDocument.defaultView;
  const init = { bubbles: true, cancelable: true, composed: true, button: 0, buttons: 1, view };
  const PointerEventClass = view?.PointerEvent ?? view?.MouseEvent ?? MouseEvent;
  element.dispatchEvent(new PointerEventClass('pointerdown', { ...init, pointerType: 'mouse', isPrimary: true } as PointerEventInit));
  element.dispatchEvent(new MouseEvent('mousedown', init));
  element.dispatchEvent(new PointerEventClass('pointerup', { ...init, buttons: 0, pointerType: 'mouse', isPrimary: true } as PointerEventInit));
  element.dispatchEvent(new MouseEvent('mouseup', { ...init, buttons: 0 }));
  element.click();
}

function openMenu(trigger: HTMLElement): HTMLElement | null {
  const controlled = trigger.getAttribute('aria-controls');
  const byId = controlled ? trigger.ownerDocument.getElementById(controlled) : null;
  if (byId?.matches(MENU_SELECTOR)) return byId;
  return [...trigger.ownerDocument.querySelectorAll<HTMLElement>(MENU_SELECTOR)].at(-1) ?? null;
}

function downloadItem(menu: HTMLElement): HTMLElement | null {
  const items = [...menu.querySelectorAll<HTMLElement>(MENU_ITEM_SELECTOR)].filter((item) => item.getAttribute('aria-disabled') !== 'true');
  return (
    items.find((item) => isNamed(item, CSV_ITEM_NAME)) ??
    items.find((item) => isNamed(item, DOWNLOAD_ITEM_NAME)) ??
    (items.length === 1 ? (items[0] ?? null) : null)
  );
}

/**
 * Starts a row's download as a user would: presses its trigger and, when the trigger
 * declares a menu ("Download ▾"), waits for the menu and presses its CSV (or only) item.
 * Rejects, saying why, when the menu does not open or offers nothing to download.
 */
export async function startRowDownload(row: ExportRow, { menuTimeoutMs = 2000 } = {}): Promise<void> {
  if (!POPUP_DECLARED.test(row.trigger.getAttribute('aria-haspopup') ?? '')) {
    press(row.trigger);
    return;
  }
  // One menu at a time: another row's menu opening meanwhile would be taken for this one's.
  const turn = menuTurn.then(() => chooseFromMenu(row, menuTimeoutMs));
  menuTurn = turn.catch(() => undefined);
  return turn;
}

let menuTurn: Promise<unknown> = Promise.resolve();

async function chooseFromMenu(row: ExportRow, menuTimeoutMs: number): Promise<void> {
  press(row.trigger);
  const started = clockNow();
  let menu = openMenu(row.trigger);
  while (!menu && clockNow() - started < menuTimeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    menu = openMenu(row.trigger);
  }
  if (!menu) throw new Error('The row’s download menu did not open.');
  const item = downloadItem(menu);
  if (!item) {
    // Close it again: the modal stays as the user left it.
    menu.ownerDocument.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    throw new Error('The row’s download menu offers no CSV download.');
  }
  press(item);
}
