/**
 * A page outline for a bug report: a redacted skeleton of the region a feature looked at
 * when it did not recognize the page. It keeps what tells a redesign apart (tag names,
 * roles, ARIA attributes, accessible names of controls, nesting, positions rounded) and
 * replaces every piece of user data by its shape (see redact.ts). Nothing is sent anywhere:
 * the user copies it from options and decides where it goes.
 */

import { findMainContent, OPEN_DIALOG_SELECTOR, OWNED_MARK } from '../common';
import { accessibleName } from '../names';
import { redactHref, redactText } from './redact';

/** Where a feature looks: the top of the page (top bar, sidebar top), the main content, open dialogs. */
export type OutlineRegion = 'top' | 'main' | 'dialogs';

/** ARIA and state attributes whose values are tokens: kept when they look like one. */
const TOKEN_ATTRIBUTES = [
  'role', 'type', 'aria-haspopup', 'aria-expanded', 'aria-selected', 'aria-checked', 'aria-pressed', 'aria-current',
  'aria-hidden', 'aria-modal', 'aria-disabled', 'aria-orientation', 'aria-live', 'aria-level', 'data-state', 'data-orientation',
];
const FLAG_ATTRIBUTES = ['disabled', 'hidden', 'download', 'checked', 'selected', 'open', 'tabindex'];
const TOKEN = /^[a-z0-9-]{1,24}$/;
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'LINK', 'META', 'HEAD']);
const CONTROL = 'a[href], button, input, select, textarea, summary, [role="button"], [role="link"], [role="tab"], [role="combobox"], [role="menuitem"], [role="option"], [role="radio"], [role="checkbox"], [role="switch"], [tabindex]';
const POSITIONED = `${CONTROL}, header, nav, aside, main, footer, section, h1, h2, h3, h4, [role]`;

/** What the outline may hold: bounded so a huge page cannot fill storage. */
export const OUTLINE_LIMITS = { lines: 400, depth: 24, characters: 24_000 } as const;
/** Positions are rounded to this many CSS pixels: enough to see the layout, no more. */
const GRID_PX = 10;
const TOP_PX = 200;

const round = (value: number) => Math.round(value / GRID_PX) * GRID_PX;

function position(element: Element): string {
  if (!element.matches(POSITIONED)) return '';
  const rect = element.getBoundingClientRect();
  if (rect.width === 0 && rect.height === 0) return '';
  return ` @${round(rect.left)},${round(rect.top)} ${round(rect.width)}x${round(rect.height)}`;
}

function isNamedElement(element: Element): boolean {
  return element.matches(CONTROL) || element.matches('img, svg, [role="img"], [role="dialog"], [role="radiogroup"], [role="tablist"], fieldset');
}

function attributes(element: Element): string {
  const parts: string[] = [];
  for (const name of TOKEN_ATTRIBUTES) {
    const value = element.getAttribute(name);
    if (value !== null) parts.push(`${name}=${TOKEN.test(value) ? value : redactText(value)}`);
  }
  for (const name of FLAG_ATTRIBUTES) if (element.hasAttribute(name)) parts.push(name);
  if (element.hasAttribute('href')) parts.push(`href=${redactHref(element.getAttribute('href') ?? '', element.ownerDocument.location?.href ?? 'https://platform.openai.com/')}`);
  const placeholder = element.getAttribute('placeholder');
  if (placeholder) parts.push(`placeholder="${redactText(placeholder)}"`);
  if (isNamedElement(element)) {
    const name = accessibleName(element);
    if (name) parts.push(`name="${redactText(name)}"`);
  }
  return parts.length > 0 ? ` ${parts.join(' ')}` : '';
}

/** The element's own text (not its descendants'), redacted. */
function ownText(element: Element): string {
  const value = [...element.childNodes]
    .filter((node) => node.nodeType === 3)
    .map((node) => node.textContent ?? '')
    .join(' ')
    .trim();
  return value ? ` "${redactText(value)}"` : '';
}

interface Budget {
  lines: string[];
  characters: number;
  truncated: boolean;
}

