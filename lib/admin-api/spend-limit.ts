/** GET /organization/spend_limit (docs/facts.md §1, "Spend limits"; schema `OrganizationSpendLimitResource`). */
import type { AdminGet } from './admin-request';
import { AdminApiError } from './errors';
import { asObject, readCount, readOptionalString, readString } from './shape';

export interface SpendLimit {
  /** Cents, as the API sends it. */
  thresholdCents: number;
  /** "USD" */
  currency: string;
  /** "month" */
  interval: string;
  /** "enforcing" | "inactive" | a newer value; null when absent. */
  enforcement: string | null;
}

/**
 * The organization's hard spend limit, or null when none is set. The spec does not say how
 * "none" is answered: a 404, or a body without a threshold, both read as "not set".
 * **[guess]** Other failures (403, 5xx, …) are thrown for the caller to show as unknown.
 */
export async function getOrganizationSpendLimit(get: AdminGet): Promise<SpendLimit | null> {
  try {
    return await get('/organization/spend_limit', {}, parseSpendLimit);
  } catch (error) {
    if (error instanceof AdminApiError && error.status === 404) return null;
    throw error;
  }
}

export function parseSpendLimit(json: unknown): SpendLimit | null {
  const limit = asObject(json, 'response');
  if (limit['threshold_amount'] === undefined || limit['threshold_amount'] === null) return null;
  const enforcement = limit['enforcement'];
  return {
    thresholdCents: readCount(limit, 'threshold_amount', 'response'),
    currency: readString(limit, 'currency', 'response'),
    interval: readString(limit, 'interval', 'response'),
    enforcement:
      typeof enforcement === 'object' && enforcement !== null
        ? readOptionalString(asObject(enforcement, 'response.enforcement'), 'status', 'response.enforcement')
        : null,
  };
}
