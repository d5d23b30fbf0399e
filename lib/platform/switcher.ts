/**
 * The organization and project switchers (docs/facts.md §3): public screenshots show a
 * breadcrumb at the very top-left (avatar with the organization's initial, its name, a
 * chevron, a grey "/", the project's name, a chevron), menus that open on hover (so no
 * `aria-haspopup` is guaranteed), and a redesign may put both names in one trigger, move
 * them into a sidebar or make them links. No single attribute is required: a pair is
 * recognized from several independent signals, some saying "this is a picker" (the "/",
 * chevrons, aria-haspopup, the avatar, names of known projects), some saying "this is
 * where the switcher lives" (a top-bar or sidebar landmark, the top-left of the page).
 * The Usage page's own "All projects" picker sits in the main content and is never taken.
 */

import { isOrganizationId, isProjectId, PROJECT_ID_SOURCE } from '../admin-api/scope';
import { OPEN_POPUP_SELECTOR, OWNED_MARK, readStorage } from './common';
import { accessibleName, foldWhitespace, isHiddenFromNames, normalizeName } from './names';
import { noteRequestIds, parseRequestIdsMessage, REQUEST_IDS_REQUEST, requestIdFor } from './request-ids';

/** localStorage keys the dashboard keeps (format is a guess: see parseStoredId). */
export const STORAGE_KEYS = {
  activeOrganization: 'oai/activeOrg',
  activeProject: 'oai/activeProj',
} as const;

export interface ProjectSwitcher {
  /** What shows the organization's name: its trigger, or the part of a shared trigger. */
  organizationElement: HTMLElement;
  /** What shows the project's name: its trigger, or the part of a shared trigger. */
  projectElement: HTMLElement;
  organizationName: string;
  projectName: string;
  /** From the URL, the dashboard's request headers or localStorage; null when none says. */
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
  const isId = prefix === 'proj_' ? isProjectId : isOrganizationId;
  for (const candidate of candidates) {
    if (isId(candidate)) return candidate;
  }
  return null;
}

/** Project settings pages carry the project's id: `/settings/proj_…/api-keys` (docs/facts.md §3). */
const PROJECT_ID_IN_PATH = new RegExp(`^/settings/(${PROJECT_ID_SOURCE})(?:/|$)`);

export function projectIdFromUrl(url: URL): string | null {
  return PROJECT_ID_IN_PATH.exec(url.pathname)?.[1] ?? null;
}

// ---------------------------------------------------------------------------
// Reading one trigger: its named parts, separators, chevrons and avatar

const TRIGGER_SELECTOR = 'button, a[href], [role="button"], [role="combobox"], [role="link"]';
const MAX_NAME_LENGTH = 120;
/** "/" between the names (the breadcrumb), or the separators a redesign might use instead. */
const SEPARATOR = /^[/›»|]$/;
/** The avatar holds the organization's initial: one or two letters or digits. */
const INITIAL = /^[\p{L}\p{N}]{1,2}$/u;

/**
 * Names that are the dashboard's own interface, never an organization or a project: the
 * top bar's and the sidebar's links and menus. Compared after normalizeName.
 */
const INTERFACE_NAMES = new Set([
  'all projects', 'openai', 'openai home', 'home', 'dashboard', 'playground', 'chat', 'docs', 'documentation', 'api reference',
  'help', 'settings', 'log in', 'log out', 'sign in', 'sign up', 'account', 'profile', 'usage', 'logs', 'api keys', 'admin keys',
  'billing', 'limits', 'members', 'projects', 'organization', 'project', 'storage', 'batches', 'assistants', 'agents',
  'agent builder', 'chatkit', 'realtime', 'audio', 'images', 'evaluations', 'evals', 'fine-tuning', 'fine tuning',
  'vector stores', 'files', 'data controls', 'search', 'menu', 'open menu', 'close', 'more', 'notifications', 'create',
  'manage', 'optimize', 'forum', 'cookbook', 'status', 'apps', 'prompts', 'completions', 'responses', 'traces', 'user menu',
  'toggle sidebar', 'collapse sidebar', 'expand sidebar', 'theme', 'invite', 'upgrade',
]);

interface NamePart {
  name: string;
  element: HTMLElement;
}

interface TriggerReading {
  trigger: HTMLElement;
  parts: NamePart[];
  /** A "/" between two parts inside the trigger. */
  slashInside: boolean;
  /** An icon after the first part's text: the chevron of a picker. */
  chevron: boolean;
  /** An initial before the first name, as the organization's avatar shows. */
  avatar: boolean;
}

type Segment = { kind: 'text'; node: Text } | { kind: 'slash' } | { kind: 'icon' };

