/**
 * The Logs page (docs/facts.md §3). What the January 2026 evidence shows: tabs Completions |
 * Responses | Conversations | ChatKit threads | Traces, rows that are links to
 * `/logs/resp_…`, and the note "API calls from the Responses API are logged by default".
 * What the seed (April 2025) shows: a prompt asking whether to enable logging. Only a prompt
 * or listed requests say anything about logging; tabs and the note alone say nothing.
 */

import { findMainContent, OPEN_DIALOG_SELECTOR, OWNED_MARK, PLATFORM_ORIGIN } from './common';
import { accessibleName, contentName, isHiddenFromNames, normalizeName } from './names';

/** The prompt to enable logging, or the empty state of a project without logs (matched on normalized text). */
const LOGGING_OFF_TEXT =
  /\b(enable|turn on)\s+(chat[- ]completions?\s+)?logging\b|\blogging\s+(is\s+)?(disabled|off|turned off)\b|\blogs\s+are\s+(disabled|off)\b/;
/** "API calls from the Responses API are logged by default." */
const RESPONSES_NOTE = /\bresponses\b.*\blogged by default\b/;
/** The API tabs of the page, normalized. */
const LOGS_TABS = new Set(['completions', 'chat completions', 'responses', 'conversations', 'chatkit threads', 'chatkit', 'traces']);

/** Ids of logged things: `resp_…`, `chatcmpl-…`, conversations, ChatKit threads, traces. */
const KNOWN_LOG_ID = /^(resp|chatcmpl|conv|cthr|trace|msg)[_-][A-Za-z0-9_-]+$/;
/** Any other id-like segment counts only inside a row of a list or table. */
const ID_LIKE = /^[a-z]+[_-](?=[A-Za-z0-9_-]*\d)[A-Za-z0-9_-]{3,}$/;
const ROW_CONTAINER = 'tr, li, [role="row"], [role="listitem"], [role="gridcell"], [role="cell"]';
const NOT_A_ROW = 'nav, [role="navigation"], [role="tablist"], [role="tab"], [role="menu"]';

export interface LogsPageReading {
  /** The page's API tabs it shows (normalized names), e.g. ["completions", "responses"]. */
  tabs: string[];
  /** Links to logged requests in the page's list. */
  entries: number;
  /** The note that Responses are logged by default. */
  responsesNote: boolean;
  /** The dashboard asks whether to enable logging, in the page or a dialog. */
  prompt: boolean;
}

function isOurs(element: Element): boolean {
  return element.closest(`[${OWNED_MARK}]`) !== null;
}

function logPathSegment(anchor: HTMLAnchorElement): string | null {
  const href = anchor.getAttribute('href');
  if (!href) return null;
  let url: URL;
  try {
    url = new URL(href, PLATFORM_ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== PLATFORM_ORIGIN) return null;
  const match = /^\/logs\/([^/]+)\/?$/.exec(url.pathname);
  return match?.[1] ?? null;
}

function isLogEntry(anchor: HTMLAnchorElement): boolean {
  if (isOurs(anchor) || anchor.closest(NOT_A_ROW)) return false;
  const segment = logPathSegment(anchor);
  if (!segment) return false;
  return KNOWN_LOG_ID.test(segment) || (ID_LIKE.test(segment) && anchor.closest(ROW_CONTAINER) !== null);
}

function tabNames(root: ParentNode): string[] {
  const names = new Set<string>();
  for (const tab of root.querySelectorAll<HTMLElement>('[role="tab"], a[href*="/logs?api="], a[href^="?api="]')) {
    if (isOurs(tab)) continue;
    const name = normalizeName(accessibleName(tab));
    if (LOGS_TABS.has(name)) names.add(name);
  }
  return [...names];
}

/** What the page says in words: headings, paragraphs, buttons and alerts, not our own notices. */
function wording(region: HTMLElement): string {
  return [...region.querySelectorAll<HTMLElement>('h1, h2, h3, h4, p, button, [role="heading"], [role="alert"], [role="status"], [role="button"]')]
    .filter((element) => !isOurs(element) && !isHiddenFromNames(element))
    .map((element) => normalizeName(element.matches('button, [role="button"]') ? accessibleName(element) : contentName(element)))
    .join(' \n ');
}

/** Everything the Logs page shows that the adapter knows; all false/empty on a page it does not know. */
export function readLogsPage(document: Document): LogsPageReading {
  const main = findMainContent(document);
  const dialogs = [...document.querySelectorAll<HTMLElement>(OPEN_DIALOG_SELECTOR)];
  const regions = [main, ...dialogs].filter((region): region is HTMLElement => region !== null);
  const texts = regions.map(wording);
  return {
    tabs: main ? tabNames(main) : [],
    entries: main ? [...main.querySelectorAll<HTMLAnchorElement>('a[href]')].filter(isLogEntry).length : 0,
    responsesNote: texts.some((value) => RESPONSES_NOTE.test(value)),
    prompt: texts.some((value) => LOGGING_OFF_TEXT.test(value)),
  };
}

/**
 * What the Logs page says about logging: 'disabled' when it asks to enable it (in the page
 * or a dialog), 'enabled' when it lists logged requests, null when it shows neither (tabs
 * and the Responses note alone change nothing).
 */
export function readLogsPageState(document: Document): 'enabled' | 'disabled' | null {
  const reading = readLogsPage(document);
  if (reading.prompt) return 'disabled';
  if (reading.entries > 0) return 'enabled';
  return null;
}
