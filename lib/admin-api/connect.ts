import { createAdminGet, type AdminClientOptions, type AdminGet } from './admin-request';
import { createAdminClient, type AdminClient } from './client';

/** What a connection needs besides the key: how to fetch, and the clock and retry settings. */
export type AdminConnection = Omit<AdminClientOptions, 'apiKey'>;

/** One admin key's way to the Admin API: the whole client and its bare GET, made from the same options. */
export interface AdminApi {
  /** The key as sent (what a paste adds trimmed, by createAdminGet's rule). */
  key: string;
  client: AdminClient;
  get: AdminGet;
}

/**
 * The one entry from an admin key to the Admin API, used by every caller: the worker's
 * steps (usage refresh, glance details, security watch, logging sources), the key check
 * when the user saves one, and the accounting export. Throws AdminApiError('invalid-key') for
 * a key that could not be sent (admin-request.ts).
 */
export function adminApiFor(key: string, connection: AdminConnection): AdminApi {
  const options: AdminClientOptions = { ...connection, apiKey: key.trim() };
  return { key: options.apiKey, client: createAdminClient(options), get: createAdminGet(options) };
}

/**
 * The same from a stored key: `readKey` is the key store's reader (readStoredKey in
 * lib/storage/key-store.ts, or what a caller was given in its place); null when no key is stored.
 */
export async function connectAdminApi(readKey: () => Promise<string | null>, connection: AdminConnection): Promise<AdminApi | null> {
  const key = await readKey();
  return key === null ? null : adminApiFor(key, connection);
}
