import { keyOwnerLabel } from '../admin-api/key-owner';
import type { SpendLimitResult } from '../admin-api/spend-limits';
import type { AttributionKey, KeyAttribution } from '../usage/key-attribution';
import type { UsageScope } from '../usage/summarize-usage';
import type { LookupLog } from './request-plan';

/**
 * "Which key" and "how close to the limit", kept beside the per-project figures: each
 * project's keys for the month (from the refresh's usage grouped by api_key_id, named from
 * the project's key list) and the spend limits. Key lists and limits are one request per
 * project, so they are looked up at most once per UTC day per project with traffic
 * (dueLookups) and the last answers are kept here between refreshes.
 *
 * storage.session, like usageProjectSummaries: key names and owners are for extension pages
 * only, never for platform tabs. Written only by the refresh (one writer).
 */
export interface GlanceDetails {
  /** The UsageCache.fetchedAt the key attribution belongs to. */
  fetchedAt: number;
  /** Project id → its keys over the month to date (per-key dollars are an estimate). */
  keys: Record<string, KeyAttribution>;
  /** Scope → its limit as last read; a scope missing was not read (yet). */
  limits: Partial<Record<UsageScope, SpendLimitResult>>;
  /** Project id → its key list as last read; null when the key may not list them (403). */
  keyLists: Record<string, AttributionKey[] | null>;
  /** When each lookup last answered (403 included), for dueLookups. */
  log: LookupLog;
  /** Projects with traffic beyond the MAX_DETAIL_PROJECTS biggest spenders, whose keys and limits are not kept. */
  omitted?: number;
}

type StoredV1KeyUsage = Omit<KeyAttribution['keys'][number], 'owner'> & { ownerType?: string | null; ownerName?: string | null };

/**
 * v1 kept a key's owner as type and display name; v2 names it as keyOwnerLabel does
 * (a user's e-mail or a service account's name). A v1 list has no e-mail: the name stands in.
 */
export function migrateGlanceDetailsToV2(previous: unknown): unknown {
  if (typeof previous !== 'object' || previous === null) return previous;
  const details = previous as Omit<GlanceDetails, 'keys'> & { keys?: Record<string, Omit<KeyAttribution, 'keys'> & { keys?: StoredV1KeyUsage[] }> };
  const keys = Object.fromEntries(
    Object.entries(details.keys ?? {}).map(([projectId, attribution]) => [
      projectId,
      {
        ...attribution,
        keys: (attribution.keys ?? []).map(({ ownerType, ownerName, ...usage }) => ({
          ...usage,
          owner: ownerType === undefined ? null : keyOwnerLabel({ type: ownerType ?? 'user', name: ownerName ?? null }),
        })),
      },
    ]),
  );
  const keyLists = Object.fromEntries(
    Object.entries(details.keyLists ?? {}).map(([projectId, list]) => [
      projectId,
      list === null ? null : list.map((key) => ({ ...key, owner: { ...key.owner, email: key.owner.email ?? null } })),
    ]),
  );
  return { ...details, keys, keyLists };
}
