/**
 * Hard monthly spend limits of the organization and of each project (docs/facts.md §1,
 * "Spend limits"): `GET /organization/spend_limit` and
 * `GET /organization/projects/{project_id}/spend_limit` →
 * `{"object":"project.spend_limit","threshold_amount":10000,"currency":"USD","interval":"month","enforcement":{"status":"enforcing"}}`,
 * `threshold_amount` in cents.
 *
 * Not having a limit, and a key that may not read limits, are ordinary answers here, not
 * errors: the glance shows them as a quiet state. How "no limit" is answered is not
 * documented, so a 404, a missing or null threshold and a zero threshold all mean "no limit".
 */
import { AdminApiError } from './errors';
import { scopeProjectId, type Scope } from './scope';
import { asObject, readOptionalString, ShapeError, type JsonObject } from './shape';
import { buildUrl, getJson, type TransportOptions } from './transport';
import type { Micros } from '../core/money';

/** Kept as a name for callers; it is the one Scope (lib/admin-api/scope.ts). */
export type SpendLimitScope = Scope;

export interface SpendLimit {
  /** The limit in integer micro-units (cents × 10 000), like every amount in the extension. */
  thresholdMicros: Micros;
  /** Uppercase ISO 4217 ("USD", the only one the API supports today). */
  currency: string;
  /** "month", the only interval today; kept so a new one is shown rather than misread. */
  interval: string;
  /** false when the API says the limit is `inactive`: requests will not be refused at it. */
  enforcing: boolean;
  /** The raw enforcement status, for anything other than `enforcing`/`inactive`. */
  enforcementStatus: string | null;
}

export type SpendLimitResult =
  | { state: 'limit'; limit: SpendLimit }
  /** No limit is set (or the endpoint does not exist for this scope). */
  | { state: 'no-limit' }
  /** 403: the admin key may not read limits. Not an error: the glance says so quietly. */
  | { state: 'not-allowed' };

/** GET a JSON document by API path, throwing AdminApiError (as lib/admin-api/transport.ts getJson does). */
export type GetJsonByPath = (path: string) => Promise<unknown>;

export function spendLimitPath(scope: SpendLimitScope): string {
  const projectId = scopeProjectId(scope);
  return projectId === null ? '/organization/spend_limit' : `/organization/projects/${encodeURIComponent(projectId)}/spend_limit`;
}

/** The spend-limit resource, or null when it describes no limit. Throws ShapeError on anything else. */
export function parseSpendLimit(json: unknown): SpendLimit | null {
  const resource = asObject(json, 'response');
  const threshold = resource.threshold_amount;
  if (threshold === undefined || threshold === null || threshold === 0) return null;
  if (typeof threshold !== 'number' || !Number.isSafeInteger(threshold) || threshold < 0) {
    throw new ShapeError('response.threshold_amount', 'a non-negative integer (cents)');
  }
  const status = enforcementStatus(resource);
  return {
    thresholdMicros: threshold * 10_000,
    currency: (readOptionalString(resource, 'currency', 'response') ?? 'USD').toUpperCase(),
    interval: readOptionalString(resource, 'interval', 'response') ?? 'month',
    // Only an explicit `inactive` turns enforcement off: an unknown status is shown as enforcing,
    // the safer reading for someone about to hit it.
    enforcing: status !== 'inactive',
    enforcementStatus: status,
  };
}

function enforcementStatus(resource: JsonObject): string | null {
  const enforcement = resource.enforcement;
  if (enforcement === undefined || enforcement === null) return null;
  return readOptionalString(asObject(enforcement, 'response.enforcement'), 'status', 'response.enforcement');
}

/**
 * Reads one scope's limit. 403 → `not-allowed`, 404 → `no-limit`; other failures (401,
 * 429, 5xx, offline, malformed) reject with AdminApiError like every other call.
 */
export async function readSpendLimit(getJsonByPath: GetJsonByPath, scope: SpendLimitScope): Promise<SpendLimitResult> {
  const path = spendLimitPath(scope);
  let json: unknown;
  try {
    json = await getJsonByPath(path);
  } catch (error) {
    if (error instanceof AdminApiError && error.kind === 'forbidden') return { state: 'not-allowed' };
    if (error instanceof AdminApiError && error.status === 404) return { state: 'no-limit' };
    throw error;
  }
  try {
    const limit = parseSpendLimit(json);
    return limit === null ? { state: 'no-limit' } : { state: 'limit', limit };
  } catch (error) {
    if (error instanceof ShapeError) throw new AdminApiError('malformed', { detail: `${path}: ${error.message}`, cause: error });
    throw error;
  }
}

/** The transport's GET, by path: what readSpendLimit needs from an admin client's options. */
export function getJsonByPath(transport: TransportOptions): GetJsonByPath {
  return (path) => getJson(transport, buildUrl(path, {}));
}
