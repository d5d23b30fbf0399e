/**
 * Settings → Data controls → Data retention (docs/facts.md §3): "API call logging" is one of
 * Disabled / Enabled per call / Enabled for all projects / Enabled for selected projects,
 * the last with the projects it applies to. No public source shows the page's markup, so the
 * reading accepts the common ways to show a choice (radio buttons, a native select, a
 * select-like button showing the current value) found from the "API call logging" label,
 * and returns null for anything else: an unknown page must change nothing.
 */

import { PROJECT_ID_SOURCE } from '../admin-api/scope';
import { findMainContent, OWNED_MARK } from './common';
import { accessibleName, contentName, isHiddenFromNames, normalizeName } from './names';

/** The organization setting `api_call_logging` (docs/facts.md §3, from the audit-log schema). */
export type ApiCallLogging = 'disabled' | 'enabled_per_call' | 'enabled_for_all_projects' | 'enabled_for_selected_projects';

export interface LoggingProject {
  name: string;
  /** When the page's markup carries it (a value, link or data attribute with `proj_…`). */
  id: string | null;
}

export interface DataRetentionReading {
  setting: ApiCallLogging;
  /** The projects logging is enabled for; empty unless the setting is for selected projects. */
  projects: LoggingProject[];
}

const LABEL = /^api call logging$/;

/** A choice's label, which may carry a description after the value itself. */
export function apiCallLoggingFromLabel(label: string): ApiCallLogging | null {
  const name = normalizeName(label);
  if (/^(enabled for )?selected projects\b/.test(name)) return 'enabled_for_selected_projects';
  if (/^(enabled for )?all projects\b/.test(name)) return 'enabled_for_all_projects';
  if (/^(enabled )?per[- ]call\b/.test(name)) return 'enabled_per_call';
  if (/^(disabled|off)\b/.test(name)) return 'disabled';
  return null;
}

const PROJECT_ID = new RegExp(`\\b${PROJECT_ID_SOURCE}\\b`);

function projectIdIn(element: Element): string | null {
  for (const node of [element, ...element.querySelectorAll('*')]) {
    for (const attribute of node.attributes) {
      const match = PROJECT_ID.exec(attribute.value);
      if (match) return match[0];
    }
  }
  return null;
}

/** The container itself when it matches, then its descendants that do. */
function within(container: HTMLElement, selector: string): Element[] {
  return [...(container.matches(selector) ? [container] : []), ...container.querySelectorAll(selector)];
}

function visible(elements: Iterable<Element>): HTMLElement[] {
  return [...elements].filter((element): element is HTMLElement => !element.closest(`[${OWNED_MARK}]`) && !isHiddenFromNames(element));
}

/** Elements whose own words are "API call logging" (headings, labels, legends, plain text). */
function labelElements(scope: HTMLElement): HTMLElement[] {
  return visible(scope.querySelectorAll('h1, h2, h3, h4, h5, h6, [role="heading"], label, legend, dt, strong, span, p, div')).filter(
    (element) => (element.textContent ?? '').length < 80 && LABEL.test(normalizeName(contentName(element).replace(/:$/, ''))),
  );
}

const CHOICE_CONTROLS = 'input[type="radio"], [role="radio"], select, [role="combobox"], button[aria-haspopup="listbox"], [role="radiogroup"]';

/** Controls named "API call logging" through aria-label, aria-labelledby or a label. */
function namedControls(scope: HTMLElement): HTMLElement[] {
  return visible(scope.querySelectorAll(CHOICE_CONTROLS)).filter((control) => LABEL.test(normalizeName(accessibleName(control))));
}

function isChecked(radio: HTMLElement): boolean {
  return radio instanceof HTMLInputElement ? radio.checked : radio.getAttribute('aria-checked') === 'true';
}

/** What a container shows: the chosen value, "unchosen" for the setting's choices with none chosen, or null. */
type Choice = ApiCallLogging | 'unchosen' | null;

function radioGroupKey(radio: HTMLElement): Element | string {
  return radio.closest('[role="radiogroup"]') ?? (radio.getAttribute('name') ? `name:${radio.getAttribute('name')}` : radio.parentElement ?? radio);
}

/** The value a group of radio buttons shows as chosen, among groups that are recognizably this setting. */
function fromRadios(container: HTMLElement): Choice {
  const groups = new Map<Element | string, { radio: HTMLElement; value: ApiCallLogging | null }[]>();
  for (const radio of visible(within(container, 'input[type="radio"], [role="radio"]'))) {
    const key = radioGroupKey(radio);
    groups.set(key, [...(groups.get(key) ?? []), { radio, value: apiCallLoggingFromLabel(accessibleName(radio)) }]);
  }
  for (const entries of groups.values()) {
    // At least two of the setting's own choices: a lone "Disabled" could belong to any setting.
    if (entries.filter((entry) => entry.value !== null).length < 2) continue;
    const chosen = entries.find((entry) => isChecked(entry.radio));
    return chosen ? chosen.value : 'unchosen';
  }
  return null;
}

