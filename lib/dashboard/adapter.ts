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
function visibleName(element: Element): string {
  return (element.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function isPlausibleName(name: string): boolean {
  return name.length > 0 && name.length <= MAX_NAME_LENGTH;
}

/**
 * The organization and project switchers: the first two picker triggers of the top bar,
 * in reading order, each showing a name. Anything else (one trigger, nameless triggers)
 * is not recognized.
 */
export function findProjectSwitcher(document: Document): ProjectSwitcher | null {
  for (const selector of TOP_BAR_SELECTORS) {
    for (const bar of document.querySelectorAll<HTMLElement>(selector)) {
      const triggers = [...bar.querySelectorAll<HTMLElement>(PICKER_TRIGGER_SELECTOR)].filter((trigger) =>
        isPlausibleName(visibleName(trigger)),
      );
      const [organizationElement, projectElement] = triggers;
      if (!organizationElement || !projectElement) continue;
      const storage = document.defaultView?.localStorage ?? null;
      return {
        organizationElement,
        projectElement,
        organizationName: visibleName(organizationElement),
        projectName: visibleName(projectElement),
        projectId: parseStoredId(readStorage(storage, STORAGE_KEYS.activeProject), 'proj_'),
        organizationId: parseStoredId(readStorage(storage, STORAGE_KEYS.activeOrganization), 'org-'),
      };
    }
  }
  return null;
}
