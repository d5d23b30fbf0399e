/**
 * GET /organization/projects/{id}/api_keys with `owner_project_access` (docs/facts.md §1).
 * Without the parameter the API "may exclude some enabled keys"; `any` lists every enabled
 * key, which is what an inventory (key hygiene, per-key spend) needs.
 */
import type { AdminGet } from './admin-request';
import { readListPages } from './list-pages';
import { parseListPage, parseProjectApiKey, type ProjectApiKey } from './responses';
import { asObject, readOptionalString, ShapeError } from './shape';

export type OwnerProjectAccess = 'active' | 'inactive' | 'any';

export interface ProjectApiKeyEntry extends ProjectApiKey {
  /** Whether the key's owner still has access to the project; null when the API did not say. */
  ownerProjectAccess: 'active' | 'inactive' | null;
}

export const PROJECT_KEYS_PAGE_SIZE = 100;
/** 2,000 keys in one project is far beyond real use; stops a server that never says "done". */
export const PROJECT_KEYS_MAX_PAGES = 20;

export async function listProjectApiKeys(
  get: AdminGet,
  projectId: string,
  { ownerProjectAccess = 'any' }: { ownerProjectAccess?: OwnerProjectAccess } = {},
): Promise<ProjectApiKeyEntry[]> {
  const path = `/organization/projects/${encodeURIComponent(projectId)}/api_keys`;
  const { items } = await readListPages(
    (after) =>
      get(
        path,
        { limit: PROJECT_KEYS_PAGE_SIZE, after, owner_project_access: ownerProjectAccess },
        (json) => parseListPage(json, parseProjectApiKeyEntry),
      ),
    { maxPages: PROJECT_KEYS_MAX_PAGES },
  );
  return items;
}

export function parseProjectApiKeyEntry(value: unknown, path: string): ProjectApiKeyEntry {
  const access = readOptionalString(asObject(value, path), 'owner_project_access', path);
  if (access !== null && access !== 'active' && access !== 'inactive') {
    throw new ShapeError(`${path}.owner_project_access`, '"active" or "inactive"');
  }
  return { ...parseProjectApiKey(value, path), ownerProjectAccess: access };
}
