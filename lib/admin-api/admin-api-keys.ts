/** GET /organization/admin_api_keys (schema `AdminApiKey`, `ApiKeyList`). */
import type { AdminGet } from './admin-request';
import { readListPages } from './list-pages';
import { parseListPage } from './responses';
import { asObject, readCount, readOptionalCount, readOptionalString, readString } from './shape';

export interface AdminApiKeyEntry {
  id: string;
  name: string | null;
  /** "sk-admin...xyz" */
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
 * Which listed key is the one in use: the redacted value keeps the key's last characters
 * ("sk-admin...xyz"). Null unless exactly one key matches, so a guess is never shown as fact.
 */
export function findOwnAdminKey(keys: readonly AdminApiKeyEntry[], secret: string): AdminApiKeyEntry | null {
  const matches = keys.filter((key) => {
    const tail = /(?:\.\.\.|…)([^.…]+)$/.exec(key.redactedValue)?.[1];
    return tail !== undefined && tail.length >= 3 && secret.endsWith(tail);
  });
  return matches.length === 1 ? matches[0]! : null;
}
