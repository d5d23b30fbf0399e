/**
 * The one place that knows the dashboard's markup: every selector, text pattern and
 * localStorage key a feature relies on. The dashboard's class names are generated and
 * change between releases, so everything here anchors on roles, ARIA attributes,
 * structure and visible text. When the markup is not recognized, functions return null
 * and the feature stays quiet.
 */

export const PLATFORM_ORIGIN = 'https://platform.openai.com';

/** localStorage keys the dashboard keeps (format is a guess: see parseStoredId). */
export const STORAGE_KEYS = {
  activeOrganization: 'oai/activeOrg',
  activeProject: 'oai/activeProj',
} as const;

/** Landmarks that hold the top bar, in the order they are tried. */
const TOP_BAR_SELECTORS = ['header', '[role="banner"]', 'nav'] as const;

/** Buttons that open a picker: the organization and project switchers are such buttons. */
const PICKER_TRIGGER_SELECTOR =
  'button[aria-haspopup]:not([aria-haspopup="false"]), [role="button"][aria-haspopup], [role="combobox"]';

const MAX_NAME_LENGTH = 120;

export interface ProjectSwitcher {
  organizationElement: HTMLElement;
  projectElement: HTMLElement;
  organizationName: string;
  projectName: string;
  /** From localStorage when it parses; null when the dashboard keeps it elsewhere. */
  projectId: string | null;
  organizationId: string | null;
}

/**
 * Reads an id such as `proj_abc` that the dashboard may store plainly, as a JSON string,
 * or wrapped in an object (`{"value": "proj_abc"}` or `{"id": …}`).
 */
export function parseStoredId(raw: string | null, prefix: 'org-' | 'proj_'): string | null {
  if (raw === null) return null;
  const candidates: unknown[] = [raw];
  try {
    const parsed: unknown = JSON.parse(raw);
    candidates.push(parsed);
    if (parsed && typeof parsed === 'object') {
      const record = parsed as Record<string, unknown>;
      candidates.push(record.value, record.id);
    }
  } catch {
    // A bare id is not JSON; the raw string is already a candidate.
  }
  const pattern = new RegExp(`^${prefix}[A-Za-z0-9_-]{1,64}$`);
  for (const candidate of candidates) {
    if (typeof candidate === 'string' && pattern.test(candidate)) return candidate;
  }
  return null;
}

function readStorage(storage: Storage | null, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    // Storage access throws when the user blocks site data.
    return null;
  }
}