function fromSelect(container: HTMLElement): Choice {
  for (const select of visible(within(container, 'select'))) {
    const options = [...(select as HTMLSelectElement).options].map((option) => apiCallLoggingFromLabel(option.text));
    if (options.filter(Boolean).length < 2) continue;
    const chosen = (select as HTMLSelectElement).selectedOptions[0];
    return (chosen && apiCallLoggingFromLabel(chosen.text)) ?? 'unchosen';
  }
  return null;
}

/** A select-like button shows the current value as its content (its name may be the label). */
function fromSelectButton(container: HTMLElement): Choice {
  for (const button of visible(within(container, '[role="combobox"], button[aria-haspopup="listbox"]'))) {
    const value = apiCallLoggingFromLabel(contentName(button));
    if (value) return value;
  }
  return null;
}

function readChoice(container: HTMLElement): Choice {
  return fromRadios(container) ?? fromSelect(container) ?? fromSelectButton(container);
}

const CHECKBOXES = 'input[type="checkbox"], [role="checkbox"], [role="menuitemcheckbox"], [role="option"]';
const PROJECT_LIST_NAME = /\bprojects?\b/;

function itemName(item: HTMLElement): string {
  // A chip's remove button ("Remove Sandbox") is not part of the project's name.
  const clone = item.cloneNode(true) as HTMLElement;
  clone.querySelectorAll('button, [role="button"]').forEach((button) => button.remove());
  return contentName(clone);
}

/**
 * The projects logging is enabled for, near the setting: checked checkboxes (a project
 * picker), or the items of a list named for projects (chips). Null when neither is there.
 */
function readProjects(section: HTMLElement): LoggingProject[] | null {
  const boxes = visible(section.querySelectorAll(CHECKBOXES)).filter((box) => !box.closest('[role="radiogroup"]'));
  if (boxes.length > 0) {
    return boxes
      .filter((box) => isChecked(box) || box.getAttribute('aria-selected') === 'true')
      .map((box) => ({ name: accessibleName(box), id: projectIdIn(box.closest('label') ?? box) }))
      .filter((project) => project.name !== '');
  }
  const lists = visible(section.querySelectorAll('ul, ol, [role="list"], [role="listbox"]')).filter((list) => {
    const before = list.previousElementSibling;
    const name = accessibleName(list) || (before ? contentName(before) : '');
    return PROJECT_LIST_NAME.test(normalizeName(name));
  });
  const list = lists[0];
  if (!list) return null;
  return visible(list.querySelectorAll('li, [role="listitem"], [role="option"]'))
    .map((item) => ({ name: itemName(item), id: projectIdIn(item) }))
    .filter((project) => project.name !== '');
}

const MAX_CLIMB = 4;

/** From the label up, the first ancestor holding a recognizable choice; with the choice read. */
function settingNear(label: HTMLElement, scope: HTMLElement): { setting: ApiCallLogging; container: HTMLElement } | null {
  let container: HTMLElement | null = label;
  for (let level = 0; container && level <= MAX_CLIMB; level++) {
    const setting = readChoice(container);
    // The setting's own choices with none chosen: climbing further could only find another setting's.
    if (setting === 'unchosen') return null;
    if (setting) return { setting, container };
    if (container === scope) break;
    container = container.parentElement;
  }
  return null;
}

/**
 * "API call logging" as the Data retention page shows it, or null when the page does not
 * show it in a recognizable way (including "selected projects" without a readable list).
 */
export function readDataRetention(document: Document): DataRetentionReading | null {
  const scope = findMainContent(document) ?? document.body;
  if (!scope) return null;
  const starts = [...namedControls(scope), ...labelElements(scope)];
  for (const start of starts) {
    const found = settingNear(start, scope);
    if (!found) continue;
    if (found.setting !== 'enabled_for_selected_projects') return { setting: found.setting, projects: [] };
    // The project list sits beside the choice: widen the section step by step until one shows.
    let section: HTMLElement | null = found.container;
    for (let level = 0; section && level <= 2; level++) {
      const projects = readProjects(section);
      if (projects) return { setting: found.setting, projects };
      if (section === scope) break;
      section = section.parentElement;
    }
    return null;
  }
  return null;
}