function push(budget: Budget, line: string): boolean {
  if (budget.lines.length >= OUTLINE_LIMITS.lines || budget.characters + line.length > OUTLINE_LIMITS.characters) {
    budget.truncated = true;
    return false;
  }
  budget.lines.push(line);
  budget.characters += line.length + 1;
  return true;
}

function outlineElement(element: Element, depth: number, budget: Budget, include: (element: Element) => boolean): void {
  if (budget.truncated || SKIPPED.has(element.tagName.toUpperCase()) || !include(element)) return;
  const indent = '  '.repeat(depth);
  const tag = element.tagName.toLowerCase();
  if (element.hasAttribute(OWNED_MARK)) {
    // Ours: it may show names (a project in a reminder); its content is not the dashboard's.
    push(budget, `${indent}${tag} (added by this extension)`);
    return;
  }
  // A control's text is already in its name, when it has one.
  const text = element.matches(CONTROL) && accessibleName(element) !== '' ? '' : ownText(element);
  if (!push(budget, `${indent}${tag}${attributes(element)}${text}${position(element)}`)) return;
  // An icon's drawing, a select's options and nesting beyond the bound say nothing more.
  if (tag === 'svg' || tag === 'select') return;
  if (depth >= OUTLINE_LIMITS.depth) {
    if (element.children.length > 0) push(budget, `${indent}  …`);
    return;
  }
  for (const child of element.children) outlineElement(child, depth + 1, budget, include);
}

/** Whether an element lies (partly) in the page's top band, or cannot tell without layout. */
function inTopBand(element: Element): boolean {
  const rect = element.getBoundingClientRect();
  if (rect.width === 0 && rect.height === 0) return true;
  return rect.top < TOP_PX;
}

function regionRoots(
  document: Document,
  region: OutlineRegion,
  others: readonly OutlineRegion[],
): { label: string; root: Element; include: (element: Element) => boolean }[] {
  const everything = () => true;
  if (region === 'main') {
    const main = findMainContent(document);
    return main ? [{ label: 'main content', root: main, include: everything }] : [];
  }
  if (region === 'dialogs') {
    return [...document.querySelectorAll(OPEN_DIALOG_SELECTOR)].map((dialog) => ({ label: 'open dialog', root: dialog, include: everything }));
  }
  // What another requested region shows in full is not repeated at the top.
  const shownElsewhere = [others.includes('main') ? 'main, [role="main"]' : '', others.includes('dialogs') ? OPEN_DIALOG_SELECTOR : '']
    .filter(Boolean)
    .join(', ');
  const body = document.body;
  const include = (element: Element) => inTopBand(element) && !(shownElsewhere && element.matches(shownElsewhere));
  return body ? [{ label: `top of the page (first ${TOP_PX} px)`, root: body, include }] : [];
}

export interface OutlineContext {
  /** Which feature did not recognize the page (shown in the header line). */
  featureId: string;
  regions: readonly OutlineRegion[];
}

/** The redacted outline of the regions a feature looks at; always within OUTLINE_LIMITS. */
export function pageOutline(document: Document, { featureId, regions }: OutlineContext): string {
  const view = document.defaultView;
  const path = redactHref(document.location?.pathname ?? '/', 'https://platform.openai.com/');
  const budget: Budget = { lines: [], characters: 0, truncated: false };
  push(budget, `Page outline: "${featureId}" did not recognize ${path}`);
  push(budget, 'Made by Refined OpenAI Platform. User data is replaced by its shape (Aaaa Aaaa 9); only known interface words are kept.');
  if (view) push(budget, `Viewport ${round(view.innerWidth)}x${round(view.innerHeight)}; positions @left,top widthxheight, rounded to ${GRID_PX} px.`);
  for (const region of regions) {
    const roots = regionRoots(document, region, regions);
    if (roots.length === 0) push(budget, `[${region}: not found]`);
    for (const { label, root, include } of roots) {
      push(budget, `[${label}]`);
      outlineElement(root, 0, budget, (element) => element === root || include(element));
    }
  }
  if (budget.truncated) budget.lines.push('… (outline truncated)');
  return budget.lines.join('\n');
}
