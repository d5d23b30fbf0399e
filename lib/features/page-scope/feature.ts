import { findPageScope, findProjectSwitcher, OWNED_MARK, scopeMatches, type PageScope, type ProjectSwitcher } from '../../platform/adapter';
import { sendToWorker } from '../../messaging/page-messenger';
import { defineFeature } from '../feature';
import { definePageResource } from '../page-resources';
import { scope as pageScopeScope } from './meta';

export interface ScopeAnchor {
  scope: PageScope;
  /** The top bar's switcher; null when it is not recognized (then there is nothing to contrast). */
  switcher: ProjectSwitcher | null;
}

export const NOTE_MARK = 'page-scope';
/** Set on an element a note hangs from: "static" when it had to be made a positioning box. */
const HOST_MARK = 'data-rop-scope-host';
/** A note inside the dashboard's own element shows its words from this attribute, so the element's text stays its own. */
export const NOTE_TEXT = 'data-rop-note';
const STYLE_ID = 'rop-page-scope-style';

/** One stylesheet for the page, outside <body> so the app's re-renders never touch it. */
const noteStyle = definePageResource({
  create(document) {
    const style = document.getElementById(STYLE_ID) ?? document.createElement('style');
    style.id = STYLE_ID;
    style.textContent = `[${OWNED_MARK}="${NOTE_MARK}"][${NOTE_TEXT}]::after { content: attr(${NOTE_TEXT}); }`;
    return style;
  },
  release(style) {
    style.remove();
  },
});

/** Names of projects seen before (a signal of the page's selector), asked of the worker once per page. */
let knownProjects: string[] = [];
let knownRequested = false;
/** Where the page's selector was last found, by path: after a pick it may show only a project's name. */
const remembered = new Map<string, string>();

/** The page's name as its notes say it ("Usage shows: …"). */
const PAGE_NAME = 'Usage';

/**
 * A note that takes no room: positioned under `host`, out of the flow, so nothing on the
 * page moves when it comes or goes. `host` becomes a positioning box only if it was not one.
 */
function hangNote(host: HTMLElement, words: string, hidden: boolean, signal: AbortSignal): void {
  const document = host.ownerDocument;
  const note = document.createElement('span');
  note.setAttribute(OWNED_MARK, NOTE_MARK);
  if (hidden) {
    // Inside the dashboard's element: its text and accessible name stay as they were.
    note.setAttribute('aria-hidden', 'true');
    note.setAttribute(NOTE_TEXT, words);
  } else {
    note.setAttribute('role', 'note');
    note.textContent = words;
  }
  // Quiet and native: the page's own font and colour, smaller and subdued, never in the way of a click.
  note.style.cssText =
    'position:absolute;top:100%;inset-inline-start:0;margin-top:2px;font-size:11px;line-height:1.3;font-weight:400;' +
    'font-style:normal;letter-spacing:normal;text-transform:none;white-space:nowrap;opacity:0.75;pointer-events:none;z-index:1;';
  const positioned = document.defaultView?.getComputedStyle(host).position !== 'static';
  if (!positioned) {
    host.setAttribute(HOST_MARK, 'static');
    host.style.setProperty('position', 'relative');
  }
  host.append(note);
  signal.addEventListener(
    'abort',
    () => {
      note.remove();
      if (host.getAttribute(HOST_MARK) === 'static') {
        host.removeAttribute(HOST_MARK);
        host.style.removeProperty('position');
      }
    },
    { once: true },
  );
}

/**
 * Says what the Usage page really shows when its own project selector and the top bar
 * disagree: beside the page's selector, and under the top bar's project, where the
 * emphasis makes it the loudest name on the page. When they agree, it adds nothing.
 */
export const pageScope = defineFeature<ScopeAnchor>({
  ...pageScopeScope,
  detect(document) {
    if (!knownRequested) {
      knownRequested = true;
      sendToWorker('getPageRecords', undefined).then(
        (records) => (knownProjects = records.knownProjects.map((project) => project.name)),
        () => undefined,
      );
    }
    const path = document.location?.pathname ?? '';
    const switcher = findProjectSwitcher(document);
    const scope = findPageScope(document, { topBarProject: switcher?.projectName ?? null, knownProjects, remembered: remembered.get(path) ?? null });
    if (scope) remembered.set(path, scope.place);
    return scope && { scope, switcher };
  },
  isSameAnchor: (a, b) =>
    a.scope.element === b.scope.element &&
    a.scope.label === b.scope.label &&
    a.switcher?.projectElement === b.switcher?.projectElement &&
    a.switcher?.projectName === b.switcher?.projectName,
  apply({ scope, switcher }, { signal, document, use }) {
    if (!switcher || scopeMatches(scope, switcher.projectName)) return;
    const style = use(noteStyle);
    if (!style.isConnected) document.documentElement.append(style);
    const shown = scope.allProjects ? 'all projects' : scope.label;
    const beside = scope.allProjects ? `Shows all projects, not only ${switcher.projectName}` : `Shows ${scope.label}, not ${switcher.projectName}`;
    // A <select> holds no children: the note hangs from its box instead.
    const pageHost = scope.element instanceof HTMLSelectElement ? scope.element.parentElement : scope.element.parentElement;
    if (pageHost) hangNote(pageHost, beside, false, signal);
    // Inside the top bar's project name, hidden from its accessible name (the page's note says it to screen readers).
    hangNote(switcher.projectElement, `${PAGE_NAME} shows: ${scope.allProjects ? 'All projects' : shown}`, true, signal);
  },
});
