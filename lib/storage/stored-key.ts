import { getAdminKey, listStoredAdminKeys } from './key-store';

/**
 * The stored key's text (null: none): what every connection to the Admin API is made from
 * (lib/admin-api/connect.ts), in the worker and on the export page. The first organization's.
 */
export async function readStoredKey(): Promise<string | null> {
  return (await getAdminKey())?.key ?? null;
}

/**
 * The key of the organization with this id (a platform tab's `org-…` id, as an accounting
 * export is asked for it). Without an id: the first organization's. With an id no stored key
 * has: the only key when there is just one (a key verified with no platform tab open has no
 * `org-…` id, and a single-organization user must not lose the export over it), and none when
 * there are several, since another organization's key would export its costs under this name.
 */
export async function readStoredKeyFor(organizationId: string | null): Promise<string | null> {
  const keys = await listStoredAdminKeys();
  if (organizationId === null) return keys[0]?.record.key ?? null;
  const own = keys.find((entry) => entry.record.organization.id === organizationId);
  if (own) return own.record.key;
  return keys.length === 1 ? (keys[0]?.record.key ?? null) : null;
}
