/**
 * The logging setting's changes as the audit log records them (docs/facts.md §1 and §3):
 * `organization.updated` events whose `changes_requested` carry `api_call_logging` and/or
 * `api_call_logging_project_ids`. Only these fields and the time are kept: the actor
 * (e-mail, IP address) is never read, so nothing personal is stored.
 *
 * Read cheaply: filtered to `event_types[]=organization.updated`, from a cursor
 * (`effective_at[gt]`), in a bounded number of pages. The spec lists events newest first;
 * a first read (no cursor) stops at the first page holding a setting.
 */
import type { AdminGet } from './admin-request';
import { followPages, listCursor } from './list-pages';
import { parseListPage } from './responses';
import { isOrganizationId, PROJECT_ID_SOURCE } from './scope';
import { asObject, readCount, readString } from './shape';

export const LOGGING_EVENT_TYPE = 'organization.updated';
/** The spec's range is 1–100. */
export const LOGGING_EVENTS_PAGE_SIZE = 100;

export interface LoggingChange {
  /** Unix seconds (the API's clock). */
  effectiveAt: number;
  /** `organization.updated.id`: the organization the setting belongs to. */
  organizationId: string | null;
  /** As sent (`disabled`, `enabled_per_call`, …, or a value newer than this code); null when only the selection changed. */
  setting: string | null;
  /** The selected projects, when the event carried them. */
  projectIds: string[] | null;
}

interface ParsedEvent {
  id: string;
  effectiveAt: number;
  change: LoggingChange | null;
}

const PROJECT_IDS = new RegExp(PROJECT_ID_SOURCE, 'g');
/** A selection no dashboard makes: the rest is ignored rather than stored. */
const MAX_PROJECT_IDS = 5_000;

/**
 * The spec types `api_call_logging_project_ids` as a string ("the list of project ids"), so
 * a list, a comma-separated string or a JSON array in a string are all read.
 */
function readProjectIds(value: unknown): string[] | null {
  if (Array.isArray(value)) return value.filter((id): id is string => typeof id === 'string').flatMap((id) => id.match(PROJECT_IDS) ?? []).slice(0, MAX_PROJECT_IDS);
  if (typeof value === 'string') return [...(value.match(PROJECT_IDS) ?? [])].slice(0, MAX_PROJECT_IDS);
  return null;
}

const asRecord = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

/** An audit-log event, reduced to its logging change (null for any other event or change). */
export function parseLoggingEvent(value: unknown, path: string): ParsedEvent {
  const event = asObject(value, path);
  const id = readString(event, 'id', path);
  const effectiveAt = readCount(event, 'effective_at', path);
  const type = readString(event, 'type', path);
  if (type !== LOGGING_EVENT_TYPE) return { id, effectiveAt, change: null };
  const payload = asRecord(event[type]);
  const changes = asRecord(payload?.['changes_requested']);
  const setting = typeof changes?.['api_call_logging'] === 'string' && changes['api_call_logging'] !== '' ? (changes['api_call_logging'] as string).slice(0, 100) : null;
  const projectIds = readProjectIds(changes?.['api_call_logging_project_ids']);
  if (setting === null && projectIds === null) return { id, effectiveAt, change: null };
  const organizationId = isOrganizationId(payload?.['id']) ? (payload['id'] as string) : null;
  return { id, effectiveAt, change: { effectiveAt, organizationId, setting, projectIds } };
}

export interface LoggingChangesQuery {
  /** Only events after this (Unix seconds); null: the newest setting, however old. */
  effectiveAfter: number | null;
  maxPages: number;
}

export interface LoggingChangesRead {
  /** Newest first. */
  changes: LoggingChange[];
  /** The newest effective_at among every event read (the next read's cursor); null when none was. */
  newestEffectiveAt: number | null;
  requests: number;
}

export async function readLoggingChanges(get: AdminGet, query: LoggingChangesQuery): Promise<LoggingChangesRead> {
  let newestEffectiveAt: number | null = null;
  let settingFound = false;
  const result = await followPages(
    async (after) => {
      const page = await get(
        '/organization/audit_logs',
        {
          'event_types[]': [LOGGING_EVENT_TYPE],
          ...(query.effectiveAfter === null ? {} : { 'effective_at[gt]': query.effectiveAfter }),
          limit: LOGGING_EVENTS_PAGE_SIZE,
          after,
        },
        (json) => parseListPage(json, parseLoggingEvent),
      );
      for (const event of page.items) newestEffectiveAt = Math.max(newestEffectiveAt ?? event.effectiveAt, event.effectiveAt);
      settingFound ||= page.items.some((event) => event.change?.setting != null);
      const cursor = listCursor(page);
      // A first read wants the newest setting only: older pages cannot change it.
      return query.effectiveAfter === null && settingFound ? { ...cursor, hasMore: false } : cursor;
    },
    { maxPages: query.maxPages },
  );
  const changes = result.items
    .flatMap((event) => (event.change ? [event.change] : []))
    .sort((a, b) => b.effectiveAt - a.effectiveAt);
  return { changes, newestEffectiveAt, requests: result.pages };
}
