/** GET /organization/admin_api_keys (schema `AdminApiKey`, `ApiKeyList`): the one parser and listing of admin keys. */
import type { AdminGet } from './admin-request';
import { readListPages } from './list-pages';
import { parseListPage } from './responses';
import { asObject, readCount, readOptionalCount, readOptionalString, readString } from './shape';

export interface AdminApiKeyEntry {
  id: string;
  name: string | null;
  /** E.g. "sk-admin...xyz": the key's first and last characters. */
  redactedValue: string;
  createdAt: number;
  /** Unix seconds; null: never expires. */
  expiresAt: number | null;
  lastUsedAt: number | null;
  ownerName: string | null;
}

export async function listAdminApiKeys(get: AdminGet): Promise<AdminApiKeyEntry[]> {
  const { items } = await readListPages(
    (after) => get('/organization/admin_api_keys', { limit: 100, after }, (json) => parseListPage(json, parseAdminApiKey)),
    { maxPages: 10 },
  );
  return items;
}

export function parseAdminApiKey(value: unknown, path: string): AdminApiKeyEntry {
  const key = asObject(value, path);
  const owner = typeof key['owner'] === 'object' && key['owner'] !== null ? asObject(key['owner'], `${path}.owner`) : null;
  return {
    id: readString(key, 'id', path),
    name: readOptionalString(key, 'name', path),
    redactedValue: readString(key, 'redacted_value', path),
    createdAt: readCount(key, 'created_at', path),
    expiresAt: readOptionalCount(key, 'expires_at', path),
    lastUsedAt: readOptionalCount(key, 'last_used_at', path),
    ownerName: owner ? readOptionalString(owner, 'name', `${path}.owner`) : null,
  };
}

/**
 * The listed key that is `key`, recognized by its redacted value (the API returns no other
 * link between a key and its listing): its start and its end. Null unless exactly one
 * listed key fits: a guess would warn about another key's expiry, or show it as fact.
 */
export function findOwnAdminKey<Key extends { redactedValue: string }>(keys: readonly Key[], key: string): Key | null {
  const fits = keys.filter(({ redactedValue }) => {
    const parts = redactedValue.split(/\.{3}|…/);
    if (parts.length !== 2) return false;
    const [start, end] = parts as [string, string];
    return start.length > 0 && end.length > 0 && key.length > start.length + end.length && key.startsWith(start) && key.endsWith(end);
  });
  return fits.length === 1 ? fits[0]! : null;
}