/** Visible text of an element, whitespace folded; icons and screen-reader-only text count too. */
function text(element: Element): string {
  return (element.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function isPlausibleName(name: string): boolean {
  return name.length > 0 && name.length <= MAX_NAME_LENGTH;
}

/** The first two named picker triggers inside a top-bar landmark, in reading order. */
function switchersInLandmark(document: Document): [HTMLElement, HTMLElement] | null {
  for (const selector of TOP_BAR_SELECTORS) {
    for (const bar of document.querySelectorAll<HTMLElement>(selector)) {
      const [first, second] = [...bar.querySelectorAll<HTMLElement>(PICKER_TRIGGER_SELECTOR)].filter((trigger) =>
        isPlausibleName(text(trigger)),
      );
      if (first && second) return [first, second];
    }
  }
  return null;
}

/** How far down the page's first row reaches, and how level two buttons must be to share it. */
const TOP_ROW_PX = 96;
const SAME_ROW_PX = 12;
const OPEN_POPUP_SELECTOR = '[role="dialog"], [role="menu"], [role="listbox"]';

/**
 * Where no landmark holds them (a redesign may drop <header>), the switchers are still the
 * two leftmost named picker triggers side by side in the page's first row. This reads
 * layout, so it runs only when the landmarks fail.
 */
function switchersByPosition(document: Document): [HTMLElement, HTMLElement] | null {
  const view = document.defaultView;
  if (!view) return null;
  const [first, second] = [...document.querySelectorAll<HTMLElement>(PICKER_TRIGGER_SELECTOR)]
    .filter((trigger) => !trigger.closest(OPEN_POPUP_SELECTOR) && isPlausibleName(text(trigger)))
    .map((element) => ({ element, rect: element.getBoundingClientRect() }))
    .filter(({ rect }) => rect.width > 0 && rect.top >= 0 && rect.top < TOP_ROW_PX && rect.left < view.innerWidth / 2)
    .sort((a, b) => a.rect.left - b.rect.left);
  if (!first || !second || Math.abs(first.rect.top - second.rect.top) > SAME_ROW_PX) return null;
  return [first.element, second.element];
}

/**
 * The organization and project switchers, organization first. Anything else (one trigger,
 * nameless triggers, triggers elsewhere on the page) is not recognized.
 */
export function findProjectSwitcher(document: Document): ProjectSwitcher | null {
  const found = switchersInLandmark(document) ?? switchersByPosition(document);
  if (!found) return null;
  const [organizationElement, projectElement] = found;
  const storage = document.defaultView?.localStorage ?? null;
  return {
    organizationElement,
    projectElement,
    organizationName: text(organizationElement),
    projectName: text(projectElement),
    projectId: parseStoredId(readStorage(storage, STORAGE_KEYS.activeProject), 'proj_'),
    organizationId: parseStoredId(readStorage(storage, STORAGE_KEYS.activeOrganization), 'org-'),
  };
}

// ---------------------------------------------------------------------------
// Usage page: the Export modal

const USAGE_PATHS = ['/usage', '/account/usage'];

export function isUsagePage(url: URL): boolean {
  return USAGE_PATHS.some((path) => url.pathname === path || url.pathname.startsWith(`${path}/`));
}

const OPEN_DIALOG_SELECTOR = '[role="dialog"]:not([data-state="closed"]), [role="alertdialog"]:not([data-state="closed"])';
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


/** Marks what the extension adds to the page, so the adapter never mistakes it for the dashboard's. */
export const OWNED_MARK = 'data-rop-owned';

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

// ---------------------------------------------------------------------------
// Logs page: is chat-completion logging on?

export const LOGS_PATH = '/logs';
/** Where the dashboard asks whether to enable logging (docs/facts.md §3: on the first visit). */
export const LOGS_PAGE_URL = `${PLATFORM_ORIGIN}${LOGS_PATH}`;

export function isLogsPage(url: URL): boolean {
  return url.pathname === LOGS_PATH || url.pathname.startsWith(`${LOGS_PATH}/`);
}

/** The prompt to enable logging, or the empty state of a project without logs. */
const LOGGING_OFF_TEXT =
  /\b(enable|turn on)\s+(chat[- ]completions?\s+)?logging\b|\blogging\s+(is\s+)?(disabled|off|turned off)\b|\blogs\s+are\s+(disabled|off)\b/i;
/** A logged request: a row of the list links to its own page under /logs/ (tabs and menus do not count). */
const LOG_ENTRY_SELECTOR = ['tr', 'li', '[role="row"]']
  .flatMap((row) => [`${row} a[href^="/logs/"]`, `${row} a[href^="${PLATFORM_ORIGIN}/logs/"]`])
  .join(', ');

/**
 * What the Logs page says about logging: 'disabled' when it asks to enable it (in the page
 * or a dialog), 'enabled' when it lists logged requests, null when it shows neither.
 */
export function readLogsPageState(document: Document): 'enabled' | 'disabled' | null {
  const main = findMainContent(document);
  const regions = [main, ...document.querySelectorAll<HTMLElement>(OPEN_DIALOG_SELECTOR)].filter(
    (region): region is HTMLElement => region !== null,
  );
  const visibleText = (region: HTMLElement) =>
    [...region.querySelectorAll<HTMLElement>('h1, h2, h3, p, button, [role="heading"]')]
      .filter((element) => !element.closest(`[${OWNED_MARK}]`))
      .map((element) => text(element))
      .join(' \n ');
  if (regions.some((region) => LOGGING_OFF_TEXT.test(visibleText(region)))) return 'disabled';
  if (main?.querySelector(LOG_ENTRY_SELECTOR)) return 'enabled';
  return null;
}

/** The page's main content, where in-page notices go. */
export function findMainContent(document: Document): HTMLElement | null {
  return document.querySelector<HTMLElement>('main, [role="main"]');
}

/** Responses worth reading for the organization's logging setting (endpoint is a guess). */
export const ORGANIZATION_SETTINGS_URL = /\/organizations?(\/|\?|$)/i;
export const LOGGING_SETTING_KEY = 'api_call_logging';

/** The active organization, from the switcher when rendered, else from localStorage alone. */
export function readActiveOrganization(document: Document): { id: string | null; name: string } | null {
  const switcher = findProjectSwitcher(document);
  if (switcher) return { id: switcher.organizationId, name: switcher.organizationName };
  const id = parseStoredId(readStorage(document.defaultView?.localStorage ?? null, STORAGE_KEYS.activeOrganization), 'org-');
  return id ? { id, name: id } : null;
}