function segmentsOf(root: Element): Segment[] {
  const segments: Segment[] = [];
  const walk = (node: Node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3) {
        const value = (child.textContent ?? '').trim();
        if (SEPARATOR.test(value)) segments.push({ kind: 'slash' });
        else if (value) segments.push({ kind: 'text', node: child as Text });
        continue;
      }
      if (!(child instanceof Element)) continue;
      const tag = child.tagName.toLowerCase();
      if (tag === 'svg' || tag === 'img' || child.getAttribute('role') === 'img') {
        segments.push({ kind: 'icon' });
        continue;
      }
      if (isHiddenFromNames(child)) {
        // A hidden "/" is still the breadcrumb's separator (screen readers skip decoration).
        if (SEPARATOR.test((child.textContent ?? '').trim())) segments.push({ kind: 'slash' });
        else if (child.querySelector('svg, img')) segments.push({ kind: 'icon' });
        continue;
      }
      walk(child);
    }
  };
  walk(root);
  return segments;
}

/** The lowest element inside `root` holding every node, or root itself. */
function commonElement(root: HTMLElement, nodes: Node[]): HTMLElement {
  let candidate = nodes[0]?.parentElement ?? root;
  while (candidate !== root && !nodes.every((node) => candidate.contains(node))) candidate = candidate.parentElement ?? root;
  return candidate as HTMLElement;
}

function readTrigger(trigger: HTMLElement): TriggerReading {
  const segments = segmentsOf(trigger);
  /** Runs of text between separators, each with what separated it from the run before. */
  const groups: { nodes: Text[]; after: 'slash' | 'icon' | null }[] = [{ nodes: [], after: null }];
  let slashInside = false;
  let chevron = false;
  let pending: 'slash' | 'icon' | null = null;
  for (const segment of segments) {
    const current = groups[groups.length - 1] as (typeof groups)[number];
    const started = groups.some((group) => group.nodes.length > 0);
    if (segment.kind === 'text') {
      if (pending && current.nodes.length > 0) groups.push({ nodes: [segment.node], after: pending });
      else current.nodes.push(segment.node);
      pending = null;
      continue;
    }
    if (segment.kind === 'slash' && started) slashInside = true;
    if (segment.kind === 'icon' && started) chevron = true;
    // A slash outweighs an icon as the separator between two names.
    if (started) pending = segment.kind === 'slash' || pending === 'slash' ? 'slash' : 'icon';
  }
  const partOf = (nodes: Text[]) => ({ name: foldWhitespace(nodes.map((node) => node.textContent ?? '').join('')), element: commonElement(trigger, nodes), nodes });
  let parts = groups.filter((group) => group.nodes.length > 0).map((group) => ({ ...partOf(group.nodes), after: group.after }));
  // The avatar: a first part that is only an initial, in an element of its own, before the name.
  let avatar = false;
  const [first, second] = parts;
  if (first && second && second.after !== 'slash' && INITIAL.test(first.name) && first.element !== trigger) {
    avatar = true;
    parts = parts.slice(1);
  } else if (first && first.nodes.length > 1 && INITIAL.test((first.nodes[0]?.textContent ?? '').trim())) {
    // Initial and name in separate elements with nothing between them ("T" + "T567").
    const [initialNode, ...rest] = first.nodes;
    if (initialNode?.parentElement !== rest[0]?.parentElement) {
      avatar = true;
      parts[0] = { ...partOf(rest), after: null };
    }
  }
  // "T T567" in one text node: the initial of the name itself, repeated before it.
  const only = parts.length === 1 ? parts[0] : undefined;
  const repeated = only && /^(\p{L}|\p{N})\s+(.+)$/u.exec(only.name);
  if (only && repeated?.[1] && repeated[2] && repeated[2].toLowerCase().startsWith(repeated[1].toLowerCase())) {
    avatar = true;
    only.name = repeated[2];
  }
  if (parts.length === 0) {
    // Icon-only: the name is in aria-label, title or an SVG <title>.
    const name = accessibleName(trigger);
    if (name) parts = [{ name, element: trigger, nodes: [], after: null }];
  }
  return { trigger, parts: parts.map(({ name, element }) => ({ name, element })), slashInside, chevron, avatar };
}

function isPlausibleName(name: string): boolean {
  return name.length > 1 && name.length <= MAX_NAME_LENGTH && !INTERFACE_NAMES.has(normalizeName(name));
}

function isHomeLink(element: Element): boolean {
  const href = element.getAttribute('href');
  return element.tagName === 'A' && (href === '/' || href === `${element.ownerDocument.location?.origin}/`);
}

