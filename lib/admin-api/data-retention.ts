/**
 * Data retention controls (docs/facts.md §1): `GET /organization/data_retention` →
 * `{"object":"organization.data_retention","type":"modified_abuse_monitoring"}` and
 * `GET /organization/projects/{id}/data_retention` → `{"object":"project.data_retention",
 * "type":"organization_default"}`. The type is kept as sent: a type newer than this code is
 * shown as text and changes nothing.
 *
 * A key that may not read it (403), or an organization without the endpoint (404), is an
 * ordinary answer here, not an error.
 */
import type { AdminGet } from './admin-request';
import { AdminApiError } from './errors';
import { asObject, readString } from './shape';

export type RetentionRead = { state: 'type'; type: string } | { state: 'not-available'; status: number | null };

export function dataRetentionPath(projectId: string | null): string {
  return projectId === null ? '/organization/data_retention' : `/organization/projects/${encodeURIComponent(projectId)}/data_retention`;
}

/** A type is an identifier: anything longer or stranger is not one this code should keep. */
const TYPE = /^[a-z0-9_.-]{1,64}$/i;

export function parseDataRetention(json: unknown): string {
  const type = readString(asObject(json, 'response'), 'type', 'response');
  return TYPE.test(type) ? type : 'unrecognized';
}

export async function readDataRetention(get: AdminGet, projectId: string | null): Promise<RetentionRead> {
  try {
    return { state: 'type', type: await get(dataRetentionPath(projectId), {}, parseDataRetention) };
  } catch (error) {
    if (error instanceof AdminApiError && (error.kind === 'forbidden' || error.status === 404)) {
      return { state: 'not-available', status: error.status };
    }
    throw error;
  }
}

/** Types under which OpenAI keeps no request data, so there are no logs to see (spec enum). */
export const ZERO_RETENTION_TYPES: readonly string[] = ['zero_data_retention', 'enhanced_zero_data_retention'];
/** A project's type that defers to the organization's. */
export const ORGANIZATION_DEFAULT = 'organization_default';
