/**
 * "The whole organization, or one project": the one way the extension names what an amount,
 * a request, an export or a spend limit is about. A project is named by its id (`proj_…`,
 * docs/facts.md §3), the organization by the word `organization`, so a scope is also a
 * storage key, a message payload and a URL parameter as it is.
 *
 * This module owns the id patterns: everything that accepts a project id from outside
 * (the dashboard's URLs, headers and localStorage, messages, the export page's URL) checks
 * it with these predicates.
 */

/** The organization, or a project id. */
export type Scope = 'organization' | (string & {});

export const ORGANIZATION_SCOPE = 'organization' satisfies Scope;

/** Longest id accepted, prefix included: a 2 MB "proj_…" string is refused, not stored. */
export const MAX_ID_CHARS = 64;

/** A project id inside a longer text (a path, an attribute), without anchors. */
export const PROJECT_ID_SOURCE = `proj_[A-Za-z0-9_-]{1,${MAX_ID_CHARS - 'proj_'.length}}`;
const PROJECT_ID = new RegExp(`^${PROJECT_ID_SOURCE}$`);
const ORGANIZATION_ID = new RegExp(`^org-[A-Za-z0-9_-]{1,${MAX_ID_CHARS - 'org-'.length}}$`);

export function isProjectId(value: unknown): value is string {
  return typeof value === 'string' && PROJECT_ID.test(value);
}

export function isOrganizationId(value: unknown): value is string {
  return typeof value === 'string' && ORGANIZATION_ID.test(value);
}

/** A scope from outside (a URL parameter, a message); null for anything else. */
export function parseScope(value: unknown): Scope | null {
  return value === ORGANIZATION_SCOPE || isProjectId(value) ? value : null;
}

/** The project a scope is about, or null for the organization. */
export function scopeProjectId(scope: Scope): string | null {
  return scope === ORGANIZATION_SCOPE ? null : scope;
}