/** Never the switcher: our own UI, open pop-ups, and the page's content, where the Usage page's own "All projects" picker lives. */
const EXCLUDED_ZONES = `[${OWNED_MARK}], ${OPEN_POPUP_SELECTOR}, main, [role="main"]`;

function triggerReadings(document: Document): TriggerReading[] {
  const all = [...document.querySelectorAll<HTMLElement>(TRIGGER_SELECTOR)];
  // In document order a container comes right before what it contains: its inner triggers are the controls.
  const controls = all.filter(
    (element, index) =>
      !all[index + 1]?.parentElement?.closest(TRIGGER_SELECTOR)?.isSameNode(element) &&
      !element.closest(EXCLUDED_ZONES) &&
      !isHomeLink(element) &&
      !isHiddenFromNames(element),
  );
  return controls.map(readTrigger).filter((reading) => reading.parts.length > 0 && reading.parts.every((part) => isPlausibleName(part.name)));
}

// ---------------------------------------------------------------------------
// Pairs and their signals

/** What lies between two triggers in document order, if they sit side by side. */
function between(first: Element, second: Element): { slash: boolean; icon: boolean } | null {
  const document = first.ownerDocument;
  const walker = document.createTreeWalker(document.body ?? document.documentElement, 0x1 | 0x4);
  walker.currentNode = first;
  let node: Node | null = walker.nextNode();
  let visited = 0;
  let slash = false;
  let icon = false;
  let extraText = '';
  while (node && node !== second) {
    if (!first.contains(node)) {
      visited += 1;
      if (visited > 40) return null;
      if (node.nodeType === 3) {
        const value = (node.textContent ?? '').trim();
        if (SEPARATOR.test(value)) slash = true;
        else extraText += value;
      } else if (node instanceof Element && (node.tagName.toLowerCase() === 'svg' || node.tagName === 'IMG')) {
        icon = true;
      }
      if (extraText.length > 2) return null;
    }
    node = walker.nextNode();
  }
  return node === second ? { slash, icon } : null;
}

const KNOWN = { projects: new Set<string>(), organizations: new Set<string>() };

/**
 * Names of projects (and their organizations) the extension has seen before: a pair whose
 * names match is more likely the switcher. Fed by the project-emphasis feature.
 */
export function noteKnownProjects(projects: Iterable<{ name: string; organization: string }>): void {
  for (const project of projects) {
    KNOWN.projects.add(normalizeName(project.name));
    KNOWN.organizations.add(normalizeName(project.organization));
  }
}

/** For tests: forget what noteKnownProjects was told. */
export function forgetKnownProjects(): void {
  KNOWN.projects.clear();
  KNOWN.organizations.clear();
}

interface Candidate {
  organization: NamePart;
  project: NamePart;
  triggers: HTMLElement[];
  slash: boolean;
  chevron: boolean;
  avatar: boolean;
}

const TOP_LEFT_PX = 160;
const STACKED_PX = 96;

/** Whether the triggers sit in the page's top-left corner, side by side or stacked. Needs layout. */
function atTopLeft(triggers: HTMLElement[]): boolean {
  const view = triggers[0]?.ownerDocument.defaultView;
  if (!view) return false;
  const rects = triggers.map((trigger) => trigger.getBoundingClientRect());
  if (rects.some((rect) => rect.width === 0 || rect.height === 0 || rect.top < 0 || rect.top >= TOP_LEFT_PX || rect.right > view.innerWidth / 2)) {
    return false;
  }
  const tops = rects.map((rect) => rect.top);
  return Math.max(...tops) - Math.min(...tops) < STACKED_PX;
}

function inSwitcherLandmark(element: Element): boolean {
  return element.closest('header, [role="banner"], nav, [role="navigation"], aside, [role="complementary"]') !== null;
}

function hasPopup(element: Element): boolean {
  const popup = element.getAttribute('aria-haspopup');
  return (popup !== null && popup !== 'false') || element.getAttribute('role') === 'combobox';
}

/**
 * Points for a candidate, and whether it has at least one "picker" signal and one "place"
 * signal: two independent kinds of evidence, so no single attribute decides.
 */
function score(candidate: Candidate): { points: number; picker: boolean; place: boolean } {
  let picker = 0;
  let place = 0;
  if (candidate.slash) picker += 2;
  if (candidate.chevron) picker += 1;
  if (candidate.avatar) picker += 1;
  const popups = candidate.triggers.filter(hasPopup).length;
  if (popups > 0) picker += popups === candidate.triggers.length ? 2 : 1;
  if (KNOWN.projects.has(normalizeName(candidate.project.name))) picker += 2;
  if (KNOWN.organizations.has(normalizeName(candidate.organization.name))) picker += 1;
  if (candidate.triggers.every(inSwitcherLandmark)) place += 1;
  // Layout is read only when the markup alone does not settle it: every mutation re-detects.
  if ((place === 0 || picker + place < MIN_POINTS) && atTopLeft(candidate.triggers)) place += 2;
  return { points: picker + place, picker: picker > 0, place: place > 0 };
}

