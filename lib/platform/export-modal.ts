/**
 * The Usage page's Export modal (docs/facts.md §2–§3): the Export button, the
 * "Download N files…" offer and the per-file rows with their download triggers.
 */

import { OPEN_DIALOG_SELECTOR, OWNED_MARK, text } from './common';

/** The step that offers one file per month: "Download 12 files…" (with or without an ellipsis). */
const MULTI_FILE_OFFER = /^download\s+(\d+)\s+files?\s*(?:…|\.\.\.)?$/i;
const EXPORT_BUTTON_TEXT = /^export$/i;
const DOWNLOAD_TEXT = /^download$|^downloading/i;
const ROW_FAILURE_TEXT = /\b(failed|error|try again)\b/i;

export interface ExportRow {
  /** The row's visible label, e.g. "January 2024". */
  label: string;
  /** What the user clicks to download this row's file: a button or a link. */
  trigger: HTMLElement;
  row: HTMLElement;
}

export interface UsageExport {
  /** The page's Export button: its presence is what makes the page recognized. */
  exportButton: HTMLElement | null;
  dialog: HTMLElement | null;
  /** "Download N files…", on the step before the per-month list. */
  offerButton: HTMLElement | null;
  offeredFiles: number;
  rows: ExportRow[];
}

function clickables(root: ParentNode): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('button, a[href], [role="button"]')].filter(
    (element) => !element.closest(`[${OWNED_MARK}]`),
  );
}

/**
 * A month row: the nearest ancestor of a download trigger with more text than the trigger
 * and no other trigger. Its label is its text without the trigger's and any alert's.
 */
function exportRows(dialog: HTMLElement): ExportRow[] {
  const triggers = clickables(dialog).filter(
    (element) => DOWNLOAD_TEXT.test(text(element)) || (element instanceof HTMLAnchorElement && element.hasAttribute('download')),
  );
  const rows: ExportRow[] = [];
  for (const trigger of triggers) {
    // Climb out of wrappers that hold nothing but the trigger.
    let row: HTMLElement | null = trigger.parentElement;
    while (row && row !== dialog && text(row) === text(trigger)) row = row.parentElement;
    if (!row || row === dialog) continue;
    const rowElement = row;
    if (triggers.some((other) => other !== trigger && rowElement.contains(other))) continue;
    const label = [...rowElement.childNodes]
      .filter((node) => !(node instanceof Element && (node.contains(trigger) || node.matches('[role="alert"]'))))
      .map((node) => (node.textContent ?? '').trim())
      .filter(Boolean)
      .join(' ')
      .replace(/\s+/g, ' ');
    if (label) rows.push({ label, trigger, row: rowElement });
  }
  return rows;
}

/**
 * The Export modal of the Usage page, when it offers several files. Null when the page has
 * neither the Export button nor such a modal: the page is then not recognized.
 */
export function findUsageExport(document: Document): UsageExport | null {
  const exportButton = clickables(document).find((element) => EXPORT_BUTTON_TEXT.test(text(element))) ?? null;
  for (const dialog of document.querySelectorAll<HTMLElement>(OPEN_DIALOG_SELECTOR)) {
    const offerButton = clickables(dialog).find((element) => MULTI_FILE_OFFER.test(text(element))) ?? null;
    const rows = exportRows(dialog);
    if (offerButton || rows.length > 1) {
      const offeredFiles = offerButton ? Number(MULTI_FILE_OFFER.exec(text(offerButton))?.[1]) : rows.length;
      return { exportButton, dialog, offerButton, offeredFiles, rows };
    }
  }
  if (!exportButton) return null;
  return { exportButton, dialog: null, offerButton: null, offeredFiles: 0, rows: [] };
}

/** Whether a month row shows that its download failed. */
export function rowShowsFailure(row: HTMLElement): boolean {
  return [...row.querySelectorAll('[role="alert"]')].some((alert) => text(alert) !== '') || ROW_FAILURE_TEXT.test(text(row));
}
