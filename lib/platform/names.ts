/**
 * How the adapter reads what a control is called. A control's name is its accessible name
 * (text content, `aria-label`, `aria-labelledby`, `title`, visually hidden text, an SVG
 * `<title>`), as a screen reader would announce it: the dashboard may drop visible text for
 * an icon and keep the name only there (docs/facts.md §2–§3). Every text pattern of the
 * adapter is matched against `normalizeName`, so case, ellipses, extra whitespace and icon
 * glyphs never decide whether something is recognized.
 */

/** Elements whose content never names anything. */
const SILENT_TAGS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT']);

/** Roles (implicit or explicit) whose name comes from their content (WAI-ARIA "name from content"). */
const NAME_FROM_CONTENT_TAGS = new Set(['BUTTON', 'A', 'SUMMARY', 'TH', 'TD', 'LEGEND', 'CAPTION', 'LABEL', 'OPTION', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
const NAME_FROM_CONTENT_ROLES = new Set([
  'button', 'link', 'tab', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'option', 'radio', 'checkbox',
  'switch', 'treeitem', 'cell', 'gridcell', 'columnheader', 'rowheader', 'row', 'heading', 'tooltip',
]);

/** Whether assistive technology skips the element (and so its name counts for nothing). */
export function isHiddenFromNames(element: Element): boolean {
  if (element.getAttribute('aria-hidden') === 'true' || element.hasAttribute('hidden') || SILENT_TAGS.has(element.tagName)) {
    return true;
  }
  const style = (element as HTMLElement).style as CSSStyleDeclaration | undefined;
  return style?.display === 'none' || style?.visibility === 'hidden';
}

/** Runs of whitespace as one space, none at the ends: how a page renders text. */
export function foldWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function byIds(element: Element, attribute: string): Element[] {
  const ids = (element.getAttribute(attribute) ?? '').split(/\s+/).filter(Boolean);
  const root = element.getRootNode() as Document | ShadowRoot;
  return ids.map((id) => root.getElementById?.(id) ?? element.ownerDocument.getElementById(id)).filter((found): found is HTMLElement => found !== null);
}

/** An SVG's own name: its <title> child (icons that carry their meaning there). */
function svgTitle(svg: Element): string {
  const title = [...svg.children].find((child) => child.tagName.toLowerCase() === 'title');
  return foldWhitespace(title?.textContent ?? '');
}

/** The labels of a form control: `<label for>` and a wrapping `<label>`. */
function labelsOf(element: Element): Element[] {
  const labels: Element[] = [];
  const id = element.getAttribute('id');
  if (id) labels.push(...[...element.ownerDocument.querySelectorAll('label')].filter((label) => label.htmlFor === id));
  const wrapping = element.closest('label');
  if (wrapping && !labels.includes(wrapping)) labels.push(wrapping);
  return labels;
}

const LABELLABLE = 'input, select, textarea, meter, progress, output';

/**
 * The text of an element's content, as it counts towards a name: hidden parts skipped,
 * icons by their titles, images by their alt text, nested controls by their own names.
 * Block-level children are kept apart by a space so "Acme" and "Corp" in two divs do not run together.
 */
export function contentName(element: Element, visited = new Set<Element>()): string {
  const parts: string[] = [];
  for (const node of element.childNodes) {
    if (node.nodeType === 3) {
      parts.push(node.textContent ?? '');
      continue;
    }
    if (!(node instanceof Element) || visited.has(node) || isHiddenFromNames(node)) continue;
    const tag = node.tagName.toUpperCase();
    let part: string;
    if (tag === 'SVG') part = svgTitle(node);
    else if (tag === 'IMG') part = node.getAttribute('alt') ?? '';
    else if (tag === 'INPUT' && /^(button|submit|reset)$/i.test(node.getAttribute('type') ?? '')) part = (node as HTMLInputElement).value;
    else if (node.hasAttribute('aria-label') || node.hasAttribute('aria-labelledby')) part = accessibleName(node, visited);
    else part = contentName(node, visited);
    parts.push(isInline(node) ? part : ` ${part} `);
  }
  return foldWhitespace(parts.join(''));
}

const INLINE_TAGS = new Set(['SPAN', 'A', 'B', 'I', 'EM', 'STRONG', 'SMALL', 'CODE', 'MARK', 'ABBR', 'SUB', 'SUP', 'S', 'U', 'KBD', 'LABEL', 'TIME', 'BDI']);

function isInline(element: Element): boolean {
  return INLINE_TAGS.has(element.tagName.toUpperCase());
}

function namesFromContent(element: Element): boolean {
  const role = element.getAttribute('role');
  if (role) return NAME_FROM_CONTENT_ROLES.has(role);
  return NAME_FROM_CONTENT_TAGS.has(element.tagName.toUpperCase());
}

/**
 * The accessible name of an element, after the WAI-ARIA name computation in the parts the
 * dashboard can use: aria-labelledby, aria-label, native labels and alt text, content (for
 * roles named by their content), SVG <title>, and title last. Whitespace is folded.
 */
export function accessibleName(element: Element, visited = new Set<Element>()): string {
  if (visited.has(element)) return '';
  visited.add(element);
  if (element.hasAttribute('aria-labelledby')) {
    const referenced = byIds(element, 'aria-labelledby');
    // A referenced element counts even when hidden: that is how visually hidden labels work.
    const name = foldWhitespace(referenced.map((label) => (label === element ? contentName(label, visited) : accessibleNameOfLabel(label, visited))).join(' '));
    if (name) return name;
  }
  const ariaLabel = foldWhitespace(element.getAttribute('aria-label') ?? '');
  if (ariaLabel) return ariaLabel;
  const tag = element.tagName.toUpperCase();
  if (tag === 'IMG' || tag === 'AREA') {
    const alt = foldWhitespace(element.getAttribute('alt') ?? '');
    if (alt) return alt;
  }
  if (tag === 'SVG') {
    const title = svgTitle(element);
    if (title) return title;
  }
  if (tag === 'INPUT' && /^(button|submit|reset)$/i.test(element.getAttribute('type') ?? '')) {
    const value = foldWhitespace((element as HTMLInputElement).value);
    if (value) return value;
  }
  if (element.matches(LABELLABLE)) {
    const name = foldWhitespace(labelsOf(element).map((label) => contentName(label, new Set([...visited, element]))).join(' '));
    if (name) return name;
  }
  if (namesFromContent(element)) {
    const name = contentName(element, visited);
    if (name) return name;
  }
  return foldWhitespace(element.getAttribute('title') ?? '');
}

function accessibleNameOfLabel(label: Element, visited: Set<Element>): string {
  return foldWhitespace(label.getAttribute('aria-label') ?? '') || contentName(label, visited);
}

/** Icon-font glyphs (private use) and pictographic symbols such as ▾ or ⌄ say nothing about a name. */
const ICON_GLYPHS = /[\p{Co}\p{So}]/gu;
const ELLIPSIS = /(?:…|\.{3})/g;

/**
 * The form every adapter text pattern is matched against: lower case, ellipses removed,
 * icon glyphs removed, whitespace folded. "Download 12 files..." and "download  12 FILES…"
 * both become "download 12 files".
 */
export function normalizeName(text: string): string {
  return foldWhitespace(text.replace(ELLIPSIS, ' ').replace(ICON_GLYPHS, ' ').toLowerCase());
}

/** Whether a name matches a pattern written for normalized names (lower case, no ellipsis). */
export function nameMatches(name: string, pattern: RegExp): boolean {
  return pattern.test(normalizeName(name));
}

/** Whether an element's accessible name matches a pattern written for normalized names. */
export function isNamed(element: Element, pattern: RegExp): boolean {
  return nameMatches(accessibleName(element), pattern);
}
