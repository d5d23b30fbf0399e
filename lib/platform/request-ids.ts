/**
 * The project and organization the dashboard's own API requests are made for: their
 * `OpenAI-Project` and `OpenAI-Organization` headers (docs/facts.md §3), seen by the
 * page-world observer (entrypoints/logging-setting.content.ts) and posted to the content
 * script. Nothing is requested; only ids of the documented shapes pass.
 *
 * A header is paired with the name the switcher showed when the request was seen: after a
 * switch the header lags the new name until the dashboard's next request, and an id must
 * never be filed under the other project's name.
 */

import { isOrganizationId, isProjectId } from '../admin-api/scope';

export const REQUEST_IDS_MESSAGE = 'refined-openai-platform:request-ids';
export const REQUEST_IDS_REQUEST = 'refined-openai-platform:request-ids?';

export const REQUEST_HEADERS = { project: 'openai-project', organization: 'openai-organization' } as const;

const ID_PATTERNS = { project: isProjectId, organization: isOrganizationId } as const;

export interface RequestIds {
  project: string | null;
  organization: string | null;
}

function validId(kind: keyof RequestIds, value: unknown): string | null {
  return typeof value === 'string' && ID_PATTERNS[kind](value) ? value : null;
}

/** The ids of a message from the page world; null for anything else. The page can post these too: at most it picks which id is shown. */
export function parseRequestIdsMessage(data: unknown): RequestIds | null {
  if (typeof data !== 'object' || data === null || (data as { type?: unknown }).type !== REQUEST_IDS_MESSAGE) return null;
  const record = data as Record<string, unknown>;
  const ids = { project: validId('project', record.project), organization: validId('organization', record.organization) };
  return ids.project || ids.organization ? ids : null;
}

/** The ids a request carries in its headers, read without consuming anything. */
export function idsFromHeaders(get: (name: string) => string | null): RequestIds {
  return {
    project: validId('project', get(REQUEST_HEADERS.project)?.trim()),
    organization: validId('organization', get(REQUEST_HEADERS.organization)?.trim()),
  };
}

interface Sighting {
  id: string;
  /** The name shown when the id was seen; null when nothing was shown yet. */
  name: string | null;
}

const sightings: Record<keyof RequestIds, Sighting | null> = { project: null, organization: null };

export interface ShownNames {
  organization: string;
  project: string;
}

/** Records ids seen in a request, paired with the names on screen. Returns whether anything changed. */
export function noteRequestIds(ids: RequestIds, shown: ShownNames | null): boolean {
  let changed = false;
  for (const kind of ['project', 'organization'] as const) {
    const id = ids[kind];
    if (!id) continue;
    const name = shown?.[kind] ?? null;
    const previous = sightings[kind];
    if (previous?.id === id && (previous.name === name || name === null)) continue;
    sightings[kind] = { id, name };
    changed = true;
  }
  return changed;
}

/**
 * The id the dashboard's requests carry for the name now shown, or null. An id seen before
 * any name was shown belongs to the first name shown (the app loads before it renders).
 */
export function requestIdFor(kind: keyof RequestIds, shownName: string): string | null {
  const sighting = sightings[kind];
  if (!sighting) return null;
  sighting.name ??= shownName;
  return sighting.name === shownName ? sighting.id : null;
}

/** For tests: forget every sighting. */
export function forgetRequestIds(): void {
  sightings.project = null;
  sightings.organization = null;
}
