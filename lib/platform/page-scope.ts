/**
 * The project scope a page shows by its own selector, apart from the top bar's project
 * (docs/facts.md §3: the Usage page has its own project picker, an "All projects" pill at
 * the top right of its content; users confuse the two). Nothing public shows its markup, so
 * a control is taken for it from several independent signals, none required alone:
 * - what it shows: "All projects", "2 projects", the top bar's project's name, or the name of
 *   a project the extension has seen;
 * - what it is about: a label, `aria-label` or the words before it naming projects;
 * - that it is a picker: a `<select>`, a combobox, a declared pop-up, a chevron icon;
 * - where it is: the page's content, in the header row with the page's title or its Export,
 *   and the place where it was found before (after the user picks a project, the pill shows
 *   only that project's name, and re-renders replace every node).
 * The top bar, open pop-ups and dialogs, and what the extension added are never taken.
 */

import { OPEN_POPUP_SELECTOR, OWNED_MARK, findMainContent, text } from './common';
import { accessibleName, contentName, foldWhitespace, isNamed, normalizeName } from './names';

export interface PageScope {
  /** The page's own project selector. */
  element: HTMLElement;
  /** What it shows, as shown: "All projects", a project's name, "2 projects". */
  label: string;
  /** It shows every project of the organization. */
  allProjects: boolean;
  /** Where it sits among the content's controls: pass it back as `remembered` on the next reading. */
  place: string;
}

export interface PageScopeHints {
  /** The top bar's project name. */
  topBarProject?: string | null;
  /** Names of projects the extension has seen. */
  knownProjects?: Iterable<string>;
  /** The `place` of the selector found last time on this page. */
  remembered?: string | null;
}

const CONTROL_SELECTOR = 'button, select, [role="combobox"], [role="button"], [aria-haspopup]:not([aria-haspopup="false"])';
const ALL_PROJECTS = /^all projects$/;
const SEVERAL_PROJECTS = /^\d+ projects$/;
const ABOUT_PROJECTS = /\bprojects?\b/;
const MAX_LABEL_LENGTH = 120;
/** Points a control needs, with at least one signal of what it shows or is about. */
const MIN_POINTS = 3;

/** What a control shows: a select's chosen option, else its visible text, else its accessible name. */
function shownValue(control: HTMLElement): string {
  if (control instanceof HTMLSelectElement) return foldWhitespace(control.selectedOptions[0]?.textContent ?? '');
  return contentName(control) || accessibleName(control);
}

/** What names the control apart from its value: its label, aria-label, or the words just before it. */
function aboutText(control: HTMLElement, value: string): string {
  const parts = [control.getAttribute('aria-label') ?? ''];
  for (const id of (control.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean)) {
    parts.push(text(control.ownerDocument.getElementById(id) ?? control.ownerDocument.createElement('span')));
  }
  const label = control.closest('label');
  if (label) parts.push(text(label).replace(value, ''));
  const before = control.previousElementSibling;
  if (before && !before.matches(CONTROL_SELECTOR) && !before.closest(`[${OWNED_MARK}]`)) parts.push(text(before).slice(0, 40));
  return normalizeName(parts.join(' '));
}

function isPicker(control: HTMLElement): boolean {
  return (
    control instanceof HTMLSelectElement ||
    control.getAttribute('role') === 'combobox' ||
    /^(true|menu|listbox|dialog)$/.test(control.getAttribute('aria-haspopup') ?? '') ||
    control.querySelector('svg') !== null
  );
}

/** In the row of the page's header: near its title or its Export button. */
function inHeader(control: HTMLElement, main: HTMLElement): boolean {
  let box: HTMLElement | null = control.parentElement;
  for (let depth = 0; box && box !== main.parentElement && depth < 3; depth += 1, box = box.parentElement) {
    if (box.querySelector('h1, [role="heading"][aria-level="1"]')) return true;
    if ([...box.querySelectorAll<HTMLElement>('button, [role="button"]')].some((button) => isNamed(button, /^export$/))) return true;
  }
  return false;
}

/**
 * The page's own project selector and what it shows; null when nothing on the page is
 * recognizably one. `topBarProject`, the top bar's project name, counts as a project's name.
 */
export function findPageScope(document: Document, { topBarProject = null, knownProjects = [], remembered = null }: PageScopeHints = {}): PageScope | null {
  const main = findMainContent(document);
  if (!main) return null;
  const known = new Set([...knownProjects, ...(topBarProject ? [topBarProject] : [])].map(normalizeName));
  let best: { scope: PageScope; points: number } | null = null;
  const controls = [...main.querySelectorAll<HTMLElement>(CONTROL_SELECTOR)].filter((control) => !control.closest(`[${OWNED_MARK}], ${OPEN_POPUP_SELECTOR}`));
  for (const [index, control] of controls.entries()) {
    const place = `${index}:${control.tagName}:${control.getAttribute('role') ?? ''}:${control.getAttribute('aria-haspopup') ?? ''}`;
    const label = shownValue(control);
    if (!label || label.length > MAX_LABEL_LENGTH) continue;
    const value = normalizeName(label);
    const shows = ALL_PROJECTS.test(value) || SEVERAL_PROJECTS.test(value);
    const about = ABOUT_PROJECTS.test(aboutText(control, label));
    const named = known.has(value);
    const again = remembered === place;
    if (!shows && !about && !named && !again) continue;
    const points =
      (shows ? 3 : 0) + (about ? 2 : 0) + (named ? 2 : 0) + (again ? 2 : 0) + (isPicker(control) ? 1 : 0) + (inHeader(control, main) ? 1 : 0);
    if (points < MIN_POINTS || (best && best.points >= points)) continue;
    best = { scope: { element: control, label, allProjects: ALL_PROJECTS.test(value), place }, points };
  }
  return best?.scope ?? null;
}

/** Whether the page shows the top bar's project and nothing else. */
export function scopeMatches(scope: PageScope, topBarProject: string): boolean {
  return !scope.allProjects && normalizeName(scope.label) === normalizeName(topBarProject);
}
