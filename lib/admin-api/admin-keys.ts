import { asObject, readOptionalCount, readString, type JsonObject } from './shape';

/** One item of GET /organization/admin_api_keys (openapi `AdminApiKey`), the fields the extension reads. */
export interface AdminApiKeyInfo {
  id: string;
  /** E.g. "sk-admin...def": the key's first and last characters. */
  redactedValue: string;
  /** Unix seconds; null when the key does not expire. */
  expiresAt: number | null;
}

export function parseAdminApiKey(value: unknown, path: string): AdminApiKeyInfo {
  const key: JsonObject = asObject(value, path);
  return {
    id: readString(key, 'id', path),
    redactedValue: readString(key, 'redacted_value', path),
    expiresAt: readOptionalCount(key, 'expires_at', path),
  };
}

/**
 * The listed key that is `key`, recognized by its redacted value (the API returns no other
 * link between a key and its listing). Null unless exactly one listed key fits: a wrong
 * guess would warn about another key's expiry.
 */
export function findOwnAdminKey(keys: readonly AdminApiKeyInfo[], key: string): AdminApiKeyInfo | null {
  const fits = keys.filter(({ redactedValue }) => {
    const parts = redactedValue.split(/\.{3}|…/);
    if (parts.length !== 2) return false;
    const [start, end] = parts as [string, string];
    return start.length > 0 && end.length > 0 && key.length > start.length + end.length && key.startsWith(start) && key.endsWith(end);
  });
  return fits.length === 1 ? fits[0]! : null;
}