function candidates(readings: TriggerReading[]): Candidate[] {
  const found: Candidate[] = [];
  for (const reading of readings) {
    const [organization, project] = reading.parts;
    if (reading.parts.length === 2 && organization && project && organization.element !== project.element) {
      // One trigger holding both names.
      found.push({ organization, project, triggers: [reading.trigger], slash: reading.slashInside, chevron: reading.chevron, avatar: reading.avatar });
    }
  }
  for (let index = 0; index + 1 < readings.length; index++) {
    const first = readings[index] as TriggerReading;
    const second = readings[index + 1] as TriggerReading;
    const [organization] = first.parts;
    const [project] = second.parts;
    if (first.parts.length !== 1 || second.parts.length !== 1 || !organization || !project) continue;
    const gap = between(first.trigger, second.trigger);
    if (!gap) continue;
    found.push({
      organization: { ...organization, element: first.trigger },
      project: { ...project, element: second.trigger },
      triggers: [first.trigger, second.trigger],
      slash: gap.slash,
      chevron: first.chevron || second.chevron || gap.icon,
      avatar: first.avatar,
    });
  }
  return found;
}

const MIN_POINTS = 3;

/** The organization's and project's names and elements as shown, without ids. */
export function findSwitcherNames(document: Document): Omit<ProjectSwitcher, 'projectId' | 'organizationId'> | null {
  let best: { candidate: Candidate; points: number } | null = null;
  for (const candidate of candidates(triggerReadings(document))) {
    const { points, picker, place } = score(candidate);
    if (!picker || !place || points < MIN_POINTS) continue;
    if (!best || points > best.points) best = { candidate, points };
  }
  if (!best) return null;
  const { organization, project } = best.candidate;
  return {
    organizationElement: organization.element,
    projectElement: project.element,
    organizationName: organization.name,
    projectName: project.name,
  };
}

/**
 * The organization and project switchers, organization first, with the current ids. The
 * project's id comes from the URL, then the dashboard's own request headers, then
 * localStorage (docs/facts.md §3). Null when nothing on the page is recognizably the switcher.
 * The fourth source, the Admin API's project list by name, needs the admin key, which pages
 * never see: the worker and the popup apply it (lib/usage/project-by-name.ts).
 */
export function findProjectSwitcher(document: Document): ProjectSwitcher | null {
  const names = findSwitcherNames(document);
  if (!names) return null;
  const storage = document.defaultView?.localStorage ?? null;
  const url = new URL(document.location?.href ?? 'about:blank');
  return {
    ...names,
    projectId:
      projectIdFromUrl(url) ??
      requestIdFor('project', names.projectName) ??
      parseStoredId(readStorage(storage, STORAGE_KEYS.activeProject), 'proj_'),
    organizationId:
      requestIdFor('organization', names.organizationName) ??
      parseStoredId(readStorage(storage, STORAGE_KEYS.activeOrganization), 'org-'),
  };
}

/** The active organization, from the switcher when rendered, else from localStorage alone. */
export function readActiveOrganization(document: Document): { id: string | null; name: string } | null {
  const switcher = findProjectSwitcher(document);
  if (switcher) return { id: switcher.organizationId, name: switcher.organizationName };
  const id = parseStoredId(readStorage(document.defaultView?.localStorage ?? null, STORAGE_KEYS.activeOrganization), 'org-');
  return id ? { id, name: id } : null;
}

/**
 * Listens for the ids the page-world observer saw in the dashboard's requests, pairs them with
 * the names on screen, and calls `onChange` when that changes what findProjectSwitcher returns.
 * Asks once for what was seen before this content script started.
 */
export function watchRequestIds(window: Window, onChange: () => void, signal: AbortSignal): void {
  window.addEventListener(
    'message',
    (event: MessageEvent) => {
      const ids = event.source === window ? parseRequestIdsMessage(event.data) : null;
      if (!ids) return;
      const shown = findSwitcherNames(window.document);
      const names = shown && { organization: shown.organizationName, project: shown.projectName };
      if (noteRequestIds(ids, names)) onChange();
    },
    { signal },
  );
  window.postMessage({ type: REQUEST_IDS_REQUEST }, window.location.origin);
}
