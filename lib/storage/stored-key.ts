import { getAdminKey, listStoredAdminKeys } from './key-store';

/**
 * The stored key's text (null: none): what every connection to the Admin API is made from
 * (lib/admin-api/connect.ts), in the worker and on the export page. The first organization's.
 */
export async function readStoredKey(): Promise<string | null> {
  return (await getAdminKey())?.key ?? null;
}

/**
 * The key of the organization with this id (a platform tab's `org-…` id, as the yearly export
 * is asked for it), else the first organization's, as before there were several.
 */
export async function readStoredKeyFor(organizationId: string | null): Promise<string | null> {
  const keys = await listStoredAdminKeys();
  const own = organizationId === null ? undefined : keys.find((entry) => entry.record.organization.id === organizationId);
  return (own ?? keys[0])?.record.key ?? null;
}
