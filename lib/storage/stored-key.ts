import { getAdminKey } from './key-store';

/**
 * The stored key's text (null: none): what every connection to the Admin API is made from
 * (lib/admin-api/connect.ts), in the worker and on the export page.
 */
export async function readStoredKey(): Promise<string | null> {
  return (await getAdminKey())?.key ?? null;
}
