/**
 * GET /organization/audit_logs (docs/facts.md §1; the API's schemas `AuditLog` and
 * `ListAuditLogsResponse`). Only id, type and effective_at are required there; every
 * other field is read leniently, so an event of a type this code has never seen, or with a
 * payload of a new shape, is still kept and shown, never dropped.
 */
import type { AdminGet } from './admin-request';
import { readListPages } from './list-pages';
import { parseListPage } from './responses';
import { asObject, readCount, readString, type JsonObject } from './shape';

export interface AuditActor {
  /** session: someone signed in to the dashboard; api-key: a key (user's or service account's). */
  kind: 'session' | 'api-key' | 'unknown';
  /** What to show: an e-mail, else a user, service-account or key id; null when the API named nobody. */
  label: string | null;
  /** The sign-in's IP address, when the API gave it. */
  ipAddress: string | null;
}

export interface AuditLogEvent {
  id: string;
  /** As sent, e.g. "api_key.created"; may be a type newer than this code. */
  type: string;
  /** Unix seconds (the API's clock). */
  effectiveAt: number;
  actor: AuditActor;
  /** Null for organization-wide events. Admin-key actions are filed under the Default project (spec). */
  project: { id: string; name: string | null } | null;
  /** `event[type].id`: the key, project, user or invite the event is about. */
  targetId: string | null;
  /** `organization.updated` → `changes_requested.api_call_logging`, when it changed. */
  apiCallLogging: string | null;
  /** `api_key.created` → `data.scopes`. */
  scopes: string[] | null;
  /** `invite.sent` → `data.email`; `user.*`/`service_account.*` → the role given. */
  subjectEmail: string | null;
  role: string | null;
}

/** The spec's range is 1–100; the largest page keeps a full read to the fewest requests. */
export const AUDIT_PAGE_SIZE = 100;

export interface AuditLogQuery {
  /** Only events whose effective_at is greater than this (Unix seconds). */
  effectiveAfter: number;
  maxPages: number;
  /** Filters the spec offers; the watch leaves both unset so no type is missed. */
  eventTypes?: readonly string[];
  projectIds?: readonly string[];
}

export interface AuditLogRead {
  /** As the API returned them (newest first, per the spec's example), across pages. */
  events: AuditLogEvent[];
  /** More events matched but `maxPages` was reached: the oldest part of the range was not read. */
  truncated: boolean;
  requests: number;
}

export async function readAuditLogs(get: AdminGet, query: AuditLogQuery): Promise<AuditLogRead> {
  const result = await readListPages(
    (after) =>
      get(
        '/organization/audit_logs',
        {
          // The API's own bracket syntax for the filters (spec: `effective_at[gt]`, `event_types[]`).
          'effective_at[gt]': query.effectiveAfter,
          'event_types[]': query.eventTypes,
          'project_ids[]': query.projectIds,
          limit: AUDIT_PAGE_SIZE,
          after,
        },
        (json) => parseListPage(json, parseAuditLogEvent),
      ),
    { maxPages: query.maxPages },
  );
  return { events: result.items, truncated: result.truncated, requests: result.pages };
}

export function parseAuditLogEvent(value: unknown, path: string): AuditLogEvent {
  const event = asObject(value, path);
  const type = readString(event, 'type', path);
  const payload = objectOrNull(event[type]);
  const data = objectOrNull(payload?.['data']);
  const changes = objectOrNull(payload?.['changes_requested']);
  const project = objectOrNull(event['project']);
  const projectId = stringOrNull(project?.['id']);
  return {
    id: readString(event, 'id', path),
    type,
    effectiveAt: readCount(event, 'effective_at', path),
    actor: parseActor(objectOrNull(event['actor'])),
    project: projectId === null ? null : { id: projectId, name: stringOrNull(project?.['name']) },
    targetId: stringOrNull(payload?.['id']),
    apiCallLogging: stringOrNull(changes?.['api_call_logging']),
    scopes: stringList(data?.['scopes']) ?? stringList(changes?.['scopes']),
    subjectEmail: stringOrNull(data?.['email']),
    role: stringOrNull(data?.['role']) ?? stringOrNull(changes?.['role']),
  };
}

function parseActor(actor: JsonObject | null): AuditActor {
  const type = stringOrNull(actor?.['type']);
  if (type === 'session') {
    const session = objectOrNull(actor?.['session']);
    const user = objectOrNull(session?.['user']);
    return {
      kind: 'session',
      label: stringOrNull(user?.['email']) ?? stringOrNull(user?.['id']),
      ipAddress: stringOrNull(session?.['ip_address']),
    };
  }
  if (type === 'api_key') {
    const key = objectOrNull(actor?.['api_key']);
    const user = objectOrNull(key?.['user']);
    const serviceAccount = objectOrNull(key?.['service_account']);
    return {
      kind: 'api-key',
      label:
        stringOrNull(user?.['email']) ??
        stringOrNull(user?.['id']) ??
        stringOrNull(serviceAccount?.['id']) ??
        stringOrNull(key?.['id']),
      ipAddress: null,
    };
  }
  return { kind: 'unknown', label: null, ipAddress: null };
}

function objectOrNull(value: unknown): JsonObject | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : null;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function stringList(value: unknown): string[] | null {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : null;
}
